/*
 * test_config.c - .ecslint.yaml loading and validation, the upward search,
 * and the policy that combines it with --select/--ignore.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include <cjson/cJSON.h>

#include "../../checks/rules.h"
#include "core/embed.h"
#include "engine/config.h"

static char dir[256];

static void write_file(const char *rel, const char *text)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/ecslint-config-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[300];
	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static const struct ecs_rule_setting *setting(const struct ecs_config *c, const struct ecs_rule *r)
{
	return &c->rules[ecs_rule_index(r)];
}

static void loads_a_valid_file(void **state)
{
	struct ecs_run run;
	struct ecs_config cfg;
	char path[512];
	(void)state;
	write_file(".ecslint.yaml", "rules:\n"
				    "  ECS202: off\n"
				    "  privileged: warning\n"
				    "  ECS403: on\n"
				    "  secret-in-environment:\n"
				    "    level: info\n"
				    "    options:\n"
				    "      extra-names: [CREDS]\n"
				    "per-file-ignores:\n"
				    "  \"dev-*.yaml\": [ECS205]\n"
				    "  \"legacy.yaml\": all\n");
	snprintf(path, sizeof(path), "%s/.ecslint.yaml", dir);
	ecs_run_init(&run);
	assert_int_equal(ecs_config_load(&run, path, &cfg), 0);
	assert_int_equal(run.diags.n, 0);
	assert_int_equal(setting(&cfg, &ECS202_rule)->enabled, 0);
	assert_int_equal(setting(&cfg, &ECS207_rule)->severity, ECS_SEV_WARNING);
	assert_int_equal(setting(&cfg, &ECS403_rule)->enabled, 1);
	assert_int_equal(setting(&cfg, &ECS401_rule)->severity, ECS_SEV_INFO);
	assert_non_null(setting(&cfg, &ECS401_rule)->options);
	assert_int_equal(setting(&cfg, &ECS201_rule)->enabled, -1);
	assert_int_equal(cfg.n_ignores, 2);
	assert_ptr_equal(cfg.ignores[0].rules[0], &ECS205_rule);
	assert_true(cfg.ignores[1].all);
	ecs_run_release(&run);
}

static void reports_each_problem_where_it_is(void **state)
{
	struct ecs_run run;
	struct ecs_config cfg;
	char path[512];
	(void)state;
	write_file("bad.yml", "rules:\n"
			      "  ECS999: off\n"			/* 2:3 */
			      "  ECS201: sometimes\n"		/* 3:11 */
			      "  ECS005: off\n"			/* 4:3 mandatory */
			      "  ECS405:\n"
			      "    options:\n"
			      "      allowed-ports: [http]\n"	/* 7:22 */
			      "typo: 1\n");			/* 8:1 */
	snprintf(path, sizeof(path), "%s/bad.yml", dir);
	ecs_run_init(&run);
	assert_int_equal(ecs_config_load(&run, path, &cfg), 0);
	assert_int_equal(run.diags.n, 5);
	for (size_t i = 0; i < run.diags.n; i++)
		assert_ptr_equal(run.diags.v[i]->rule, &ECS903_rule);
	assert_int_equal(run.diags.v[0]->span.start.line, 2);
	assert_int_equal(run.diags.v[1]->span.start.col, 11);
	assert_string_equal(run.diags.v[2]->message, "rule ECS005 cannot be configured");
	assert_int_equal(run.diags.v[3]->span.start.line, 7);
	assert_int_equal(run.diags.v[3]->span.start.col, 22);
	assert_string_equal(run.diags.v[4]->message, "unknown configuration key 'typo'");
	assert_null(setting(&cfg, &ECS405_rule)->options);	/* invalid options are not used */
	/* Loading the same file again reports nothing twice. */
	assert_int_equal(ecs_config_load(&run, path, &cfg), 0);
	assert_int_equal(run.diags.n, 5);
	ecs_run_release(&run);
}

static void search_goes_up_and_stops_at_git(void **state)
{
	char sub[512], found[1024], git[512];
	(void)state;
	snprintf(sub, sizeof(sub), "%s/a/b", dir);
	snprintf(git, sizeof(git), "%s/a", dir);
	assert_int_equal(mkdir(git, 0700), 0);
	assert_int_equal(mkdir(sub, 0700), 0);
	write_file(".ecslint.yml", "rules: {}\n");
	assert_non_null(ecs_config_find(sub, found, sizeof(found)));
	assert_non_null(strstr(found, "a/b/../../.ecslint.yaml"));	/* .yaml before .yml */
	snprintf(git, sizeof(git), "%s/a/.git", dir);
	assert_int_equal(mkdir(git, 0700), 0);
	assert_null(ecs_config_find(sub, found, sizeof(found)));
}

