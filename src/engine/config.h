/*
 * config.h - the user's controls over the rules: the .ecslint.yaml file and
 * --select/--ignore, combined into one policy per project.
 *
 * The file (schemas/ecslint-config.schema.json documents it for editors):
 *
 *   rules:
 *     ECS403: on                  # on | off | error | warning | info
 *     writable-root-filesystem: off
 *     secret-in-environment:
 *       level: error              # optional, as above
 *       options:
 *         extra-names: [DB_PASS]  # the rule's own typed options
 *   per-file-ignores:
 *     "compose.dev.yaml": [ECS205, ECS207]
 *     "legacy-*": all
 *
 * Every problem in it is an ECS903 finding at the offending node.
 */
#ifndef ECS_CONFIG_H
#define ECS_CONFIG_H

#include <stdbool.h>

#include "../cli/options.h"
#include "../core/run.h"
#include "../yaml/node.h"

struct ecs_rule_setting {
	int8_t enabled;			/* -1 as the rule's default, 0 off, 1 on */
	enum ecs_severity severity;	/* 0: the rule's default */
	const struct ecs_node *options;	/* validated mapping, or NULL */
};

struct ecs_path_ignore {
	const char *glob;		/* relative to the configuration's directory */
	const struct ecs_rule **rules;
	size_t n_rules;
	bool all;
};

struct ecs_config {
	const char *path;		/* NULL: no configuration file */
	const char *dir;		/* where per-file-ignores globs are anchored */
	struct ecs_rule_setting *rules;	/* ecs_rules_count entries, or NULL */
	struct ecs_path_ignore *ignores;
	size_t n_ignores;
};

/*
 * Finds .ecslint.yaml or .ecslint.yml in dir or its parents, stopping after
 * a directory that holds .git, or at /.  Returns buf or NULL.
 */
const char *ecs_config_find(const char *dir, char *buf, size_t len);

/*
 * Loads and validates the configuration at path; problems are diagnostics
 * in r (ECS005 unreadable, ECS001 YAML, ECS903 content).  A file loaded
 * before in the same run is reused without reporting its problems again.
 * Returns 0, or -1 out of memory.
 */
int ecs_config_load(struct ecs_run *r, const char *path, struct ecs_config *out);

/*
 * The configuration for a project whose first file is first_path: none with
 * --no-config, --config's file, or the one found upward from the file.
 */
int ecs_config_for(struct ecs_run *r, const struct ecs_options *o, const char *first_path,
		   struct ecs_config *out);

/* What runs, at which severity, with which options. */
struct ecs_policy {
	bool *enabled;			/* indexed like ecs_rules[] */
	enum ecs_severity *severity;	/* configured level, 0 = as the rule reports */
	const struct ecs_node **options;
	const struct ecs_config *cfg;
	const struct ecs_files *files;
	/*
	 * Files whose findings the policy governs: a project's files, plus
	 * every file the run read from index first_new_file on (env files the
	 * rules read).  All files when n_scope is 0.
	 */
	struct ecs_source *const *scope;
	size_t n_scope;
	uint32_t first_new_file;
};

/* Does a --select/--ignore word (id, name, id prefix like ECS2, or ALL) name rule? */
bool ecs_selector_matches(const char *sel, const struct ecs_rule *rule);
/* 0, or -1 with a message in err when a word names no rule. */
int ecs_selectors_check(const struct ecs_strlist *l, const char *flag, char *err, size_t len);

int ecs_policy_build(struct ecs_arena *a, const struct ecs_options *o, const struct ecs_config *cfg,
		     const struct ecs_files *files, struct ecs_policy *out);

/*
 * Applies the policy to diagnostics [from, n) in its scope: drops findings
 * of disabled rules and of per-file ignores, sets configured severities.
 */
void ecs_policy_apply(const struct ecs_policy *p, struct ecs_diags *d, size_t from);
/* Is rule enabled by the policy? */
bool ecs_policy_enabled(const struct ecs_policy *p, const struct ecs_rule *rule);

#endif
