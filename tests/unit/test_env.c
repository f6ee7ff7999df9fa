/*
 * test_env.c - the .env parser (Compose's dotenv syntax) and the variable
 * precedence: process environment over env files, later entries over
 * earlier ones, interpolation of earlier entries, located diagnostics.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "../../checks/rules.h"
#include "compose/env.h"
#include "core/run.h"

struct parsed {
	struct ecs_run run;
	struct ecs_env env;
};

static struct parsed *parse(const char *text, char **envp)
{
	struct parsed *p = calloc(1, sizeof(*p));
	struct ecs_source *src;

	assert_non_null(p);
	ecs_run_init(&p->run);
	ecs_env_init(&p->env, &p->run.arena);
	assert_int_equal(ecs_env_load_environ(&p->env, envp), 0);
	src = ecs_run_add_text(&p->run, ".env", text, strlen(text));
	assert_non_null(src);
	assert_int_equal(ecs_env_parse_file(&p->run, src, &p->env), 0);
	ecs_diags_finish(&p->run.diags);
	return p;
}

static void release(struct parsed *p)
{
	ecs_run_release(&p->run);
	free(p);
}

struct value_case {
	const char *text;
	const char *name;
	const char *value;	/* NULL: not set */
};

static const struct value_case value_cases[] = {
	{ "A=1\n", "A", "1" },
	{ "A=1", "A", "1" },
	{ "  A=1  \n", "A", "1" },
	{ "A = 1\n", "A", "1" },
	{ "export B=2\n", "B", "2" },
	{ "export\tB=2\n", "B", "2" },
	{ "H: yaml\n", "H", "yaml" },
	{ "C='single $FOO \\n'\n", "C", "single $FOO \\n" },
	{ "C='it\\'s'\n", "C", "it's" },
	{ "D=\"dq\\n$FOO\"\n", "D", "dq\nfoo" },
	{ "D=\"tab\\there\"\n", "D", "tab\there" },
	{ "D=\"q\\\"q\"\n", "D", "q\"q" },
	{ "D=\"back\\\\slash\"\n", "D", "back\\slash" },
	{ "D=\"keep \\x41 \\c\"\n", "D", "keep \\x41 \\c" },
	{ "D=\"oct\\0101\"\n", "D", "octA" },
	{ "K=\"\\$FOO\"\n", "K", "$FOO" },
	{ "K=\"$$FOO\"\n", "K", "$FOO" },
	{ "E=unquoted # comment\n", "E", "unquoted" },
	{ "E=unquoted\t# not a comment\n", "E", "unquoted\t# not a comment" },
	{ "F=a#b\n", "F", "a#b" },
	{ "G=   # note\n", "G", "# note" },
	{ "I=\"multi\nline\"\n", "I", "multi\nline" },
	{ "I='multi\nline'\n", "I", "multi\nline" },
	{ "L=\"a\" # c\n", "L", "a" },
	{ "M=back\\slash\n", "M", "back\\slash" },
	{ "N=\n", "N", "" },
	{ "N=\nO=2\n", "O", "2" },
	{ "# comment\n\n   # indented comment\nP=1\n", "P", "1" },
	{ "\xEF\xBB\xBFQ=bom\n", "Q", "bom" },
	{ "R=1\r\n", "R", "1" },
	{ "J=${FOO}x\n", "J", "foox" },
	{ "A=1\nJ=${A}-$A\n", "J", "1-1" },
	{ "A=1\nA=2\n", "A", "2" },
	{ "A=x\nA=${A}y\n", "A", "xy" },
	{ "S=${S:-d}\n", "S", "d" },
	{ "T='${T}'\n", "T", "${T}" },
	{ "U=${UNSET:-${FOO}}\n", "U", "foo" },
	/* The process environment always wins. */
	{ "OSVAR=fromfile\n", "OSVAR", "os" },
	{ "V=$OSVAR\n", "V", "os" },
	/* KEY alone: inherited from the environment, else not set. */
	{ "KEYONLY\n", "KEYONLY", NULL },
	{ "OSVAR\n", "OSVAR", "os" },
	{ "dotted.name-x[0]=1\n", "dotted.name-x[0]", "1" },
};

static void parses_values(void **state)
{
	char *envp[] = { "FOO=foo", "OSVAR=os", NULL };

	(void)state;
	for (size_t i = 0; i < sizeof(value_cases) / sizeof(value_cases[0]); i++) {
		const struct value_case *c = &value_cases[i];
		struct parsed *p = parse(c->text, envp);
		const char *got = ecs_env_get(&p->env, c->name);
		if (c->value ? !got || strcmp(got, c->value) != 0 : got != NULL)
			fail_msg("case %zu '%s': %s = '%s', want '%s'", i, c->text, c->name, got ? got : "(unset)",
				 c->value ? c->value : "(unset)");
		for (size_t k = 0; k < p->run.diags.n; k++)
			if (p->run.diags.v[k]->rule != &ECS110_rule)
				fail_msg("case %zu '%s': unexpected %s %s", i, c->text, p->run.diags.v[k]->rule->id,
					 p->run.diags.v[k]->message);
		release(p);
	}
}

struct diag_case {
	const char *text;
	const struct ecs_rule *rule;
	uint32_t line, col, end_col;
	const char *not_set;	/* a name that must stay unset */
};

