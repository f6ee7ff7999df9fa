/*
 * diff.h - unified diffs between two texts, line by line (Myers' O(ND)
 * algorithm in linear space), as `diff -u` prints them, so `patch -p0`
 * applies what `ecslint check --diff` shows.
 */
#ifndef ECS_DIFF_H
#define ECS_DIFF_H

#include <stddef.h>

#include "../core/buf.h"

#define ECS_DIFF_CONTEXT 3

/*
 * Appends to out the unified diff turning a into b, with `--- name` and
 * `+++ name` headers and context lines of context.  Lines end at "\n" (a
 * "\r" stays part of its line); a last line without one is marked
 * "\ No newline at end of file".  Equal texts append nothing.  Returns 0,
 * or -1 when out of memory.
 */
int ecs_diff_unified(const char *name, const char *a, size_t a_len, const char *b, size_t b_len,
		     unsigned context, struct ecs_buf *out);

#endif
