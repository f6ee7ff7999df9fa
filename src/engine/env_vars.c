/*
 * env_vars.c - an env_file's variables for rules, each located in the file.
 *
 * The loader's dotenv parser decides what the file defines; the spans come
 * from finding each name at the start of a line (after `export `), which is
 * the only place the dotenv syntax allows a name.
 */
#include <string.h>
#include <unistd.h>

#include "../compose/env.h"
#include "../core/run.h"
#include "../model/model.h"
#include "engine.h"

static struct ecs_source *find_loaded(const struct ecs_run *r, const char *path)
{
	for (uint32_t i = 0; i < r->files.n; i++)
		if (strcmp(r->files.v[i]->path, path) == 0)
			return r->files.v[i];
	return NULL;
}

/* Start of the definition of name on a line of src, or -1. */
static long name_at(const struct ecs_source *src, const char *name, uint32_t *line_out)
{
	size_t n = strlen(name);

	for (uint32_t l = 1; l <= src->n_lines; l++) {
		size_t len, i = 0;
		const char *t = ecs_source_line(src, l, &len);

		while (i < len && (t[i] == ' ' || t[i] == '\t'))
			i++;
		if (len - i > 7 && strncmp(t + i, "export", 6) == 0 && (t[i + 6] == ' ' || t[i + 6] == '\t')) {
			i += 7;
			while (i < len && (t[i] == ' ' || t[i] == '\t'))
				i++;
		}
		if (len - i >= n && strncmp(t + i, name, n) == 0 &&
		    (i + n == len || t[i + n] == '=' || t[i + n] == ':' || t[i + n] == ' ' || t[i + n] == '\t')) {
			*line_out = l;
			return (long)(src->line_starts[l - 1] + i);
		}
	}
	return -1;
}

/* The path as diagnostics show it: relative to the working directory when under it. */
static const char *display_path(struct ecs_run *r, const char *path)
{
	char cwd[4096];
	size_t n;

	if (path[0] != '/' || !getcwd(cwd, sizeof(cwd)))
		return path;
	n = strlen(cwd);
	if (strncmp(path, cwd, n) == 0 && path[n] == '/')
		return ecs_arena_strdup(&r->arena, path + n + 1);
	return path;
}

uint32_t ecs_check_env_file(struct ecs_check *ck, const struct ecs_env_file *f, const struct ecs_check_var **out)
{
	struct ecs_run *r = ck->run;
	struct ecs_source *src;
	const char *shown;
	struct ecs_diags quiet;
	struct ecs_env env;
	struct ecs_check_var *v;
	uint32_t n = 0;

	*out = NULL;
	if (!f->resolved_path)
		return 0;
	shown = display_path(r, f->resolved_path);
	if (!shown)
		return 0;
	src = find_loaded(r, shown);
	if (!src) {
		if (access(f->resolved_path, R_OK) != 0)
			return 0;
		src = ecs_run_read(r, f->resolved_path, shown);
		if (!src)
			return 0;
	}
	/* Its problems are reported by whoever loads it for real: parse quietly. */
	ecs_diags_init(&quiet, &r->arena);
	{
		struct ecs_diags saved = r->diags;
		r->diags = quiet;
		ecs_env_init(&env, &r->arena);
		int rc = ecs_env_parse_file(r, src, &env);
		r->diags = saved;
		if (rc < 0)
			return 0;
	}
	v = ecs_arena_zalloc(&r->arena, (env.n + 1) * sizeof(*v));
	if (!v)
		return 0;
	for (uint32_t i = 0; i < env.cap; i++) {
		const struct ecs_env_entry *e = &env.slots[i];
		uint32_t line = 0, at;
		long start;

		if (!e->name)
			continue;
		start = name_at(src, e->name, &line);
		if (start < 0)
			continue;
		/* Keep file order: insert by position. */
		for (at = n; at > 0 && v[at - 1].span.start.byte > (uint32_t)start; at--)
			v[at] = v[at - 1];
		v[at].name = e->name;
		v[at].value = e->value;
		v[at].span = ecs_source_span(src, (size_t)start, (size_t)start + strlen(e->name));
		n++;
	}
	*out = v;
	return n;
}
