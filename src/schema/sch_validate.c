/*
 * sch_validate.c - walks the YAML tree and the compiled schema together,
 * once: every node is visited once per schema that applies to it, so the
 * cost is linear in the document.  Findings are collected first and only
 * turned into diagnostics at the end, because a oneOf/anyOf keeps the
 * findings of the one branch the value most plausibly meant.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../../checks/rules.h"
#include "schema_internal.h"

int sch_push(struct sch_state *st, const char *key, uint32_t index, const struct ecs_node *key_node)
{
	if (st->depth == st->cap_segs) {
		uint32_t cap = st->cap_segs ? st->cap_segs * 2 : 32;
		struct sch_seg *ns = realloc(st->segs, cap * sizeof(*ns));
		if (!ns) {
			st->nomem = true;
			return -1;
		}
		st->segs = ns;
		st->cap_segs = cap;
	}
	st->segs[st->depth].key = key;
	st->segs[st->depth].index = index;
	st->segs[st->depth].key_node = key_node;
	st->depth++;
	return 0;
}

void sch_pop(struct sch_state *st)
{
	st->depth--;
}

static void validate(struct sch_state *st, const struct sch *n, const struct ecs_node *at);

static int cmp_prop_key(const void *key, const void *elem)
{
	return strcmp(key, ((const struct sch_prop *)elem)->name);
}

static bool key_is_string(const struct ecs_node *key)
{
	struct ecs_scalar_value v;
	return ecs_scalar_resolve(key, &v) && v.type == ECS_SCALAR_STRING;
}

/* `key: !reset ...` removes the key before Compose validates: nothing to check. */
static bool is_reset(const struct ecs_node *v)
{
	v = ecs_node_deref(v);
	return v && v->tag && strcmp(v->tag, "!reset") == 0;
}

static void validate_pair(struct sch_state *st, const struct sch *n, const struct ecs_pair *p,
			  const struct ecs_node *map)
{
	const char *key = ecs_node_text(p->key);
	const struct sch_prop *prop;
	bool matched = false;

	if (is_reset(p->value))
		return;

	if (!key) {
		sch_report(st, &ECS102_rule, p->key, "keys %s must be strings, not %s",
			   sch_in(st, st->depth), sch_type_name(sch_node_type(p->key, &(struct ecs_scalar_value){0})));
		return;
	}
	if (sch_push(st, key, 0, p->key) < 0)
		return;
	if (!key_is_string(p->key)) {
		struct sch_finding *f = sch_report(st, &ECS102_rule, p->key, "key '%s' %s must be a string",
						   key, sch_in(st, st->depth - 1));
		sch_help(st, f, "quote it: \"%s\"", key);
	}
	prop = n->n_props ? bsearch(key, n->props, n->n_props, sizeof(*n->props), cmp_prop_key) : NULL;
	if (prop) {
		validate(st, prop->schema, p->value);
		matched = true;
	}
	for (uint32_t i = 0; i < n->n_pattern_props; i++) {
		const struct sch_pattern_prop *pp = &n->pattern_props[i];

		if (pp->schema->trivial && matched)
			continue;	/* nothing left to learn from this pattern */
		if (!sch_regex_match(pp->re, key, strlen(key), st->md))
			continue;
		matched = true;
		if (pp->schema->never)
			sch_report_unknown(st, n, key, p->key, true, map, p->from_merge);
		else
			validate(st, pp->schema, p->value);
	}
	if (!matched && n->additional) {
		if (n->additional->never)
			sch_report_unknown(st, n, key, p->key, false, map, p->from_merge);
		else
			validate(st, n->additional, p->value);
	}
	sch_pop(st);
}

static void validate_object(struct sch_state *st, const struct sch *n, const struct ecs_node *v,
			    const struct ecs_node *at)
{
	for (uint32_t i = 0; i < v->map.n; i++)
		validate_pair(st, n, &v->map.pairs[i], v);
	for (uint32_t i = 0; i < n->n_required; i++) {
		const struct ecs_node *parent_key = st->depth ? st->segs[st->depth - 1].key_node : NULL;

		const struct ecs_pair *p = ecs_node_map_pair(v, n->required[i]);

		if (p && !is_reset(p->value))
			continue;
		sch_report(st, &ECS104_rule, parent_key ? parent_key : at, "missing required attribute '%s' %s",
			   n->required[i], sch_in(st, st->depth));
	}
}

