/*
 * interp.c - variable interpolation exactly as Compose's template package
 * does it (see interp.h for the grammar and the bounds).
 */
#include "interp.h"

#include <string.h>

#include "../core/buf.h"

struct interp {
	struct ecs_arena *arena;
	const struct ecs_env *env;
	const char *s;
	struct ecs_interp_result *res;
	uint32_t cap_issues;
	bool too_large;		/* output cap reached: stop producing text */
	bool nomem;
};

static bool name_start(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool name_char(char c)
{
	return name_start(c) || (c >= '0' && c <= '9');
}

bool ecs_interp_needed(const char *text, size_t len)
{
	return memchr(text, '$', len) != NULL;
}

static void add_issue(struct interp *in, enum ecs_interp_kind kind, size_t start, size_t end,
		      const char *name, size_t name_len, const char *detail)
{
	struct ecs_interp_result *r = in->res;
	struct ecs_interp_issue *is;

	if (kind != ECS_INTERP_UNSET)
		r->failed = true;
	if (r->n_issues == ECS_INTERP_MAX_ISSUES) {
		r->n_unlisted++;
		return;
	}
	if (r->n_issues == in->cap_issues) {
		uint32_t cap = in->cap_issues ? in->cap_issues * 2 : 4;
		struct ecs_interp_issue *v = ecs_arena_grow(in->arena, r->issues, r->n_issues, cap, sizeof(*v));
		if (!v) {
			in->nomem = true;
			return;
		}
		r->issues = v;
		in->cap_issues = cap;
	}
	is = &r->issues[r->n_issues++];
	is->kind = kind;
	is->start = (uint32_t)start;
	is->end = (uint32_t)end;
	is->name = name ? ecs_arena_strndup(in->arena, name, name_len) : NULL;
	is->detail = detail ? ecs_arena_strdup(in->arena, detail) : NULL;
	if ((name && !is->name) || (detail && !is->detail))
		in->nomem = true;
}

static void emit(struct interp *in, struct ecs_buf *out, const char *p, size_t n)
{
	if (in->too_large)
		return;
	if (out->len + n > ECS_INTERP_MAX_OUTPUT) {
		in->too_large = true;
		return;
	}
	ecs_buf_add(out, p, n);
}

/* The end of a malformed expression for its span: its first '}' on the line, else the line's end. */
static size_t malformed_end(const char *s, size_t k, size_t end)
{
	for (size_t t = k + 1; t < end && s[t] != '\n'; t++)
		if (s[t] == '}')
			return t + 1;
	while (k < end && s[k] != '\n')
		k++;
	return k;
}

static void expand(struct interp *in, size_t start, size_t end, struct ecs_buf *out, int depth);

/*
 * ${...} starting at s[k] == '$'.  Returns where scanning resumes.
 */
static size_t braced(struct interp *in, size_t k, size_t end, struct ecs_buf *out, int depth)
{
	const char *s = in->s;
	size_t n0 = k + 2, j = n0, arg, close, t, last = (size_t)-1;
	int open = 1;
	char op;
	bool colon = false;
	const struct ecs_env_entry *v;

	if (j >= end || !name_start(s[j])) {
		size_t e = malformed_end(s, k, end);
		add_issue(in, ECS_INTERP_MALFORMED, k, e, NULL, 0,
			  e > k && s[e - 1] == '}' ? "a variable name must follow '${'"
						   : "'${' is not closed by '}'");
		return e;
	}
	while (j < end && name_char(s[j]))
		j++;
	v = ecs_env_find(in->env, s + n0, j - n0);
	if (j < end && s[j] == '}') {
		if (v)
			emit(in, out, v->value, v->value_len);
		else
			add_issue(in, ECS_INTERP_UNSET, k, j + 1, s + n0, j - n0, NULL);
		return j + 1;
	}
	if (j + 1 < end && s[j] == ':' && (s[j + 1] == '-' || s[j + 1] == '+' || s[j + 1] == '?')) {
		colon = true;
		op = s[j + 1];
		arg = j + 2;
	} else if (j < end && (s[j] == '-' || s[j] == '+' || s[j] == '?')) {
		op = s[j];
		arg = j + 1;
	} else {
		size_t e = malformed_end(s, k, end);
		add_issue(in, ECS_INTERP_MALFORMED, k, e, NULL, 0,
			  j < end && s[j] != '\n' && e > k && s[e - 1] == '}'
				  ? "only ':-', '-', ':?', '?', ':+' or '+' may follow the variable name"
				  : "'${' is not closed by '}'");
		return e;
	}
	/* The '}' balancing this '${' (only "${" opens), else the last '}' of the line. */
	close = (size_t)-1;
	for (t = arg; t < end && s[t] != '\n'; t++) {
		if (s[t] == '}') {
			last = t;
			if (--open == 0) {
				close = t;
				break;
			}
		} else if (s[t] == '$' && t + 1 < end && s[t + 1] == '{') {
			open++;
			t++;
		}
	}
	if (close == (size_t)-1)
		close = last;
	if (close == (size_t)-1) {
		add_issue(in, ECS_INTERP_MALFORMED, k, t, NULL, 0, "'${' is not closed by '}'");
		return t;
	}
	if (depth >= ECS_INTERP_MAX_DEPTH) {
		add_issue(in, ECS_INTERP_MALFORMED, k, close + 1, NULL, 0,
			  "expressions are nested more than 64 levels deep");
		return close + 1;
	}
	switch (op) {
	case '-':
		if (colon ? (!v || v->value_len == 0) : !v)
			expand(in, arg, close, out, depth + 1);
		else
			emit(in, out, v->value, v->value_len);
		break;
	case '+':
		if (colon ? (v && v->value_len > 0) : v != NULL)
			expand(in, arg, close, out, depth + 1);
		break;
	default:
		if (colon ? (!v || v->value_len == 0) : !v) {
			struct ecs_buf msg = ECS_BUF_INIT;
			expand(in, arg, close, &msg, depth + 1);
			if (msg.failed)
				in->nomem = true;
			add_issue(in, ECS_INTERP_REQUIRED, k, close + 1, s + n0, j - n0, msg.data ? msg.data : "");
			ecs_buf_release(&msg);
		} else {
			emit(in, out, v->value, v->value_len);
		}
		break;
	}
	return close + 1;
}

static void expand(struct interp *in, size_t start, size_t end, struct ecs_buf *out, int depth)
{
	const char *s = in->s;
	size_t i = start;

	while (i < end && !in->nomem) {
		const char *p = memchr(s + i, '$', end - i);
		size_t k, j;

		if (!p) {
			emit(in, out, s + i, end - i);
			return;
		}
		k = (size_t)(p - s);
		emit(in, out, s + i, k - i);
		if (k + 1 >= end) {
			emit(in, out, "$", 1);
			i = k + 1;
		} else if (s[k + 1] == '$') {
			emit(in, out, "$", 1);
			i = k + 2;
		} else if (name_start(s[k + 1])) {
			const struct ecs_env_entry *v;
			for (j = k + 2; j < end && name_char(s[j]); j++)
				;
			v = ecs_env_find(in->env, s + k + 1, j - k - 1);
			if (v)
				emit(in, out, v->value, v->value_len);
			else
				add_issue(in, ECS_INTERP_UNSET, k, j, s + k + 1, j - k - 1, NULL);
			i = j;
		} else if (s[k + 1] == '{') {
			i = braced(in, k, end, out, depth);
		} else {
			emit(in, out, "$", 1);
			i = k + 1;
		}
	}
}

int ecs_interp(struct ecs_arena *a, const struct ecs_env *env, const char *text, size_t len,
	       struct ecs_interp_result *out)
{
	struct interp in = { .arena = a, .env = env, .s = text, .res = out };
	struct ecs_buf buf = ECS_BUF_INIT;

	memset(out, 0, sizeof(*out));
	out->text = text;
	out->len = len;
	if (!ecs_interp_needed(text, len))
		return 0;
	expand(&in, 0, len, &buf, 0);
	if (in.too_large)
		add_issue(&in, ECS_INTERP_MALFORMED, 0, len, NULL, 0,
			  "the interpolated value would be larger than 16 MiB");
	if (buf.failed || in.nomem) {
		ecs_buf_release(&buf);
		return -1;
	}
	if (!out->failed && (buf.len != len || memcmp(buf.data ? buf.data : "", text, len) != 0)) {
		char *t = ecs_arena_strndup(a, buf.data ? buf.data : "", buf.len);
		if (!t) {
			ecs_buf_release(&buf);
			return -1;
		}
		out->text = t;
		out->len = buf.len;
		out->changed = true;
	}
	ecs_buf_release(&buf);
	return 0;
}
