/*
 * test_fix.c - the fix engine's pieces: which fixes one pass takes (overlap,
 * safety, suppression, bounds, unparsable files), splicing, the unified
 * diff generator (checked against an LCS oracle and by patching), and
 * ECS002's removal edits on every layout.
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
#include "fix/diff.h"
#include "fix/fix.h"
#include "schema/schema.h"
#include "yaml/duplicate_fix.h"
#include "yaml/node_edit.h"
#include "yaml/yaml_load.h"

/* --- choosing and applying ------------------------------------------------------ */

static struct ecs_source *text_source(struct ecs_run *r, const char *text)
{
	struct ecs_source *src = ecs_run_add_text(r, "t.yaml", text, strlen(text));

	assert_non_null(src);
	src->origin = "t.yaml";
	return src;
}

static struct ecs_diag *add_fix(struct ecs_run *r, const struct ecs_source *src, uint32_t start,
				uint32_t end, const char *text, enum ecs_fix_kind safety)
{
	struct ecs_span sp = ecs_source_span(src, start, end);
	struct ecs_diag *d = ecs_diag_add(&r->diags, &ECS002_rule, &sp, NULL, "finding at %u", start);

	assert_non_null(d);
	ecs_diag_fix(&r->diags, d, safety, "fix", src->index, start, end, text);
	assert_non_null(d->fix);
	return d;
}

static char *apply_choice(const struct ecs_source *src, const struct ecs_fix_choice *c)
{
	struct ecs_buf out = ECS_BUF_INIT;
	size_t len;

	assert_true(ecs_fix_apply(src, c, &out) >= 0);
	return ecs_buf_detach(&out, &len);
}

static void overlapping_fixes_wait_for_the_next_pass(void **state)
{
	struct ecs_run r;
	struct ecs_fix_choice c;
	struct ecs_source *src;
	char *text;
	(void)state;

	ecs_run_init(&r);
	src = text_source(&r, "0123456789");
	/* Added out of position order: the choice goes by where edits start. */
	add_fix(&r, src, 6, 8, "Z", ECS_FIX_SAFE);	/* same start as the insertion at 6: dropped */
	add_fix(&r, src, 4, 6, "Y", ECS_FIX_SAFE);	/* overlaps [2,5): dropped */
	add_fix(&r, src, 2, 5, "X", ECS_FIX_SAFE);
	add_fix(&r, src, 6, 6, "I", ECS_FIX_SAFE);	/* touches [4,6) only at its end */
	add_fix(&r, src, 8, 8, "J", ECS_FIX_SAFE);	/* right after [6,8): independent */
	add_fix(&r, src, 9, 10, "", ECS_FIX_SAFE);
	assert_int_equal(ecs_fix_choose(&r.arena, &r.diags, &r.files, false, &c), 0);
	/* [2,5) wins over [4,6); the insertion at 6 (start 6, added after Z but sorted by end) wins over [6,8). */
	assert_int_equal(c.n, 4);
	assert_int_equal(c.n_overlapping, 2);
	text = apply_choice(src, &c);
	assert_string_equal(text, "01X5I67J8");
	free(text);
	ecs_run_release(&r);
}

static void adjacent_edits_both_apply(void **state)
{
	struct ecs_run r;
	struct ecs_fix_choice c;
	struct ecs_source *src;
	char *text;
	(void)state;

	ecs_run_init(&r);
	src = text_source(&r, "a: 22:22\nb: yes\n");
	add_fix(&r, src, 3, 8, "\"22:22\"", ECS_FIX_SAFE);
	add_fix(&r, src, 8, 9, "\n", ECS_FIX_SAFE);
	add_fix(&r, src, 12, 15, "\"yes\"", ECS_FIX_SAFE);
	assert_int_equal(ecs_fix_choose(&r.arena, &r.diags, &r.files, false, &c), 0);
	assert_int_equal(c.n, 3);
	assert_int_equal(c.n_overlapping, 0);
	text = apply_choice(src, &c);
	assert_string_equal(text, "a: \"22:22\"\nb: \"yes\"\n");
	free(text);
	ecs_run_release(&r);
}

