/*
 * duplicate_fix.h - ECS002's fix: a repeated key whose value equals the
 * first occurrence's can go without changing what any reader sees.
 */
#ifndef ECS_DUPLICATE_FIX_H
#define ECS_DUPLICATE_FIX_H

#include <stdbool.h>

#include "yaml_internal.h"

/* Structural equality after looking through aliases; false when unsure. */
bool ecs_yaml_values_equal(const struct ecs_node *a, const struct ecs_node *b);

/*
 * Adds help, and a safe fix when the values are equal, to dg: the ECS002
 * diagnostic on kids[2 * i] (the mapping's written keys and values, in
 * order), a repeat of the key in first.  The fix deletes the repeated
 * entry: its whole lines in a block mapping, the entry and one separating
 * comma in a flow mapping.  No fix when the entry defines an anchor (an
 * alias may use it) or shares its lines with other content.
 */
void ecs_yaml_duplicate_fix(struct ecs_yaml_builder *b, const struct ecs_node *map,
			    struct ecs_node *const *kids, size_t i, const struct ecs_pair *first,
			    struct ecs_diag *dg);

#endif
