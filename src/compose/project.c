/*
 * project.c - which files, which variables, which directory and name make
 * the project (as Docker Compose decides them), then the per-file pipeline:
 * parse, interpolate, include, extends, merge in order, profiles.
 */
#include "project.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../checks/rules.h"
#include "interp.h"
#include "interp_tree.h"
#include "loader.h"

static const char *const compose_names[] = { "compose.yaml", "compose.yml", "docker-compose.yml",
					     "docker-compose.yaml" };
static const char *const override_names[] = { "compose.override.yml", "compose.override.yaml",
					      "docker-compose.override.yml", "docker-compose.override.yaml" };

char *ecs_project_normalise_name(struct ecs_arena *a, const char *raw)
{
	size_t n = strlen(raw), out = 0;
	char *s = ecs_arena_alloc(a, n + 1);

	if (!s)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		char c = raw[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || ((c == '-' || c == '_') && out > 0))
			s[out++] = c;
	}
	s[out] = '\0';
	return s;
}

static bool valid_name(const char *s)
{
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return false;
	return true;
}

const char *ecs_project_base_dir(const struct ecs_project_input *in, uint32_t file_index)
{
	for (size_t i = 0; i < in->n_files; i++)
		if (in->files[i]->index == file_index && in->file_dirs[i])
			return in->file_dirs[i];
	return in->working_dir;
}

static const char *absolute(struct ecs_loader *l, const char *path)
{
	char buf[PATH_MAX];

	if (!path)	/* the caller's allocation failed; the arena says so */
		return NULL;
	if (realpath(path, buf))
		return ecs_arena_strdup(&l->r->arena, buf);
	return ecs_loader_join(l, l->cwd, path);
}

static bool is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Splits s at sep into the arena (empty parts dropped, blanks trimmed). */
static const char **split(struct ecs_loader *l, const char *s, char sep, size_t *n)
{
	size_t cap = 1;
	const char **v;

	for (const char *p = s; *p; p++)
		cap += *p == sep;
	v = ecs_arena_alloc(&l->r->arena, cap * sizeof(*v));
	*n = 0;
	if (!v)
		return NULL;
	while (*s) {
		const char *e = strchr(s, sep);
		size_t len = e ? (size_t)(e - s) : strlen(s);
		const char *a = s, *b = s + len;
		while (a < b && (*a == ' ' || *a == '\t'))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
			b--;
		if (b > a && !(v[*n] = ecs_arena_strndup(&l->r->arena, a, (size_t)(b - a))))
			return NULL;
		if (b > a)
			(*n)++;
		s += len + (e ? 1 : 0);
	}
	return v;
}

static bool truthy(const char *v)
{
	static const char *const yes[] = { "1", "t", "T", "TRUE", "true", "True" };

	for (size_t i = 0; v && i < sizeof(yes) / sizeof(yes[0]); i++)
		if (strcmp(v, yes[i]) == 0)
			return true;
	return false;
}

/* Variables for the project in dir: process environment, then env files or dir/.env. */
static struct ecs_env *project_env(struct ecs_loader *l, const struct ecs_env *os, const char *dir)
{
	struct ecs_env *e = ecs_arena_alloc(&l->r->arena, sizeof(*e));
	const char *const *files = l->o->env_files.v;
	size_t n = l->o->env_files.n;
	const char *from_env = ecs_env_get(os, "COMPOSE_ENV_FILES");

	if (!e)
		return NULL;
	if (!n && from_env && *from_env)
		files = split(l, from_env, ',', &n);
	if (!n && truthy(ecs_env_get(os, "COMPOSE_DISABLE_ENV_FILE"))) {
		ecs_env_init(e, &l->r->arena);
		return ecs_env_copy(e, os) < 0 ? NULL : e;
	}
	/* ecs_loader_env protects every base entry: the process environment always wins. */
	return ecs_loader_env(l, os, files, n, dir, e) < 0 ? NULL : e;
}

static void no_compose_file(struct ecs_loader *l, const char *dir)
{
	struct ecs_source *src = ecs_files_add(&l->r->files, &l->r->arena, "compose.yaml", "", 0);

	if (src) {
		struct ecs_span sp = ecs_source_span(src, 0, 0);
		struct ecs_diag *d = ecs_diag_add(&l->r->diags, &ECS005_rule, &sp, NULL,
			"no Compose file in '%s' or its parents (looked for compose.yaml, compose.yml, "
			"docker-compose.yml, docker-compose.yaml)", ecs_loader_display(l, dir));
		ecs_diag_help(&l->r->diags, d, "name the file: ecslint check path/to/compose.yaml");
	}
	l->r->input_failed = true;
}

