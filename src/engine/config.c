/*
 * config.c - finding, loading and validating .ecslint.yaml.
 *
 * The file is read with our own YAML loader, so every complaint about it
 * lands on the exact key or value, like any other finding.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../../checks/rules.h"
#include "../yaml/yaml_load.h"

static bool exists(const char *path, bool want_dir)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return false;
	return want_dir ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode);
}

const char *ecs_config_find(const char *dir, char *buf, size_t len)
{
	static const char *const names[] = { ".ecslint.yaml", ".ecslint.yml" };
	char cur[4096], real[4096];

	/* Walk with relative paths ("..", "../..") so diagnostics show no absolute path. */
	snprintf(cur, sizeof(cur), "%s", dir && *dir ? dir : ".");
	for (int depth = 0; depth < 256; depth++) {
		bool here = strcmp(cur, ".") == 0;

		for (size_t i = 0; i < 2; i++) {
			if (here)
				snprintf(buf, len, "%s", names[i]);
			else
				snprintf(buf, len, "%s/%s", cur, names[i]);
			if (exists(buf, false))
				return buf;
		}
		char probe[4200];
		snprintf(probe, sizeof(probe), "%s/.git", cur);
		/* .git is a directory in a clone and a file in a worktree: both end the search. */
		if (exists(probe, true) || exists(probe, false))
			return NULL;
		if (!realpath(cur, real) || strcmp(real, "/") == 0)
			return NULL;
		if (here)
			snprintf(cur, sizeof(cur), "..");
		else if (strlen(cur) + 4 < sizeof(cur))
			strcat(cur, "/..");
		else
			return NULL;
	}
	return NULL;
}

struct loader {
	struct ecs_run *r;
	struct ecs_diags *d;	/* where problems go: the run's, or a scratch list on reuse */
	struct ecs_config *cfg;
};