static void validate_array(struct sch_state *st, const struct sch *n, const struct ecs_node *v,
			   const struct ecs_node *at)
{
	if (n->items && !n->items->trivial) {
		for (uint32_t i = 0; i < v->seq.n; i++) {
			if (is_reset(v->seq.items[i]))
				continue;
			if (sch_push(st, NULL, i, NULL) < 0)
				return;
			validate(st, n->items, v->seq.items[i]);
			sch_pop(st);
		}
	}
	if (n->min_items >= 0 && v->seq.n < (unsigned long)n->min_items)
		sch_report(st, &ECS103_rule, at, "%s must have at least %ld item%s, not %u", sch_subject(st),
			   n->min_items, n->min_items == 1 ? "" : "s", v->seq.n);
	if (n->max_items >= 0 && v->seq.n > (unsigned long)n->max_items)
		sch_report(st, &ECS103_rule, at, "%s must have at most %ld item%s, not %u", sch_subject(st),
			   n->max_items, n->max_items == 1 ? "" : "s", v->seq.n);
	if (n->unique_items)
		sch_check_unique(st, v);
}

/* JSON equality of a YAML value and a schema constant (enum, const). */
static bool equals_json(const struct ecs_node *v, const cJSON *j)
{
	struct ecs_scalar_value sv;
	unsigned t = sch_node_type(v, &sv);

	v = ecs_node_deref(v);
	if (cJSON_IsString(j))
		return t == SCH_STR && strcmp(v->scalar.text, j->valuestring) == 0;
	if (cJSON_IsNumber(j))
		return (t & SCH_NUM) && sv.number == j->valuedouble;
	if (cJSON_IsBool(j))
		return t == SCH_BOOL && sv.boolean == (bool)cJSON_IsTrue(j);
	if (cJSON_IsNull(j))
		return t == SCH_NULL;
	if (cJSON_IsArray(j)) {
		const cJSON *e;
		uint32_t i = 0;
		if (t != SCH_ARR || v->seq.n != (uint32_t)cJSON_GetArraySize(j))
			return false;
		cJSON_ArrayForEach(e, j)
			if (!equals_json(v->seq.items[i++], e))
				return false;
		return true;
	}
	if (cJSON_IsObject(j)) {
		const cJSON *e;
		if (t != SCH_OBJ || v->map.n != (uint32_t)cJSON_GetArraySize(j))
			return false;
		cJSON_ArrayForEach(e, j) {
			const struct ecs_node *m = ecs_node_map_get(v, e->string);
			if (!m || !equals_json(m, e))
				return false;
		}
		return true;
	}
	return false;
}

static void check_enum(struct sch_state *st, const struct sch *n, const struct ecs_node *at)
{
	struct ecs_buf list = ECS_BUF_INIT;
	const char *cands[64], *hint;
	size_t nc = 0;
	const cJSON *e;
	struct sch_finding *f;
	int count = cJSON_GetArraySize(n->enum_values), i = 0;

	cJSON_ArrayForEach(e, n->enum_values)
		if (equals_json(at, e))
			return;
	cJSON_ArrayForEach(e, n->enum_values) {
		char *text = cJSON_PrintUnformatted(e);
		ecs_buf_addf(&list, "%s%s%s%s", i == 0 ? "" : i + 1 == count ? " or " : ", ",
			     cJSON_IsString(e) ? "'" : "", cJSON_IsString(e) ? e->valuestring : text ? text : "?",
			     cJSON_IsString(e) ? "'" : "");
		cJSON_free(text);
		if (cJSON_IsString(e) && nc < 64)
			cands[nc++] = e->valuestring;
		i++;
	}
	f = sch_report(st, &ECS103_rule, at, "%s must be %s%s, not %s", sch_subject(st), count > 1 ? "one of " : "",
		       list.failed || !list.data ? "?" : list.data, sch_value_text(st, at));
	ecs_buf_release(&list);
	if (ecs_node_text(at) && (hint = ecs_suggest(ecs_node_text(at), cands, nc)))
		sch_help(st, f, "did you mean '%s'?", hint);
}

/*
 * A string still holding a Compose variable ($VAR, ${VAR...}): its value is
 * only known after interpolation, so its content is not judged.
 */
