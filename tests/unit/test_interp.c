/*
 * test_interp.c - Compose interpolation: every form, the quirks of the
 * reference implementation, issue ranges, and the bounds on hostile input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "compose/env.h"
#include "compose/interp.h"

struct fixture {
	struct ecs_arena arena;
	struct ecs_env env;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	char *envp[] = { "FOO=foo", "EMPTY=", "A=${A}", "B=$FOO", "SP=a b", NULL };

	if (!f)
		return -1;
	ecs_arena_init(&f->arena);
	ecs_env_init(&f->env, &f->arena);
	if (ecs_env_load_environ(&f->env, envp) < 0)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	ecs_arena_release(&f->arena);
	free(f);
	return 0;
}

struct expand_case {
	const char *in;
	const char *out;
	int n_unset;
};

static const struct expand_case expand_cases[] = {
	{ "plain", "plain", 0 },
	{ "$FOO", "foo", 0 },
	{ "${FOO}", "foo", 0 },
	{ "$FOO-bar", "foo-bar", 0 },
	{ "$FOO.bar", "foo.bar", 0 },
	{ "x${FOO}y", "xfooy", 0 },
	{ "${UNSET:-def}", "def", 0 },
	{ "${EMPTY:-def}", "def", 0 },
	{ "${EMPTY-def}", "", 0 },
	{ "${UNSET-def}", "def", 0 },
	{ "${FOO:-def}", "foo", 0 },
	{ "${FOO-def}", "foo", 0 },
	{ "${FOO:+alt}", "alt", 0 },
	{ "${EMPTY:+alt}", "", 0 },
	{ "${EMPTY+alt}", "alt", 0 },
	{ "${UNSET+alt}", "", 0 },
	{ "${UNSET:+alt}", "", 0 },
	{ "${FOO?msg}", "foo", 0 },
	{ "${EMPTY?msg}", "", 0 },
	{ "$$", "$", 0 },
	{ "$${FOO}", "${FOO}", 0 },
	{ "$$FOO", "$FOO", 0 },
	{ "$$$FOO", "$foo", 0 },
	{ "a $ b", "a $ b", 0 },
	{ "^x$", "^x$", 0 },
	{ "$1", "$1", 0 },
	{ "$}", "$}", 0 },
	{ "trailing $", "trailing $", 0 },
	{ "${UNSET:-${FOO:-x}}", "foo", 0 },
	{ "${UNSET:-${UNSET2:-x}}", "x", 0 },
	{ "${missing:-{\"json\":1}}", "{\"json\":1}", 0 },
	{ "${VARNAME-va:-lu}", "va:-lu", 0 },
	{ "${VARNAME:-va-lu}", "va-lu", 0 },
	{ "${UNSET-${FOO} ${FOO}}", "foo foo", 0 },
	{ "${FOO+$FOO ${FOO:+second}}", "foo second", 0 },
	{ "${UNSET:-x}}", "x}", 0 },
	{ "${UNSET:-a} ${UNSET:-b}", "a b", 0 },
	/* single pass: substituted values are not scanned again */
	{ "${A}", "${A}", 0 },
	{ "$A$A", "${A}${A}", 0 },
	{ "$B", "$FOO", 0 },
	{ "${SP}", "a b", 0 },
	/* an unused default is not evaluated: no warning for UNSET2 */
	{ "${FOO:-$UNSET2}", "foo", 0 },
	{ "$UNSET", "", 1 },
	{ "x${UNSET}y", "xy", 1 },
	{ "$UNSET$UNSET2", "", 2 },
	{ "${UNSET:-$UNSET2}", "", 1 },
};

static void expands_every_form(void **state)
{
	struct fixture *f = *state;

	for (size_t i = 0; i < sizeof(expand_cases) / sizeof(expand_cases[0]); i++) {
		const struct expand_case *c = &expand_cases[i];
		struct ecs_interp_result r;
		assert_int_equal(ecs_interp(&f->arena, &f->env, c->in, strlen(c->in), &r), 0);
		if (strcmp(r.text, c->out) != 0 || (int)r.n_issues != c->n_unset || r.failed)
			fail_msg("case %zu '%s': got '%s' with %u issues (failed %d), want '%s' with %d", i, c->in,
				 r.text, r.n_issues, r.failed, c->out, c->n_unset);
		for (uint32_t k = 0; k < r.n_issues; k++)
			assert_int_equal(r.issues[k].kind, ECS_INTERP_UNSET);
	}
}

struct issue_case {
	const char *in;
	enum ecs_interp_kind kind;
	uint32_t start, end;
	const char *name, *detail;
};

static const struct issue_case issue_cases[] = {
	{ "$UNSET", ECS_INTERP_UNSET, 0, 6, "UNSET", NULL },
	{ "ab ${UNSET} cd", ECS_INTERP_UNSET, 3, 11, "UNSET", NULL },
	{ "${UNSET:?boom $FOO}", ECS_INTERP_REQUIRED, 0, 19, "UNSET", "boom foo" },
	{ "x ${EMPTY:?msg}", ECS_INTERP_REQUIRED, 2, 15, "EMPTY", "msg" },
	{ "${UNSET?}", ECS_INTERP_REQUIRED, 0, 9, "UNSET", "" },
	{ "${UNSET:-${NOPE:?inner}}", ECS_INTERP_REQUIRED, 9, 23, "NOPE", "inner" },
	{ "${", ECS_INTERP_MALFORMED, 0, 2, NULL, NULL },
	{ "${}", ECS_INTERP_MALFORMED, 0, 3, NULL, NULL },
	{ "a ${ foo} b", ECS_INTERP_MALFORMED, 2, 9, NULL, NULL },
	{ "${foo }", ECS_INTERP_MALFORMED, 0, 7, NULL, NULL },
	{ "${foo!}", ECS_INTERP_MALFORMED, 0, 7, NULL, NULL },
	{ "${1}", ECS_INTERP_MALFORMED, 0, 4, NULL, NULL },
	{ "${foo/bar/baz}", ECS_INTERP_MALFORMED, 0, 14, NULL, NULL },
	{ "${#foo}", ECS_INTERP_MALFORMED, 0, 7, NULL, NULL },
	{ "${foo:1}", ECS_INTERP_MALFORMED, 0, 8, NULL, NULL },
	{ "x ${FOO", ECS_INTERP_MALFORMED, 2, 7, NULL, NULL },
	{ "${FOO:-x\n}", ECS_INTERP_MALFORMED, 0, 8, NULL, NULL },
	{ "${UNSET:-${B}", ECS_INTERP_MALFORMED, 9, 12, NULL, NULL },
};

