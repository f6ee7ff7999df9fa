/*
 * interp_tree.h - interpolation applied to a loaded Compose file: every
 * scalar value of the tree (never keys, as Compose), in place, with the
 * findings located inside the scalar (ECS110, ECS111, ECS112).
 */
#ifndef ECS_INTERP_TREE_H
#define ECS_INTERP_TREE_H

#include "../core/run.h"
#include "../yaml/node.h"
#include "env.h"
#include "interp.h"

/*
 * Interpolates every scalar value under root (a tree loaded from src) with
 * env.  A changed scalar gets its new text in the arena and keeps its span;
 * a scalar whose expansion fails keeps its text.  Returns 0, or -1 when out
 * of memory.
 */
int ecs_interp_tree(struct ecs_run *r, const struct ecs_source *src, struct ecs_node *root,
		    const struct ecs_env *env);

/*
 * Reports res's issues as diagnostics in src; issue i covers source bytes
 * [starts[i], ends[i]).
 */
void ecs_interp_report(struct ecs_run *r, const struct ecs_source *src, const struct ecs_interp_result *res,
		       const uint32_t *starts, const uint32_t *ends);

#endif
