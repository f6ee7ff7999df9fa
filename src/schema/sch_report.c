/*
 * sch_report.c - how schema findings name things: JSON-pointer paths,
 * "service 'web'" instead of /services/web, type words a user knows
 * ("a list", "a mapping"), and the finding list itself.
 */
#include <stdio.h>
#include <string.h>

#include "schema_internal.h"

static void add_pointer_part(struct ecs_buf *b, const char *s)
{
	ecs_buf_addc(b, '/');
	for (; *s; s++) {
		if (*s == '~')
			ecs_buf_adds(b, "~0");
		else if (*s == '/')
			ecs_buf_adds(b, "~1");
		else
			ecs_buf_addc(b, *s);
	}
}

static const char *buf_to_arena(struct sch_state *st, struct ecs_buf *b)
{
	const char *s = NULL;

	if (!b->failed)
		s = ecs_arena_strndup(st->arena, b->data ? b->data : "", b->len);
	ecs_buf_release(b);
	if (!s)
		st->nomem = true;
	return s;
}

const char *sch_path(struct sch_state *st, uint32_t depth)
{
	struct ecs_buf b = ECS_BUF_INIT;

	if (depth == 0)
		return NULL;
	for (uint32_t i = 0; i < depth; i++) {
		if (st->segs[i].key)
			add_pointer_part(&b, st->segs[i].key);
		else
			ecs_buf_addf(&b, "/%u", st->segs[i].index);
	}
	return buf_to_arena(st, &b);
}

/* "deploy.resources.limits" or "ports[0]" for segments [from, to). */
static void add_dotted(struct ecs_buf *b, struct sch_state *st, uint32_t from, uint32_t to)
{
	for (uint32_t i = from; i < to; i++) {
		if (st->segs[i].key)
			ecs_buf_addf(b, "%s%s", i > from ? "." : "", st->segs[i].key);
		else
			ecs_buf_addf(b, "[%u]", st->segs[i].index);
	}
}

static const char *resource_kind(const char *top)
{
	static const char *const kinds[][2] = {
		{ "services", "service" }, { "networks", "network" }, { "volumes", "volume" },
		{ "secrets", "secret" }, { "configs", "config" }, { "models", "model" },
	};
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(top, kinds[i][0]) == 0)
			return kinds[i][1];
	return NULL;
}

const char *sch_in(struct sch_state *st, uint32_t depth)
{
	struct ecs_buf b = ECS_BUF_INIT;
	const char *kind;

	if (depth == 0)
		return "at the top level";
	ecs_buf_adds(&b, "in ");
	kind = st->segs[0].key ? resource_kind(st->segs[0].key) : NULL;
	if (kind && depth >= 2 && st->segs[1].key) {
		if (depth > 2) {
			ecs_buf_addc(&b, '\'');
			add_dotted(&b, st, 2, depth);
			ecs_buf_adds(&b, "' of ");
		}
		ecs_buf_addf(&b, "%s '%s'", kind, st->segs[1].key);
	} else {
		ecs_buf_addc(&b, '\'');
		add_dotted(&b, st, 0, depth);
		ecs_buf_addc(&b, '\'');
	}
	return buf_to_arena(st, &b);
}

const char *sch_subject(struct sch_state *st)
{
	uint32_t d = st->depth;
	const char *s;

	if (d == 0)
		return "the top level";
	if (st->segs[d - 1].key)
		s = ecs_arena_printf(st->arena, "'%s'", st->segs[d - 1].key);
	else if (d >= 2 && st->segs[d - 2].key)
		s = ecs_arena_printf(st->arena, "item %u of '%s'", st->segs[d - 1].index, st->segs[d - 2].key);
	else
		s = ecs_arena_printf(st->arena, "item %u", st->segs[d - 1].index);
	if (!s)
		st->nomem = true;
	return s ? s : "?";
}

const char *sch_type_name(unsigned t)
{
	if (t & SCH_OBJ)
		return "a mapping";
	if (t & SCH_ARR)
		return "a list";
	if (t & SCH_STR)
		return "a string";
	if (t & SCH_BOOL)
		return "a boolean";
	if (t & SCH_NULL)
		return "null";
	if (t & SCH_INT)
		return "an integer";
	return "a number";
}

