/*
 * interp.h - Compose variable interpolation ($VAR, ${VAR}, ${VAR:-d},
 * ${VAR-d}, ${VAR:?msg}, ${VAR?msg}, ${VAR:+alt}, ${VAR+alt}, $$), with the
 * reference implementation's exact grammar and quirks:
 *  - single pass: a substituted value is never scanned again, so A='${A}'
 *    cannot recurse; defaults, alternatives and messages are templates and
 *    are expanded (lazily: an unused default is not evaluated);
 *  - the operator is the one right after the name; a braced expression ends
 *    at the '}' balancing its '${' (only "${" opens), else at the last '}' on
 *    its line; a '$' before anything but '$', a name or '{' stays as is.
 * Work is bounded: nesting depth and output size are capped (ECS112).
 *
 * Issues come back as byte ranges of the input so the caller can map them to
 * the source (YAML scalars: scalar_map.h; env files: their own map).
 */
#ifndef ECS_INTERP_H
#define ECS_INTERP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/arena.h"
#include "env.h"

#define ECS_INTERP_MAX_DEPTH 64
#define ECS_INTERP_MAX_OUTPUT (16u * 1024u * 1024u)
#define ECS_INTERP_MAX_ISSUES 64

enum ecs_interp_kind {
	ECS_INTERP_UNSET,	/* $VAR / ${VAR} of an unset variable: warning */
	ECS_INTERP_REQUIRED,	/* ${VAR:?msg} / ${VAR?msg} triggered: error */
	ECS_INTERP_MALFORMED,	/* not a valid expression, or too deep/large: error */
};

struct ecs_interp_issue {
	enum ecs_interp_kind kind;
	uint32_t start, end;	/* byte range of the expression in the input */
	const char *name;	/* the variable (UNSET, REQUIRED), arena */
	const char *detail;	/* REQUIRED: the expanded message ("" if none); MALFORMED: why */
};

struct ecs_interp_result {
	const char *text;	/* arena, NUL-terminated; the input itself when unchanged */
	size_t len;
	bool changed;
	bool failed;		/* an error issue: Compose would reject the value; text is the input */
	struct ecs_interp_issue *issues;	/* in order of discovery, at most MAX_ISSUES */
	uint32_t n_issues;
	uint32_t n_unlisted;	/* issues beyond the cap */
};

/* True when text holds a '$' (nothing to do otherwise). */
bool ecs_interp_needed(const char *text, size_t len);

/*
 * Expands text (len bytes, need not be NUL-terminated) with variables from
 * env.  Returns 0, or -1 when out of memory.
 */
int ecs_interp(struct ecs_arena *a, const struct ecs_env *env, const char *text, size_t len,
	       struct ecs_interp_result *out);

#endif