static void reports_issue_ranges(void **state)
{
	struct fixture *f = *state;

	for (size_t i = 0; i < sizeof(issue_cases) / sizeof(issue_cases[0]); i++) {
		const struct issue_case *c = &issue_cases[i];
		struct ecs_interp_result r;
		assert_int_equal(ecs_interp(&f->arena, &f->env, c->in, strlen(c->in), &r), 0);
		if (r.n_issues != 1 || r.issues[0].kind != c->kind || r.issues[0].start != c->start ||
		    r.issues[0].end != c->end)
			fail_msg("case %zu '%s': %u issues, first kind %d [%u,%u), want kind %d [%u,%u)", i, c->in,
				 r.n_issues, r.n_issues ? (int)r.issues[0].kind : -1, r.n_issues ? r.issues[0].start : 0,
				 r.n_issues ? r.issues[0].end : 0, c->kind, c->start, c->end);
		if (c->name)
			assert_string_equal(r.issues[0].name, c->name);
		if (c->detail)
			assert_string_equal(r.issues[0].detail, c->detail);
		if (c->kind != ECS_INTERP_UNSET) {
			/* Compose rejects the value: it is left as written. */
			assert_true(r.failed);
			assert_string_equal(r.text, c->in);
		}
	}
}

static void caps_the_issue_list(void **state)
{
	struct fixture *f = *state;
	size_t n = 1000;
	char *s = malloc(n * 2 + 1);
	struct ecs_interp_result r;

	for (size_t i = 0; i < n; i++)
		memcpy(s + 2 * i, "$X", 2);
	s[2 * n] = '\0';
	assert_int_equal(ecs_interp(&f->arena, &f->env, s, 2 * n, &r), 0);
	assert_int_equal(r.n_issues, ECS_INTERP_MAX_ISSUES);
	assert_int_equal(r.n_unlisted, n - ECS_INTERP_MAX_ISSUES);
	free(s);
}

static double seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A 1 MB value of each hostile shape finishes quickly and within the caps. */
static void bounded_on_hostile_values(void **state)
{
	struct fixture *f = *state;
	static const char *const units[] = { "$$", "${U:-", "${FOO:-", "$FOO", "${", "}", "${U:-x}" };
	size_t len = 1u << 20;
	char *s = malloc(len + 1);

	for (size_t u = 0; u < sizeof(units) / sizeof(units[0]); u++) {
		size_t ul = strlen(units[u]), n = 0;
		struct ecs_interp_result r;
		double t0;
		while (n + ul <= len) {
			memcpy(s + n, units[u], ul);
			n += ul;
		}
		s[n] = '\0';
		t0 = seconds();
		assert_int_equal(ecs_interp(&f->arena, &f->env, s, n, &r), 0);
		if (seconds() - t0 > 2.0)
			fail_msg("unit '%s' took %.2f s", units[u], seconds() - t0);
		assert_true(r.len <= ECS_INTERP_MAX_OUTPUT);
	}
	free(s);
}

static void caps_nesting_and_output(void **state)
{
	struct fixture *f = *state;
	char deep[1024] = "";
	struct ecs_interp_result r;
	char *big = malloc(4u << 20), *tmpl = malloc(64 + 1);
	size_t n = 0;

	for (int i = 0; i < 70; i++)
		strcat(deep, "${U:-");
	strcat(deep, "x");
	for (int i = 0; i < 70; i++)
		strcat(deep, "}");
	assert_int_equal(ecs_interp(&f->arena, &f->env, deep, strlen(deep), &r), 0);
	assert_true(r.failed);
	assert_int_equal(r.issues[0].kind, ECS_INTERP_MALFORMED);

	/* 4 MB variable used 5 times: 20 MB is over the cap. */
	memset(big, 'x', (4u << 20) - 1);
	big[(4u << 20) - 1] = '\0';
	assert_int_equal(ecs_env_set(&f->env, "BIG", 3, big, strlen(big), true), 0);
	for (int i = 0; i < 5; i++)
		n += (size_t)sprintf(tmpl + n, "$BIG");
	assert_int_equal(ecs_interp(&f->arena, &f->env, tmpl, n, &r), 0);
	assert_true(r.failed);
	assert_int_equal(r.issues[r.n_issues - 1].kind, ECS_INTERP_MALFORMED);
	free(big);
	free(tmpl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(expands_every_form, setup, teardown),
		cmocka_unit_test_setup_teardown(reports_issue_ranges, setup, teardown),
		cmocka_unit_test_setup_teardown(caps_the_issue_list, setup, teardown),
		cmocka_unit_test_setup_teardown(bounded_on_hostile_values, setup, teardown),
		cmocka_unit_test_setup_teardown(caps_nesting_and_output, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
