/*
 * strtab.c - string -> index table with linear probing; sized once, at
 * least twice the number of keys, so probes stay short.
 */
#include "strtab.h"

#include <string.h>

static uint32_t hash_str(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

int ecs_strtab_init(struct ecs_arena *a, struct ecs_strtab *t, uint32_t n)
{
	t->cap = 16;
	while (t->cap < n * 2)
		t->cap *= 2;
	t->keys = ecs_arena_zalloc(a, t->cap * sizeof(*t->keys));
	t->vals = ecs_arena_alloc(a, t->cap * sizeof(*t->vals));
	return t->keys && t->vals ? 0 : -1;
}

uint32_t ecs_strtab_get_or_put(struct ecs_strtab *t, const char *key, uint32_t val)
{
	uint32_t i = hash_str(key) & (t->cap - 1);

	while (t->keys[i]) {
		if (strcmp(t->keys[i], key) == 0)
			return t->vals[i];
		i = (i + 1) & (t->cap - 1);
	}
	t->keys[i] = key;
	t->vals[i] = val;
	return UINT32_MAX;
}

uint32_t ecs_strtab_get(const struct ecs_strtab *t, const char *key)
{
	uint32_t i = hash_str(key) & (t->cap - 1);

	while (t->keys[i]) {
		if (strcmp(t->keys[i], key) == 0)
			return t->vals[i];
		i = (i + 1) & (t->cap - 1);
	}
	return UINT32_MAX;
}
