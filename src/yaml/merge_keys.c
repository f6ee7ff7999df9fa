/*
 * merge_keys.c - completing a mapping: duplicate keys and << merge keys.
 *
 * YAML's merge rule: keys written in the mapping win over merged ones, and
 * in a list of merged mappings the earlier mapping wins.  Merged pairs keep
 * the anchor's nodes (by reference) and are flagged from_merge so later
 * stages can tell the user where a value really came from.
 */
#include "merge_keys.h"

#include <stdlib.h>
#include <string.h>

#include "../../checks/rules.h"
#include "duplicate_fix.h"

/* A key set over scalar key text: linear for small mappings, hashed otherwise. */
struct keyset {
	struct ecs_yaml_builder *b;
	const struct ecs_pair *pairs;	/* the output being built */
	size_t cap;			/* 0 = linear scan of pairs[0..n) */
	size_t n;
};

static uint64_t hash_key(const struct ecs_node *k)
{
	uint64_t h = 1469598103934665603ull;

	for (uint32_t i = 0; i < k->scalar.len; i++) {
		h ^= (unsigned char)k->scalar.text[i];
		h *= 1099511628211ull;
	}
	return h;
}

static bool same_key(const struct ecs_node *a, const struct ecs_node *b)
{
	return a->scalar.len == b->scalar.len && memcmp(a->scalar.text, b->scalar.text, a->scalar.len) == 0;
}

static const struct ecs_node *scalar_key(const struct ecs_node *k)
{
	k = ecs_node_deref(k);
	return k && k->kind == ECS_NODE_SCALAR ? k : NULL;
}

static int keyset_init(struct keyset *ks, struct ecs_yaml_builder *b, const struct ecs_pair *pairs,
		       size_t expected)
{
	ks->b = b;
	ks->pairs = pairs;
	ks->n = 0;
	ks->cap = 0;
	if (expected <= 8)
		return 0;
	size_t cap = 16;
	while (cap < expected * 2)
		cap *= 2;
	if (cap > b->cap_keyhash) {
		struct ecs_keyslot *v = realloc(b->keyhash, cap * sizeof(*v));
		if (!v)
			return -1;
		b->keyhash = v;
		b->cap_keyhash = cap;
	}
	memset(b->keyhash, 0, cap * sizeof(*b->keyhash));
	ks->cap = cap;
	return 0;
}

/* Index in pairs of an earlier pair with the same key, or -1 after recording index. */
static long keyset_add(struct keyset *ks, const struct ecs_node *key, size_t index)
{
	const struct ecs_node *k = scalar_key(key);

	if (!k)
		return -1;
	if (!ks->cap) {
		for (size_t i = 0; i < index; i++) {
			const struct ecs_node *o = scalar_key(ks->pairs[i].key);
			if (o && same_key(o, k))
				return (long)i;
		}
		return -1;
	}
	size_t j = hash_key(k) & (ks->cap - 1);
	while (ks->b->keyhash[j].key) {
		if (same_key(ks->b->keyhash[j].key, k))
			return ks->b->keyhash[j].pair;
		j = (j + 1) & (ks->cap - 1);
	}
	ks->b->keyhash[j].key = k;
	ks->b->keyhash[j].pair = (uint32_t)index;
	ks->n++;
	return -1;
}

static bool is_merge_key(const struct ecs_node *k)
{
	if (k->kind != ECS_NODE_SCALAR || k->style != ECS_STYLE_PLAIN)
		return false;
	if (k->tag && strcmp(k->tag, "tag:yaml.org,2002:merge") != 0)
		return false;
	return strcmp(k->scalar.text, "<<") == 0;
}

