/*
 * env.c - the variable table and the .env parser (Compose's dotenv syntax:
 * comments, `export`, KEY=VALUE and KEY: VALUE, quotes, escapes in double
 * quotes, multi-line quoted values, inline comments, interpolation).
 */
#include "env.h"

#include <string.h>
#include <sys/stat.h>

#include "../../checks/rules.h"
#include "interp.h"
#include "interp_tree.h"

static uint32_t hash_name(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

void ecs_env_init(struct ecs_env *e, struct ecs_arena *a)
{
	memset(e, 0, sizeof(*e));
	e->arena = a;
}

static struct ecs_env_entry *slot_for(const struct ecs_env *e, const char *name, size_t len)
{
	uint32_t mask = e->cap - 1, i = hash_name(name, len) & mask;

	while (e->slots[i].name) {
		if (e->slots[i].name_len == len && memcmp(e->slots[i].name, name, len) == 0)
			return &e->slots[i];
		i = (i + 1) & mask;
	}
	return &e->slots[i];
}

static int grow(struct ecs_env *e)
{
	uint32_t cap = e->cap ? e->cap * 2 : 64;
	struct ecs_env_entry *old = e->slots;
	uint32_t old_cap = e->cap;

	e->slots = ecs_arena_zalloc(e->arena, (size_t)cap * sizeof(*e->slots));
	if (!e->slots) {
		e->slots = old;
		return -1;
	}
	e->cap = cap;
	for (uint32_t i = 0; i < old_cap; i++)
		if (old[i].name)
			*slot_for(e, old[i].name, old[i].name_len) = old[i];
	return 0;
}

const struct ecs_env_entry *ecs_env_find(const struct ecs_env *e, const char *name, size_t name_len)
{
	const struct ecs_env_entry *s;

	if (!e || !e->cap)
		return NULL;
	s = slot_for(e, name, name_len);
	return s->name ? s : NULL;
}

const char *ecs_env_get(const struct ecs_env *e, const char *name)
{
	const struct ecs_env_entry *s = ecs_env_find(e, name, strlen(name));

	return s ? s->value : NULL;
}

int ecs_env_set(struct ecs_env *e, const char *name, size_t name_len, const char *value,
		size_t value_len, bool from_os)
{
	struct ecs_env_entry *s;

	if ((e->n + 1) * 2 > e->cap && grow(e) < 0)
		return -1;
	s = slot_for(e, name, name_len);
	if (s->name && s->from_os && !from_os)
		return 0;
	if (!s->name) {
		s->name = ecs_arena_strndup(e->arena, name, name_len);
		if (!s->name)
			return -1;
		s->name_len = (uint32_t)name_len;
		e->n++;
	}
	s->value = ecs_arena_strndup(e->arena, value, value_len);
	if (!s->value)
		return -1;
	s->value_len = (uint32_t)value_len;
	s->from_os = from_os;
	return 0;
}

int ecs_env_load_environ(struct ecs_env *e, char *const *envp)
{
	for (size_t i = 0; envp && envp[i]; i++) {
		const char *eq = strchr(envp[i], '=');
		if (!eq || eq == envp[i])
			continue;
		if (ecs_env_set(e, envp[i], (size_t)(eq - envp[i]), eq + 1, strlen(eq + 1), true) < 0)
			return -1;
	}
	return 0;
}

int ecs_env_copy(struct ecs_env *e, const struct ecs_env *src)
{
	for (uint32_t i = 0; i < src->cap; i++) {
		const struct ecs_env_entry *s = &src->slots[i];
		if (s->name && ecs_env_set(e, s->name, s->name_len, s->value, s->value_len, s->from_os) < 0)
			return -1;
	}
	return 0;
}

/* --- .env parsing ------------------------------------------------------------ */

struct envp {
	struct ecs_run *r;
	const struct ecs_source *src;
	struct ecs_env *e;
	const char *s;
	size_t len;
};

/* Whitespace that is not a line break (dotenv's isSpace, byte-wise). */
static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';
}

