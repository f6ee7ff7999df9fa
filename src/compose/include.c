/*
 * include.c - top-level `include`: each entry is loaded as a project of its
 * own (its directory, its .env or env_file, its own includes and extends,
 * several paths merged as overrides), then its services, volumes, networks,
 * secrets, configs and models are merged under the including document, whose
 * own definitions win.  A cycle is ECS120, a missing file ECS121.
 */
#include "loader.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../../checks/rules.h"
#include "merge.h"

static const char *const imported_keys[] = { "services", "volumes", "networks", "secrets", "configs", "models" };

static void shape_error(struct ecs_loader *l, const struct ecs_node *n, const char *what)
{
	struct ecs_diag *d = ecs_diag_add(&l->r->diags, &ECS121_rule, &n->span, NULL, "%s", what);

	ecs_diag_help(&l->r->diags, d, "write include entries as a path, or as {path: ..., project_directory: ..., "
		      "env_file: ...}");
}

/* Scalars of a string-or-list value; *n = 0 when absent, -1 when malformed (reported). */
static const struct ecs_node **scalars_of(struct ecs_loader *l, const struct ecs_node *v, int *n, const char *what)
{
	const struct ecs_node **out;

	*n = 0;
	v = ecs_node_deref(v);
	if (!v || ecs_node_is_null(v))
		return NULL;
	if (v->kind == ECS_NODE_SCALAR) {
		out = ecs_arena_alloc(&l->r->arena, sizeof(*out));
		if (out) {
			out[0] = v;
			*n = 1;
		}
		return out;
	}
	if (v->kind != ECS_NODE_SEQUENCE) {
		shape_error(l, v, ecs_arena_printf(&l->r->arena, "include %s must be a string or a list of strings", what));
		*n = -1;
		return NULL;
	}
	out = ecs_arena_alloc(&l->r->arena, (v->seq.n + 1) * sizeof(*out));
	if (!out)
		return NULL;
	for (uint32_t i = 0; i < v->seq.n; i++) {
		const struct ecs_node *it = ecs_node_deref(v->seq.items[i]);
		if (!it || it->kind != ECS_NODE_SCALAR) {
			shape_error(l, it ? it : v, ecs_arena_printf(&l->r->arena, "include %s entries must be strings", what));
			*n = -1;
			return NULL;
		}
		out[(*n)++] = it;
	}
	return out;
}

static struct ecs_node *resources_of(struct ecs_loader *l, struct ecs_node *doc)
{
	const struct ecs_node *d = ecs_node_deref(doc);
	struct ecs_pair *pairs;
	uint32_t k = 0;

	if (!d || d->kind != ECS_NODE_MAPPING)
		return NULL;
	pairs = ecs_arena_alloc(&l->r->arena, (d->map.n + 1) * sizeof(*pairs));
	if (!pairs)
		return NULL;
	for (uint32_t i = 0; i < d->map.n; i++) {
		const char *t = ecs_node_text(d->map.pairs[i].key);
		for (size_t j = 0; t && j < sizeof(imported_keys) / sizeof(imported_keys[0]); j++)
			if (strcmp(t, imported_keys[j]) == 0)
				pairs[k++] = d->map.pairs[i];
	}
	return k ? ecs_node_new_mapping(&l->r->arena, d, pairs, k) : NULL;
}

/* Index of the include link for the file at path in the chain, or UINT32_MAX. */
static uint32_t on_chain(struct ecs_loader *l, const char *path)
{
	char rp[PATH_MAX];
	const char *key = realpath(path, rp) ? rp : path;

	for (uint32_t k = 0; k < l->n_chain; k++)
		if (l->chain[k].index == UINT32_MAX && strcmp(((const struct ecs_lfile *)l->chain[k].what)->key, key) == 0)
			return k;
	return UINT32_MAX;
}

static struct ecs_node *load_entry(struct ecs_loader *l, struct ecs_lfile *lf, const struct ecs_node *it)
{
	const struct ecs_node **paths, **env_files = NULL, *pd = NULL;
	const char **efs = NULL, *proj_dir;
	struct ecs_env *env;
	struct ecs_node *sub = NULL;
	int n_paths, n_env = 0;

