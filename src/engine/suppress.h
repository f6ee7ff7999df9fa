/*
 * suppress.h - inline suppression comments in Compose files.
 *
 * Accepted forms (the rule list is ids or names, comma separated):
 *   # ecslint: disable=ECS202            on a line with content: that line;
 *                                        alone on its line: the next line
 *   # ecslint: disable-line=ECS202       that line only
 *   # ecslint: disable-next-line=ECS202  the next line holding content
 *   # ecslint: disable-file=ECS202,ECS401  the whole file
 * The colon is optional, a space may stand for '=', and ` -- reason` may
 * follow the list (yamllint/eslint habit): `# ecslint disable-line ECS202 -- why`.
 *
 * Only real comments count: a '#' inside a quoted or block scalar is text,
 * which the YAML tree's scalar spans tell.  Unknown rules and unknown
 * actions are reported as ECS902; suppressions that end up matching nothing
 * as ECS901.
 */
#ifndef ECS_SUPPRESS_H
#define ECS_SUPPRESS_H

#include <stdbool.h>

#include "../core/diag.h"
#include "../yaml/node.h"

enum ecs_suppress_scope {
	ECS_SUPPRESS_LINE,
	ECS_SUPPRESS_FILE,
};

struct ecs_suppression {
	uint32_t file;
	uint32_t line;			/* the line it covers (ECS_SUPPRESS_LINE) */
	enum ecs_suppress_scope scope;
	const struct ecs_rule *rule;
	struct ecs_span span;		/* the rule's name inside the comment */
	bool used;
};

struct ecs_suppressions {
	struct ecs_suppression *v;
	size_t n, cap;
};

/*
 * Adds the directives found in src to out.  root is src's YAML tree (or
 * NULL when it has none), used to skip '#' characters inside scalars.
 * Problems in directives are reported to d.  Returns 0, or -1 out of memory.
 */
int ecs_suppress_scan(const struct ecs_source *src, const struct ecs_node *root, struct ecs_arena *a,
		      struct ecs_diags *d, struct ecs_suppressions *out);

/*
 * Marks every diagnostic a suppression covers as suppressed (SARIF still
 * shows them) and flags the suppressions used.  Mandatory rules are never
 * suppressed.
 */
void ecs_suppress_apply(struct ecs_suppressions *s, struct ecs_diags *d, size_t from);

#endif
