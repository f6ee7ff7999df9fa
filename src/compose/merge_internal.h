/*
 * merge_internal.h - shared by merge.c (the rules) and merge_lists.c (the
 * list and node helpers).
 */
#ifndef ECS_MERGE_INTERNAL_H
#define ECS_MERGE_INTERNAL_H

#include "merge.h"
#include "strtab.h"

/* What identifies an item of a list when lists are merged. */
enum key_kind { K_NAME, K_WHOLE, K_PORT, K_VOLUME, K_SECRET, K_CONFIG, K_DEVICE, K_PATH, K_SUBNET };

struct merger {
	struct ecs_run *r;
	int8_t *has_reset;	/* per file index: 0 unknown, 1 no, 2 yes */
	uint32_t n_files;
};

/* n without its `!reset` values (n itself when it has none). */
struct ecs_node *merge_strip(struct merger *m, struct ecs_node *n);
struct ecs_node *merge_new_sequence(struct ecs_arena *a, const struct ecs_node *like, struct ecs_node **items,
				    uint32_t n);
/* Text of key in mapping map, or NULL. */
const char *merge_map_text(const struct ecs_node *map, const char *key);
/* base's items then over's; an item whose key repeats replaces the earlier one in place. */
struct ecs_node *merge_concat_unique(struct merger *m, const struct ecs_node *base, const struct ecs_node *over,
				     enum key_kind kind);
/* A string as a one-item list. */
const struct ecs_node *merge_as_list(struct merger *m, const struct ecs_node *n);
/* NAME: value pairs as NAME=value items. */
const struct ecs_node *merge_kv_as_list(struct merger *m, const struct ecs_node *map);
/* A list of names as a mapping (depends_on: with condition/required; else null values). */
const struct ecs_node *merge_list_as_map(struct merger *m, const struct ecs_node *seq, bool depends_on);

#endif
