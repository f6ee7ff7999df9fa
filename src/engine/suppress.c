/*
 * suppress.c - finding `# ecslint: disable...` comments and applying them.
 */
#include "suppress.h"

#include <stdlib.h>
#include <string.h>

#include "../../checks/rules.h"

/* Byte ranges of quoted and block scalars: a '#' inside one is not a comment. */
struct text_ranges {
	uint32_t (*v)[2];
	size_t n, cap;
};

static int ranges_add(struct text_ranges *r, struct ecs_arena *a, uint32_t start, uint32_t end)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		void *v = ecs_arena_grow(a, r->v, r->n, cap, sizeof(*r->v));
		if (!v)
			return -1;
		r->v = v;
		r->cap = cap;
	}
	r->v[r->n][0] = start;
	r->v[r->n][1] = end;
	r->n++;
	return 0;
}

/*
 * Plain scalars never contain " #" (YAML ends them there), so only the
 * other styles can hide a '#' that looks like a comment.  Aliases are not
 * followed: their target is walked where it is written.
 */
static int collect_ranges(const struct ecs_node *n, uint32_t file, struct text_ranges *r, struct ecs_arena *a,
			  unsigned depth)
{
	if (!n || depth > 10000)
		return 0;
	switch (n->kind) {
	case ECS_NODE_SCALAR:
		if (n->style != ECS_STYLE_PLAIN && n->span.file == file)
			return ranges_add(r, a, n->span.start.byte, n->span.end.byte);
		return 0;
	case ECS_NODE_MAPPING:
		for (uint32_t i = 0; i < n->map.n; i++) {
			if (n->map.pairs[i].from_merge)
				continue;
			if (collect_ranges(n->map.pairs[i].key, file, r, a, depth + 1) < 0 ||
			    collect_ranges(n->map.pairs[i].value, file, r, a, depth + 1) < 0)
				return -1;
		}
		return 0;
	case ECS_NODE_SEQUENCE:
		for (uint32_t i = 0; i < n->seq.n; i++)
			if (collect_ranges(n->seq.items[i], file, r, a, depth + 1) < 0)
				return -1;
		return 0;
	default:
		return 0;
	}
}

static int cmp_range(const void *pa, const void *pb)
{
	const uint32_t *a = pa, *b = pb;

	return a[0] < b[0] ? -1 : a[0] > b[0];
}

/* Ranges nest only through keys and values that never overlap, so a sorted scan suffices. */
static bool in_ranges(const struct text_ranges *r, uint32_t byte)
{
	size_t lo = 0, hi = r->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (r->v[mid][0] <= byte)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && byte < r->v[lo - 1][1];
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The first byte of the line's comment, or -1. */
static long line_comment(const char *line, size_t len, uint32_t line_start, const struct text_ranges *r)
{
	for (size_t i = 0; i < len; i++) {
		if (line[i] != '#')
			continue;
		if (i > 0 && !is_blank(line[i - 1]))
			continue;
		if (in_ranges(r, line_start + (uint32_t)i))
			continue;
		return (long)i;
	}
	return -1;
}

static bool only_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!is_blank(s[i]))
			return false;
	return true;
}

/*
 * next[l]: the first line after l that holds something besides blanks and
 * comments, or 0.  One backward pass, so a file of directives stays linear.
 */
static uint32_t *next_content_lines(const struct ecs_source *src, const struct text_ranges *r, struct ecs_arena *a)
{
	uint32_t *next = ecs_arena_zalloc(a, ((size_t)src->n_lines + 2) * sizeof(*next));

	if (!next)
		return NULL;
	for (uint32_t l = src->n_lines; l >= 1; l--) {
		size_t len;
		const char *text = ecs_source_line(src, l, &len);
		long c = line_comment(text, len, src->line_starts[l - 1], r);

		next[l - 1] = only_blank(text, c >= 0 ? (size_t)c : len) ? next[l] : l;
	}
	return next;
}

struct scan {
	const struct ecs_source *src;
	struct ecs_arena *a;
	struct ecs_diags *d;
	struct ecs_suppressions *out;
	const struct text_ranges *ranges;
	const uint32_t *next;	/* next_content_lines() */
};

