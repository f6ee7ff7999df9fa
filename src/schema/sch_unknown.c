/*
 * sch_unknown.c - a key the schema does not allow: an unknown attribute
 * (ECS101, with "did you mean"), a bad name in a map of names (ECS103), or
 * an x-aws-* extension not read at that level (ECS501, with the level that
 * reads it).
 */
#include <stdint.h>
#include <string.h>

#include "../../checks/rules.h"
#include "schema_internal.h"

#define XAWS_PREFIX "x-aws-"

/* Compose's pre-v3 service keys, and where their meaning lives now. */
static const char *legacy_help(const char *key)
{
	static const char *const legacy[][2] = {
		{ "dockerfile", "use 'build: {context: ., dockerfile: ...}'" },
		{ "log_driver", "use 'logging: {driver: ...}'" },
		{ "log_opt", "use 'logging: {options: ...}'" },
		{ "net", "use 'network_mode'" },
		{ "volume_driver", "set 'driver' on the top-level volume instead" },
	};
	for (size_t i = 0; i < sizeof(legacy) / sizeof(legacy[0]); i++)
		if (strcmp(key, legacy[i][0]) == 0)
			return legacy[i][1];
	return NULL;
}

static const char **prop_names(struct sch_state *st, const struct sch *n, bool xaws, size_t *count)
{
	const char **names = ecs_arena_alloc(st->arena, (n->n_props + 1) * sizeof(*names));
	size_t k = 0;

	if (!names) {
		st->nomem = true;
		*count = 0;
		return NULL;
	}
	for (uint32_t i = 0; i < n->n_props; i++)
		if ((strncmp(n->props[i].name, XAWS_PREFIX, strlen(XAWS_PREFIX)) == 0) == xaws)
			names[k++] = n->props[i].name;
	*count = k;
	return names;
}

static const char *suggest_property(struct sch_state *st, const struct sch *n, const char *key, bool xaws)
{
	struct sch_suggestion *c;
	uint32_t h = 2166136261u;
	const char **names;
	size_t count;

	for (const char *p = key; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	h ^= (uint32_t)((uintptr_t)n >> 4) ^ xaws;
	c = &st->suggest_cache[h % SCH_SUGGEST_CACHE];
	if (c->schema == n && c->key && strcmp(c->key, key) == 0)
		return c->hint;
	names = prop_names(st, n, xaws, &count);
	if (!names)
		return NULL;
	c->schema = n;
	c->key = key;
	c->hint = ecs_suggest(key, names, count);
	return c->hint;
}

/*
 * The safe fix for a misspelt key: rename it when the schema has exactly
 * one close name, the key is written here as a plain scalar (its bytes are
 * its text), and the mapping does not hold that name already.
 */
static void offer_rename(struct sch_state *st, struct sch_finding *f, const struct sch *n, const char *key,
			 const struct ecs_node *key_node, const struct ecs_node *map, bool from_merge, bool xaws)
{
	const char **names;
	const char *to;
	size_t count;

	if (!f || from_merge || key_node->kind != ECS_NODE_SCALAR || key_node->style != ECS_STYLE_PLAIN ||
	    key_node->scalar.content_end - key_node->scalar.content_start != key_node->scalar.len)
		return;
	names = prop_names(st, n, xaws, &count);
	to = names ? ecs_suggest_unique(key, names, count) : NULL;
	if (!to || ecs_node_map_pair(map, to))
		return;
	f->rename = key_node;
	f->rename_to = to;
}

static void report_unknown_extension(struct sch_state *st, const struct sch *n, const char *key,
				     const struct ecs_node *key_node, const struct ecs_node *map, bool from_merge)
{
	const struct ecs_schema *s = st->s;
	const char *where = sch_in(st, st->depth - 1), *hint;
	struct sch_finding *f;
	const char **all;

	f = sch_report(st, &ECS501_rule, key_node, "unknown extension '%s' %s", key, where);
	if (!f)
		return;
	if ((hint = suggest_property(st, n, key, true))) {
		sch_help(st, f, "did you mean '%s'?", hint);
		offer_rename(st, f, n, key, key_node, map, from_merge, true);
		return;
	}
	for (uint32_t i = 0; i < s->n_extensions; i++) {
		if (strcmp(s->extensions[i].name, key) == 0) {
			sch_help(st, f, "the ECS integration reads '%s' %s, not here: move it", key,
				 s->extensions[i].where);
			return;
		}
	}
	all = ecs_arena_alloc(st->arena, (s->n_extensions + 1) * sizeof(*all));
	if (!all) {
		st->nomem = true;
		return;
	}
	for (uint32_t i = 0; i < s->n_extensions; i++)
		all[i] = s->extensions[i].name;
	if ((hint = ecs_suggest(key, all, s->n_extensions))) {
		for (uint32_t i = 0; i < s->n_extensions; i++)
			if (all[i] == hint)
				sch_help(st, f, "did you mean '%s'? (read %s)", hint, s->extensions[i].where);
		return;
	}
	sch_help(st, f, "the ECS integration reads no such extension and ignores it; "
		 "other x- keys are free, but x-aws- is reserved for its extensions");
}

void sch_report_unknown(struct sch_state *st, const struct sch *n, const char *key,
			   const struct ecs_node *key_node, bool guarded, const struct ecs_node *map, bool from_merge)
{
	struct sch_finding *f;
	const char *hint, *where;

	if (guarded && strncmp(key, XAWS_PREFIX, strlen(XAWS_PREFIX)) == 0) {
		report_unknown_extension(st, n, key, key_node, map, from_merge);
		return;
	}
	where = sch_in(st, st->depth - 1);
	if (n->n_props == 0 && n->n_pattern_props > 0) {
		/* A map of user-chosen names (services, volumes...): the name is what is wrong. */
		static const char *const kinds[][2] = {
			{ "services", "service" }, { "networks", "network" }, { "volumes", "volume" },
			{ "secrets", "secret" }, { "configs", "config" }, { "models", "model" },
		};
		const char *top = st->depth == 2 && st->segs[0].key ? st->segs[0].key : "";

		for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
			if (strcmp(top, kinds[i][0]) == 0) {
				f = sch_report(st, &ECS103_rule, key_node, "invalid %s name '%s'", kinds[i][1], key);
				sch_help(st, f, "names may only contain letters, digits, '.', '_' and '-'");
				return;
			}
		}
		f = sch_report(st, &ECS103_rule, key_node, "invalid key '%s' %s", key, where);
		sch_help(st, f, "keys here must match the pattern '%s'", n->pattern_props[0].re->source);
		return;
	}
	f = sch_report(st, &ECS101_rule, key_node, "unknown attribute '%s' %s", key, where);
	if (!f)
		return;
	if ((hint = suggest_property(st, n, key, false))) {
		sch_help(st, f, "did you mean '%s'?", hint);
		offer_rename(st, f, n, key, key_node, map, from_merge, false);
	} else if (st->depth == 3 && st->segs[0].key && strcmp(st->segs[0].key, "services") == 0 &&
		 (hint = legacy_help(key)))
		sch_help(st, f, "'%s' is a legacy Compose v1/v2 attribute: %s", key, hint);
	else if (n->n_pattern_props && strcmp(n->pattern_props[0].re->source, "^x-") == 0)
		sch_help(st, f, "remove it, or rename it to 'x-%s' to keep it as an extension Compose ignores", key);
}
