/*
 * node_edit.h - byte ranges for fixes that delete or rewrite written YAML,
 * so that every byte outside the range (comments, quoting, indentation,
 * line ends) stays as the user wrote it.
 *
 * Each function answers false when the layout does not allow a clean edit
 * (the entry shares its line with other content, a comment sits where a
 * separator must go, an explicit `? key`, ...): the caller then offers no
 * fix rather than a risky one.
 */
#ifndef ECS_NODE_EDIT_H
#define ECS_NODE_EDIT_H

#include <stdbool.h>
#include <stdint.h>

#include "../core/source.h"
#include "node.h"

/*
 * The range deleting one entry of collection coll: a pair (key, value) of a
 * mapping, or an item (key NULL) of a sequence.  prev_value is the value or
 * item written just before it in coll (NULL for the first).  Block style:
 * the entry's whole lines, line break included.  Flow style: the entry and
 * the comma after it (or, for the last entry, the comma before it).
 */
bool ecs_edit_entry_removal(const struct ecs_source *src, const struct ecs_node *coll,
			    const struct ecs_node *key, const struct ecs_node *value,
			    const struct ecs_node *prev_value, uint32_t *start, uint32_t *end);

/* The range deleting item i of sequence seq (as written, not through an alias). */
bool ecs_edit_item_removal(const struct ecs_source *src, const struct ecs_node *seq, uint32_t i,
			   uint32_t *start, uint32_t *end);

/*
 * The range deleting the pair whose key node is key from mapping map.  No
 * range for a pair brought in by a merge key (deleting it would change the
 * anchor's other users).
 */
bool ecs_edit_pair_removal(const struct ecs_source *src, const struct ecs_node *map,
			   const struct ecs_node *key, uint32_t *start, uint32_t *end);

/*
 * The range of n's text when it is exactly `text` in the source (a scalar
 * or a part of one, not produced by escapes, folding or interpolation), to
 * replace it in place.  Looks at the span first, then the content range.
 */
bool ecs_edit_text_range(const struct ecs_source *src, const struct ecs_span *span,
			 const struct ecs_node *n, const char *text, uint32_t *start, uint32_t *end);

#endif