static int add_suppression(struct scan *s, enum ecs_suppress_scope scope, uint32_t line,
			   const struct ecs_rule *rule, uint32_t start, uint32_t end)
{
	struct ecs_suppressions *out = s->out;

	if (out->n == out->cap) {
		size_t cap = out->cap ? out->cap * 2 : 16;
		void *v = ecs_arena_grow(s->a, out->v, out->n, cap, sizeof(*out->v));
		if (!v)
			return -1;
		out->v = v;
		out->cap = cap;
	}
	out->v[out->n] = (struct ecs_suppression){
		.file = s->src->index, .line = line, .scope = scope, .rule = rule,
		.span = ecs_source_span(s->src, start, end),
	};
	out->n++;
	return 0;
}

static const struct {
	const char *word;
	int kind;	/* 0 disable, 1 disable-line, 2 disable-next-line, 3 disable-file */
} actions[] = {
	{ "disable", 0 }, { "disable-line", 1 }, { "disable-next-line", 2 }, { "disable-file", 3 },
};

static bool is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/*
 * Parses one comment (text after '#', starting at byte off of the file)
 * on line `line`; trailing tells whether content precedes it on the line.
 */
static int parse_directive(struct scan *s, const char *c, size_t len, uint32_t off, uint32_t line, bool trailing)
{
	size_t i = 0, w;
	bool colon = false;
	int kind = -1;
	uint32_t target;
	enum ecs_suppress_scope scope = ECS_SUPPRESS_LINE;

	while (i < len && is_blank(c[i]))
		i++;
	if (len - i < 7 || strncmp(c + i, "ecslint", 7) != 0)
		return 0;
	i += 7;
	if (i < len && c[i] == ':') {
		colon = true;
		i++;
	} else if (i < len && !is_blank(c[i])) {
		return 0;	/* "ecslintrc" and the like: not ours */
	}
	while (i < len && is_blank(c[i]))
		i++;
	for (w = i; w < len && is_word(c[w]); w++)
		;
	for (size_t k = 0; k < sizeof(actions) / sizeof(actions[0]); k++)
		if (strlen(actions[k].word) == w - i && strncmp(actions[k].word, c + i, w - i) == 0)
			kind = actions[k].kind;
	if (kind < 0) {
		/* Without the colon, "# ecslint checks this file" is prose, not a directive. */
		if (!colon)
			return 0;
		size_t end = w > i ? w : i < len ? i + 1 : i;
		struct ecs_span sp = ecs_source_span(s->src, off + i, off + end);
		struct ecs_diag *dg = w > i ? ecs_diag_add(s->d, &ECS902_rule, &sp, NULL,
							   "unknown ecslint directive '%.*s'", (int)(w - i), c + i)
					    : ecs_diag_add(s->d, &ECS902_rule, &sp, NULL, "ecslint directive has no action");
		ecs_diag_help(s->d, dg, "use disable, disable-line, disable-next-line or disable-file");
		return dg ? 0 : -1;
	}
	i = w;
	if (i < len && c[i] == '=')
		i++;
	switch (kind) {
	case 0: target = trailing ? line : s->next[line]; break;
	case 1: target = line; break;
	case 2: target = s->next[line]; break;
	default: target = 0; scope = ECS_SUPPRESS_FILE; break;
	}
	bool any = false;
	while (i < len) {
		while (i < len && (is_blank(c[i]) || c[i] == ','))
			i++;
		if (i + 1 < len && c[i] == '-' && c[i + 1] == '-')
			break;	/* the reason */
		if (i >= len)
			break;
		for (w = i; w < len && is_word(c[w]); w++)
			;
		if (w == i)
			w = i + 1;	/* a stray character: report it as a name */
		char *name = ecs_arena_strndup(s->a, c + i, w - i);
		if (!name)
			return -1;
		const struct ecs_rule *rule = ecs_rule_find(name);
		if (!rule && name[0] >= 'a' && name[0] <= 'z' && strncmp(name, "ecs", 3) == 0) {
			for (char *p = name; *p; p++)
				if (*p >= 'a' && *p <= 'z')
					*p = (char)(*p - 'a' + 'A');
			rule = ecs_rule_find(name);
		}
		if (!rule) {
			struct ecs_span sp = ecs_source_span(s->src, off + i, off + w);
			struct ecs_diag *dg = ecs_diag_add(s->d, &ECS902_rule, &sp, NULL,
							   "unknown rule '%.*s' in ecslint directive",
							   (int)(w - i), c + i);
			ecs_diag_help(s->d, dg, "'ecslint rules' lists every rule id and name");
			if (!dg)
				return -1;
		} else if (scope == ECS_SUPPRESS_LINE && target == 0) {
			/* disable-next-line at the end of the file covers nothing: unused, reported later. */
			if (add_suppression(s, scope, s->src->n_lines + 1, rule, off + i, off + w) < 0)
				return -1;
		} else if (add_suppression(s, scope, target, rule, off + i, off + w) < 0) {
			return -1;
		}
		any = true;
		i = w;
	}
	if (!any) {
		uint32_t at = off + (uint32_t)i;
		struct ecs_span sp = ecs_source_span(s->src, at > off ? at - 1 : at, at);
		struct ecs_diag *dg = ecs_diag_add(s->d, &ECS902_rule, &sp, NULL,
						   "ecslint directive names no rule");
		ecs_diag_help(s->d, dg, "name the rules: '# ecslint: disable=ECS202'");
		if (!dg)
			return -1;
	}
	return 0;
}