/* Mappings a merge value names, in priority order; reports bad shapes. */
static int merge_sources(struct ecs_yaml_builder *b, const struct ecs_node *value,
			 const struct ecs_node **out, size_t max, size_t *n_out)
{
	const struct ecs_node *v = ecs_node_deref(value);

	*n_out = 0;
	if (v && v->kind == ECS_NODE_MAPPING) {
		out[(*n_out)++] = v;
		return 0;
	}
	if (v && v->kind == ECS_NODE_SEQUENCE) {
		for (uint32_t i = 0; i < v->seq.n && *n_out < max; i++) {
			const struct ecs_node *m = ecs_node_deref(v->seq.items[i]);
			if (!m || m->kind != ECS_NODE_MAPPING) {
				ecs_diag_add(b->diags, &ECS001_rule, &v->seq.items[i]->span, NULL,
					     "a merge key list may only hold mappings");
				b->invalid = true;
				continue;
			}
			out[(*n_out)++] = m;
		}
		return 0;
	}
	ecs_diag_add(b->diags, &ECS001_rule, &value->span, NULL,
		     "the merge key '<<' needs a mapping or a list of mappings");
	b->invalid = true;
	return 0;
}

int ecs_yaml_finish_mapping(struct ecs_yaml_builder *b, struct ecs_node *n,
			    struct ecs_node **kids, size_t n_pairs)
{
	size_t merged_estimate = 0, out = 0, cap;
	bool has_merge = false;
	struct ecs_pair *pairs;
	struct keyset ks;

	for (size_t i = 0; i < n_pairs; i++) {
		if (!is_merge_key(kids[2 * i]))
			continue;
		has_merge = true;
		const struct ecs_node *v = ecs_node_deref(kids[2 * i + 1]);
		if (v && v->kind == ECS_NODE_MAPPING)
			merged_estimate += v->map.n;
		else if (v && v->kind == ECS_NODE_SEQUENCE)
			for (uint32_t k = 0; k < v->seq.n; k++) {
				const struct ecs_node *m = ecs_node_deref(v->seq.items[k]);
				if (m && m->kind == ECS_NODE_MAPPING)
					merged_estimate += m->map.n;
			}
	}
	b->merge_pairs += merged_estimate;
	if (b->merge_pairs > b->max_merge_pairs) {
		struct ecs_diag *dg = ecs_diag_add(b->diags, &ECS003_rule, &n->span, NULL,
			"merge keys copy more than %llu pairs in this document",
			(unsigned long long)b->max_merge_pairs);
		ecs_diag_help(b->diags, dg, "nested '<<' merges grow quadratically; flatten them");
		return 1;
	}
	cap = n_pairs + merged_estimate;
	pairs = ecs_arena_alloc(b->arena, (cap ? cap : 1) * sizeof(*pairs));
	if (!pairs || keyset_init(&ks, b, pairs, cap) < 0)
		return -1;

	/* Written keys first, so they win over merged ones wherever << stands. */
	for (size_t i = 0; i < n_pairs; i++) {
		struct ecs_node *key = kids[2 * i];
		if (has_merge && is_merge_key(key))
			continue;
		pairs[out].key = key;
		pairs[out].value = kids[2 * i + 1];
		pairs[out].from_merge = false;
		long dup = keyset_add(&ks, key, out);
		if (dup >= 0) {
			const struct ecs_node *k = scalar_key(key);
			struct ecs_diag *dg = ecs_diag_add(b->diags, &ECS002_rule, &key->span, NULL,
				"duplicate key '%s' in this mapping", k->scalar.text);
			ecs_diag_related(b->diags, dg, &pairs[dup].key->span, "first defined here");
			ecs_yaml_duplicate_fix(b, n, kids, i, &pairs[dup], dg);
			continue;
		}
		out++;
	}
	if (has_merge) {
		for (size_t i = 0; i < n_pairs; i++) {
			const struct ecs_node *srcs[64];
			size_t n_src;

			if (!is_merge_key(kids[2 * i]))
				continue;
			merge_sources(b, kids[2 * i + 1], srcs, sizeof(srcs) / sizeof(srcs[0]), &n_src);
			for (size_t s = 0; s < n_src; s++)
				for (uint32_t k = 0; k < srcs[s]->map.n; k++) {
					const struct ecs_pair *p = &srcs[s]->map.pairs[k];
					pairs[out] = *p;
					pairs[out].from_merge = true;
					if (keyset_add(&ks, p->key, out) < 0)
						out++;
				}
		}
	}
	n->map.pairs = pairs;
	n->map.n = (uint32_t)out;
	return 0;
}