static bool has_variable(const struct ecs_node *v)
{
	for (const char *p = strchr(v->scalar.text, '$'); p; p = strchr(p + 1, '$')) {
		if (p[1] == '$') {
			p++;	/* $$ is a literal dollar */
			continue;
		}
		if (p[1] == '{' || p[1] == '_' || (p[1] >= 'a' && p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z'))
			return true;
	}
	return false;
}

static void check_scalar(struct sch_state *st, const struct sch *n, const struct ecs_node *at,
			 unsigned t, const struct ecs_scalar_value *sv)
{
	const struct ecs_node *v = ecs_node_deref(at);

	if (t == SCH_STR && has_variable(v))
		return;

	if (n->const_value && !equals_json(at, n->const_value)) {
		char *text = cJSON_IsString(n->const_value) ? NULL : cJSON_PrintUnformatted(n->const_value);

		if (cJSON_IsString(n->const_value))
			sch_report(st, &ECS103_rule, at, "%s must be '%s', not %s", sch_subject(st),
				   n->const_value->valuestring, sch_value_text(st, at));
		else
			sch_report(st, &ECS103_rule, at, "%s must be %s, not %s", sch_subject(st), text ? text : "?",
				   sch_value_text(st, at));
		cJSON_free(text);
	}
	if (n->enum_values)
		check_enum(st, n, at);
	if (t == SCH_STR) {
		uint32_t len = ecs_utf8_codepoints(v->scalar.text, v->scalar.len);

		if (n->pattern && !sch_regex_match(n->pattern, v->scalar.text, v->scalar.len, st->md))
			sch_report(st, &ECS103_rule, at, "%s value %s does not match the pattern '%s'",
				   sch_subject(st), sch_value_text(st, at), n->pattern->source);
		if (n->min_length >= 0 && len < (unsigned long)n->min_length)
			sch_report(st, &ECS103_rule, at, "%s must be at least %ld character%s long", sch_subject(st),
				   n->min_length, n->min_length == 1 ? "" : "s");
		if (n->max_length >= 0 && len > (unsigned long)n->max_length)
			sch_report(st, &ECS103_rule, at, "%s must be at most %ld character%s long, not %u",
				   sch_subject(st), n->max_length, n->max_length == 1 ? "" : "s", len);
	}
	if (t & SCH_NUM) {
		double x = sv->number;

		if (n->has_min && (n->min_exclusive ? !(x > n->minimum) : !(x >= n->minimum)))
			sch_report(st, &ECS103_rule, at, "%s must be %s %g, not %s", sch_subject(st),
				   n->min_exclusive ? "greater than" : "at least", n->minimum, v->scalar.text);
		if (n->has_max && (n->max_exclusive ? !(x < n->maximum) : !(x <= n->maximum)))
			sch_report(st, &ECS103_rule, at, "%s must be %s %g, not %s", sch_subject(st),
				   n->max_exclusive ? "less than" : "at most", n->maximum, v->scalar.text);
	}
}

/* ECS102, with the quoting remedy when quotes are all that is wrong. */
static void report_type(struct sch_state *st, const struct ecs_node *at, unsigned expected, unsigned t)
{
	const struct ecs_node *v = ecs_node_deref(at);
	struct sch_finding *f;

	f = sch_report(st, &ECS102_rule, at, "%s must be %s, not %s", sch_subject(st),
		       sch_types_text(st->arena, expected), sch_type_name(t));
	if (!f || v->kind != ECS_NODE_SCALAR)
		return;
	if (t == SCH_NULL && v->scalar.len == 0 && v->style == ECS_STYLE_PLAIN) {
		sch_help(st, f, "nothing after the colon is null in YAML: give it a value or remove the key");
	} else if ((expected & SCH_STR) && v->style == ECS_STYLE_PLAIN && !v->tag) {
		sch_help(st, f, "quote it (\"%s\") to make it a string", v->scalar.text);
	} else if (t == SCH_STR && v->style != ECS_STYLE_PLAIN) {
		struct ecs_node plain = *v;
		struct ecs_scalar_value sv;

		plain.style = ECS_STYLE_PLAIN;
		plain.tag = NULL;
		if (expected & sch_node_type(&plain, &sv) & ~SCH_STR)
			sch_help(st, f, "remove the quotes: quoted, %s is a string", sch_value_text(st, v));
	}
}

/* Deepest finding in [from, to): how far a branch got before it failed. */
static uint32_t max_depth(const struct sch_state *st, size_t from, size_t to)
{
	uint32_t d = 0;
	for (size_t i = from; i < to; i++)
		if (st->f[i].depth > d)
			d = st->f[i].depth;
	return d;
}

/*
 * oneOf / anyOf.  Branches whose type cannot match the value are skipped;
 * among those that can, a passing one ends the search (two passing ones
 * break a oneOf).  When all fail, the one that got deepest into the value
 * (then the one with fewest findings) is the one the user meant, and only
 * its findings are kept: never a wall of alternatives.
 */
static void validate_alternatives(struct sch_state *st, struct sch *const *branches, uint32_t n_branches,
				  bool exactly_one, const struct ecs_node *at, unsigned t)
{
	size_t mark = st->n, best_from = 0, best_to = 0;
	uint32_t candidates = 0, passed = 0, best_depth = 0;
	unsigned union_types = 0;
	bool have_best = false;

	for (uint32_t i = 0; i < n_branches; i++) {
		union_types |= branches[i]->accepts;
		candidates += (branches[i]->accepts & t) != 0;
	}
	if (candidates == 0) {
		report_type(st, at, union_types, t);
		return;
	}
	for (uint32_t i = 0; i < n_branches; i++) {
		size_t from = st->n;
		uint32_t depth;

		if (!(branches[i]->accepts & t))
			continue;
		if (candidates == 1) {
			validate(st, branches[i], at);	/* the only plausible branch: its findings stand */
			return;
		}
		validate(st, branches[i], at);
		if (st->n == from) {
			passed++;
			if (!exactly_one)
				break;
			continue;
		}
		depth = max_depth(st, from, st->n);
		if (!have_best || depth > best_depth ||
		    (depth == best_depth && st->n - from < best_to - best_from)) {
			have_best = true;
			best_depth = depth;
			best_from = from;
			best_to = st->n;
		}
	}
	if (passed == 1 || (passed && !exactly_one)) {
		st->n = mark;
		return;
	}
	if (passed > 1) {
		st->n = mark;
		sch_report(st, &ECS103_rule, at, "%s matches more than one of the forms allowed here", sch_subject(st));
		return;
	}
	memmove(&st->f[mark], &st->f[best_from], (best_to - best_from) * sizeof(*st->f));
	st->n = mark + (best_to - best_from);
}

static void validate(struct sch_state *st, const struct sch *n, const struct ecs_node *at)
{
	const struct ecs_node *v = ecs_node_deref(at);
	struct ecs_scalar_value sv = { 0 };
	unsigned t;

	if (n->trivial || st->nomem)
		return;
	if (n->never) {
		sch_report(st, &ECS103_rule, at, "%s is not allowed here", sch_subject(st));
		return;
	}
	t = sch_node_type(v, &sv);
	if (!(t & n->types)) {
		report_type(st, at, n->types, t);
		return;
	}
	if (n->ref)
		validate(st, n->ref, at);
	for (uint32_t i = 0; i < n->n_all_of; i++)
		validate(st, n->all_of[i], at);
	if (n->n_one_of)
		validate_alternatives(st, n->one_of, n->n_one_of, true, at, t);
	if (n->n_any_of)
		validate_alternatives(st, n->any_of, n->n_any_of, false, at, t);
	if (v->kind == ECS_NODE_SCALAR)
		check_scalar(st, n, at, t, &sv);
	else if (v->kind == ECS_NODE_MAPPING)
		validate_object(st, n, v, at);
	else if (v->kind == ECS_NODE_SEQUENCE)
		validate_array(st, n, v, at);
}

int ecs_schema_validate_compose(const struct ecs_schema *s, const struct ecs_node *root,
				struct ecs_diags *diags, struct ecs_arena *arena)
{
	struct sch_state st = { .s = s, .arena = arena };

	if (!root)
		return 0;
	st.md = pcre2_match_data_create(1, NULL);
	if (!st.md)
		return -1;
	validate(&st, s->root, root);
	for (size_t i = 0; i < st.n && !st.nomem; i++) {
		const struct sch_finding *f = &st.f[i];
		struct ecs_diag *d = ecs_diag_add(diags, f->rule, &f->span, f->path, "%s", f->message);

		if (d && f->help)
			ecs_diag_help(diags, d, "%s", f->help);
		if (d && f->related)
			ecs_diag_related(diags, d, &f->related->span, "%s", f->related_message);
		if (d && f->rename) {
			const struct ecs_node *k = f->rename;
			const char *title = ecs_arena_printf(arena, "rename '%s' to '%s'", k->scalar.text, f->rename_to);

			ecs_diag_fix(diags, d, ECS_FIX_SAFE, title ? title : "rename the key", k->span.file,
				     k->scalar.content_start, k->scalar.content_end, f->rename_to);
		}
	}
	pcre2_match_data_free(st.md);
	free(st.segs);
	return st.nomem || arena->failed ? -1 : 0;
}

int ecs_schema_check(const struct ecs_node *root, struct ecs_diags *diags, struct ecs_arena *arena)
{
	struct ecs_buf err = ECS_BUF_INIT;
	struct ecs_schema *s;
	int rc;

	if (ecs_schema_open(&s, &err) < 0) {
		ecs_buf_release(&err);
		return -1;
	}
	rc = ecs_schema_validate_compose(s, root, diags, arena);
	ecs_schema_close(s);
	return rc;
}
