/*
 * merge_keys.h - completing a mapping: duplicate keys (ECS002) and YAML
 * merge keys (<<), both in time linear in the number of pairs.
 */
#ifndef ECS_MERGE_KEYS_H
#define ECS_MERGE_KEYS_H

#include "yaml_internal.h"

/*
 * Sets n->map from kids (key, value, key, value, ...).  Returns 0, 1 when a
 * limit stops the load (reported), or -1 when out of memory.
 */
int ecs_yaml_finish_mapping(struct ecs_yaml_builder *b, struct ecs_node *n,
			    struct ecs_node **kids, size_t n_pairs);

#endif
