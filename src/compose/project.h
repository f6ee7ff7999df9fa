/*
 * project.h - loading a Compose project: the files, their interpolation,
 * include/extends/profiles and the merge of override files, down to one
 * Compose tree whose every node still carries the span it was written at.
 *
 * Everything after the loader (schema validation, the typed model, rules,
 * the emitter) starts from struct ecs_project_input.  This is the single
 * entry point: the check pipeline, `config`, `convert` and the LSP call it.
 *
 * What the options select, as Docker Compose does:
 *  - files: the paths passed in (-f, repeatable, in order; or one positional
 *    FILE); with none, COMPOSE_FILE (':'-separated), else discovery upwards
 *    from the project directory of compose.yaml, compose.yml,
 *    docker-compose.yml, docker-compose.yaml plus the first override file
 *    (compose.override.yml/.yaml, docker-compose.override.yml/.yaml) found
 *    beside it;
 *  - variables: o->environ (copied once into a per-run table), then
 *    --env-file files (or COMPOSE_ENV_FILES), else .env in the project
 *    directory; the process environment always wins;
 *  - project directory: --project-directory, else the first file's
 *    directory; name: -p, COMPOSE_PROJECT_NAME, the last top-level name:,
 *    else the directory's base name (normalised);
 *  - profiles: --profile, else COMPOSE_PROFILES.
 */
#ifndef ECS_PROJECT_H
#define ECS_PROJECT_H

#include "../cli/options.h"
#include "../core/run.h"
#include "../yaml/node.h"
#include "env.h"

struct ecs_project_input {
	struct ecs_node *root;		/* merged, interpolated tree; NULL when unusable */
	const char *name;		/* project name (normalised as Compose does) */
	const char *working_dir;	/* project directory (absolute when it exists) */
	/*
	 * Every Compose file read for the project, in load order: the -f files
	 * and overrides, then included and extended files as they were reached.
	 * file_dirs[i] is the directory relative paths written in files[i]
	 * resolve against (the project directory for -f files; its own
	 * directory, or the include's project_directory, for the others).
	 */
	struct ecs_source **files;
	const char **file_dirs;
	size_t n_files;
	const struct ecs_env *env;	/* the interpolation variables (service `KEY` alone reads it) */
	const char **profiles;		/* active profiles ("*" = all) */
	size_t n_profiles;
	/* Services removed because none of their profiles is active (mapping), or NULL. */
	struct ecs_node *disabled_services;
};

/*
 * Loads the project made of paths (in order; later files override earlier
 * ones); n_paths 0 means "as Compose finds them" (COMPOSE_FILE, discovery).
 * "-" is standard input.  Problems are diagnostics in r; returns 0, or -1
 * when out of memory.  out->root is NULL when nothing usable was read.
 */
int ecs_project_load(struct ecs_run *r, const struct ecs_options *o, const char *const *paths,
		     size_t n_paths, struct ecs_project_input *out);

/* Loads a project from text already in memory (editor buffers, tests); display names it. */
int ecs_project_load_text(struct ecs_run *r, const struct ecs_options *o, const char *display,
			  const char *text, size_t len, struct ecs_project_input *out);

/* The directory relative paths in the file of span.file resolve against (the project directory if unknown). */
const char *ecs_project_base_dir(const struct ecs_project_input *in, uint32_t file_index);

/* Compose's normalisation of a name from name: or a directory: lowercase, [a-z0-9_-], no leading '_'/'-'. */
char *ecs_project_normalise_name(struct ecs_arena *a, const char *raw);

#endif