int ecs_suppress_scan(const struct ecs_source *src, const struct ecs_node *root, struct ecs_arena *a,
		      struct ecs_diags *d, struct ecs_suppressions *out)
{
	struct text_ranges ranges = { 0 };
	struct scan s = { src, a, d, out, &ranges, NULL };

	/* Cheap exit for the common file without directives. */
	if (!src->data || !strstr(src->data, "ecslint"))
		return 0;
	if (collect_ranges(root, src->index, &ranges, a, 0) < 0)
		return -1;
	if (ranges.n)
		qsort(ranges.v, ranges.n, sizeof(*ranges.v), cmp_range);
	s.next = next_content_lines(src, &ranges, a);
	if (!s.next)
		return -1;
	for (uint32_t l = 1; l <= src->n_lines; l++) {
		size_t len;
		const char *text = ecs_source_line(src, l, &len);
		uint32_t start = src->line_starts[l - 1];
		long c = line_comment(text, len, start, &ranges);

		if (c < 0)
			continue;
		if (parse_directive(&s, text + c + 1, len - (size_t)c - 1, start + (uint32_t)c + 1, l,
				    !only_blank(text, (size_t)c)) < 0)
			return -1;
	}
	return 0;
}

static int cmp_key(uint32_t file, int scope, uint32_t line, const char *rule, const struct ecs_suppression *b)
{
	int c;

	if (file != b->file)
		return file < b->file ? -1 : 1;
	if (scope != (int)b->scope)
		return scope < (int)b->scope ? -1 : 1;
	if (line != b->line)
		return line < b->line ? -1 : 1;
	c = strcmp(rule, b->rule->id);
	return c;
}

static int cmp_sup(const void *pa, const void *pb)
{
	const struct ecs_suppression *a = pa, *b = pb;
	int c = cmp_key(a->file, a->scope, a->line, a->rule->id, b);

	if (c)
		return c;
	return a->span.start.byte < b->span.start.byte ? -1 : a->span.start.byte > b->span.start.byte;
}

/* The first suppression (in source order) with this key, or NULL. */
static struct ecs_suppression *find(struct ecs_suppressions *s, uint32_t file, int scope, uint32_t line,
				    const char *rule)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cmp_key(file, scope, line, rule, &s->v[mid]) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->n && cmp_key(file, scope, line, rule, &s->v[lo]) == 0 ? &s->v[lo] : NULL;
}

void ecs_suppress_apply(struct ecs_suppressions *s, struct ecs_diags *d, size_t from)
{
	/* File-wide directives keep line 0, so one ordering serves both lookups. */
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].scope == ECS_SUPPRESS_FILE)
			s->v[i].line = 0;
	if (s->n > 1)
		qsort(s->v, s->n, sizeof(*s->v), cmp_sup);
	for (size_t i = from; i < d->n; i++) {
		struct ecs_diag *diag = d->v[i];
		struct ecs_suppression *hit;

		if (ecs_rule_is_mandatory(diag->rule))
			continue;
		/*
		 * The first matching directive takes the finding; a repeated
		 * one matches nothing and is reported unused.
		 */
		hit = find(s, diag->span.file, ECS_SUPPRESS_LINE, diag->span.start.line, diag->rule->id);
		if (!hit)
			hit = find(s, diag->span.file, ECS_SUPPRESS_FILE, 0, diag->rule->id);
		if (!hit)
			continue;
		diag->suppressed = true;
		hit->used = true;
	}
}
