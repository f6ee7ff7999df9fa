/*
 * node.h - our YAML tree: every node and every mapping key keeps its exact
 * span, scalar style, tag and anchor.  Built by yaml_load.c from libfyaml
 * events; everything after the loader reads only this.
 *
 * Aliases stay alias nodes pointing at their anchor's node (never copied):
 * use ecs_node_deref() to look through them.  Merge keys (<<) are already
 * applied: a mapping's pairs include the merged ones, flagged from_merge,
 * whose key and value nodes are the anchor's own (spans at the anchor).
 */
#ifndef ECS_NODE_H
#define ECS_NODE_H

#include <stdbool.h>
#include <stdint.h>

#include "../core/source.h"

enum ecs_node_kind {
	ECS_NODE_SCALAR,
	ECS_NODE_MAPPING,
	ECS_NODE_SEQUENCE,
	ECS_NODE_ALIAS,
};

enum ecs_scalar_style {
	ECS_STYLE_PLAIN,
	ECS_STYLE_SINGLE,
	ECS_STYLE_DOUBLE,
	ECS_STYLE_LITERAL,
	ECS_STYLE_FOLDED,
	ECS_STYLE_FLOW,		/* flow collection: [..] or {..} */
	ECS_STYLE_BLOCK,	/* block collection */
};

struct ecs_node;

struct ecs_pair {
	struct ecs_node *key;
	struct ecs_node *value;
	bool from_merge;
};

struct ecs_node {
	uint8_t kind;		/* enum ecs_node_kind */
	uint8_t style;		/* enum ecs_scalar_style */
	/*
	 * Span of the node as written: quoted scalars include their quotes,
	 * collections run from their first to their last character.
	 */
	struct ecs_span span;
	const char *tag;	/* resolved tag text ("!reset", "tag:yaml.org,2002:str") or NULL */
	const char *anchor;	/* "base" for &base, or NULL */
	uint64_t expanded;	/* node count with aliases expanded (saturating) */
	union {
		struct {
			const char *text;	/* decoded value, NUL-terminated */
			uint32_t len;
			/* content span without quotes or block indicators */
			uint32_t content_start, content_end;
		} scalar;
		struct {
			struct ecs_pair *pairs;
			uint32_t n;
		} map;
		struct {
			struct ecs_node **items;
			uint32_t n;
		} seq;
		struct {
			const char *name;
			struct ecs_node *target;
		} alias;
	};
};

/* Looks through aliases (the loader guarantees alias chains are acyclic). */
static inline const struct ecs_node *ecs_node_deref(const struct ecs_node *n)
{
	while (n && n->kind == ECS_NODE_ALIAS)
		n = n->alias.target;
	return n;
}

bool ecs_node_is_scalar(const struct ecs_node *n);
bool ecs_node_is_mapping(const struct ecs_node *n);
bool ecs_node_is_sequence(const struct ecs_node *n);
/* A plain empty, "~" or null scalar, or one tagged !!null. */
bool ecs_node_is_null(const struct ecs_node *n);
/* Scalar text after deref, or NULL when not a scalar. */
const char *ecs_node_text(const struct ecs_node *n);
/* Pair with scalar key equal to key in mapping n (after deref), or NULL. */
const struct ecs_pair *ecs_node_map_pair(const struct ecs_node *n, const char *key);
/* Value of key in mapping n (deref'd), or NULL. */
const struct ecs_node *ecs_node_map_get(const struct ecs_node *n, const char *key);

#endif
