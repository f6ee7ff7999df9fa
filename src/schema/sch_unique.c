/*
 * sch_unique.c - uniqueItems: items compared as the JSON values Compose
 * sees (so `80` and "80" differ, `1` and `1.0` do not, and two mappings
 * with the same pairs in another order are equal).  Items are hashed and
 * sorted, so a long list costs n log n, not n squared.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../../checks/rules.h"
#include "schema_internal.h"

static uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
	return h;
}

static uint64_t bytes_hash(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
	return h;
}

static uint64_t node_hash(const struct ecs_node *n)
{
	struct ecs_scalar_value v;
	uint64_t h;

	n = ecs_node_deref(n);
	if (n->kind == ECS_NODE_MAPPING) {
		h = 7;
		for (uint32_t i = 0; i < n->map.n; i++)	/* order-independent: a sum */
			h += mix(node_hash(n->map.pairs[i].key), node_hash(n->map.pairs[i].value));
		return h;
	}
	if (n->kind == ECS_NODE_SEQUENCE) {
		h = 11;
		for (uint32_t i = 0; i < n->seq.n; i++)
			h = mix(h, node_hash(n->seq.items[i]));
		return h;
	}
	ecs_scalar_resolve(n, &v);
	switch (v.type) {
	case ECS_SCALAR_NULL: return 1;
	case ECS_SCALAR_BOOL: return v.boolean ? 3 : 2;
	case ECS_SCALAR_INT:
	case ECS_SCALAR_FLOAT: {
		double d = v.number == 0 ? 0 : v.number;	/* -0 == 0 */
		uint64_t bits;
		memcpy(&bits, &d, sizeof(bits));
		return mix(5, bits);
	}
	case ECS_SCALAR_STRING: break;
	}
	return mix(13, bytes_hash(n->scalar.text, n->scalar.len));
}

static bool node_equal(const struct ecs_node *a, const struct ecs_node *b);

static int cmp_pair_key(const void *pa, const void *pb)
{
	const char *a = ecs_node_text((*(const struct ecs_pair *const *)pa)->key);
	const char *b = ecs_node_text((*(const struct ecs_pair *const *)pb)->key);
	return strcmp(a ? a : "", b ? b : "");
}

/* Pairs sorted by key on both sides: n log n where a lookup per key would be n squared. */
static bool big_maps_equal(const struct ecs_node *a, const struct ecs_node *b)
{
	uint32_t n = a->map.n;
	const struct ecs_pair **pa = malloc(2 * (size_t)n * sizeof(*pa)), **pb;
	bool equal = true;

	if (!pa)
		return false;	/* out of memory: "different" only misses a duplicate */
	pb = pa + n;
	for (uint32_t i = 0; i < n; i++) {
		pa[i] = &a->map.pairs[i];
		pb[i] = &b->map.pairs[i];
	}
	qsort(pa, n, sizeof(*pa), cmp_pair_key);
	qsort(pb, n, sizeof(*pb), cmp_pair_key);
	for (uint32_t i = 0; i < n && equal; i++)
		equal = cmp_pair_key(&pa[i], &pb[i]) == 0 && node_equal(pa[i]->value, pb[i]->value);
	free(pa);
	return equal;
}

static bool node_equal(const struct ecs_node *a, const struct ecs_node *b)
{
	struct ecs_scalar_value va, vb;

	a = ecs_node_deref(a);
	b = ecs_node_deref(b);
	if (a == b)
		return true;
	if (a->kind != b->kind)
		return false;
	if (a->kind == ECS_NODE_MAPPING) {
		if (a->map.n != b->map.n)
			return false;
		if (a->map.n > 16)
			return big_maps_equal(a, b);
		for (uint32_t i = 0; i < a->map.n; i++) {
			const char *k = ecs_node_text(a->map.pairs[i].key);
			const struct ecs_node *other = k ? ecs_node_map_get(b, k) : NULL;
			if (!other || !node_equal(a->map.pairs[i].value, other))
				return false;
		}
		return true;
	}
	if (a->kind == ECS_NODE_SEQUENCE) {
		if (a->seq.n != b->seq.n)
			return false;
		for (uint32_t i = 0; i < a->seq.n; i++)
			if (!node_equal(a->seq.items[i], b->seq.items[i]))
				return false;
		return true;
	}
	ecs_scalar_resolve(a, &va);
	ecs_scalar_resolve(b, &vb);
	if ((va.type == ECS_SCALAR_INT || va.type == ECS_SCALAR_FLOAT) &&
	    (vb.type == ECS_SCALAR_INT || vb.type == ECS_SCALAR_FLOAT))
		return va.number == vb.number;
	if (va.type != vb.type)
		return false;
	if (va.type == ECS_SCALAR_BOOL)
		return va.boolean == vb.boolean;
	if (va.type == ECS_SCALAR_NULL)
		return true;
	return a->scalar.len == b->scalar.len && memcmp(a->scalar.text, b->scalar.text, a->scalar.len) == 0;
}

struct hashed {
	uint64_t hash;
	uint32_t index;
};

static int cmp_hashed(const void *pa, const void *pb)
{
	const struct hashed *a = pa, *b = pb;
	if (a->hash != b->hash)
		return a->hash < b->hash ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

static void report_repeat(struct sch_state *st, const struct ecs_node *seq, uint32_t first, uint32_t again)
{
	struct sch_finding *f;

	if (sch_push(st, NULL, again, NULL) < 0)
		return;
	f = sch_report(st, &ECS103_rule, seq->seq.items[again], "%s repeats item %u (%s)", sch_subject(st),
		       first, sch_value_text(st, seq->seq.items[again]));
	sch_pop(st);
	if (!f)
		return;
	sch_help(st, f, "remove the repeated item: Compose rejects lists with equal items here");
	f->related = ecs_node_deref(seq->seq.items[first]);
	f->related_message = "first listed here";
}

void sch_check_unique(struct sch_state *st, const struct ecs_node *seq)
{
	uint32_t n = seq->seq.n;
	struct hashed *h;

	if (n < 2)
		return;
	h = malloc(n * sizeof(*h));
	if (!h) {
		st->nomem = true;
		return;
	}
	for (uint32_t i = 0; i < n; i++) {
		h[i].hash = node_hash(seq->seq.items[i]);
		h[i].index = i;
	}
	qsort(h, n, sizeof(*h), cmp_hashed);
	for (uint32_t run = 0; run < n;) {
		uint32_t end = run + 1;
		while (end < n && h[end].hash == h[run].hash)
			end++;
		/* Within a run (equal hashes) compare each item with the earlier ones. */
		for (uint32_t j = run + 1; j < end; j++) {
			for (uint32_t i = run; i < j; i++) {
				if (node_equal(seq->seq.items[h[i].index], seq->seq.items[h[j].index])) {
					report_repeat(st, seq, h[i].index, h[j].index);
					break;
				}
			}
		}
		run = end;
	}
	free(h);
}