/* Discovery: the first directory from dir upwards holding a Compose file; plus its override. */
static const char **discover(struct ecs_loader *l, const char *dir, size_t *n)
{
	const char **v = ecs_arena_alloc(&l->r->arena, 2 * sizeof(*v));
	char *d = ecs_arena_strdup(&l->r->arena, dir);

	*n = 0;
	if (!v || !d)
		return NULL;
	for (;;) {
		for (size_t i = 0; i < sizeof(compose_names) / sizeof(compose_names[0]) && !*n; i++) {
			const char *p = ecs_loader_join(l, d, compose_names[i]);
			if (p && is_file(p))
				v[(*n)++] = p;
		}
		if (*n) {
			for (size_t i = 0; i < sizeof(override_names) / sizeof(override_names[0]); i++) {
				const char *p = ecs_loader_join(l, d, override_names[i]);
				if (p && is_file(p)) {
					v[(*n)++] = p;
					break;
				}
			}
			for (size_t i = 0; i < *n; i++)
				v[i] = ecs_loader_display(l, v[i]);
			return v;
		}
		char *slash = strrchr(d, '/');
		if (!slash || d[0] != '/' || slash == d)
			return v;
		*slash = '\0';
	}
}

static void report_name(struct ecs_loader *l, const struct ecs_span *sp, const char *name, const char *from)
{
	struct ecs_diag *d = ecs_diag_add(&l->r->diags, &ECS117_rule, sp, NULL,
		"invalid project name '%s' (from %s): it must hold only lowercase letters, digits, '-' and '_', "
		"and start with a letter or digit", name, from);

	ecs_diag_help(&l->r->diags, d, "choose a name like 'shop-api'");
}

/* -p > COMPOSE_PROJECT_NAME > the last non-empty name: > the directory's base name. */
static const char *project_name(struct ecs_loader *l, struct ecs_lfile **docs, size_t n, struct ecs_env *env)
{
	struct ecs_span first = { 0 };
	const char *v = l->o->project_name;
	const struct ecs_node *name_node = NULL;

	if (n && docs[0])
		first = ecs_source_span(docs[0]->src, 0, 0);
	if (!v || !*v)
		v = ecs_env_get(env, "COMPOSE_PROJECT_NAME");
	if (v && *v) {
		if (!valid_name(v) && n && docs[0])
			report_name(l, &first, v, l->o->project_name ? "-p" : "COMPOSE_PROJECT_NAME");
		return v;
	}
	for (size_t i = 0; i < n; i++) {
		const struct ecs_node *nn = docs[i] ? ecs_node_map_get(docs[i]->root, "name") : NULL;
		struct ecs_interp_result res;
		if (!nn || !ecs_node_text(nn) || !*ecs_node_text(nn))
			continue;
		/* Read before the files are interpolated: its own findings are reported with the file's. */
		if (ecs_interp(&l->r->arena, env, nn->scalar.text, nn->scalar.len, &res) < 0)
			return NULL;
		if (res.len) {
			v = res.text;
			name_node = nn;
		}
	}
	if (v) {
		const char *norm = ecs_project_normalise_name(&l->r->arena, v);
		if (norm && !*norm)
			report_name(l, &name_node->span, v, "name:");
		return norm;
	}
	v = ecs_project_normalise_name(&l->r->arena, strrchr(l->out->working_dir, '/') ?
				       strrchr(l->out->working_dir, '/') + 1 : l->out->working_dir);
	if (v && !*v && n && docs[0])
		report_name(l, &first, l->out->working_dir, "the project directory");
	return v;
}

static int set_profiles(struct ecs_loader *l, const struct ecs_env *env)
{
	const char *p = ecs_env_get(env, "COMPOSE_PROFILES");

	if (l->o->profiles.n) {
		l->out->profiles = l->o->profiles.v;
		l->out->n_profiles = l->o->profiles.n;
	} else if (p && *p) {
		l->out->profiles = split(l, p, ',', &l->out->n_profiles);
		if (!l->out->profiles)
			return -1;
	}
	return 0;
}

