/*
 * merge_lists.c - the building blocks of the merge: new nodes, removal of
 * `!reset` values, the de-duplication keys of list items (ports, volumes,
 * secrets, configs, devices, NAME=value entries) and the conversions
 * between list and mapping forms that the merge rules call for.
 */
#include <string.h>

#include "merge_internal.h"

/* --- nodes ------------------------------------------------------------------ */

bool ecs_node_has_tag(const struct ecs_node *n, const char *tag)
{
	while (n) {
		if (n->tag && strcmp(n->tag, tag) == 0)
			return true;
		if (n->kind != ECS_NODE_ALIAS)
			return false;
		n = n->alias.target;
	}
	return false;
}

struct ecs_node *ecs_node_new_mapping(struct ecs_arena *a, const struct ecs_node *like,
				      const struct ecs_pair *pairs, uint32_t n)
{
	struct ecs_node *m = ecs_arena_zalloc(a, sizeof(*m));

	if (!m)
		return NULL;
	m->kind = ECS_NODE_MAPPING;
	m->style = like && like->kind == ECS_NODE_MAPPING ? like->style : ECS_STYLE_BLOCK;
	if (like)
		m->span = like->span;
	m->expanded = 1;
	m->map.pairs = ecs_arena_alloc(a, (n ? n : 1) * sizeof(*pairs));
	if (!m->map.pairs)
		return NULL;
	if (n)
		memcpy(m->map.pairs, pairs, n * sizeof(*pairs));
	m->map.n = n;
	return m;
}

struct ecs_node *merge_new_sequence(struct ecs_arena *a, const struct ecs_node *like,
				     struct ecs_node **items, uint32_t n)
{
	struct ecs_node *s = ecs_arena_zalloc(a, sizeof(*s));

	if (!s)
		return NULL;
	s->kind = ECS_NODE_SEQUENCE;
	s->style = like && like->kind == ECS_NODE_SEQUENCE ? like->style : ECS_STYLE_BLOCK;
	if (like)
		s->span = like->span;
	s->expanded = 1;
	s->seq.items = items;
	s->seq.n = n;
	return s;
}

struct ecs_node *ecs_node_new_scalar(struct ecs_arena *a, const char *text, const struct ecs_span *span)
{
	struct ecs_node *s = ecs_arena_zalloc(a, sizeof(*s));

	if (!s)
		return NULL;
	s->kind = ECS_NODE_SCALAR;
	s->style = ECS_STYLE_PLAIN;
	s->span = *span;
	s->expanded = 1;
	s->scalar.text = ecs_arena_strdup(a, text);
	if (!s->scalar.text)
		return NULL;
	s->scalar.len = (uint32_t)strlen(text);
	s->scalar.content_start = span->start.byte;
	s->scalar.content_end = span->end.byte;
	return s;
}

/* --- !reset stripping -------------------------------------------------------- */

static bool contains(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);

	for (const char *p = s; (p = memchr(p, needle[0], len - (size_t)(p - s))) != NULL; p++)
		if ((size_t)(p - s) + n <= len && memcmp(p, needle, n) == 0)
			return true;
	return false;
}

static bool file_may_reset(struct merger *m, uint32_t file)
{
	if (file >= m->n_files)
		return true;
	if (!m->has_reset[file]) {
		const struct ecs_source *src = ecs_files_get(&m->r->files, file);
		m->has_reset[file] = src && contains(src->data, src->len, "!reset") ? 2 : 1;
	}
	return m->has_reset[file] == 2;
}

struct ecs_node *merge_strip(struct merger *m, struct ecs_node *n)
{
	const struct ecs_node *d = ecs_node_deref(n);

	if (!d || d->kind == ECS_NODE_SCALAR || !file_may_reset(m, d->span.file))
		return n;
	/* Files without "!reset" are returned as they are; the others are walked once. */
	uint32_t cnt = d->kind == ECS_NODE_MAPPING ? d->map.n : d->seq.n, k = 0;
	struct ecs_node **vals = ecs_arena_alloc(&m->r->arena, (cnt + 1) * sizeof(*vals));
	bool changed = false;