static const struct diag_case diag_cases[] = {
	{ "MY KEY=1\n", &ECS115_rule, 1, 1, 7, "MY" },
	{ "OK=1\nB@D=1\n", &ECS115_rule, 2, 2, 3, "B" },
	{ "=x\n", &ECS115_rule, 1, 1, 3, NULL },
	{ "A=1\nQ=\"unterminated\n", &ECS115_rule, 2, 3, 16, "Q" },
	{ "R=${NOPE}\n", &ECS110_rule, 1, 3, 10, NULL },
	{ "R=\"a\\tb ${NOPE}\"\n", &ECS110_rule, 1, 9, 16, NULL },
	{ "R=x\n  R2=pre $NOPE post\n", &ECS110_rule, 2, 10, 15, NULL },
	{ "R=${NEED:?set it}\n", &ECS111_rule, 1, 3, 18, "R" },
	{ "R=${oops\n", &ECS112_rule, 1, 3, 9, "R" },
	{ "S=${S}\n", &ECS110_rule, 1, 3, 7, NULL },
};

static void locates_problems(void **state)
{
	char *envp[] = { NULL };

	(void)state;
	for (size_t i = 0; i < sizeof(diag_cases) / sizeof(diag_cases[0]); i++) {
		const struct diag_case *c = &diag_cases[i];
		struct parsed *p = parse(c->text, envp);
		const struct ecs_diag *d = p->run.diags.n ? p->run.diags.v[0] : NULL;
		if (p->run.diags.n != 1 || d->rule != c->rule || d->span.start.line != c->line ||
		    d->span.start.col != c->col || d->span.end.col != c->end_col)
			fail_msg("case %zu: %zu diags, first %s at %u:%u-%u (%s); want %s at %u:%u-%u", i,
				 p->run.diags.n, d ? d->rule->id : "-", d ? d->span.start.line : 0,
				 d ? d->span.start.col : 0, d ? d->span.end.col : 0, d ? d->message : "", c->rule->id,
				 c->line, c->col, c->end_col);
		if (c->not_set)
			assert_null(ecs_env_get(&p->env, c->not_set));
		release(p);
	}
}

/* A self-referencing or mutually recursive file terminates: values are not expanded again. */
static void no_recursion(void **state)
{
	char *envp[] = { NULL };
	struct parsed *p = parse("A='${B}'\nB='${A}'\nC=${A}${B}\n", envp);

	(void)state;
	assert_string_equal(ecs_env_get(&p->env, "C"), "${B}${A}");
	assert_int_equal(p->run.diags.n, 0);
	release(p);
}

static void table_grows_and_protects(void **state)
{
	struct ecs_arena a;
	struct ecs_env e;
	char name[32];

	(void)state;
	ecs_arena_init(&a);
	ecs_env_init(&e, &a);
	for (int i = 0; i < 5000; i++) {
		snprintf(name, sizeof(name), "V%d", i);
		assert_int_equal(ecs_env_set(&e, name, strlen(name), name, strlen(name), i % 2 == 0), 0);
	}
	for (int i = 0; i < 5000; i++) {
		snprintf(name, sizeof(name), "V%d", i);
		assert_int_equal(ecs_env_set(&e, name, strlen(name), "new", 3, false), 0);
		assert_string_equal(ecs_env_get(&e, name), i % 2 == 0 ? name : "new");
	}
	assert_int_equal(e.n, 5000);
	assert_null(ecs_env_find(&e, "V1", 1));
	ecs_arena_release(&a);
}

/*
 * A file parsed twice in a run (the project's .env, then a service's
 * env_file) reports its problems once, yet still fills the second table;
 * reading the same file again returns the source already in the table.
 */
static void reports_once_per_file(void **state)
{
	char path[] = "/tmp/test_env_XXXXXX";
	const char text[] = "A B=c\nGOOD=1\n";
	struct ecs_run run;
	struct ecs_env first, second;
	struct ecs_source *a, *b, *c;
	FILE *f;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	ecs_run_init(&run);
	a = ecs_env_read(&run, path, ".env");
	assert_non_null(a);
	ecs_env_init(&first, &run.arena);
	assert_int_equal(ecs_env_parse_file(&run, a, &first), 0);
	assert_int_equal(run.diags.n, 1);
	assert_ptr_equal(run.diags.v[0]->rule, &ECS115_rule);
	b = ecs_env_read(&run, path, "other-name");
	assert_ptr_equal(b, a);
	assert_int_equal(run.files.n, 1);
	ecs_env_init(&second, &run.arena);
	assert_int_equal(ecs_env_parse_file(&run, b, &second), 0);
	assert_int_equal(run.diags.n, 1);
	assert_string_equal(ecs_env_get(&second, "GOOD"), "1");
	/* ecs_run_read itself still reads anew: another entry, not yet parsed as an env file. */
	c = ecs_run_read(&run, path, ".env");
	assert_non_null(c);
	assert_ptr_not_equal(c, a);
	assert_int_equal(ecs_env_parse_file(&run, c, &second), 0);
	assert_int_equal(run.diags.n, 2);
	ecs_run_release(&run);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_values),
		cmocka_unit_test(locates_problems),
		cmocka_unit_test(no_recursion),
		cmocka_unit_test(table_grows_and_protects),
		cmocka_unit_test(reports_once_per_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
