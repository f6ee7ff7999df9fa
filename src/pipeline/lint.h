/*
 * lint.h - the check pipeline: inputs -> YAML tree -> (Compose model ->
 * rules) -> finished, sorted diagnostics in the run.
 */
#ifndef ECS_LINT_H
#define ECS_LINT_H

#include "../cli/options.h"
#include "../core/run.h"
#include "../yaml/node.h"

/* One loaded input: its source and tree (NULL when unusable). */
struct ecs_input {
	struct ecs_source *src;
	struct ecs_node *root;
};

/*
 * Lints one source already in the run.  Returns 0, or -1 when out of memory.
 * Problems in the input are diagnostics, never a failure of this call.
 */
int ecs_lint_source(struct ecs_run *r, const struct ecs_options *o, struct ecs_source *src);

/*
 * Reads and lints every input the options name (positional files, stdin,
 * or the discovered default Compose file).  *n_inputs counts them.
 */
int ecs_lint_inputs(struct ecs_run *r, const struct ecs_options *o, size_t *n_inputs);

/* The exit status the findings call for: 0, 1 (findings) or 2 (unreadable input). */
int ecs_lint_exit_status(const struct ecs_run *r, const struct ecs_options *o);

/* First of compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml in dir. */
const char *ecs_discover_compose_file(const char *dir, char *buf, size_t len);

#endif
