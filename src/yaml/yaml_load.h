/*
 * yaml_load.h - libfyaml events -> our span-annotated tree (node.h).
 *
 * The only place in ecslint that sees libfyaml's parser.  YAML problems
 * become diagnostics: ECS001 syntax, ECS002 duplicate key, ECS003 limits,
 * ECS004 encoding, ECS006 several documents.
 */
#ifndef ECS_YAML_LOAD_H
#define ECS_YAML_LOAD_H

#include "../core/diag.h"
#include "node.h"

struct ecs_yaml_limits {
	uint32_t max_depth;		/* nesting of collections */
	uint64_t max_expanded;		/* nodes after alias expansion; 0 = automatic */
	uint64_t max_merge_pairs;	/* pairs copied by << merges; 0 = automatic */
};

#define ECS_YAML_DEFAULT_DEPTH 256

enum ecs_yaml_status {
	ECS_YAML_OK = 0,
	ECS_YAML_INVALID = 1,	/* reported; *root may still hold a usable tree */
	ECS_YAML_NOMEM = -1,
};

/*
 * Parses src into a tree allocated in a.  *root is NULL for an empty stream
 * or when the input is unusable.  Every problem is reported to d.
 */
enum ecs_yaml_status ecs_yaml_load(const struct ecs_source *src, struct ecs_arena *a,
				   struct ecs_diags *d, const struct ecs_yaml_limits *lim,
				   struct ecs_node **root);

/* Byte offset of the first encoding problem, or -1: NUL bytes and invalid UTF-8. */
long ecs_utf8_check(const char *s, size_t len, const char **why);

#endif