static void policy_combines_flags_and_file(void **state)
{
	struct ecs_arena a;
	struct ecs_options o;
	struct ecs_config cfg = { 0 };
	struct ecs_policy p;
	char sel[] = "ECS2", ign[] = "privileged";
	(void)state;
	ecs_arena_init(&a);
	ecs_options_init(&o);
	cfg.rules = ecs_arena_zalloc(&a, ecs_rules_count * sizeof(*cfg.rules));
	for (size_t i = 0; i < ecs_rules_count; i++)
		cfg.rules[i].enabled = -1;
	cfg.rules[ecs_rule_index(&ECS403_rule)].enabled = 1;
	cfg.rules[ecs_rule_index(&ECS202_rule)].enabled = 0;

	assert_int_equal(ecs_policy_build(&a, &o, &cfg, NULL, &p), 0);
	assert_true(ecs_policy_enabled(&p, &ECS403_rule));	/* config turns an opinionated rule on */
	assert_false(ecs_policy_enabled(&p, &ECS202_rule));
	assert_false(ecs_policy_enabled(&p, &ECS404_rule));	/* off by default */
	assert_true(ecs_policy_enabled(&p, &ECS201_rule));

	assert_int_equal(ecs_strlist_add(&o.select, sel), 0);
	assert_int_equal(ecs_strlist_add(&o.ignore, ign), 0);
	assert_int_equal(ecs_policy_build(&a, &o, &cfg, NULL, &p), 0);
	assert_true(ecs_policy_enabled(&p, &ECS202_rule));	/* --select wins over the file */
	assert_false(ecs_policy_enabled(&p, &ECS207_rule));	/* --ignore wins over --select */
	assert_false(ecs_policy_enabled(&p, &ECS403_rule));	/* not selected */
	assert_true(ecs_policy_enabled(&p, &ECS001_rule));	/* mandatory */
	assert_true(ecs_policy_enabled(&p, &ECS903_rule));

	assert_true(ecs_selector_matches("ALL", &ECS404_rule));
	assert_true(ecs_selector_matches("ECS40", &ECS404_rule));
	assert_false(ecs_selector_matches("ECS4x", &ECS404_rule));
	assert_false(ecs_selector_matches("ECS", &ECS404_rule));
	ecs_options_release(&o);
	ecs_arena_release(&a);
}

/* The editor schema and the loader agree on the keys and on every level word. */
static void schema_matches_loader(void **state)
{
	const struct ecs_embedded *e = ecs_embedded_find("ecslint-config.schema.json");
	cJSON *schema, *props, *levels, *it;
	int n_props = 0;
	(void)state;
	assert_non_null(e);
	schema = cJSON_Parse((const char *)e->data);
	assert_non_null(schema);
	props = cJSON_GetObjectItemCaseSensitive(schema, "properties");
	cJSON_ArrayForEach(it, props) {
		assert_true(strcmp(it->string, "rules") == 0 || strcmp(it->string, "per-file-ignores") == 0);
		n_props++;
	}
	assert_int_equal(n_props, 2);
	levels = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(schema, "definitions"), "level"), "enum");
	assert_true(cJSON_GetArraySize(levels) > 0);
	cJSON_ArrayForEach(it, levels) {
		struct ecs_run run;
		struct ecs_config cfg;
		char text[128], path[512];

		snprintf(text, sizeof(text), "rules:\n  ECS202: %s\n",
			 cJSON_IsString(it) ? it->valuestring : cJSON_IsTrue(it) ? "true" : "false");
		write_file("level.yaml", text);
		snprintf(path, sizeof(path), "%s/level.yaml", dir);
		ecs_run_init(&run);
		assert_int_equal(ecs_config_load(&run, path, &cfg), 0);
		assert_int_equal(run.diags.n, 0);
		ecs_run_release(&run);
	}
	cJSON_Delete(schema);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loads_a_valid_file),
		cmocka_unit_test(reports_each_problem_where_it_is),
		cmocka_unit_test(search_goes_up_and_stops_at_git),
		cmocka_unit_test(policy_combines_flags_and_file),
		cmocka_unit_test(schema_matches_loader),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
