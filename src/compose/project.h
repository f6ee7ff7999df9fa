/*
 * project.h - loading a Compose project: the files, their interpolation,
 * include/extends/profiles and the merge of override files, down to one
 * Compose tree whose every node still carries the span it was written at.
 *
 * Everything after the loader (schema validation, the typed model, rules,
 * the emitter) starts from struct ecs_project_input.
 */
#ifndef ECS_PROJECT_H
#define ECS_PROJECT_H

#include "../cli/options.h"
#include "../core/run.h"
#include "../yaml/node.h"

struct ecs_project_input {
	struct ecs_node *root;		/* merged, interpolated tree; NULL when unusable */
	const char *name;		/* project name (normalised as Compose does) */
	const char *working_dir;	/* project directory */
	struct ecs_source **files;	/* the Compose files, in load order */
	size_t n_files;
};

/*
 * Loads the project made of paths (in order; later files override earlier
 * ones).  "-" is standard input.  Problems are diagnostics in r; returns 0,
 * or -1 when out of memory.  out->root is NULL when nothing usable was read.
 */
int ecs_project_load(struct ecs_run *r, const struct ecs_options *o, const char *const *paths,
		     size_t n_paths, struct ecs_project_input *out);

/* Loads a project from text already in memory (editor buffers, tests). */
int ecs_project_load_text(struct ecs_run *r, const struct ecs_options *o, const char *display,
			  const char *text, size_t len, struct ecs_project_input *out);

#endif