	if (!vals)
		return n;
	for (uint32_t i = 0; i < cnt; i++) {
		struct ecs_node *v = d->kind == ECS_NODE_MAPPING ? d->map.pairs[i].value : d->seq.items[i];
		vals[i] = ecs_node_has_tag(v, "!reset") ? NULL : merge_strip(m, v);
		changed |= vals[i] != v;
	}
	if (!changed)
		return n;
	if (d->kind == ECS_NODE_MAPPING) {
		struct ecs_pair *pairs = ecs_arena_alloc(&m->r->arena, (cnt + 1) * sizeof(*pairs));
		if (!pairs)
			return n;
		for (uint32_t i = 0; i < cnt; i++) {
			if (!vals[i])
				continue;
			pairs[k] = d->map.pairs[i];
			pairs[k++].value = vals[i];
		}
		return ecs_node_new_mapping(&m->r->arena, d, pairs, k);
	}
	for (uint32_t i = 0; i < cnt; i++)
		if (vals[i])
			vals[k++] = vals[i];
	return merge_new_sequence(&m->r->arena, d, vals, k);
}

/* --- keys of list items ------------------------------------------------------- */

const char *merge_map_text(const struct ecs_node *map, const char *key)
{
	return ecs_node_text(ecs_node_map_get(map, key));
}

/* The de-duplication key of item, or NULL when it has none (never merged). */
static const char *item_key(struct merger *m, const struct ecs_node *item, enum key_kind kind)
{
	const struct ecs_node *d = ecs_node_deref(item);
	const char *t = ecs_node_text(d), *c;
	struct ecs_arena *a = &m->r->arena;

	if (!d)
		return NULL;
	switch (kind) {
	case K_NAME:
		if (!t)
			return NULL;
		c = strchr(t, '=');
		return c ? ecs_arena_strndup(a, t, (size_t)(c - t)) : t;
	case K_WHOLE:
		return t;
	case K_PORT:
		if (t)
			return t;
		if (d->kind != ECS_NODE_MAPPING)
			return NULL;
		return ecs_arena_printf(a, "%s:%s:%s/%s", merge_map_text(d, "host_ip") ? merge_map_text(d, "host_ip") : "0.0.0.0",
					merge_map_text(d, "published") ? merge_map_text(d, "published") : "",
					merge_map_text(d, "target") ? merge_map_text(d, "target") : "",
					merge_map_text(d, "protocol") ? merge_map_text(d, "protocol") : "tcp");
	case K_VOLUME:
	case K_DEVICE:
		/* SOURCE:TARGET[:OPTIONS]: the target identifies the entry. */
		if (t) {
			const char *c1 = strchr(t, ':');
			if (!c1)
				return t;
			c = strchr(c1 + 1, ':');
			return c ? ecs_arena_strndup(a, c1 + 1, (size_t)(c - c1 - 1)) : c1 + 1;
		}
		return merge_map_text(d, "target");
	case K_SECRET:
	case K_CONFIG: {
		const char *prefix = kind == K_SECRET ? "/run/secrets/" : "/";
		const char *target = t ? t : merge_map_text(d, "target") ? merge_map_text(d, "target") : merge_map_text(d, "source");
		if (!target)
			return NULL;
		return target[0] == '/' ? target : ecs_arena_printf(a, "%s%s", prefix, target);
	}
	case K_PATH:
		return t ? t : merge_map_text(d, "path");
	case K_SUBNET:
		return merge_map_text(d, "subnet");
	}
	return NULL;
}

/* base items then over items; an item whose key repeats replaces the earlier one in place. */
struct ecs_node *merge_concat_unique(struct merger *m, const struct ecs_node *base, const struct ecs_node *over,
				      enum key_kind kind)
{
	uint32_t nb = base->seq.n, no = over->seq.n, n = 0;
	struct ecs_node **items = ecs_arena_alloc(&m->r->arena, (nb + no + 1) * sizeof(*items));
	struct ecs_strtab t;

