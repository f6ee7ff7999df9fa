/*
 * test_yaml.c - the YAML front end: spans, styles, anchors, merges,
 * duplicates and limits, asserted exactly.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "../../checks/rules.h"
#include "core/run.h"
#include "yaml/yaml_load.h"

struct loaded {
	struct ecs_run run;
	struct ecs_node *root;
	enum ecs_yaml_status status;
};

static void load(struct loaded *l, const char *text, const struct ecs_yaml_limits *lim)
{
	struct ecs_source *src;

	ecs_run_init(&l->run);
	src = ecs_run_add_text(&l->run, "t.yaml", text, strlen(text));
	assert_non_null(src);
	l->status = ecs_yaml_load(src, &l->run.arena, &l->run.diags, lim, &l->root);
	ecs_diags_finish(&l->run.diags);
}

static void unload(struct loaded *l)
{
	ecs_run_release(&l->run);
}

static void assert_span(const struct ecs_span *s, uint32_t l1, uint32_t c1, uint32_t l2, uint32_t c2)
{
	assert_int_equal(s->start.line, l1);
	assert_int_equal(s->start.col, c1);
	assert_int_equal(s->end.line, l2);
	assert_int_equal(s->end.col, c2);
}

static void scalar_styles_and_spans(void **state)
{
	struct loaded l;
	const struct ecs_pair *p;
	(void)state;

	load(&l, "a: plain\nb: 'si''ngle'\nc: \"d\\tq\"\nd: |\n  lit\n", NULL);
	assert_int_equal(l.status, ECS_YAML_OK);
	p = ecs_node_map_pair(l.root, "a");
	assert_span(&p->key->span, 1, 1, 1, 2);
	assert_span(&p->value->span, 1, 4, 1, 9);
	assert_int_equal(p->value->style, ECS_STYLE_PLAIN);
	p = ecs_node_map_pair(l.root, "b");
	assert_string_equal(p->value->scalar.text, "si'ngle");
	assert_int_equal(p->value->style, ECS_STYLE_SINGLE);
	assert_span(&p->value->span, 2, 4, 2, 14);	/* quotes included */
	assert_int_equal(p->value->scalar.content_start, p->value->span.start.byte + 1);
	p = ecs_node_map_pair(l.root, "c");
	assert_string_equal(p->value->scalar.text, "d\tq");
	assert_int_equal(p->value->style, ECS_STYLE_DOUBLE);
	assert_span(&p->value->span, 3, 4, 3, 10);
	p = ecs_node_map_pair(l.root, "d");
	assert_int_equal(p->value->style, ECS_STYLE_LITERAL);
	assert_string_equal(p->value->scalar.text, "lit\n");
	unload(&l);
}

static void collections_and_empty_values(void **state)
{
	struct loaded l;
	const struct ecs_node *n;
	(void)state;

	load(&l, "s:\n  - 1\n  - [x, y]\ne:\n", NULL);
	n = ecs_node_map_get(l.root, "s");
	assert_int_equal(n->kind, ECS_NODE_SEQUENCE);
	assert_int_equal(n->style, ECS_STYLE_BLOCK);
	assert_int_equal(n->seq.n, 2);
	assert_span(&n->span, 2, 3, 3, 11);
	assert_span(&n->seq.items[1]->span, 3, 5, 3, 11);
	assert_int_equal(n->seq.items[1]->style, ECS_STYLE_FLOW);
	n = ecs_node_map_get(l.root, "e");
	assert_true(ecs_node_is_null(n));
	assert_span(&n->span, 4, 2, 4, 2);
	unload(&l);
}

static void aliases_are_references(void **state)
{
	struct loaded l;
	const struct ecs_pair *p;
	(void)state;

	load(&l, "a: &x {k: v}\nb: *x\n", NULL);
	assert_int_equal(l.status, ECS_YAML_OK);
	p = ecs_node_map_pair(l.root, "b");
	assert_int_equal(p->value->kind, ECS_NODE_ALIAS);
	assert_ptr_equal(ecs_node_deref(p->value), ecs_node_map_get(l.root, "a"));
	assert_span(&p->value->span, 2, 4, 2, 6);
	unload(&l);
}

