/*
 * lint.c - drives one check run over the inputs.
 */
#include "lint.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../../checks/rules.h"
#include "../compose/project.h"
#include "../model/model.h"
#include "../schema/schema.h"

int ecs_lint_project(struct ecs_run *r, const struct ecs_options *o, const char *const *paths, size_t n_paths)
{
	struct ecs_project_input in;

	if (ecs_project_load(r, o, paths, n_paths, &in) < 0)
		return -1;
	return ecs_lint_loaded(r, o, &in);
}

int ecs_lint_loaded(struct ecs_run *r, const struct ecs_options *o, const struct ecs_project_input *in)
{
	struct ecs_project *project;

	(void)o;
	if (!in->root)
		return 0;
	if (ecs_schema_check(in->root, &r->diags, &r->arena) < 0)
		return -1;
	if (ecs_model_build(r, in, &project) < 0)
		return -1;
	/* The rules run here, over the model. */
	return r->arena.failed ? -1 : 0;
}

int ecs_lint_inputs(struct ecs_run *r, const struct ecs_options *o, size_t *n_inputs)
{
	r->max_file_size = o->max_file_size;
	if (o->files.n || o->inputs.n == 0) {
		/*
		 * -f FILE... is one project, merged as Compose merges it; with neither
		 * -f nor FILE the loader finds the files as Compose does
		 * (COMPOSE_FILE, or discovery plus the override file).
		 */
		struct ecs_project_input in;
		if (ecs_project_load(r, o, o->files.v, o->files.n, &in) < 0)
			return -1;
		*n_inputs = in.n_files;
		if (ecs_lint_loaded(r, o, &in) < 0)
			return -1;
	} else {
		*n_inputs = 0;
	}
	/* Each positional FILE is a project of its own. */
	for (size_t i = 0; i < o->inputs.n; i++) {
		const char *path = o->inputs.v[i];

		if (ecs_lint_project(r, o, &path, 1) < 0)
			return -1;
		(*n_inputs)++;
	}
	ecs_diags_finish_files(&r->diags, &r->files);
	return r->arena.failed ? -1 : 0;
}

int ecs_lint_exit_status(const struct ecs_run *r, const struct ecs_options *o)
{
	if (r->input_failed)
		return 2;
	if (!o->fail_level)
		return 0;
	for (size_t i = 0; i < r->diags.n; i++) {
		const struct ecs_diag *d = r->diags.v[i];
		if (!d->suppressed && d->severity >= o->fail_level)
			return 1;
	}
	return 0;
}
