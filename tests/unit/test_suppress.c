/*
 * test_suppress.c - parsing of `# ecslint:` comments and their effect:
 * every form, what counts as a comment, unknown rules and actions, and
 * which findings each form covers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../checks/rules.h"
#include "core/run.h"
#include "engine/suppress.h"
#include "yaml/yaml_load.h"

struct fx {
	struct ecs_run run;
	struct ecs_source *src;
	struct ecs_node *root;
	struct ecs_suppressions sup;
};

static void scan(struct fx *f, const char *text)
{
	ecs_run_init(&f->run);
	memset(&f->sup, 0, sizeof(f->sup));
	f->src = ecs_run_add_text(&f->run, "t.yaml", text, strlen(text));
	assert_non_null(f->src);
	f->root = NULL;
	assert_int_not_equal(ecs_yaml_load(f->src, &f->run.arena, &f->run.diags, NULL, &f->root), ECS_YAML_NOMEM);
	assert_int_equal(ecs_suppress_scan(f->src, f->root, &f->run.arena, &f->run.diags, &f->sup), 0);
}

static struct ecs_diag *finding(struct fx *f, const struct ecs_rule *rule, uint32_t line)
{
	size_t start = f->src->line_starts[line - 1];
	struct ecs_span sp = ecs_source_span(f->src, start, start + 1);
	struct ecs_diag *d = ecs_diag_add(&f->run.diags, rule, &sp, NULL, "x");

	assert_non_null(d);
	return d;
}

static void every_form_parses(void **state)
{
	struct fx f;
	(void)state;
	scan(&f, "a: 1  # ecslint: disable=ECS207\n"		/* 1: trailing -> line 1 */
		 "# ecslint: disable=ECS202,privileged\n"	/* 2: own line -> line 4 */
		 "\n"
		 "b: 2\n"
		 "c: 3  # ecslint disable-line ECS204 -- why\n"	/* 5 */
		 "# ecslint disable-next-line ECS205\n"		/* 6 -> 8 (7 is a comment) */
		 "# just a comment\n"
		 "d: 4\n"
		 "# ECSLINT is not us; ecslint: disable=ECS206 is not at the start\n"
		 "# ecslint: disable-file=ECS401 ,  ecs402\n");
	assert_int_equal(f.run.diags.n, 0);
	assert_int_equal(f.sup.n, 7);
	assert_ptr_equal(f.sup.v[0].rule, &ECS207_rule);
	assert_int_equal(f.sup.v[0].line, 1);
	assert_ptr_equal(f.sup.v[1].rule, &ECS202_rule);
	assert_int_equal(f.sup.v[1].line, 4);
	assert_ptr_equal(f.sup.v[2].rule, &ECS207_rule);	/* by name */
	assert_int_equal(f.sup.v[2].line, 4);
	assert_int_equal(f.sup.v[3].line, 5);
	assert_int_equal(f.sup.v[4].line, 8);
	assert_int_equal(f.sup.v[5].scope, ECS_SUPPRESS_FILE);
	assert_ptr_equal(f.sup.v[6].rule, &ECS402_rule);	/* lowercase id */
	/* The span is the rule's name inside the comment. */
	assert_int_equal(f.sup.v[0].span.start.col, 26);
	assert_int_equal(f.sup.v[0].span.end.col, 32);
	ecs_run_release(&f.run);
}

static void hashes_in_scalars_are_text(void **state)
{
	struct fx f;
	(void)state;
	scan(&f, "a: \"x # ecslint: disable=ECS207\"\n"
		 "b: 'y # ecslint: disable=ECS999'\n"
		 "c: |\n"
		 "  # ecslint: disable=ECS207\n"
		 "d: e#ecslint disable=ECS207\n");
	assert_int_equal(f.sup.n, 0);
	assert_int_equal(f.run.diags.n, 0);
	ecs_run_release(&f.run);
}

static void bad_directives_are_reported(void **state)
{
	struct fx f;
	(void)state;
	scan(&f, "a: 1  # ecslint: disabel=ECS207\n"
		 "b: 2  # ecslint: disable=ECS2O7,ECS207\n"
		 "c: 3  # ecslint: disable=\n"
		 "d: 4  # ecslint checks this\n");
	assert_int_equal(f.run.diags.n, 3);
	assert_ptr_equal(f.run.diags.v[0]->rule, &ECS902_rule);
	assert_string_equal(f.run.diags.v[0]->message, "unknown ecslint directive 'disabel'");
	assert_string_equal(f.run.diags.v[1]->message, "unknown rule 'ECS2O7' in ecslint directive");
	assert_int_equal(f.run.diags.v[1]->span.start.col, 26);
	assert_string_equal(f.run.diags.v[2]->message, "ecslint directive names no rule");
	assert_int_equal(f.sup.n, 1);	/* ECS207 of line 2 still counts */
	ecs_run_release(&f.run);
}

