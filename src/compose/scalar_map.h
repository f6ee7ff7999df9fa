/*
 * scalar_map.h - from a byte offset in a YAML scalar's decoded text back to
 * the source bytes that produced it, for every scalar style (escapes and
 * folding in double quotes, '' in single quotes, folded plain lines, block
 * scalar indentation).  Lets a diagnostic about part of a value (one ${VAR}
 * inside it) point at exactly those source columns.
 */
#ifndef ECS_SCALAR_MAP_H
#define ECS_SCALAR_MAP_H

#include <stddef.h>
#include <stdint.h>

#include "../core/source.h"
#include "../yaml/node.h"

/*
 * For each decoded offset dec[i] (ascending; each < the text's length),
 * sets raw_start[i]/raw_end[i] to the source bytes of that decoded byte
 * (an escape like \t maps to its two bytes).  One pass over the scalar.
 */
void ecs_scalar_map(const struct ecs_source *src, const struct ecs_node *scalar, const uint32_t *dec,
		    size_t n, uint32_t *raw_start, uint32_t *raw_end);

#endif