static void identical_edits_count_for_each_fix(void **state)
{
	struct ecs_run r;
	struct ecs_fix_choice c;
	struct ecs_source *src;
	char *text;
	(void)state;

	ecs_run_init(&r);
	src = text_source(&r, "cap_add: [A, B]\nx: 1\n");
	add_fix(&r, src, 0, 16, "", ECS_FIX_SAFE);
	add_fix(&r, src, 0, 16, "", ECS_FIX_SAFE);
	add_fix(&r, src, 0, 16, "y: 0\n", ECS_FIX_SAFE);	/* same range, other text: a conflict */
	assert_int_equal(ecs_fix_choose(&r.arena, &r.diags, &r.files, false, &c), 0);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.n_overlapping, 1);
	text = apply_choice(src, &c);
	assert_string_equal(text, "x: 1\n");
	free(text);
	ecs_run_release(&r);
}

static void safety_suppression_and_bounds(void **state)
{
	struct ecs_run r;
	struct ecs_fix_choice c;
	struct ecs_source *src;
	struct ecs_diag *d;
	char *text;
	(void)state;

	ecs_run_init(&r);
	src = text_source(&r, "abcdef");
	add_fix(&r, src, 0, 1, "A", ECS_FIX_SAFE);
	add_fix(&r, src, 1, 2, "B", ECS_FIX_UNSAFE);
	add_fix(&r, src, 2, 3, "C", ECS_FIX_HINT);
	d = add_fix(&r, src, 3, 4, "D", ECS_FIX_SAFE);
	d->suppressed = true;
	d = add_fix(&r, src, 4, 5, "E", ECS_FIX_SAFE);
	d->fix->edits[0].end = 7;	/* past the end of the file */
	assert_false(ecs_fix_applicable(&r.diags, &r.files, d, true));

	assert_int_equal(ecs_fix_choose(&r.arena, &r.diags, &r.files, false, &c), 0);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.n_unsafe_held, 1);
	text = apply_choice(src, &c);
	assert_string_equal(text, "Abcdef");
	free(text);

	assert_int_equal(ecs_fix_choose(&r.arena, &r.diags, &r.files, true, &c), 0);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.n_unsafe_held, 0);
	text = apply_choice(src, &c);
	assert_string_equal(text, "ABcdef");
	free(text);
	ecs_run_release(&r);
}

static void no_fixes_in_a_file_that_did_not_parse(void **state)
{
	struct ecs_run r;
	struct ecs_fix_choice c;
	struct ecs_source *src, *other;
	struct ecs_span sp;
	struct ecs_diag *d;
	(void)state;

	ecs_run_init(&r);
	src = text_source(&r, "a: [1\n");
	other = ecs_run_add_text(&r, "u.yaml", "b: 1\n", 5);
	other->origin = "u.yaml";
	sp = ecs_source_span(src, 3, 4);
	ecs_diag_add(&r.diags, &ECS001_rule, &sp, NULL, "syntax");
	d = add_fix(&r, src, 0, 1, "A", ECS_FIX_SAFE);
	assert_false(ecs_fix_applicable(&r.diags, &r.files, d, false));
	d = add_fix(&r, other, 0, 1, "B", ECS_FIX_SAFE);
	assert_true(ecs_fix_applicable(&r.diags, &r.files, d, false));
	assert_int_equal(ecs_fix_choose(&r.arena, &r.diags, &r.files, false, &c), 0);
	assert_int_equal(c.n, 1);
	assert_ptr_equal(c.v[0], d);
	ecs_run_release(&r);
}

static void in_memory_text_is_never_fixed(void **state)
{
	struct ecs_run r;
	struct ecs_fix_choice c;
	struct ecs_source *src;
	(void)state;

	ecs_run_init(&r);
	src = ecs_run_add_text(&r, "buffer", "abc", 3);
	add_fix(&r, src, 0, 1, "A", ECS_FIX_SAFE);
	assert_int_equal(ecs_fix_choose(&r.arena, &r.diags, &r.files, false, &c), 0);
	assert_int_equal(c.n, 0);
	ecs_run_release(&r);
}

/* --- the diff generator ------------------------------------------------------------ */

static char *diff_of(const char *a, const char *b)
{
	struct ecs_buf out = ECS_BUF_INIT;
	size_t len;

	assert_int_equal(ecs_diff_unified("f.yaml", a, strlen(a), b, strlen(b), ECS_DIFF_CONTEXT, &out), 0);
	if (!out.data)
		return strdup("");
	return ecs_buf_detach(&out, &len);
}