static struct ecs_diag *bad(struct loader *l, const struct ecs_node *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static struct ecs_diag *bad(struct loader *l, const struct ecs_node *n, const char *fmt, ...)
{
	struct ecs_diag *dg;
	va_list ap;

	va_start(ap, fmt);
	dg = ecs_diag_vadd(l->d, &ECS903_rule, &n->span, NULL, fmt, ap);
	va_end(ap);
	return dg;
}

static const struct ecs_rule *rule_named(struct loader *l, const struct ecs_node *key)
{
	const char *name = ecs_node_text(key);
	const struct ecs_rule *rule = name ? ecs_rule_find(name) : NULL;

	if (!rule) {
		struct ecs_diag *dg = bad(l, key, "unknown rule '%s' in configuration", name ? name : "?");
		ecs_diag_help(l->d, dg, "'ecslint rules' lists every rule id and name");
	}
	return rule;
}

/* "on", "off", a severity, or YAML true/false. */
static int parse_level(const char *s, int8_t *enabled, enum ecs_severity *sev)
{
	if (!s)
		return -1;
	if (strcmp(s, "off") == 0 || strcmp(s, "false") == 0) {
		*enabled = 0;
		return 0;
	}
	if (strcmp(s, "on") == 0 || strcmp(s, "true") == 0) {
		*enabled = 1;
		return 0;
	}
	if (ecs_severity_parse(s)) {
		*enabled = 1;
		*sev = ecs_severity_parse(s);
		return 0;
	}
	return -1;
}

static bool is_int(const struct ecs_node *n)
{
	const char *s = ecs_node_text(n);

	if (!s || !*s || n->style != ECS_STYLE_PLAIN)
		return false;
	if (*s == '-')
		s++;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static bool option_value_ok(const struct ecs_rule_option *opt, const struct ecs_node *v)
{
	switch (opt->type) {
	case ECS_OPT_BOOL: {
		const char *s = ecs_node_text(v);
		return s && v->style == ECS_STYLE_PLAIN && (strcmp(s, "true") == 0 || strcmp(s, "false") == 0);
	}
	case ECS_OPT_INT:
		return is_int(v);
	case ECS_OPT_STRING:
		return ecs_node_is_scalar(v) && !ecs_node_is_null(v);
	case ECS_OPT_STRING_LIST:
	case ECS_OPT_INT_LIST:
		if (!ecs_node_is_sequence(v))
			return false;
		for (uint32_t i = 0; i < v->seq.n; i++) {
			const struct ecs_node *it = ecs_node_deref(v->seq.items[i]);
			if (opt->type == ECS_OPT_INT_LIST ? !is_int(it) : !ecs_node_is_scalar(it))
				return false;
		}
		return true;
	}
	return false;
}

static const char *const type_names[] = { "true or false", "an integer", "a string",
					   "a list of strings", "a list of integers" };

static void load_options(struct loader *l, const struct ecs_rule *rule, const struct ecs_node *opts,
			 struct ecs_rule_setting *set)
{
	bool ok = true;

	if (!ecs_node_is_mapping(opts)) {
		bad(l, opts, "options of %s must be a mapping", rule->id);
		return;
	}
	for (uint32_t i = 0; i < opts->map.n; i++) {
		const struct ecs_node *k = ecs_node_deref(opts->map.pairs[i].key);
		const struct ecs_node *v = ecs_node_deref(opts->map.pairs[i].value);
		const char *name = ecs_node_text(k);
		const struct ecs_rule_option *opt = NULL;

		for (const struct ecs_rule_option *o = rule->options; o && o->name; o++)
			if (name && strcmp(o->name, name) == 0)
				opt = o;
		if (!opt) {
			struct ecs_diag *dg = ecs_diag_add(l->d, &ECS903_rule, &k->span, NULL,
							   "unknown option '%s' for %s", name ? name : "?", rule->id);
			if (rule->options && rule->options[0].name)
				ecs_diag_help(l->d, dg, "'ecslint explain %s' lists its options", rule->id);
			else
				ecs_diag_help(l->d, dg, "%s has no options", rule->id);
			ok = false;
			continue;
		}
		if (!option_value_ok(opt, v)) {
			struct ecs_diag *dg = ecs_diag_add(l->d, &ECS903_rule, &v->span, NULL,
							   "option '%s' of %s must be %s", opt->name, rule->id,
							   type_names[opt->type]);
			ecs_diag_help(l->d, dg, "%s", opt->summary);
			ok = false;
		}
	}
	if (ok)
		set->options = opts;
}

static void load_rule(struct loader *l, const struct ecs_node *key, const struct ecs_node *v)
{
	const struct ecs_rule *rule = rule_named(l, key);
	struct ecs_rule_setting *set;

	if (!rule)
		return;
	set = &l->cfg->rules[ecs_rule_index(rule)];
	if (ecs_rule_is_mandatory(rule)) {
		struct ecs_diag *dg = bad(l, key, "rule %s cannot be configured", rule->id);
		ecs_diag_help(l->d, dg, "it reports input ecslint cannot process");
		return;
	}
	if (ecs_node_is_scalar(v)) {
		if (parse_level(ecs_node_text(v), &set->enabled, &set->severity) < 0) {
			struct ecs_diag *dg = bad(l, v, "invalid rule setting '%s'", ecs_node_text(v));
			ecs_diag_help(l->d, dg, "use on, off, error, warning or info");
		}
		return;
	}
	if (!ecs_node_is_mapping(v)) {
		bad(l, v, "setting of %s must be on, off, a severity or a mapping", rule->id);
		return;
	}
	set->enabled = 1;
	for (uint32_t i = 0; i < v->map.n; i++) {
		const struct ecs_node *k = ecs_node_deref(v->map.pairs[i].key);
		const struct ecs_node *val = ecs_node_deref(v->map.pairs[i].value);
		const char *name = ecs_node_text(k);

		if (name && strcmp(name, "level") == 0) {
			if (!ecs_node_is_scalar(val) ||
			    parse_level(ecs_node_text(val), &set->enabled, &set->severity) < 0) {
				struct ecs_diag *dg = bad(l, val, "invalid level '%s'",
							  ecs_node_text(val) ? ecs_node_text(val) : "?");
				ecs_diag_help(l->d, dg, "use on, off, error, warning or info");
			}
		} else if (name && strcmp(name, "options") == 0) {
			load_options(l, rule, val, set);
		} else {
			struct ecs_diag *dg = bad(l, k, "unknown key '%s' in a rule setting", name ? name : "?");
			ecs_diag_help(l->d, dg, "a rule setting has 'level' and 'options'");
		}
	}
}

static int load_ignore(struct loader *l, const struct ecs_node *key, const struct ecs_node *v)
{
	struct ecs_config *cfg = l->cfg;
	struct ecs_path_ignore *pi;
	const char *glob = ecs_node_text(key);

	if (!glob || !*glob) {
		bad(l, key, "per-file-ignores keys must be path globs");
		return 0;
	}
	pi = ecs_arena_grow(&l->r->arena, cfg->ignores, cfg->n_ignores, cfg->n_ignores + 1, sizeof(*pi));
	if (!pi)
		return -1;
	cfg->ignores = pi;
	pi = &pi[cfg->n_ignores];
	memset(pi, 0, sizeof(*pi));
	pi->glob = glob;
	if (ecs_node_is_scalar(v) && ecs_node_text(v) && strcmp(ecs_node_text(v), "all") == 0) {
		pi->all = true;
		cfg->n_ignores++;
		return 0;
	}
	if (!ecs_node_is_sequence(v)) {
		bad(l, v, "per-file-ignores of '%s' must be a list of rules or 'all'", glob);
		return 0;
	}
	pi->rules = ecs_arena_zalloc(&l->r->arena, (v->seq.n + 1) * sizeof(*pi->rules));
	if (!pi->rules)
		return -1;
	for (uint32_t i = 0; i < v->seq.n; i++) {
		const struct ecs_node *it = ecs_node_deref(v->seq.items[i]);
		const struct ecs_rule *rule = ecs_node_is_scalar(it) ? rule_named(l, it) : NULL;

		if (!ecs_node_is_scalar(it))
			bad(l, it, "expected a rule id or name");
		if (rule)
			pi->rules[pi->n_rules++] = rule;
	}
	cfg->n_ignores++;
	return 0;
}

static int load_tree(struct loader *l, const struct ecs_node *root)
{
	root = ecs_node_deref(root);
	if (!root)
		return 0;	/* an empty configuration is a valid one */
	if (!ecs_node_is_mapping(root)) {
		struct ecs_span sp = root->span;
		struct ecs_diag *dg = ecs_diag_add(l->d, &ECS903_rule, &sp, NULL,
						   "the configuration must be a mapping");
		ecs_diag_help(l->d, dg, "start with 'rules:' (see 'ecslint explain ECS903')");
		return 0;
	}
	for (uint32_t i = 0; i < root->map.n; i++) {
		const struct ecs_node *k = ecs_node_deref(root->map.pairs[i].key);
		const struct ecs_node *v = ecs_node_deref(root->map.pairs[i].value);
		const char *name = ecs_node_text(k);

		if (name && strcmp(name, "rules") == 0) {
			if (ecs_node_is_null(v))
				continue;
			if (!ecs_node_is_mapping(v)) {
				bad(l, v, "'rules' must be a mapping of rule to setting");
				continue;
			}
			for (uint32_t j = 0; j < v->map.n; j++)
				load_rule(l, ecs_node_deref(v->map.pairs[j].key), ecs_node_deref(v->map.pairs[j].value));
		} else if (name && strcmp(name, "per-file-ignores") == 0) {
			if (ecs_node_is_null(v))
				continue;
			if (!ecs_node_is_mapping(v)) {
				bad(l, v, "'per-file-ignores' must be a mapping of glob to rules");
				continue;
			}
			for (uint32_t j = 0; j < v->map.n; j++)
				if (load_ignore(l, ecs_node_deref(v->map.pairs[j].key),
						ecs_node_deref(v->map.pairs[j].value)) < 0)
					return -1;
		} else {
			struct ecs_diag *dg = bad(l, k, "unknown configuration key '%s'", name ? name : "?");
			ecs_diag_help(l->d, dg, "the keys are 'rules' and 'per-file-ignores'");
		}
	}
	return 0;
}

static const struct ecs_source *already_loaded(const struct ecs_run *r, const char *path)
{
	for (uint32_t i = 0; i < r->files.n; i++)
		if (strcmp(r->files.v[i]->path, path) == 0)
			return r->files.v[i];
	return NULL;
}

int ecs_config_load(struct ecs_run *r, const char *path, struct ecs_config *out)
{
	struct ecs_diags scratch;
	struct loader l = { r, &r->diags, out };
	const struct ecs_source *src = already_loaded(r, path);
	struct ecs_node *root = NULL;
	char *slash;

	memset(out, 0, sizeof(*out));
	out->rules = ecs_arena_zalloc(&r->arena, ecs_rules_count * sizeof(*out->rules));
	out->path = ecs_arena_strdup(&r->arena, path);
	if (!out->rules || !out->path)
		return -1;
	for (size_t i = 0; i < ecs_rules_count; i++)
		out->rules[i].enabled = -1;
	slash = strrchr(out->path, '/');
	out->dir = slash ? ecs_arena_strndup(&r->arena, out->path, (size_t)(slash - out->path)) : ".";
	if (src) {
		/* Reported when first loaded: parse again quietly. */
		ecs_diags_init(&scratch, &r->arena);
		l.d = &scratch;
	} else {
		src = ecs_run_read(r, path, path);
		if (!src)
			return r->arena.failed ? -1 : 0;
	}
	if (ecs_yaml_load(src, &r->arena, l.d, NULL, &root) == ECS_YAML_NOMEM)
		return -1;
	if (load_tree(&l, root) < 0)
		return -1;
	return r->arena.failed ? -1 : 0;
}

int ecs_config_for(struct ecs_run *r, const struct ecs_options *o, const char *first_path,
		   struct ecs_config *out)
{
	char dir[4096], found[4200];
	const char *path;
	char *slash;

	memset(out, 0, sizeof(*out));
	if (o->no_config)
		return 0;
	if (o->config)
		return ecs_config_load(r, o->config, out);
	snprintf(dir, sizeof(dir), "%s", first_path ? first_path : "");
	slash = strrchr(dir, '/');
	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	path = ecs_config_find(dir, found, sizeof(found));
	if (!path)
		return 0;
	return ecs_config_load(r, path, out);
}
