/*
 * yaml_internal.h - the loader's working state, shared by yaml_load.c and
 * merge_keys.c (mapping completion: duplicate keys and << merges).
 */
#ifndef ECS_YAML_INTERNAL_H
#define ECS_YAML_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "yaml_load.h"

struct fy_event;
struct fy_mark;
struct fy_token;
struct fy_token_iter;

struct ecs_frame {
	struct ecs_node *node;
	size_t first_child;	/* index in the scratch stack */
	uint64_t expanded;
	bool flow;
};

struct ecs_anchor {
	const char *name;
	struct ecs_node *node;
};

struct ecs_keyslot {
	const struct ecs_node *key;
	uint32_t pair;
};

struct ecs_yaml_builder {
	const struct ecs_source *src;
	struct ecs_arena *arena;
	struct ecs_diags *diags;
	struct ecs_node *root;
	uint32_t max_depth;
	uint64_t max_expanded, max_merge_pairs, merge_pairs;
	bool invalid;
	struct ecs_pos last_end;	/* where the last finished node ended */
	struct ecs_pos last_pos;	/* the last position computed (yaml_load.c pos_at) */		/* a reported problem that still leaves a usable tree */

	struct ecs_node **children;	/* scratch stack of finished children */
	size_t n_children, cap_children;
	struct ecs_frame *frames;
	size_t depth, cap_frames;
	struct ecs_anchor *anchors;	/* open addressing, power-of-two size */
	size_t n_anchors, cap_anchors;
	struct ecs_keyslot *keyhash;	/* reused for every large mapping */
	size_t cap_keyhash;
	struct fy_token_iter *text_iter;	/* reads every scalar's text (yaml_load.c) */
	char *text;			/* scratch for a scalar's text, grown as needed */
	size_t cap_text;
};

/* Spans from libfyaml marks, computed from byte offsets (yaml_spans.c). */
struct ecs_span ecs_yaml_span_of(struct ecs_yaml_builder *b, const struct fy_mark *s, const struct fy_mark *e);
/* An event's span; zero-width after the last node when libfyaml gives no marks. */
struct ecs_span ecs_yaml_event_span(struct ecs_yaml_builder *b, struct fy_event *ev);
/* Scalar n's decoded text (token t) in the arena; NULL when out of memory. */
const char *ecs_yaml_scalar_text(struct ecs_yaml_builder *b, const struct ecs_node *n, struct fy_token *t,
				 size_t *lenp);

/*
 * Byte offset of a tab that would crash libfyaml 0.7.12 (fy_quirks.c), or -1.
 * The input is invalid YAML there; the caller reports it and skips libfyaml.
 */
long ecs_yaml_fy_crash_check(const char *s, size_t len);

#endif