	if (!items || ecs_strtab_init(&m->r->arena, &t, nb + no) < 0)
		return NULL;
	for (uint32_t i = 0; i < nb + no; i++) {
		struct ecs_node *it = i < nb ? base->seq.items[i] : over->seq.items[i - nb];
		const char *key;
		uint32_t at;

		if (i >= nb) {
			if (ecs_node_has_tag(it, "!reset"))
				continue;
			it = merge_strip(m, it);
		}
		key = item_key(m, it, kind);
		if (key && (at = ecs_strtab_get_or_put(&t, key, n)) != UINT32_MAX) {
			items[at] = it;
			continue;
		}
		items[n++] = it;
	}
	return merge_new_sequence(&m->r->arena, base, items, n);
}

/* A string becomes a one-item list (env_file, dns, tmpfs...). */
const struct ecs_node *merge_as_list(struct merger *m, const struct ecs_node *n)
{
	struct ecs_node **items;

	if (n->kind != ECS_NODE_SCALAR)
		return n;
	items = ecs_arena_alloc(&m->r->arena, sizeof(*items));
	if (!items)
		return NULL;
	items[0] = (struct ecs_node *)n;
	return merge_new_sequence(&m->r->arena, n, items, 1);
}

/* A NAME: value mapping as NAME=value items (NAME alone for null), each spanning its pair. */
const struct ecs_node *merge_kv_as_list(struct merger *m, const struct ecs_node *map)
{
	struct ecs_node **items = ecs_arena_alloc(&m->r->arena, (map->map.n + 1) * sizeof(*items));

	if (!items)
		return NULL;
	for (uint32_t i = 0; i < map->map.n; i++) {
		const struct ecs_pair *p = &map->map.pairs[i];
		const char *k = ecs_node_text(p->key), *v = ecs_node_text(p->value);
		struct ecs_span sp = p->key->span;
		sp.end = p->value->span.end.byte >= sp.end.byte ? p->value->span.end : sp.end;
		items[i] = ecs_node_new_scalar(&m->r->arena,
			ecs_node_is_null(p->value) || !v ? (k ? k : "") :
			ecs_arena_printf(&m->r->arena, "%s=%s", k ? k : "", v), &sp);
		if (!items[i])
			return NULL;
	}
	return merge_new_sequence(&m->r->arena, map, items, map->map.n);
}

/* A list of names as a mapping: NAME -> value_of(item). */
const struct ecs_node *merge_list_as_map(struct merger *m, const struct ecs_node *seq, bool depends_on)
{
	struct ecs_pair *pairs = ecs_arena_zalloc(&m->r->arena, (seq->seq.n + 1) * sizeof(*pairs));
	uint32_t n = 0;

	if (!pairs)
		return NULL;
	for (uint32_t i = 0; i < seq->seq.n; i++) {
		struct ecs_node *it = seq->seq.items[i];
		const struct ecs_node *d = ecs_node_deref(it);
		if (!d || d->kind != ECS_NODE_SCALAR)
			continue;
		pairs[n].key = it;
		if (depends_on) {
			struct ecs_pair dp[2];
			dp[0].key = ecs_node_new_scalar(&m->r->arena, "condition", &d->span);
			dp[0].value = ecs_node_new_scalar(&m->r->arena, "service_started", &d->span);
			dp[1].key = ecs_node_new_scalar(&m->r->arena, "required", &d->span);
			dp[1].value = ecs_node_new_scalar(&m->r->arena, "true", &d->span);
			dp[0].from_merge = dp[1].from_merge = false;
			pairs[n].value = ecs_node_new_mapping(&m->r->arena, NULL, dp, 2);
			if (pairs[n].value)
				pairs[n].value->span = d->span;
		} else {
			struct ecs_span sp = d->span;
			sp.start = sp.end;
			pairs[n].value = ecs_node_new_scalar(&m->r->arena, "", &sp);
		}
		if (!pairs[n].value)
			return NULL;
		n++;
	}
	return ecs_node_new_mapping(&m->r->arena, seq, pairs, n);
}

