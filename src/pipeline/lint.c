/*
 * lint.c - drives one check run over the inputs.
 */
#include "lint.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../../checks/rules.h"
#include "../yaml/yaml_load.h"

int ecs_lint_source(struct ecs_run *r, const struct ecs_options *o, struct ecs_source *src)
{
	struct ecs_node *root = NULL;
	enum ecs_yaml_status st;

	(void)o;
	st = ecs_yaml_load(src, &r->arena, &r->diags, NULL, &root);
	if (st == ECS_YAML_NOMEM)
		return -1;
	if (st == ECS_YAML_INVALID)
		r->input_failed = true;
	if (st == ECS_YAML_OK && !root) {
		struct ecs_span sp = ecs_source_span(src, 0, 0);
		struct ecs_diag *dg = ecs_diag_add(&r->diags, &ECS007_rule, &sp, NULL,
			src->len ? "the file holds only comments or blank lines" : "the file is empty");
		ecs_diag_help(&r->diags, dg, "a Compose file needs at least a 'services' mapping");
		r->input_failed = true;
	}
	return 0;
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
	if (n == 0) {
		only = ecs_discover_compose_file(o->project_directory, found, sizeof(found));
		if (!only) {
			struct ecs_source *src = ecs_run_read(r, "compose.yaml", "compose.yaml");
			(void)src;
			*n_inputs = 1;
			return r->arena.failed ? -1 : 0;
		}
		n = 1;
	}
	*n_inputs = n;
	for (size_t i = 0; i < n; i++) {
		const char *path = only ? only : o->inputs.v[i];
		const char *display = path;
		struct ecs_source *src;

		if (strcmp(path, "-") == 0)
			display = o->stdin_filename ? o->stdin_filename : "<stdin>";
		src = ecs_run_read(r, path, display);
		if (!src) {
			if (r->arena.failed)
				return -1;
			continue;
		}
		if (ecs_lint_source(r, o, src) < 0)
			return -1;
	}
	ecs_diags_finish(&r->diags);
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