static void syntax_error(struct envp *p, size_t start, size_t end, const char *help, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void syntax_error(struct envp *p, size_t start, size_t end, const char *help, const char *fmt, ...)
{
	struct ecs_span sp = ecs_source_span(p->src, start, end);
	struct ecs_diag *d;
	va_list ap;

	va_start(ap, fmt);
	d = ecs_diag_vadd(&p->r->diags, &ECS115_rule, &sp, NULL, fmt, ap);
	va_end(ap);
	if (help)
		ecs_diag_help(&p->r->diags, d, "%s", help);
}

/* Reports a value's interpolation issues; template byte k came from source byte map[k]. */
static int report_issues(struct envp *p, const struct ecs_interp_result *res, const uint32_t *map,
			 size_t map_len)
{
	uint32_t *starts = ecs_arena_alloc(&p->r->arena, (res->n_issues + 1) * sizeof(*starts));
	uint32_t *ends = ecs_arena_alloc(&p->r->arena, (res->n_issues + 1) * sizeof(*ends));

	if (!starts || !ends)
		return -1;
	for (uint32_t i = 0; i < res->n_issues; i++) {
		const struct ecs_interp_issue *is = &res->issues[i];
		starts[i] = is->start < map_len ? map[is->start] : map[map_len - 1];
		ends[i] = is->end > 0 && is->end - 1 < map_len ? map[is->end - 1] + 1 : starts[i] + 1;
	}
	ecs_interp_report(p->r, p->src, res, starts, ends);
	return 0;
}

/* Interpolates template (with its source map) and sets key. */
static int set_value(struct envp *p, const char *key, size_t key_len, const char *tmpl, size_t tlen,
		     const uint32_t *map, bool interpolate)
{
	struct ecs_interp_result res;

	if (!interpolate)
		return ecs_env_set(p->e, key, key_len, tmpl, tlen, false);
	if (ecs_interp(&p->r->arena, p->e, tmpl, tlen, &res) < 0)
		return -1;
	if (res.n_issues && report_issues(p, &res, map, tlen) < 0)
		return -1;
	if (res.failed)
		return 0;
	return ecs_env_set(p->e, key, key_len, res.text, res.len, false);
}

static int octal(char c)
{
	return c >= '0' && c <= '7' ? c - '0' : -1;
}

/* Decodes a double-quoted value [a, b) into a template ('\$' becomes "$$") with its map. */
static size_t decode_double(const char *s, size_t a, size_t b, char *out, uint32_t *map)
{
	static const char from[] = "abfnrtv\\\"", to[] = "\a\b\f\n\r\t\v\\\"";
	size_t n = 0;

	for (size_t i = a; i < b; i++) {
		const char *hit;
		if (s[i] != '\\' || i + 1 >= b) {
			map[n] = (uint32_t)i;
			out[n++] = s[i];
			continue;
		}
		if (s[i + 1] == '$') {
			map[n] = (uint32_t)i;
			out[n++] = '$';
			map[n] = (uint32_t)i + 1;
			out[n++] = '$';
			i++;
		} else if (s[i + 1] == '0') {
			int v = 0, k = 0;
			while (k < 3 && i + 2 + (size_t)k < b && octal(s[i + 2 + k]) >= 0)
				v = v * 8 + octal(s[i + 2 + k++]);
			map[n] = (uint32_t)i;
			out[n++] = (char)v;
			i += 1 + (size_t)k;
		} else if ((hit = strchr(from, s[i + 1])) != NULL && s[i + 1]) {
			map[n] = (uint32_t)i;
			out[n++] = to[hit - from];
			i++;
		} else {
			map[n] = (uint32_t)i;
			out[n++] = s[i];
		}
	}
	return n;
}

/* Parses a quoted value starting at the quote at q; returns where parsing resumes, or (size_t)-1 to stop. */
static size_t quoted_value(struct envp *p, size_t q, const char *key, size_t key_len, int *err)
{
	const char *s = p->s;
	char quote = s[q];
	size_t i, n, line_end;
	char *buf;
	uint32_t *map;

	for (i = q + 1; i < p->len; i++)
		if (s[i] == quote && s[i - 1] != '\\')
			break;
	if (i >= p->len) {
		for (line_end = q; line_end < p->len && s[line_end] != '\n'; line_end++)
			;
		syntax_error(p, q, line_end, "close the value with its quote",
			     "unterminated quoted value for '%.*s'", (int)key_len, key);
		return (size_t)-1;
	}
	buf = ecs_arena_alloc(&p->r->arena, i - q + 1);
	map = ecs_arena_alloc(&p->r->arena, (i - q + 1) * sizeof(*map));
	if (!buf || !map) {
		*err = -1;
		return (size_t)-1;
	}
	if (quote == '"') {
		n = decode_double(s, q + 1, i, buf, map);
	} else {
		n = 0;
		for (size_t k = q + 1; k < i; k++) {
			if (s[k] == '\\' && k + 1 < i && s[k + 1] == '\'')
				k++;
			map[n] = (uint32_t)k;
			buf[n++] = s[k];
		}
	}
	if (set_value(p, key, key_len, buf, n, map, quote == '"') < 0) {
		*err = -1;
		return (size_t)-1;
	}
	/* After the closing quote: blanks and a comment end the entry; anything else starts the next one. */
	i++;
	while (i < p->len && blank(s[i]))
		i++;
	if (i < p->len && s[i] == '#')
		while (i < p->len && s[i] != '\n')
			i++;
	return i;
}

static size_t unquoted_value(struct envp *p, size_t v, const char *key, size_t key_len, int *err)
{
	const char *s = p->s;
	size_t e = v, cut;
	uint32_t *map;

	while (e < p->len && s[e] != '\n')
		e++;
	cut = e;
	for (size_t k = v + 1; k < e; k++)
		if (s[k] == '#' && s[k - 1] == ' ') {
			cut = k;
			break;
		}
	while (cut > v && (blank(s[cut - 1])))
		cut--;
	map = ecs_arena_alloc(&p->r->arena, (cut - v + 1) * sizeof(*map));
	if (!map) {
		*err = -1;
		return (size_t)-1;
	}
	for (size_t k = v; k < cut; k++)
		map[k - v] = (uint32_t)k;
	if (set_value(p, key, key_len, s + v, cut - v, map, true) < 0) {
		*err = -1;
		return (size_t)-1;
	}
	return e;
}

static bool key_char(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c == '_' || c == '.' || c == '-' || c == '[' || c == ']';
}

static int parse_dotenv(struct ecs_run *r, const struct ecs_source *src, struct ecs_env *e)
{
	struct envp p = { .r = r, .src = src, .e = e, .s = src->data, .len = src->len };
	const char *s = src->data;
	size_t i = 0;
	int err = 0;

	if (p.len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < p.len) {
		size_t k0, k, key_end, sep;

		while (i < p.len && (blank(s[i]) || s[i] == '\n'))
			i++;
		if (i >= p.len)
			break;
		if (s[i] == '#') {
			while (i < p.len && s[i] != '\n')
				i++;
			continue;
		}
		if (p.len - i > 7 && memcmp(s + i, "export", 6) == 0 && blank(s[i + 6])) {
			i += 6;
			while (i < p.len && blank(s[i]))
				i++;
		}
		k0 = i;
		for (k = i; k < p.len && s[k] != '=' && s[k] != ':' && s[k] != '\n'; k++) {
			if (blank(s[k]) || key_char((unsigned char)s[k]))
				continue;
			size_t le = k;
			while (le < p.len && s[le] != '\n')
				le++;
			syntax_error(&p, k, k + 1, "a variable name holds letters, digits, '_', '.', '-', '[' and ']'",
				     "unexpected character '%c' in variable name '%.*s'", s[k], (int)(k - k0), s + k0);
			i = le;
			goto next;
		}
		key_end = k;
		while (key_end > k0 && blank(s[key_end - 1]))
			key_end--;
		for (size_t t = k0; t < key_end; t++) {
			if (blank(s[t])) {
				syntax_error(&p, k0, key_end, "remove the space or quote the value after '='",
					     "variable name '%.*s' contains a space", (int)(key_end - k0), s + k0);
				for (i = k; i < p.len && s[i] != '\n'; i++)
					;
				goto next;
			}
		}
		if (key_end == k0) {
			size_t le = k;
			while (le < p.len && s[le] != '\n')
				le++;
			syntax_error(&p, k0, le > k0 ? le : k0 + 1, "write NAME=value", "the line has no variable name");
			i = le;
			continue;
		}
		if (k >= p.len || s[k] == '\n') {
			/* `NAME` alone: inherited from the environment, or not set at all. */
			i = k;
			continue;
		}
		sep = k + 1;
		while (sep < p.len && blank(s[sep]))
			sep++;
		if (sep < p.len && (s[sep] == '"' || s[sep] == '\''))
			i = quoted_value(&p, sep, s + k0, key_end - k0, &err);
		else
			i = unquoted_value(&p, sep, s + k0, key_end - k0, &err);
		if (i == (size_t)-1)
			break;
next:
		;
	}
	return err < 0 || r->arena.failed ? -1 : 0;
}

/*
 * A file can be parsed more than once in a run (the project's .env read
 * for interpolation is often a service's env_file too, with a different
 * variable table): its problems are the file's, so only the first parse
 * reports them.
 */
int ecs_env_parse_file(struct ecs_run *r, struct ecs_source *src, struct ecs_env *e)
{
	struct ecs_diags saved;
	int rc;

	if (!src->env_reported) {
		src->env_reported = true;
		return parse_dotenv(r, src, e);
	}
	saved = r->diags;
	ecs_diags_init(&r->diags, &r->arena);
	rc = parse_dotenv(r, src, e);
	r->diags = saved;
	return rc;
}

struct ecs_source *ecs_env_read(struct ecs_run *r, const char *path, const char *display)
{
	struct stat want, have;

	if (strcmp(path, "-") != 0 && stat(path, &want) == 0) {
		for (uint32_t i = 0; i < r->files.n; i++) {
			struct ecs_source *src = r->files.v[i];

			if (src->origin && strcmp(src->origin, "-") != 0 && stat(src->origin, &have) == 0 &&
			    have.st_dev == want.st_dev && have.st_ino == want.st_ino)
				return src;
		}
	}
	return ecs_run_read(r, path, display);
}
