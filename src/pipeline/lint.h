/*
 * lint.h - the check pipeline: inputs -> YAML tree -> (Compose model ->
 * rules) -> finished, sorted diagnostics in the run.
 */
#ifndef ECS_LINT_H
#define ECS_LINT_H

#include "../cli/options.h"
#include "../core/run.h"
#include "../yaml/node.h"

#include "../compose/project.h"

/*
 * Loads and lints one project (one file, or -f files merged).  Returns 0,
 * or -1 when out of memory: problems in the input are diagnostics, never a
 * failure of this call.
 */
int ecs_lint_project(struct ecs_run *r, const struct ecs_options *o, const char *const *paths, size_t n_paths);
/* Lints a project already loaded (the LSP server loads from its buffers). */
int ecs_lint_loaded(struct ecs_run *r, const struct ecs_options *o, const struct ecs_project_input *in);
/*
 * The same, handing back the CloudFormation template the emitter built for
 * the template rules in *tpl (NULL when the project has no usable model;
 * it lives in the run's arena and goes with the run: never cJSON_Delete it).  `convert` uses it so the project is
 * converted once and the emitter's findings are not reported twice.
 */
struct cJSON;
int ecs_lint_loaded_template(struct ecs_run *r, const struct ecs_options *o, const struct ecs_project_input *in,
			     struct cJSON **tpl);

/*
 * Reads and lints every input the options name: each positional FILE (or
 * stdin) as a project of its own; the -f files as one project; with
 * neither, the project Compose would find (COMPOSE_FILE, discovery plus
 * override).  *n_inputs counts the Compose files read.
 */
int ecs_lint_inputs(struct ecs_run *r, const struct ecs_options *o, size_t *n_inputs);

/* The exit status the findings call for: 0, 1 (findings) or 2 (unreadable input). */
int ecs_lint_exit_status(const struct ecs_run *r, const struct ecs_options *o);


#endif