static void merge_keys_follow_yaml_order(void **state)
{
	struct loaded l;
	const struct ecs_node *web;
	const struct ecs_pair *p;
	(void)state;

	load(&l, "x: &a {i: a, u: a}\ny: &b {i: b, z: b}\nweb:\n  <<: [*a, *b]\n  u: mine\n", NULL);
	assert_int_equal(l.run.diags.n, 0);
	web = ecs_node_map_get(l.root, "web");
	assert_int_equal(web->map.n, 3);
	assert_string_equal(ecs_node_text(ecs_node_map_get(web, "u")), "mine");
	assert_string_equal(ecs_node_text(ecs_node_map_get(web, "i")), "a");	/* earlier wins */
	p = ecs_node_map_pair(web, "z");
	assert_true(p->from_merge);
	assert_span(&p->value->span, 2, 17, 2, 18);	/* at the anchor */
	unload(&l);
}

static void duplicate_keys_report_both(void **state)
{
	struct loaded l;
	const struct ecs_diag *d;
	(void)state;

	load(&l, "a: 1\nb: 2\na: 3\n", NULL);
	assert_int_equal(l.run.diags.n, 1);
	d = l.run.diags.v[0];
	assert_ptr_equal(d->rule, &ECS002_rule);
	assert_span(&d->span, 3, 1, 3, 2);
	assert_int_equal(d->n_related, 1);
	assert_span(&d->related[0].span, 1, 1, 1, 2);
	assert_string_equal(ecs_node_text(ecs_node_map_get(l.root, "a")), "1");
	unload(&l);
}

static void many_keys_use_the_hash(void **state)
{
	char buf[64 * 1024];
	size_t n = 0;
	struct loaded l;
	(void)state;

	for (int i = 0; i < 2000; i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "k%d: %d\n", i, i);
	snprintf(buf + n, sizeof(buf) - n, "k1234: dup\n");
	load(&l, buf, NULL);
	assert_int_equal(l.run.diags.n, 1);
	assert_int_equal(l.run.diags.v[0]->span.start.line, 2001);
	assert_int_equal(l.run.diags.v[0]->related[0].span.start.line, 1235);
	unload(&l);
}

static void limits_stop_hostile_input(void **state)
{
	struct ecs_yaml_limits lim = { .max_depth = 4 };
	struct loaded l;
	(void)state;

	load(&l, "a: {b: {c: {d: {e: 1}}}}\n", &lim);
	assert_int_equal(l.status, ECS_YAML_INVALID);
	assert_ptr_equal(l.run.diags.v[0]->rule, &ECS003_rule);
	assert_span(&l.run.diags.v[0]->span, 1, 16, 1, 17);
	unload(&l);

	lim.max_depth = 0;
	lim.max_expanded = 50;
	load(&l, "a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n", &lim);
	assert_int_equal(l.status, ECS_YAML_INVALID);
	assert_ptr_equal(l.run.diags.v[0]->rule, &ECS003_rule);
	assert_int_equal(l.run.diags.v[0]->span.start.line, 2);
	unload(&l);
}

static void encoding_errors_are_located(void **state)
{
	const char *why;
	(void)state;
	assert_int_equal(ecs_utf8_check("ok \xc3\xa9", 5, &why), -1);
	assert_int_equal(ecs_utf8_check("a\xc0\x80", 3, &why), 1);	/* overlong */
	assert_int_equal(ecs_utf8_check("ab\xed\xa0\x80", 5, &why), 2);	/* surrogate */
	assert_int_equal(ecs_utf8_check("abc\xf0\x9f\x98", 6, &why), 3);	/* truncated */
	assert_int_equal(ecs_utf8_check("a\0b", 3, &why), 1);
}

static void syntax_errors_become_ecs001(void **state)
{
	struct loaded l;
	(void)state;

	load(&l, "a:\n\tb: 1\n", NULL);
	assert_int_equal(l.status, ECS_YAML_INVALID);
	assert_ptr_equal(l.run.diags.v[0]->rule, &ECS001_rule);
	assert_int_equal(l.run.diags.v[0]->span.start.line, 2);
	assert_null(l.root);
	unload(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scalar_styles_and_spans),
		cmocka_unit_test(collections_and_empty_values),
		cmocka_unit_test(aliases_are_references),
		cmocka_unit_test(merge_keys_follow_yaml_order),
		cmocka_unit_test(duplicate_keys_report_both),
		cmocka_unit_test(many_keys_use_the_hash),
		cmocka_unit_test(limits_stop_hostile_input),
		cmocka_unit_test(encoding_errors_are_located),
		cmocka_unit_test(syntax_errors_become_ecs001),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
