/*
 * merge.h - Compose's merge rules for override files, extends and include:
 * mappings merge key by key, sequences append (de-duplicated by the key the
 * specification gives: ports, volumes and secrets/configs by target, env-like
 * lists by name...), scalars are replaced, null keeps the base, and the
 * `!reset` / `!override` tags remove or replace.
 *
 * The result is a new tree of mapping/sequence nodes whose leaves are the
 * original nodes, so every merged value keeps the span of the file and line
 * it came from.  Inputs are never modified.  Work is linear in the size of
 * both trees (mappings are hashed when large).  Shapes that cannot merge are
 * ECS116 diagnostics; the base value is kept.
 */
#ifndef ECS_MERGE_H
#define ECS_MERGE_H

#include "../core/run.h"
#include "../yaml/node.h"

/* Merges a whole Compose document over base (NULL: none).  NULL result: nothing left (or out of memory). */
struct ecs_node *ecs_merge_documents(struct ecs_run *r, struct ecs_node *base, struct ecs_node *over);
/* Merges one service definition over base (extends).  name is for messages. */
struct ecs_node *ecs_merge_service(struct ecs_run *r, struct ecs_node *base, struct ecs_node *over,
				   const char *name);
/* Removes `!reset` values from a document that has nothing to merge with. */
struct ecs_node *ecs_merge_strip(struct ecs_run *r, struct ecs_node *doc);

/* A mapping holding pairs[0..n) (copied), with span/style of like (may be NULL). */
struct ecs_node *ecs_node_new_mapping(struct ecs_arena *a, const struct ecs_node *like,
				      const struct ecs_pair *pairs, uint32_t n);
/* A plain scalar with text at span (for values Compose synthesises, e.g. build: DIR -> context: DIR). */
struct ecs_node *ecs_node_new_scalar(struct ecs_arena *a, const char *text, const struct ecs_span *span);

/* True when n (or its alias target) carries the YAML tag `tag` ("!reset", "!override"). */
bool ecs_node_has_tag(const struct ecs_node *n, const char *tag);

#endif
