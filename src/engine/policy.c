/*
 * policy.c - which rules run and how loud: --select/--ignore over the
 * configuration file over the rules' defaults.
 *
 * --select lists exactly the rules to run (ruff's meaning), so it is also
 * how an opinionated, off-by-default rule is switched on for one run;
 * --ignore then removes rules from whatever is on.  Mandatory rules (input
 * that cannot be processed, a broken configuration) always report.
 */
#include "config.h"

#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool ecs_selector_matches(const char *sel, const struct ecs_rule *rule)
{
	size_t n = strlen(sel);

	if (strcmp(sel, "ALL") == 0 || strcmp(sel, "all") == 0)
		return true;
	if (strcmp(sel, rule->id) == 0 || strcmp(sel, rule->name) == 0)
		return true;
	/* "ECS2" or "ECS20": every id starting so (an area or a decade). */
	if (n > 3 && n < 6 && strncmp(sel, "ECS", 3) == 0 && strncmp(sel, rule->id, n) == 0) {
		for (size_t i = 3; i < n; i++)
			if (sel[i] < '0' || sel[i] > '9')
				return false;
		return true;
	}
	return false;
}

int ecs_selectors_check(const struct ecs_strlist *l, const char *flag, char *err, size_t len)
{
	for (size_t i = 0; i < l->n; i++) {
		bool hit = false;

		for (size_t k = 0; k < ecs_rules_count && !hit; k++)
			hit = ecs_selector_matches(l->v[i], ecs_rules[k]);
		if (!hit) {
			snprintf(err, len, "%s '%s' names no rule (see 'ecslint rules')", flag, l->v[i]);
			return -1;
		}
	}
	return 0;
}

static bool listed(const struct ecs_strlist *l, const struct ecs_rule *rule)
{
	for (size_t i = 0; i < l->n; i++)
		if (ecs_selector_matches(l->v[i], rule))
			return true;
	return false;
}

int ecs_policy_build(struct ecs_arena *a, const struct ecs_options *o, const struct ecs_config *cfg,
		     const struct ecs_files *files, struct ecs_policy *out)
{
	memset(out, 0, sizeof(*out));
	out->enabled = ecs_arena_zalloc(a, ecs_rules_count * sizeof(*out->enabled));
	out->severity = ecs_arena_zalloc(a, ecs_rules_count * sizeof(*out->severity));
	out->options = ecs_arena_zalloc(a, ecs_rules_count * sizeof(*out->options));
	out->cfg = cfg;
	out->files = files;
	if (!out->enabled || !out->severity || !out->options)
		return -1;
	for (size_t i = 0; i < ecs_rules_count; i++) {
		const struct ecs_rule *rule = ecs_rules[i];
		const struct ecs_rule_setting *set = cfg && cfg->rules ? &cfg->rules[i] : NULL;
		bool on = !rule->off_by_default;

		if (set && set->enabled >= 0)
			on = set->enabled;
		if (set && set->severity)
			out->severity[i] = set->severity;
		if (set)
			out->options[i] = set->options;
		if (o && o->select.n)
			on = listed(&o->select, rule);
		if (o && listed(&o->ignore, rule))
			on = false;
		if (ecs_rule_is_mandatory(rule)) {
			on = true;
			out->severity[i] = 0;
		}
		out->enabled[i] = on;
	}
	return 0;
}

/* The file's path relative to the configuration's directory, when it lies below it. */
static const char *relative_to(const char *dir, const char *path, char *buf, size_t len)
{
	char rd[PATH_MAX], rp[PATH_MAX];
	size_t n;

	if (!realpath(dir, rd) || !realpath(path, rp))
		return path;
	n = strlen(rd);
	if (strncmp(rd, rp, n) != 0 || (rp[n] != '/' && !(n == 1 && rd[0] == '/')))
		return path;
	snprintf(buf, len, "%s", rp + (n == 1 ? 1 : n + 1));
	return buf;
}

static bool path_ignored(const struct ecs_policy *p, const struct ecs_diag *d)
{
	const struct ecs_source *src;
	const char *path, *base;
	char rel[PATH_MAX];

	if (!p->cfg || !p->cfg->n_ignores || !p->files)
		return false;
	src = ecs_files_get(p->files, d->span.file);
	if (!src)
		return false;
	path = relative_to(p->cfg->dir, src->path, rel, sizeof(rel));
	base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	for (size_t i = 0; i < p->cfg->n_ignores; i++) {
		const struct ecs_path_ignore *pi = &p->cfg->ignores[i];
		bool match = fnmatch(pi->glob, path, 0) == 0 ||
			     (!strchr(pi->glob, '/') && fnmatch(pi->glob, base, 0) == 0);

		if (!match)
			continue;
		if (pi->all)
			return true;
		for (size_t k = 0; k < pi->n_rules; k++)
			if (pi->rules[k] == d->rule)
				return true;
	}
	return false;
}

static bool in_scope(const struct ecs_policy *p, uint32_t file)
{
	if (!p->n_scope || file >= p->first_new_file)
		return true;
	for (size_t i = 0; i < p->n_scope; i++)
		if (p->scope[i] && p->scope[i]->index == file)
			return true;
	return false;
}

bool ecs_policy_enabled(const struct ecs_policy *p, const struct ecs_rule *rule)
{
	size_t k = ecs_rule_index(rule);

	return k < ecs_rules_count && p->enabled[k];
}

void ecs_policy_apply(const struct ecs_policy *p, struct ecs_diags *d, size_t from)
{
	size_t out = from;

	for (size_t i = from; i < d->n; i++) {
		struct ecs_diag *diag = d->v[i];
		size_t k = ecs_rule_index(diag->rule);

		if (!ecs_rule_is_mandatory(diag->rule) && in_scope(p, diag->span.file)) {
			if (k < ecs_rules_count && !p->enabled[k])
				continue;
			if (path_ignored(p, diag))
				continue;
			/* Only a configured level overrides: rules may grade their own findings. */
			if (k < ecs_rules_count && p->severity[k])
				diag->severity = p->severity[k];
		}
		d->v[out++] = diag;
	}
	d->n = out;
}
