/*
 * strtab.h - a fixed-size string -> index table in the arena (open
 * addressing), for name lookups in large mappings: merge keys, services
 * looked up by extends, de-duplication of list items.
 */
#ifndef ECS_STRTAB_H
#define ECS_STRTAB_H

#include <stdint.h>

#include "../core/arena.h"

struct ecs_strtab {
	const char **keys;
	uint32_t *vals;
	uint32_t cap;
};

/* Room for n keys.  -1 when out of memory. */
int ecs_strtab_init(struct ecs_arena *a, struct ecs_strtab *t, uint32_t n);
/* The value stored for key; else stores val (key is kept, not copied) and returns UINT32_MAX. */
uint32_t ecs_strtab_get_or_put(struct ecs_strtab *t, const char *key, uint32_t val);
/* The value stored for key, or UINT32_MAX. */
uint32_t ecs_strtab_get(const struct ecs_strtab *t, const char *key);

#endif
