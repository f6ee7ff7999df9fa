/*
 * project.c - loads a Compose project from files.
 */
#include "project.h"

#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../checks/rules.h"
#include "../yaml/yaml_load.h"

/* Compose's project name rule: lowercase letters, digits, '-' and '_' only. */
static char *normalise_name(struct ecs_arena *a, const char *raw)
{
	size_t n = strlen(raw), out = 0;
	char *s = ecs_arena_alloc(a, n + 1);

	if (!s)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		char c = raw[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')
			s[out++] = c;
	}
	s[out] = '\0';
	return s;
}

static const char *dir_of(struct ecs_arena *a, const char *path)
{
	char buf[PATH_MAX];
	char *copy;

	if (strcmp(path, "-") == 0)
		return ".";
	copy = ecs_arena_strdup(a, path);
	if (!copy)
		return NULL;
	if (realpath(dirname(copy), buf))
		return ecs_arena_strdup(a, buf);
	return ecs_arena_strdup(a, ".");
}

static int finish(struct ecs_run *r, const struct ecs_options *o, struct ecs_source *src,
		  const char *dir, struct ecs_project_input *out)
{
	struct ecs_node *root = NULL;
	enum ecs_yaml_status st;
	char buf[PATH_MAX];

	out->files = ecs_arena_alloc(&r->arena, sizeof(*out->files));
	if (!out->files)
		return -1;
	out->files[0] = src;
	out->n_files = 1;
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
	out->root = root;
	out->working_dir = o->project_directory ? o->project_directory : dir;
	if (o->project_name)
		out->name = normalise_name(&r->arena, o->project_name);
	else if (getenv("COMPOSE_PROJECT_NAME") && *getenv("COMPOSE_PROJECT_NAME"))
		out->name = normalise_name(&r->arena, getenv("COMPOSE_PROJECT_NAME"));
	else if (root && ecs_node_text(ecs_node_map_get(root, "name")))
		out->name = normalise_name(&r->arena, ecs_node_text(ecs_node_map_get(root, "name")));
	else {
		snprintf(buf, sizeof(buf), "%s", out->working_dir);
		out->name = normalise_name(&r->arena, basename(buf));
	}
	return r->arena.failed ? -1 : 0;
}

int ecs_project_load(struct ecs_run *r, const struct ecs_options *o, const char *const *paths,
		     size_t n_paths, struct ecs_project_input *out)
{
	struct ecs_source *src;
	const char *display;

	memset(out, 0, sizeof(*out));
	if (n_paths == 0)
		return 0;
	display = strcmp(paths[0], "-") == 0 ? (o->stdin_filename ? o->stdin_filename : "<stdin>") : paths[0];
	src = ecs_run_read(r, paths[0], display);
	if (!src)
		return r->arena.failed ? -1 : 0;
	return finish(r, o, src, dir_of(&r->arena, paths[0]), out);
}

int ecs_project_load_text(struct ecs_run *r, const struct ecs_options *o, const char *display,
			  const char *text, size_t len, struct ecs_project_input *out)
{
	struct ecs_source *src;

	memset(out, 0, sizeof(*out));
	src = ecs_run_add_text(r, display, text, len);
	if (!src)
		return r->arena.failed ? -1 : 0;
	return finish(r, o, src, dir_of(&r->arena, display), out);
}
