/*
 * test_report.c - the machine reporters on hand-made diagnostics: GitHub's
 * line hash against codeql-action's published test vectors, escaping of
 * workflow commands, suppressed findings, fixes in JSON, URIs, rule pages.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <cjson/cJSON.h>

#include "../checks/rules.h"
#include "core/run.h"
#include "report/fingerprint.h"
#include "report/report.h"
#include "report/report_common.h"

static void expect_hashes(const char *text, const char *const *want, uint32_t n)
{
	char **got = calloc(n, sizeof(*got));

	assert_non_null(got);
	assert_int_equal(ecs_line_hashes(text, strlen(text), got, n), 0);
	for (uint32_t i = 0; i < n; i++) {
		assert_non_null(got[i]);
		assert_string_equal(got[i], want[i]);
		free(got[i]);
	}
	free(got);
}

/* Expected values: github/codeql-action src/fingerprints.test.ts. */
static void line_hash_matches_codeql_action(void **state)
{
	static const char *const empty[] = { "c129715d7a2bc9a3:1" };
	static const char *const mixed[] = { "271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1",
					     "a23a3dc5e078b07b:1" };
	static const char *const hello[] = { "e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1",
					     "e20e36e16fcb0cc8:1", "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1",
					     "c129715d7a2bc9a3:1" };
	static const char *const lorem[] = { "a7f2ff13bc495cf2:1", "a7f2ff13bc495cf2:2", "a7f2ff13bc495cf2:3",
					     "a7f2ff13bc495cf2:4", "a7f2ff13bc495cf2:5", "a7f2ff13bc495cf2:6",
					     "a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1", "55ec222b86bcae53:1",
					     "cc97dc7b1d7d8f7b:1", "c129715d7a2bc9a3:1" };
	char ten[512] = "";
	(void)state;

	expect_hashes("", empty, 1);
	expect_hashes(" a\nb\n  \t\tc\n d", mixed, 4);
	expect_hashes(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n", hello, 7);
	expect_hashes(" hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r", hello, 7);
	expect_hashes(" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n", hello, 7);
	for (int i = 0; i < 10; i++)
		strcat(ten, "Lorem ipsum dolor sit amet.\n");
	expect_hashes(ten, lorem, 11);
}

struct fixture {
	struct ecs_run run;
	struct ecs_report_ctx ctx;
	struct ecs_buf out;
};

static void setup_run(struct fixture *f, const char *path, const char *text)
{
	struct ecs_source *src;

	memset(f, 0, sizeof(*f));
	ecs_run_init(&f->run);
	src = ecs_run_add_text(&f->run, path, text, strlen(text));
	assert_non_null(src);
	f->ctx.files = &f->run.files;
	f->ctx.diags = &f->run.diags;
	f->ctx.exit_code = 1;
	f->ctx.tool_version = "9.9.9";
}

static void teardown_run(struct fixture *f)
{
	ecs_buf_release(&f->out);
	ecs_run_release(&f->run);
}

static struct ecs_diag *add(struct fixture *f, size_t s, size_t e, const char *msg)
{
	const struct ecs_source *src = ecs_files_get(&f->run.files, 0);
	struct ecs_span sp = ecs_source_span(src, s, e);
	struct ecs_diag *d = ecs_diag_add(&f->run.diags, &ECS002_rule, &sp, "/services/a", "%s", msg);

	assert_non_null(d);
	return d;
}

static void github_escapes_data_and_properties(void **state)
{
	struct fixture f;
	(void)state;

	setup_run(&f, "a,b:c%.yaml", "x: 1\nx: 2\n");
	add(&f, 5, 6, "100% sure\r\nsecond line: a, b");
	ecs_diags_finish(&f.run.diags);
	assert_int_equal(ecs_report_github(&f.ctx, &f.out), 0);
	assert_string_equal(f.out.data,
		"::group::a,b:c%25.yaml\n"
		"::error file=a%2Cb%3Ac%25.yaml,line=2,endLine=2,col=1,endColumn=1,title=ECS002 duplicate-key::"
		"100%25 sure%0D%0Asecond line: a, b\n"
		"::endgroup::\n");
	teardown_run(&f);
}

static void suppressed_findings_stay_out_of_sarif(void **state)
{
	struct fixture f;
	cJSON *doc, *results, *rules;
	(void)state;

	setup_run(&f, "compose.yaml", "x: 1\nx: 2\ny: 1\ny: 2\n");
	add(&f, 5, 6, "kept");
	add(&f, 15, 16, "silenced")->suppressed = true;
	ecs_diags_finish(&f.run.diags);
	assert_int_equal(ecs_report_sarif(&f.ctx, &f.out), 0);
	doc = cJSON_Parse(f.out.data);
	assert_non_null(doc);
	results = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc, "runs"), 0),
						  "results");
	assert_int_equal(cJSON_GetArraySize(results), 1);
	assert_non_null(strstr(f.out.data, "\"suppressedResults\":\t1"));
	assert_null(strstr(f.out.data, "silenced"));
	rules = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(
			cJSON_GetObjectItemCaseSensitive(doc, "runs"), 0), "tool"), "driver"), "rules");
	assert_int_equal(cJSON_GetArraySize(rules), 1);
	cJSON_Delete(doc);
	teardown_run(&f);
}