const char *sch_types_text(struct ecs_arena *a, unsigned types)
{
	static const unsigned order[] = { SCH_STR, SCH_NUM, SCH_INT, SCH_BOOL, SCH_OBJ, SCH_ARR, SCH_NULL };
	const char *words[7];
	size_t n = 0;
	struct ecs_buf b = ECS_BUF_INIT;
	char *s;

	for (size_t i = 0; i < 7; i++) {
		if (!(types & order[i]))
			continue;
		if (order[i] == SCH_INT && (types & SCH_NUM))
			continue;	/* "a number" already covers integers */
		words[n++] = order[i] == SCH_NUM ? "a number" : sch_type_name(order[i]);
	}
	for (size_t i = 0; i < n; i++)
		ecs_buf_addf(&b, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ", words[i]);
	s = b.failed ? NULL : ecs_arena_strndup(a, b.data ? b.data : "", b.len);
	ecs_buf_release(&b);
	return s;
}

unsigned sch_node_type(const struct ecs_node *n, struct ecs_scalar_value *v)
{
	n = ecs_node_deref(n);
	if (n->kind == ECS_NODE_MAPPING)
		return SCH_OBJ;
	if (n->kind == ECS_NODE_SEQUENCE)
		return SCH_ARR;
	ecs_scalar_resolve(n, v);
	switch (v->type) {
	case ECS_SCALAR_NULL: return SCH_NULL;
	case ECS_SCALAR_BOOL: return SCH_BOOL;
	case ECS_SCALAR_INT: return SCH_INT | SCH_NUM;
	case ECS_SCALAR_FLOAT: return v->integral ? SCH_INT | SCH_NUM : SCH_NUM;
	case ECS_SCALAR_STRING: break;
	}
	return SCH_STR;
}

const char *sch_value_text(struct sch_state *st, const struct ecs_node *n)
{
	const char *s;

	n = ecs_node_deref(n);
	if (n->kind != ECS_NODE_SCALAR)
		return n->kind == ECS_NODE_MAPPING ? "a mapping" : "a list";
	if (n->scalar.len > 60 || memchr(n->scalar.text, '\n', n->scalar.len)) {
		const char *nl = memchr(n->scalar.text, '\n', n->scalar.len);
		int cut = nl && nl - n->scalar.text < 40 ? (int)(nl - n->scalar.text) : 40;
		s = ecs_arena_printf(st->arena, "'%.*s...'", cut, n->scalar.text);
	} else
		s = ecs_arena_printf(st->arena, "'%s'", n->scalar.text);
	if (!s)
		st->nomem = true;
	return s ? s : "?";
}

struct sch_finding *sch_report(struct sch_state *st, const struct ecs_rule *rule, const struct ecs_node *at,
			       const char *fmt, ...)
{
	struct sch_finding *f;
	va_list ap;

	if (st->n == st->cap) {
		size_t cap = st->cap ? st->cap * 2 : 16;
		struct sch_finding *nf = ecs_arena_grow(st->arena, st->f, st->n, cap, sizeof(*nf));
		if (!nf) {
			st->nomem = true;
			return NULL;
		}
		st->f = nf;
		st->cap = cap;
	}
	f = &st->f[st->n++];
	memset(f, 0, sizeof(*f));
	f->rule = rule;
	f->span = at->span;
	/* An empty value (`services:`) has no width to underline: its key has. */
	if (at->kind == ECS_NODE_SCALAR && at->span.start.byte == at->span.end.byte && st->depth &&
	    st->segs[st->depth - 1].key_node && st->segs[st->depth - 1].key_node != at)
		f->span = st->segs[st->depth - 1].key_node->span;
	f->depth = st->depth;
	f->path = sch_path(st, st->depth);
	/* A finding inside an alias's target: point at the anchor as well. */
	if (at->kind == ECS_NODE_ALIAS) {
		f->related = ecs_node_deref(at);
		f->related_message = "the aliased value is defined here";
	}
	va_start(ap, fmt);
	f->message = ecs_arena_vprintf(st->arena, fmt, ap);
	va_end(ap);
	if (!f->message)
		st->nomem = true;
	return f;
}

void sch_help(struct sch_state *st, struct sch_finding *f, const char *fmt, ...)
{
	va_list ap;

	if (!f)
		return;
	va_start(ap, fmt);
	f->help = ecs_arena_vprintf(st->arena, fmt, ap);
	va_end(ap);
	if (!f->help)
		st->nomem = true;
}
