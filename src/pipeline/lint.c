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
	return r->arena.failed ? -1 : 0;
}

const char *ecs_discover_compose_file(const char *dir, char *buf, size_t len)
{
	static const char *const names[] = { "compose.yaml", "compose.yml", "docker-compose.yml",
					     "docker-compose.yaml" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (dir && *dir && strcmp(dir, ".") != 0)
			snprintf(buf, len, "%s/%s", dir, names[i]);
		else
			snprintf(buf, len, "%s", names[i]);
		if (access(buf, F_OK) == 0)
			return buf;
	}
	return NULL;
}

int ecs_lint_inputs(struct ecs_run *r, const struct ecs_options *o, size_t *n_inputs)
{
	char found[4096];
	const char *only = NULL;
	size_t n = o->inputs.n;

	r->max_file_size = o->max_file_size;
	if (n == 0 && o->files.n == 0) {
		only = ecs_discover_compose_file(o->project_directory, found, sizeof(found));
		if (!only) {
			struct ecs_source *src = ecs_files_add(&r->files, &r->arena, "compose.yaml", "", 0);
			if (src) {
				struct ecs_span sp = ecs_source_span(src, 0, 0);
				struct ecs_diag *dg = ecs_diag_add(&r->diags, &ECS005_rule, &sp, NULL,
					"no Compose file here (looked for compose.yaml, compose.yml, "
					"docker-compose.yml, docker-compose.yaml)");
				ecs_diag_help(&r->diags, dg, "name the file: ecslint check path/to/compose.yaml");
			}
			r->input_failed = true;
			*n_inputs = 0;
			return r->arena.failed ? -1 : 0;
		}
		n = 1;
	}
	*n_inputs = n + o->files.n;
	if (o->files.n) {
		/* -f FILE... is one project, merged as Compose merges it. */
		*n_inputs = o->files.n;
		if (ecs_lint_project(r, o, o->files.v, o->files.n) < 0)
			return -1;
	}
	for (size_t i = 0; i < o->inputs.n || (only && i == 0); i++) {
		const char *path = only ? only : o->inputs.v[i];

		if (ecs_lint_project(r, o, &path, 1) < 0)
			return -1;
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