static int load(struct ecs_loader *l, const char *const *paths, size_t n_paths, struct ecs_source *text)
{
	struct ecs_run *r = l->r;
	const struct ecs_options *o = l->o;
	struct ecs_env *os = ecs_arena_alloc(&r->arena, sizeof(*os)), *env = NULL;
	const char *wd0 = o->project_directory ? absolute(l, o->project_directory) : l->cwd;
	struct ecs_lfile **docs;
	struct ecs_node *acc = NULL;
	size_t n = text ? 1 : n_paths;

	if (!os || !wd0)
		return -1;
	ecs_env_init(os, &r->arena);
	if (ecs_env_load_environ(os, o->envp) < 0)
		return -1;
	if (!ecs_env_get(os, "PWD") && ecs_env_set(os, "PWD", 3, l->cwd, strlen(l->cwd), true) < 0)
		return -1;
	if (!text && n_paths == 0) {
		/* No -f: COMPOSE_FILE (from the environment or .env), else discovery. */
		const char *cf;
		if (!(env = project_env(l, os, wd0)))
			return -1;
		cf = ecs_env_get(env, "COMPOSE_FILE");
		if (cf && *cf) {
			const char *sep = ecs_env_get(env, "COMPOSE_PATH_SEPARATOR");
			paths = split(l, cf, sep && *sep ? sep[0] : ':', &n);
		} else {
			paths = discover(l, wd0, &n);
		}
		if (!paths)
			return -1;
		if (!n) {
			no_compose_file(l, wd0);
			return 0;
		}
	}
	if (o->project_directory)
		l->out->working_dir = wd0;
	else if (text || strcmp(paths[0], "-") == 0)
		l->out->working_dir = text ? absolute(l, ecs_loader_dirname(l, text->path)) : l->cwd;
	else
		l->out->working_dir = absolute(l, ecs_loader_dirname(l, paths[0]));
	if (!l->out->working_dir)
		return -1;
	if (!env || strcmp(l->out->working_dir, wd0) != 0)
		env = project_env(l, os, l->out->working_dir);
	if (!env)
		return -1;
	l->out->env = env;
	if (set_profiles(l, env) < 0)
		return -1;

	docs = ecs_arena_zalloc(&r->arena, (n + 1) * sizeof(*docs));
	if (!docs)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (text) {
			docs[i] = ecs_loader_source(l, text, text->path, l->out->working_dir);
			if (!docs[i])
				return -1;
			continue;
		}
		/* Interpolation waits for the project name (COMPOSE_PROJECT_NAME may be used). */
		docs[i] = ecs_loader_file(l, paths[i], NULL, l->out->working_dir, NULL);
		if (r->arena.failed)
			return -1;
	}
	l->out->name = project_name(l, docs, n, env);
	if (!l->out->name)
		return -1;
	if (ecs_env_set(env, "COMPOSE_PROJECT_NAME", 20, l->out->name, strlen(l->out->name), true) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct ecs_node *doc;
		if (!docs[i] || !docs[i]->root)
			continue;
		if (ecs_interp_tree(r, docs[i]->src, docs[i]->root, env) < 0)
			return -1;
		docs[i]->env = env;
		if (ecs_loader_push(l, docs[i], UINT32_MAX, docs[i]->src->path, NULL) < 0)
			return -1;
		doc = ecs_loader_includes(l, docs[i], docs[i]->root);
		if (doc)
			doc = ecs_loader_extends(l, docs[i], doc);
		ecs_loader_pop(l);
		if (!doc)
			return -1;
		acc = ecs_merge_documents(r, acc, doc);
		if (r->arena.failed)
			return -1;
	}
	if (acc)
		acc = ecs_loader_profiles(l, acc);
	l->out->root = acc;
	return r->arena.failed ? -1 : 0;
}

static int run_load(struct ecs_run *r, const struct ecs_options *o, const char *const *paths, size_t n,
		    struct ecs_source *text, struct ecs_project_input *out)
{
	struct ecs_loader l = { .r = r, .o = o, .out = out };
	char cwd[PATH_MAX];

	l.cwd = getcwd(cwd, sizeof(cwd)) ? ecs_arena_strdup(&r->arena, cwd) : ".";
	if (!l.cwd)
		return -1;
	return load(&l, paths, n, text);
}

int ecs_project_load(struct ecs_run *r, const struct ecs_options *o, const char *const *paths,
		     size_t n_paths, struct ecs_project_input *out)
{
	memset(out, 0, sizeof(*out));
	return run_load(r, o, paths, n_paths, NULL, out);
}

int ecs_project_load_text(struct ecs_run *r, const struct ecs_options *o, const char *display,
			  const char *text, size_t len, struct ecs_project_input *out)
{
	struct ecs_source *src;

	memset(out, 0, sizeof(*out));
	src = ecs_run_add_text(r, display, text, len);
	if (!src)
		return r->arena.failed ? -1 : 0;
	return run_load(r, o, NULL, 0, src, out);
}