static void diff_known_outputs(void **state)
{
	char *d;
	(void)state;

	d = diff_of("a\nb\nc\n", "a\nb\nc\n");
	assert_string_equal(d, "");
	free(d);

	d = diff_of("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n", "a\nb\nc\nd\nE\nf\ng\nh\ni\nj\n");
	assert_string_equal(d, "--- f.yaml\n+++ f.yaml\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n");
	free(d);

	/* Far apart changes make two hunks; a removed line shows its range. */
	d = diff_of("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n", "x\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n12\n");
	assert_string_equal(d, "--- f.yaml\n+++ f.yaml\n"
			       "@@ -1,3 +1,4 @@\n+x\n 1\n 2\n 3\n"
			       "@@ -8,5 +9,4 @@\n 8\n 9\n 10\n-11\n 12\n");
	free(d);

	d = diff_of("a\nb", "a\nb\n");
	assert_string_equal(d, "--- f.yaml\n+++ f.yaml\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
	free(d);

	d = diff_of("", "only\n");
	assert_string_equal(d, "--- f.yaml\n+++ f.yaml\n@@ -0,0 +1 @@\n+only\n");
	free(d);

	d = diff_of("gone\r\nkept\r\n", "kept\r\n");
	assert_string_equal(d, "--- f.yaml\n+++ f.yaml\n@@ -1,2 +1 @@\n-gone\r\n kept\r\n");
	free(d);
}

/* Applies a unified diff to a, checking every context and removed line. */
static char *patch(const char *a, const char *diff)
{
	struct ecs_buf out = ECS_BUF_INIT;
	const char *p = diff, *ap = a;
	size_t len;

	if (!*diff)
		return strdup(a);
	assert_true(strncmp(p, "--- ", 4) == 0);
	p = strchr(p, '\n') + 1;
	assert_true(strncmp(p, "+++ ", 4) == 0);
	p = strchr(p, '\n') + 1;
	while (*p) {
		unsigned long as, al = 1, bs, bl = 1;
		size_t line_no = 1;
		const char *q;
		assert_true(strncmp(p, "@@ -", 4) == 0);
		as = strtoul(p + 4, (char **)&q, 10);
		if (*q == ',')
			al = strtoul(q + 1, (char **)&q, 10);
		assert_true(*q == ' ' && q[1] == '+');
		bs = strtoul(q + 2, (char **)&q, 10);
		if (*q == ',')
			bl = strtoul(q + 1, (char **)&q, 10);
		(void)bs;
		(void)bl;
		p = strchr(p, '\n') + 1;
		/* Copy a's lines before the hunk. */
		for (const char *s = a; s < ap; s++)
			if (*s == '\n')
				line_no++;
		unsigned long first = al ? as : as + 1;
		while (line_no < first) {
			const char *nl = strchr(ap, '\n');
			size_t n = nl ? (size_t)(nl - ap + 1) : strlen(ap);
			ecs_buf_add(&out, ap, n);
			ap += n;
			line_no++;
		}
		while (*p == ' ' || *p == '-' || *p == '+') {
			const char *nl = strchr(p, '\n');
			bool no_newline = nl[1] == '\\';
			size_t body = (size_t)(nl - p) - (no_newline ? 1 : 0);

			if (*p != '+') {
				assert_true(strlen(ap) >= body);
				assert_memory_equal(ap, p + 1, body);
				ap += body;
			}
			if (*p != '-')
				ecs_buf_add(&out, p + 1, body);
			p = nl + 1;
			if (no_newline)
				p = strchr(p, '\n') + 1;
		}
	}
	ecs_buf_adds(&out, ap);
	ecs_buf_add(&out, "", 0);
	return ecs_buf_detach(&out, &len);
}

static size_t lcs_lines(char **a, size_t na, char **b, size_t nb)
{
	size_t *row = calloc((nb + 1) * (na + 1), sizeof(*row)), r;

	for (size_t i = 1; i <= na; i++)
		for (size_t j = 1; j <= nb; j++) {
			size_t *c = &row[i * (nb + 1) + j];
			if (strcmp(a[i - 1], b[j - 1]) == 0)
				*c = row[(i - 1) * (nb + 1) + j - 1] + 1;
			else
				*c = row[(i - 1) * (nb + 1) + j] > row[i * (nb + 1) + j - 1]
					? row[(i - 1) * (nb + 1) + j] : row[i * (nb + 1) + j - 1];
		}
	r = row[na * (nb + 1) + nb];
	free(row);
	return r;
}

static void diff_random_texts_patch_back_minimally(void **state)
{
	static const char *const words[] = { "a\n", "b\n", "c\n", "services:\n", "  web:\n" };
	unsigned seed = 12345;
	(void)state;

	for (int round = 0; round < 400; round++) {
		char *la[40], *lb[40], a[400] = "", b[400] = "", *d, *patched;
		size_t na, nb, changes = 0;

		seed = seed * 1103515245u + 12345u;
		na = (seed >> 16) % 30;
		seed = seed * 1103515245u + 12345u;
		nb = (seed >> 16) % 30;
		for (size_t i = 0; i < na; i++) {
			seed = seed * 1103515245u + 12345u;
			la[i] = (char *)words[(seed >> 16) % 5];
			strcat(a, la[i]);
		}
		for (size_t i = 0; i < nb; i++) {
			seed = seed * 1103515245u + 12345u;
			/* b mostly keeps a's lines, so the diffs look like edits. */
			lb[i] = i < na && (seed >> 16) % 4 ? la[i] : (char *)words[(seed >> 20) % 5];
			strcat(b, lb[i]);
		}
		if (round % 7 == 0 && nb)
			b[strlen(b) - 1] = '\0';	/* and a missing final newline now and then */
		d = diff_of(a, b);
		patched = patch(a, d);
		assert_string_equal(patched, b);
		for (const char *p = strchr(d, '\n'), *q = p ? strchr(p + 1, '\n') : NULL; q && q[1]; q = strchr(q + 1, '\n'))
			if (q[1] == '-' || q[1] == '+')
				changes++;
		if (round % 7 != 0 || !nb)
			assert_int_equal(changes, na + nb - 2 * lcs_lines(la, na, lb, nb));
		free(d);
		free(patched);
	}
}

/* --- ECS002: removing a repeated key -------------------------------------------------- */

/* The text after applying every ECS002 fix the loader offers (one pass). */
static char *fix_duplicates(const char *text, size_t *n_fixes, size_t *n_dups)
{
	struct ecs_run r;
	struct ecs_node *root;
	struct ecs_source *src;
	struct ecs_fix_choice c;
	char *out;

	ecs_run_init(&r);
	src = text_source(&r, text);
	assert_int_not_equal(ecs_yaml_load(src, &r.arena, &r.diags, NULL, &root), ECS_YAML_NOMEM);
	ecs_diags_finish(&r.diags);
	*n_dups = 0;
	for (size_t i = 0; i < r.diags.n; i++)
		if (r.diags.v[i]->rule == &ECS002_rule)
			(*n_dups)++;
	assert_int_equal(ecs_fix_choose(&r.arena, &r.diags, &r.files, false, &c), 0);
	*n_fixes = c.n;
	out = apply_choice(src, &c);
	ecs_run_release(&r);
	return out;
}

static void expect_fix(const char *in, const char *want, size_t fixes)
{
	size_t n, dups;
	char *got = fix_duplicates(in, &n, &dups);

	assert_string_equal(got, want);
	assert_int_equal(n, fixes);
	free(got);
}

static void duplicate_key_block_layouts(void **state)
{
	(void)state;
	expect_fix("services:\n  web:\n    image: nginx   # pinned\n    ports: [\"80:80\"]\n    image: nginx  # again\n",
		   "services:\n  web:\n    image: nginx   # pinned\n    ports: [\"80:80\"]\n", 1);
	/* Nested values compare structurally; key order inside does not matter. */
	expect_fix("a:\n  x: {p: 1, q: [1, 2]}\n  y: 0\n  x:\n    q:\n      - 1\n      - 2\n    p: 1\n  z: 0\n",
		   "a:\n  x: {p: 1, q: [1, 2]}\n  y: 0\n  z: 0\n", 1);
	/* A block scalar ends where the next key's line starts. */
	expect_fix("a: |\n  text\nb: 1\na: |\n  text\nc: 2\n", "a: |\n  text\nb: 1\nc: 2\n", 1);
	expect_fix("a: |\n  text\nb: 1\na: |\n  text\n", "a: |\n  text\nb: 1\n", 1);
	/* CRLF line ends go with their line. */
	expect_fix("a: 1\r\nb: 2\r\na: 1\r\nc: 3\r\n", "a: 1\r\nb: 2\r\nc: 3\r\n", 1);
	/* Empty values are null like ~. */
	expect_fix("a:\nb: 2\na: ~\n", "a:\nb: 2\n", 1);
	expect_fix("a: ~\nb: 2\na:   # empty\n", "a: ~\nb: 2\n", 1);
	/* An alias equals what it refers to. */
	expect_fix("x: &v [1, 2]\ny:\n  k: [1, 2]\n  k: *v\n", "x: &v [1, 2]\ny:\n  k: [1, 2]\n", 1);
	/* Three copies: both repeats go in one pass (their lines do not touch). */
	expect_fix("a: 1\na: 1\na: 1\n", "a: 1\n", 2);
	/* No final newline. */
	expect_fix("a: 1\nb: 2\na: 1", "a: 1\nb: 2\n", 1);
	/* In a sequence item, and with a comment after the value. */
	expect_fix("- a: 1\n  b: 2\n  a: 1 # same\n- c\n", "- a: 1\n  b: 2\n- c\n", 1);
}

static void duplicate_key_flow_layouts(void **state)
{
	(void)state;
	expect_fix("e: {A: 1, B: 2, A: 1}\n", "e: {A: 1, B: 2}\n", 1);
	expect_fix("e: {A: 1, A: 1, B: 2}\n", "e: {A: 1, B: 2}\n", 1);
	expect_fix("e: {\n  A: 1,\n  A: 1,\n  B: 2\n  }\n", "e: {\n  A: 1,\n  B: 2\n  }\n", 1);
	expect_fix("e: {\n  A: 1,\n  A: 1\n  }\n", "e: {\n  A: 1\n  }\n", 1);
	expect_fix("e: {\n  A: 1,   # first\n  A: 1,   # second\n  B: 2\n  }\n",
		   "e: {\n  A: 1,   # first\n  # second\n  B: 2\n  }\n", 1);
	expect_fix("e: {A, A}\n", "e: {A}\n", 1);
	/* Three in a row: the second removal overlaps the first, so it waits for a pass. */
	expect_fix("e: {A: 1, A: 1, A: 1}\n", "e: {A: 1, A: 1}\n", 1);
}

static void duplicate_key_without_fix(void **state)
{
	static const char *const cases[] = {
		"a: 1\na: 2\n",			/* values differ */
		"a: 1\na: '1'\n",		/* a number and a string */
		"a: [1, 2]\na: [2, 1]\n",	/* order matters in sequences */
		"a: {x: 1}\na: {x: 1, y: 2}\n",
		"a: x\na: &y x\nb: *y\n",	/* the repeat defines an anchor an alias uses */
		"a: 1\nb: 2\n? a\n: 1\n",	/* explicit key: the line holds more than the entry */
		"e: {A: 1, # c\n  A: 1}\n",	/* a comment in the way */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t n, dups;
		char *got = fix_duplicates(cases[i], &n, &dups);

		assert_int_equal(dups, 1);
		assert_int_equal(n, 0);
		assert_string_equal(got, cases[i]);
		free(got);
	}
}

/* The text after deleting item i of the sequence under key, or NULL when no clean range exists. */
static char *without_item(const char *text, const char *key, uint32_t i)
{
	struct ecs_run r;
	struct ecs_node *root;
	struct ecs_source *src;
	struct ecs_buf out = ECS_BUF_INIT;
	uint32_t start, end;
	size_t len;
	char *res = NULL;

	ecs_run_init(&r);
	src = text_source(&r, text);
	assert_int_equal(ecs_yaml_load(src, &r.arena, &r.diags, NULL, &root), ECS_YAML_OK);
	if (ecs_edit_item_removal(src, ecs_node_map_pair(root, key)->value, i, &start, &end)) {
		ecs_buf_add(&out, text, start);
		ecs_buf_adds(&out, text + end);
		res = ecs_buf_detach(&out, &len);
	}
	ecs_run_release(&r);
	return res;
}

static void item_removal_layouts(void **state)
{
	static const struct {
		const char *in, *key;
		uint32_t i;
		const char *want;	/* NULL: no clean range */
	} cases[] = {
		{ "c:\n  - A\n  - B   # b\n  - C\nd: 1\n", "c", 1, "c:\n  - A\n  - C\nd: 1\n" },
		{ "c:\n- A\n- B\n", "c", 1, "c:\n- A\n" },
		{ "c:\n  - name: x\n    v: 1\n  - name: y\n", "c", 0, "c:\n  - name: y\n" },
		{ "c: [A, B, C]\n", "c", 0, "c: [B, C]\n" },
		{ "c: [A, B, C]\n", "c", 1, "c: [A, C]\n" },
		{ "c: [A, B, C]\n", "c", 2, "c: [A, B]\n" },
		{ "c: [A]\n", "c", 0, "c: []\n" },
		{ "c: [\n  A,\n  B\n  ]\n", "c", 0, "c: [\n  B\n  ]\n" },
		{ "c:\n  - - A\n    - B\n", "c", 0, "c:\n" },	/* a nested list goes whole */
		{ "c:\n  - &x A\n  - B\n", "c", 0, NULL },	/* something before the item on its line */
		{ "c: [A, # a\n  B]\n", "c", 1, NULL },	/* a comment where the comma is */
	};
	(void)state;
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		char *got = without_item(cases[k].in, cases[k].key, cases[k].i);

		if (!cases[k].want) {
			assert_null(got);
			continue;
		}
		assert_non_null(got);
		assert_string_equal(got, cases[k].want);
		free(got);
	}
}