	if (it->kind == ECS_NODE_MAPPING) {
		paths = scalars_of(l, ecs_node_map_get(it, "path"), &n_paths, "path");
		env_files = scalars_of(l, ecs_node_map_get(it, "env_file"), &n_env, "env_file");
		pd = ecs_node_map_get(it, "project_directory");
		if (pd && !ecs_node_text(pd)) {
			shape_error(l, pd, "include project_directory must be a string");
			return NULL;
		}
		if (n_paths == 0) {
			shape_error(l, it, "include entry needs a 'path'");
			return NULL;
		}
	} else if (it->kind == ECS_NODE_SCALAR) {
		paths = scalars_of(l, it, &n_paths, "path");
	} else {
		shape_error(l, it, "include entries are paths or mappings");
		return NULL;
	}
	if (n_paths <= 0 || n_env < 0)
		return NULL;
	proj_dir = pd ? ecs_loader_join(l, lf->base_dir, ecs_node_text(pd))
		      : ecs_loader_dirname(l, ecs_loader_join(l, lf->base_dir, ecs_node_text(paths[0])));
	if (n_env) {
		efs = ecs_arena_alloc(&l->r->arena, (size_t)n_env * sizeof(*efs));
		if (!efs)
			return NULL;
		for (int i = 0; i < n_env; i++)
			efs[i] = ecs_loader_join(l, lf->base_dir, ecs_node_text(env_files[i]));
	}
	env = ecs_arena_alloc(&l->r->arena, sizeof(*env));
	if (!env || !proj_dir || ecs_loader_env(l, lf->env, efs, (size_t)n_env, proj_dir, env) < 0)
		return NULL;
	for (int i = 0; i < n_paths; i++) {
		const char *path = ecs_loader_join(l, lf->base_dir, ecs_node_text(paths[i]));
		uint32_t from;
		struct ecs_lfile *inc;
		struct ecs_node *doc;

		if (!path)
			return NULL;
		if ((from = on_chain(l, path)) != UINT32_MAX) {
			ecs_loader_cycle(l, from, &paths[i]->span, "include", ecs_loader_display(l, path));
			continue;
		}
		inc = ecs_loader_file(l, path, env, proj_dir, paths[i]);
		if (!inc || !inc->root)
			continue;
		l->chain[l->n_chain - 1].ref = paths[i]->span;
		if (ecs_loader_push(l, inc, UINT32_MAX, inc->src->path, NULL) < 0)
			return NULL;
		doc = ecs_loader_includes(l, inc, inc->root);
		if (doc)
			doc = ecs_loader_extends(l, inc, doc);
		ecs_loader_pop(l);
		if (!doc)
			return NULL;
		sub = ecs_merge_documents(l->r, sub, doc);
	}
	return sub;
}

struct ecs_node *ecs_loader_includes(struct ecs_loader *l, struct ecs_lfile *lf, struct ecs_node *doc)
{
	const struct ecs_pair *inc = ecs_node_map_pair(doc, "include");
	const struct ecs_node *list;
	struct ecs_node *imported = NULL, *rest, *out;

	if (!inc)
		return doc;
	rest = ecs_loader_without(l, doc, "include");
	list = ecs_node_deref(inc->value);
	if (!rest || ecs_node_is_null(list))
		return rest;
	if (list->kind != ECS_NODE_SEQUENCE) {
		shape_error(l, list, "include must be a list");
		return rest;
	}
	for (uint32_t i = 0; i < list->seq.n; i++) {
		const struct ecs_node *it = ecs_node_deref(list->seq.items[i]);
		struct ecs_node *sub = it ? load_entry(l, lf, it) : NULL;
		if (l->r->arena.failed)
			return NULL;
		if (sub)
			imported = ecs_merge_documents(l->r, imported, resources_of(l, sub));
	}
	if (!imported)
		return rest;
	out = ecs_merge_documents(l->r, imported, rest);
	if (out && out != rest)
		out->span = ecs_node_deref(doc)->span;
	return out;
}
