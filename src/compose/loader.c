/*
 * loader.c - the loader's shared services: the cache of Compose files read
 * for a project, paths, variables per project directory, the extends and
 * include chains with their cycle reports, and small mapping edits.
 */
#include "loader.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../checks/rules.h"
#include "../core/buf.h"
#include "../schema/schema.h"
#include "../yaml/yaml_load.h"
#include "interp_tree.h"
#include "merge.h"

const char *ecs_loader_join(struct ecs_loader *l, const char *dir, const char *path)
{
	if (path[0] == '/' || !dir || !*dir || strcmp(dir, ".") == 0)
		return path;
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	return ecs_arena_printf(&l->r->arena, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", path);
}

const char *ecs_loader_dirname(struct ecs_loader *l, const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return ".";
	if (slash == path)
		return "/";
	return ecs_arena_strndup(&l->r->arena, path, (size_t)(slash - path));
}

/* What diagnostics call a file: relative to the current directory when under it. */
const char *ecs_loader_display(struct ecs_loader *l, const char *path)
{
	size_t n = l->cwd ? strlen(l->cwd) : 0;

	if (path[0] != '/' || !n)
		return path;
	if (strcmp(path, l->cwd) == 0)
		return ".";
	if (strncmp(path, l->cwd, n) == 0 && path[n] == '/')
		return path + n + 1;
	return path;
}

static int add_output_file(struct ecs_loader *l, struct ecs_source *src, const char *dir)
{
	struct ecs_project_input *o = l->out;

	if ((o->n_files & (o->n_files - 1)) == 0) {
		size_t cap = o->n_files ? o->n_files * 2 : 4;
		struct ecs_source **f = ecs_arena_grow(&l->r->arena, o->files, o->n_files, cap, sizeof(*f));
		const char **d = ecs_arena_grow(&l->r->arena, (void *)o->file_dirs, o->n_files, cap, sizeof(*d));
		if (!f || !d)
			return -1;
		o->files = f;
		o->file_dirs = d;
	}
	o->files[o->n_files] = src;
	o->file_dirs[o->n_files++] = dir;
	return 0;
}

struct ecs_lfile *ecs_loader_file(struct ecs_loader *l, const char *path, const struct ecs_env *env,
				  const char *base_dir, const struct ecs_node *ref)
{
	struct ecs_run *r = l->r;
	char rp[PATH_MAX];
	const char *key = strcmp(path, "-") != 0 && realpath(path, rp) ? rp : path;
	struct ecs_lfile *lf;
	struct ecs_source *src;

	for (uint32_t i = 0; i < l->n_files; i++)
		if (strcmp(l->files[i]->key, key) == 0 && l->files[i]->env == env && env)
			return l->files[i];
	if (ref && access(path, F_OK) != 0) {
		struct ecs_diag *d = ecs_diag_add(&r->diags, &ECS121_rule, &ref->span, NULL,
						  "file '%s' does not exist", ecs_loader_display(l, path));
		ecs_diag_help(&r->diags, d, "correct the path (relative paths resolve against the directory of the "
			      "file that holds them, or the project directory) or create the file");
		return NULL;
	}
	if (strcmp(path, "-") == 0)
		src = ecs_run_read(r, path, l->o->stdin_filename ? l->o->stdin_filename : "<stdin>");
	else
		src = ecs_run_read(r, path, ecs_loader_display(l, path));
	if (!src)
		return NULL;
	lf = ecs_loader_source(l, src, key, base_dir);
	if (!lf || !env || !lf->root)
		return lf;
	if (ecs_interp_tree(r, src, lf->root, env) < 0)
		return NULL;
	lf->env = env;
	return lf;
}

/* What a top-level value that is not a mapping is, as the schema's findings name types. */
static const char *root_kind(const struct ecs_node *root)
{
	struct ecs_scalar_value v;

	if (root->kind == ECS_NODE_SEQUENCE)
		return "a list";
	if (!ecs_scalar_resolve(root, &v))
		return "not a mapping";
	switch (v.type) {
	case ECS_SCALAR_NULL: return "null";
	case ECS_SCALAR_BOOL: return "a boolean";
	case ECS_SCALAR_INT: return "an integer";
	case ECS_SCALAR_FLOAT: return "a number";
	case ECS_SCALAR_STRING: break;
	}
	return "a string";
}

/*
 * Valid YAML whose top level is not a mapping is not a Compose file at all:
 * nothing in it can be checked, so it is unusable input (exit 2) with one
 * finding on the root, and the rest of the pipeline never sees it.
 */
static bool reject_non_mapping(struct ecs_run *r, struct ecs_node *root)
{
	const struct ecs_node *n = ecs_node_deref(root);
	struct ecs_diag *d;

	if (!n || n->kind == ECS_NODE_MAPPING)
		return false;
	d = ecs_diag_add(&r->diags, &ECS102_rule, &root->span, NULL,
			 "not a Compose file: the top level must be a mapping, not %s", root_kind(n));
	ecs_diag_help(&r->diags, d, "a Compose file is a mapping with a 'services' key");
	r->input_failed = true;
	return true;
}

struct ecs_lfile *ecs_loader_source(struct ecs_loader *l, struct ecs_source *src, const char *key,
				    const char *base_dir)
{
	struct ecs_run *r = l->r;
	struct ecs_lfile *lf;
	struct ecs_node *root = NULL;
	enum ecs_yaml_status st;

	st = ecs_yaml_load(src, &r->arena, &r->diags, NULL, &root);
	if (st == ECS_YAML_NOMEM)
		return NULL;
	if (st == ECS_YAML_INVALID)
		r->input_failed = true;
	if (st == ECS_YAML_OK && !root) {
		struct ecs_span sp = ecs_source_span(src, 0, 0);
		struct ecs_diag *d = ecs_diag_add(&r->diags, &ECS007_rule, &sp, NULL,
			src->len ? "the file holds only comments or blank lines" : "the file is empty");
		ecs_diag_help(&r->diags, d, "a Compose file needs at least a 'services' mapping");
		r->input_failed = true;
	}
	if (root && reject_non_mapping(r, root))
		root = NULL;
	lf = ecs_arena_zalloc(&r->arena, sizeof(*lf));
	if (!lf || !(lf->key = ecs_arena_strdup(&r->arena, key)))
		return NULL;
	lf->src = src;
	lf->root = root;
	lf->base_dir = base_dir;
	if (l->n_files == l->cap_files) {
		uint32_t cap = l->cap_files ? l->cap_files * 2 : 8;
		struct ecs_lfile **v = ecs_arena_grow(&r->arena, l->files, l->n_files, cap, sizeof(*v));
		if (!v)
			return NULL;
		l->files = v;
		l->cap_files = cap;
	}
	l->files[l->n_files++] = lf;
	if (add_output_file(l, src, base_dir) < 0)
		return NULL;
	return lf;
}

static int parse_env_file(struct ecs_loader *l, const char *path, struct ecs_env *out)
{
	struct ecs_source *src = ecs_env_read(l->r, path, ecs_loader_display(l, path));

	if (!src)
		return l->r->arena.failed ? -1 : 0;
	return ecs_env_parse_file(l->r, src, out);
}

int ecs_loader_env(struct ecs_loader *l, const struct ecs_env *base, const char *const *env_files, size_t n,
		   const char *dir, struct ecs_env *out)
{
	struct stat st;

	ecs_env_init(out, &l->r->arena);
	for (uint32_t i = 0; base && i < base->cap; i++) {
		const struct ecs_env_entry *e = &base->slots[i];
		/* What the including project knows wins over the included project's files. */
		if (e->name && ecs_env_set(out, e->name, e->name_len, e->value, e->value_len, true) < 0)
			return -1;
	}
	if (n) {
		for (size_t i = 0; i < n; i++)
			if (strcmp(env_files[i], "/dev/null") != 0 && parse_env_file(l, env_files[i], out) < 0)
				return -1;
		return 0;
	}
	const char *dotenv = ecs_loader_join(l, dir, ".env");
	if (!dotenv)
		return -1;
	if (stat(dotenv, &st) == 0 && S_ISREG(st.st_mode))
		return parse_env_file(l, dotenv, out);
	return 0;
}

int ecs_loader_push(struct ecs_loader *l, const void *what, uint32_t index, const char *label,
		    const struct ecs_span *ref)
{
	struct ecs_link *k;

	if (l->n_chain == l->cap_chain) {
		uint32_t cap = l->cap_chain ? l->cap_chain * 2 : 16;
		struct ecs_link *v = ecs_arena_grow(&l->r->arena, l->chain, l->n_chain, cap, sizeof(*v));
		if (!v)
			return -1;
		l->chain = v;
		l->cap_chain = cap;
	}
	k = &l->chain[l->n_chain++];
	k->what = what;
	k->index = index;
	k->label = label;
	if (ref) {
		k->ref = *ref;
	} else {
		memset(&k->ref, 0, sizeof(k->ref));
		k->ref.file = UINT32_MAX;
	}
	return 0;
}

void ecs_loader_pop(struct ecs_loader *l)
{
	if (l->n_chain)
		l->n_chain--;
}

void ecs_loader_cycle(struct ecs_loader *l, uint32_t from, const struct ecs_span *ref, const char *what,
		      const char *closing_label)
{
	struct ecs_buf msg = ECS_BUF_INIT;
	struct ecs_diag *d;

	for (uint32_t i = from; i < l->n_chain; i++)
		ecs_buf_addf(&msg, "%s -> ", l->chain[i].label);
	ecs_buf_adds(&msg, closing_label);
	d = ecs_diag_add(&l->r->diags, &ECS120_rule, ref, NULL, "%s cycle: %s", what, msg.data ? msg.data : "");
	/* Each link's ref is its outgoing reference; the last one is ref itself. */
	for (uint32_t i = from; i + 1 < l->n_chain; i++)
		if (l->chain[i].ref.file != UINT32_MAX)
			ecs_diag_related(&l->r->diags, d, &l->chain[i].ref, "%s -> %s", l->chain[i].label,
					 l->chain[i + 1].label);
	ecs_diag_help(&l->r->diags, d, "break the cycle: one link must not refer back");
	ecs_buf_release(&msg);
}

struct ecs_node *ecs_loader_without(struct ecs_loader *l, struct ecs_node *n, const char *key)
{
	const struct ecs_node *d = ecs_node_deref(n);
	struct ecs_pair *pairs;
	uint32_t k = 0;

	if (!ecs_node_map_pair(d, key))
		return n;
	pairs = ecs_arena_alloc(&l->r->arena, d->map.n * sizeof(*pairs));
	if (!pairs)
		return NULL;
	for (uint32_t i = 0; i < d->map.n; i++) {
		const char *t = ecs_node_text(d->map.pairs[i].key);
		if (!t || strcmp(t, key) != 0)
			pairs[k++] = d->map.pairs[i];
	}
	struct ecs_node *m = ecs_node_new_mapping(&l->r->arena, d, pairs, k);
	return m;
}

struct ecs_node *ecs_loader_with(struct ecs_loader *l, struct ecs_node *n, const char *key, struct ecs_node *v)
{
	const struct ecs_node *d = ecs_node_deref(n);
	struct ecs_pair *pairs = ecs_arena_alloc(&l->r->arena, (d->map.n + 1) * sizeof(*pairs));
	bool found = false;
	struct ecs_node *m;

	if (!pairs)
		return NULL;
	memcpy(pairs, d->map.pairs, d->map.n * sizeof(*pairs));
	for (uint32_t i = 0; i < d->map.n; i++) {
		const char *t = ecs_node_text(pairs[i].key);
		if (t && strcmp(t, key) == 0) {
			pairs[i].value = v;
			pairs[i].from_merge = false;
			found = true;
		}
	}
	if (!found) {
		pairs[d->map.n].key = ecs_node_new_scalar(&l->r->arena, key, &v->span);
		pairs[d->map.n].value = v;
		pairs[d->map.n].from_merge = false;
		if (!pairs[d->map.n].key)
			return NULL;
	}
	m = ecs_node_new_mapping(&l->r->arena, d, pairs, d->map.n + (found ? 0 : 1));
	return m;
}
