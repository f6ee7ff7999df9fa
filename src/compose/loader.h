/*
 * loader.h - the project loader's working state, shared by project.c
 * (files, variables, name), include.c, extends.c and profiles.c.
 */
#ifndef ECS_LOADER_H
#define ECS_LOADER_H

#include "project.h"
#include "merge.h"
#include "strtab.h"

/* A Compose file as read for this project. */
struct ecs_lfile {
	const char *key;		/* real path (or display name for stdin/text) */
	struct ecs_source *src;
	struct ecs_node *root;		/* interpolated; NULL when unusable */
	const struct ecs_env *env;	/* the variables it was interpolated with */
	const char *base_dir;		/* relative paths in it resolve against this */
	struct ecs_ext_ctx *ext;	/* its services as an extends.file target */
};

/* One step of an extends or include chain, for cycle reports. */
struct ecs_link {
	const void *what;		/* extends: ctx; include: lfile */
	uint32_t index;			/* extends: service index */
	const char *label;		/* "web in compose.yaml" / "base.yaml" */
	struct ecs_span ref;		/* its reference to the next link (file UINT32_MAX: none yet) */
};

struct ecs_loader {
	struct ecs_run *r;
	const struct ecs_options *o;
	struct ecs_project_input *out;
	const char *cwd;		/* absolute; file names under it are shown relative */
	struct ecs_lfile **files;
	uint32_t n_files, cap_files;
	struct ecs_link *chain;		/* current extends or include chain */
	uint32_t n_chain, cap_chain;
};

/* Services of one document, resolved on demand (memoised; cycle-safe). */
struct ecs_ext_ctx {
	struct ecs_lfile *lf;
	const struct ecs_node *services;	/* mapping, deref'd */
	struct ecs_strtab names;
	uint8_t *state;			/* 0 todo, 1 resolving, 2 done */
	struct ecs_node **resolved;
};

/*
 * Reads, parses and (with env) interpolates path.  ref (may be NULL) is the
 * reference that names the file: a missing file is ECS121 there.  Cached by
 * real path and env.  NULL when unusable (reported) or out of memory.
 */
struct ecs_lfile *ecs_loader_file(struct ecs_loader *l, const char *path, const struct ecs_env *env,
				  const char *base_dir, const struct ecs_node *ref);
/* Parses src and registers it as a project file (not interpolated).  NULL when out of memory. */
struct ecs_lfile *ecs_loader_source(struct ecs_loader *l, struct ecs_source *src, const char *key,
				    const char *base_dir);
/* path relative to the current directory when under it (what diagnostics show). */
const char *ecs_loader_display(struct ecs_loader *l, const char *path);
/* dir/path unless path is absolute; arena. */
const char *ecs_loader_join(struct ecs_loader *l, const char *dir, const char *path);
/* Directory part of path (".": current); arena. */
const char *ecs_loader_dirname(struct ecs_loader *l, const char *path);
/* Variables for a project directory: base (copied, all protected), then env_files or dir/.env. */
int ecs_loader_env(struct ecs_loader *l, const struct ecs_env *base, const char *const *env_files, size_t n,
		   const char *dir, struct ecs_env *out);

int ecs_loader_push(struct ecs_loader *l, const void *what, uint32_t index, const char *label,
		    const struct ecs_span *ref);
void ecs_loader_pop(struct ecs_loader *l);
/* Reports ECS120 for the cycle that starts at chain entry `from` and is closed by ref. */
void ecs_loader_cycle(struct ecs_loader *l, uint32_t from, const struct ecs_span *ref, const char *what,
		      const char *closing_label);

/* Top-level include of doc (from lf): returns doc with the included resources merged under it. */
struct ecs_node *ecs_loader_includes(struct ecs_loader *l, struct ecs_lfile *lf, struct ecs_node *doc);
/* Resolves every service's extends in doc (from lf); returns the new document. */
struct ecs_node *ecs_loader_extends(struct ecs_loader *l, struct ecs_lfile *lf, struct ecs_node *doc);
/* Removes services whose profiles are all inactive; reports disabled dependencies (ECS122). */
struct ecs_node *ecs_loader_profiles(struct ecs_loader *l, struct ecs_node *doc);

/* A copy of mapping n without the pair for key (n itself when absent). */
struct ecs_node *ecs_loader_without(struct ecs_loader *l, struct ecs_node *n, const char *key);
/* A copy of mapping n with key's value replaced by v (appended when absent). */
struct ecs_node *ecs_loader_with(struct ecs_loader *l, struct ecs_node *n, const char *key, struct ecs_node *v);

#endif