static void fingerprints_survive_line_moves(void **state)
{
	struct fixture a, b;
	const char *fa, *fb;
	(void)state;

	setup_run(&a, "compose.yaml", "x: 1\nx: 2\n");
	add(&a, 5, 6, "m");
	ecs_diags_finish(&a.run.diags);
	assert_int_equal(ecs_report_sarif(&a.ctx, &a.out), 0);
	setup_run(&b, "compose.yaml", "# moved down\n\nx: 1\nx: 2\n");
	add(&b, 19, 20, "m");
	ecs_diags_finish(&b.run.diags);
	assert_int_equal(ecs_report_sarif(&b.ctx, &b.out), 0);
	fa = strstr(a.out.data, "\"ecslint/v1\"");
	fb = strstr(b.out.data, "\"ecslint/v1\"");
	assert_non_null(fa);
	assert_non_null(fb);
	assert_memory_equal(fa, fb, 40);
	/* GitHub's line hash depends on the line's content, not its number, too. */
	fa = strstr(a.out.data, "primaryLocationLineHash");
	fb = strstr(b.out.data, "primaryLocationLineHash");
	assert_non_null(fa);
	assert_non_null(fb);
	teardown_run(&a);
	teardown_run(&b);
}

static void json_carries_fix_and_invalid_utf8_safely(void **state)
{
	struct fixture f;
	struct ecs_diag *d;
	cJSON *doc, *diag, *fix;
	(void)state;

	setup_run(&f, "compose.yaml", "x: 1\nx: 2\n");
	d = add(&f, 5, 6, "bad byte \xff here");
	ecs_diag_fix(&f.run.diags, d, ECS_FIX_SAFE, "rename the key", 0, 5, 6, "z");
	ecs_diags_finish(&f.run.diags);
	assert_int_equal(ecs_report_json(&f.ctx, &f.out), 0);
	doc = cJSON_Parse(f.out.data);
	assert_non_null(doc);
	diag = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc, "diagnostics"), 0);
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(diag, "message")->valuestring,
			    "bad byte \xEF\xBF\xBD here");
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(diag, "path")->valuestring, "/services/a");
	fix = cJSON_GetObjectItemCaseSensitive(diag, "fix");
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(fix, "safety")->valuestring, "safe");
	assert_int_equal(cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(fix, "edits"), 0),
						 "start"), "line")->valueint, 2);
	cJSON_Delete(doc);
	teardown_run(&f);
}

static void uris_are_relative_and_encoded(void **state)
{
	bool rel;
	char *u;
	(void)state;

	u = ecs_report_uri("./a/../b c/x#y.yaml", NULL, &rel);
	assert_non_null(u);
	assert_true(rel);
	assert_string_equal(u, "b%20c/x%23y.yaml");
	free(u);
	u = ecs_report_uri("/nonexistent-dir/x.yaml", "/tmp", &rel);
	assert_non_null(u);
	assert_false(rel);
	assert_string_equal(u, "file:///nonexistent-dir/x.yaml");
	free(u);
}

/* Pages themselves are meta_registry.sh's business; here: what the reporters read from them. */
static void rule_pages_and_urls_for_reporters(void **state)
{
	char url[512];
	size_t len, slen;
	(void)state;

	for (size_t i = 0; i < ecs_rules_count; i++) {
		const char *page = ecs_rule_doc(ecs_rules[i], &len);
		assert_non_null(ecs_rule_doc_url(ecs_rules[i], url, sizeof(url)));
		assert_non_null(strstr(url, ecs_rule_stem(ecs_rules[i])));
		if (page)
			assert_non_null(ecs_page_section(page, "What it checks", &slen));
	}
	assert_null(ecs_page_section("# X\n\n## Other\ntext\n", "What it checks", &slen));
	assert_string_equal(ecs_page_section("# X\n## What it checks\n\nbody\n\n## Next\n", "What it checks", &slen),
			    "body\n\n## Next\n");
	assert_int_equal(slen, 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(line_hash_matches_codeql_action),
		cmocka_unit_test(github_escapes_data_and_properties),
		cmocka_unit_test(suppressed_findings_stay_out_of_sarif),
		cmocka_unit_test(fingerprints_survive_line_moves),
		cmocka_unit_test(json_carries_fix_and_invalid_utf8_safely),
		cmocka_unit_test(uris_are_relative_and_encoded),
		cmocka_unit_test(rule_pages_and_urls_for_reporters),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