static void rename_target_must_be_unique(void **state)
{
	static const char *const keys[] = { "image", "images", "ports", "test", "tex" };
	(void)state;
	assert_string_equal(ecs_suggest_unique("imag", keys, 5), "image");
	assert_string_equal(ecs_suggest_unique("Ports", keys, 5), "ports");
	assert_null(ecs_suggest_unique("tes", keys, 5));	/* 'test' and 'tex' are both one edit away */
	assert_null(ecs_suggest_unique("zzz", keys, 5));
}

static void values_equal_is_structural(void **state)
{
	struct ecs_run r;
	struct ecs_node *root;
	struct ecs_source *src;
	(void)state;

	ecs_run_init(&r);
	src = text_source(&r, "a: {x: [1, {y: z}], w: !!str 2}\nb: {w: !!str 2, x: [1, {y: z}]}\n"
			      "c: {w: 2, x: [1, {y: z}]}\nd: &d [1]\ne: *d\n");
	assert_int_equal(ecs_yaml_load(src, &r.arena, &r.diags, NULL, &root), ECS_YAML_OK);
	assert_true(ecs_yaml_values_equal(ecs_node_map_get(root, "a"), ecs_node_map_get(root, "b")));
	assert_false(ecs_yaml_values_equal(ecs_node_map_get(root, "a"), ecs_node_map_get(root, "c")));
	assert_true(ecs_yaml_values_equal(ecs_node_map_pair(root, "d")->value, ecs_node_map_pair(root, "e")->value));
	assert_false(ecs_yaml_values_equal(ecs_node_map_get(root, "a"), ecs_node_map_get(root, "d")));
	ecs_run_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(overlapping_fixes_wait_for_the_next_pass),
		cmocka_unit_test(adjacent_edits_both_apply),
		cmocka_unit_test(identical_edits_count_for_each_fix),
		cmocka_unit_test(safety_suppression_and_bounds),
		cmocka_unit_test(no_fixes_in_a_file_that_did_not_parse),
		cmocka_unit_test(in_memory_text_is_never_fixed),
		cmocka_unit_test(diff_known_outputs),
		cmocka_unit_test(diff_random_texts_patch_back_minimally),
		cmocka_unit_test(duplicate_key_block_layouts),
		cmocka_unit_test(duplicate_key_flow_layouts),
		cmocka_unit_test(duplicate_key_without_fix),
		cmocka_unit_test(item_removal_layouts),
		cmocka_unit_test(rename_target_must_be_unique),
		cmocka_unit_test(values_equal_is_structural),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