static void apply_marks_and_counts(void **state)
{
	struct fx f;
	struct ecs_diag *hit, *other_rule, *other_line, *file_wide, *mandatory;
	(void)state;
	scan(&f, "a: 1  # ecslint: disable=ECS207\n"
		 "b: 2\n"
		 "# ecslint: disable-file=ECS401,ECS001\n");
	hit = finding(&f, &ECS207_rule, 1);
	other_rule = finding(&f, &ECS202_rule, 1);
	other_line = finding(&f, &ECS207_rule, 2);
	file_wide = finding(&f, &ECS401_rule, 2);
	mandatory = finding(&f, &ECS001_rule, 2);
	ecs_suppress_apply(&f.sup, &f.run.diags, 0);
	assert_true(hit->suppressed);
	assert_false(other_rule->suppressed);
	assert_false(other_line->suppressed);
	assert_true(file_wide->suppressed);
	assert_false(mandatory->suppressed);	/* input errors cannot be hidden */
	/* apply orders the directives by place: look them up by rule. */
	for (size_t i = 0; i < f.sup.n; i++)
		assert_int_equal(f.sup.v[i].used, f.sup.v[i].rule != &ECS001_rule);
	ecs_run_release(&f.run);
}

static void a_repeated_directive_is_unused(void **state)
{
	struct fx f;
	struct ecs_diag *d;
	size_t used = 0;
	(void)state;
	scan(&f, "a: 1  # ecslint: disable=ECS207,ECS207\n"
		 "# ecslint: disable-file=ECS207\n");
	d = finding(&f, &ECS207_rule, 1);
	ecs_suppress_apply(&f.sup, &f.run.diags, 0);
	assert_true(d->suppressed);
	for (size_t i = 0; i < f.sup.n; i++)
		used += f.sup.v[i].used;
	assert_int_equal(f.sup.n, 3);
	assert_int_equal(used, 1);
	/* The line directive, written first, takes it. */
	for (size_t i = 0; i < f.sup.n; i++)
		if (f.sup.v[i].used)
			assert_int_equal(f.sup.v[i].span.start.col, 26);
	ecs_run_release(&f.run);
}

/* A file of directives stays linear: each own-line directive finds its target in O(1). */
static void many_directives_stay_fast(void **state)
{
	struct fx f;
	size_t n = 200000, len = 0;
	char *text = malloc(n * 40 + 16);
	(void)state;
	assert_non_null(text);
	for (size_t i = 0; i < n; i++)
		len += (size_t)sprintf(text + len, "# ecslint: disable-next-line=ECS202\n");
	len += (size_t)sprintf(text + len, "a: 1\n");
	scan(&f, text);
	assert_int_equal(f.sup.n, n);
	assert_int_equal(f.sup.v[n - 1].line, n + 1);
	assert_int_equal(f.sup.v[0].line, n + 1);
	for (size_t i = 0; i < n; i++)
		finding(&f, &ECS202_rule, (uint32_t)(n + 1));
	ecs_suppress_apply(&f.sup, &f.run.diags, 0);
	for (size_t i = 0; i < f.run.diags.n; i++)
		assert_true(f.run.diags.v[i]->suppressed);
	free(text);
	ecs_run_release(&f.run);
}

static void next_line_at_end_covers_nothing(void **state)
{
	struct fx f;
	struct ecs_diag *d;
	(void)state;
	scan(&f, "a: 1\n# ecslint: disable-next-line=ECS207\n");
	assert_int_equal(f.sup.n, 1);
	d = finding(&f, &ECS207_rule, 1);
	ecs_suppress_apply(&f.sup, &f.run.diags, 0);
	assert_false(d->suppressed);
	assert_false(f.sup.v[0].used);
	ecs_run_release(&f.run);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_form_parses),
		cmocka_unit_test(hashes_in_scalars_are_text),
		cmocka_unit_test(bad_directives_are_reported),
		cmocka_unit_test(apply_marks_and_counts),
		cmocka_unit_test(next_line_at_end_covers_nothing),
		cmocka_unit_test(a_repeated_directive_is_unused),
		cmocka_unit_test(many_directives_stay_fast),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
