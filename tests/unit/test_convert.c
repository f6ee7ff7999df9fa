/*
 * test_convert.c - the emitter's model-independent parts: logical ids,
 * the Fargate size table, and template rendering (key order, quoting,
 * determinism).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <libfyaml.h>

#include "convert/convert.h"
#include "convert/fargate.h"
#include "convert/logical_id.h"
#include "core/arena.h"

static void logical_ids_follow_the_mapping(void **state)
{
	/* ecs-mapping.md §2.1 examples. */
	static const char *const cases[][2] = {
		{ "simple", "Simple" }, { "front-tier", "Fronttier" }, { "db-data", "Dbdata" },
		{ "my_svc", "Mysvc" }, { "webSecrets", "WebSecrets" }, { "2fa", "2fa" },
		{ "subnet-0ab12", "Subnet0ab12" }, { "TestSimpleConvert_mysecret", "TestSimpleConvertmysecret" },
		{ "", "" }, { "-._", "" }, { "é-x", "X" },
	};
	struct ecs_arena a;
	(void)state;
	ecs_arena_init(&a);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(ecs_logical_id(&a, cases[i][0]), cases[i][1]);
	ecs_arena_release(&a);
}

static void fargate_table_has_the_74_pairs(void **state)
{
	const struct ecs_fargate_size *v;
	size_t n = ecs_fargate_sizes(&v);
	(void)state;
	assert_int_equal(n, 74);
	for (size_t i = 1; i < n; i++)
		assert_true(v[i - 1].cpu < v[i].cpu || (v[i - 1].cpu == v[i].cpu && v[i - 1].memory < v[i].memory));
	assert_true(ecs_fargate_valid(256, 512));
	assert_true(ecs_fargate_valid(16384, 122880));
	assert_false(ecs_fargate_valid(256, 4096));
	assert_false(ecs_fargate_valid(8192, 18432));
}

static void fargate_fit_is_the_smallest(void **state)
{
	static const struct {
		int64_t millis, mem_mib;
		uint32_t cpu, memory;
	} cases[] = {
		{ 0, 0, 256, 512 },		/* nothing requested */
		{ 500, 2048, 512, 2048 },	/* TestTaskSizeConvert */
		{ 4000, 8192, 4096, 8192 },
		{ 0, 3072, 512, 3072 },		/* memory only */
		{ 1000, 0, 1024, 2048 },	/* cpus only */
		{ 250, 0, 256, 512 },
		{ 260, 0, 512, 1024 },
		{ 4100, 0, 8192, 16384 },	/* the original's table ended at 4 vCPU */
		{ 0, 31 * 1024, 8192, 32768 },
		{ 16000, 122880, 16384, 122880 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ecs_fargate_size got;
		assert_true(ecs_fargate_fit(ecs_fargate_cpu_units(cases[i].millis), cases[i].mem_mib * 1048576, &got));
		assert_int_equal(got.cpu, cases[i].cpu);
		assert_int_equal(got.memory, cases[i].memory);
	}
	struct ecs_fargate_size none;
	assert_false(ecs_fargate_fit(ecs_fargate_cpu_units(17000), 0, &none));
	assert_false(ecs_fargate_fit(0, 123 * 1024 * 1048576LL, &none));
	assert_int_equal(ecs_fargate_cpu_units(1000), 1024);
	assert_int_equal(ecs_fargate_cpu_units(1001), 1026);
}

static char *render(cJSON *tpl, enum ecs_template_format f)
{
	struct ecs_buf out = ECS_BUF_INIT, err = ECS_BUF_INIT;

	assert_int_equal(ecs_template_render(tpl, f, &out, &err), 0);
	ecs_buf_release(&err);
	return ecs_buf_detach(&out, NULL);
}

static const char sample[] =
	"{\"Resources\":{\"Web10Service\":{\"n\":1},\"Web9Service\":{\"n\":2},\"Default80Ingress\":{},"
	"\"DefaultNetwork\":{}},\"AWSTemplateFormatVersion\":\"2010-09-09\","
	"\"Values\":[\"256\",\"true\",\"yes\",\"\",\" lead\",\"trail \",\"#x\",\"a: b\",\"x:\",\"line\\nbreak\","
	"\"tab\\there\",\"\\\"simple\\\" entry\",\"nginx\",\"arn:aws:iam::aws:policy/x\",\"0.0.0.0/0\","
	"\"*\",\"-1\",\"~\",\"Null\",\"é\",\"{a}\",\"[b]\",\"@c\",\"%d\",\"!e\",\"&f\",\"- g\",\"List<AWS::EC2::Subnet::Id>\","
	"256,1.5,true,false,null,[],{}]}";

static void json_is_sorted_indented_and_stable(void **state)
{
	cJSON *a = cJSON_Parse(sample), *b = cJSON_Parse(sample);
	char *ja, *jb;
	(void)state;
	ja = render(a, ECS_TEMPLATE_JSON);
	jb = render(b, ECS_TEMPLATE_JSON);
	assert_string_equal(ja, jb);
	/* Byte order: "Web10Service" before "Web9Service", two-space indent. */
	assert_true(strncmp(ja, "{\n  \"AWSTemplateFormatVersion\": \"2010-09-09\",\n  \"Resources\": {\n"
				"    \"Default80Ingress\": {", 82) == 0);
	assert_true(strstr(ja, "\"DefaultNetwork\"") < strstr(ja, "\"Web10Service\""));
	assert_true(strstr(ja, "\"Web10Service\"") < strstr(ja, "\"Web9Service\""));
	assert_null(strchr(ja, '\t'));
	assert_int_equal(ja[strlen(ja) - 1], '\n');
	cJSON *back = cJSON_Parse(ja);
	cJSON_Delete(b);
	b = cJSON_Parse(sample);
	/* Sorting never changes the content. */
	assert_true(cJSON_Compare(back, b, 1));
	cJSON_Delete(back);
	cJSON_Delete(a);
	cJSON_Delete(b);
	free(ja);
	free(jb);
}

/* Every string must read back as the same string, every number as a number. */
static void yaml_reads_back_as_the_same_data(void **state)
{
	cJSON *tpl = cJSON_Parse(sample), *orig = cJSON_Parse(sample);
	char *y = render(tpl, ECS_TEMPLATE_YAML);
	struct fy_document *fyd;
	char *json;
	cJSON *back;
	(void)state;
	/* Natural order (go-yaml): Web9 before Web10; no document marker. */
	assert_true(strstr(y, "Web9Service") < strstr(y, "Web10Service"));
	assert_true(strncmp(y, "AWSTemplateFormatVersion: \"2010-09-09\"\n", 39) == 0);
	assert_non_null(strstr(y, "- nginx\n"));
	assert_non_null(strstr(y, "- \" lead\"\n"));
	fyd = fy_document_build_from_string(NULL, y, FY_NT);
	assert_non_null(fyd);
	json = fy_emit_document_to_string(fyd, FYECF_MODE_JSON_TP);
	assert_non_null(json);
	back = cJSON_Parse(json);
	assert_non_null(back);
	assert_true(cJSON_Compare(back, orig, 1));
	cJSON_Delete(back);
	free(json);
	fy_document_destroy(fyd);
	cJSON_Delete(tpl);
	cJSON_Delete(orig);
	free(y);
}

/*
 * check counts the template's size from the tree instead of printing it:
 * the count must be the printed length in both formats, for every kind of
 * value (escapes, control characters, UTF-8, whole and fractional and
 * negative numbers, empty collections at every depth), and per entry the
 * compact JSON length.
 */
static void counted_sizes_are_the_rendered_lengths(void **state)
{
	static const char *const docs[] = {
		sample,
		"{\"a\":{\"b\":{\"c\":[[],{},[{}],[[1,-2,1e300,-0.25,123456789012,3.0e-7]]]}},\"d\":\"\\u0001\\u0007\\u000b\\u001b\\u007f\\u001f\\b\\f\\r/\"}",
		"{}",
		/* Keys with a line break are explicit keys ("? KEY", then ":"). */
		"{\"a\\nb\":1,\"x\":{\"a\\rb\":[1,2],\"c\\nd\":{\"e\":1},\"f\\ng\":{}},\"y\":[{\"c\":0,\"a\\nb\":{\"d\":1}}]}",
		/* libfyaml's own escapes, used once the JSON text has an escape. */
		"{\"k\":[\"a\\u007f\",\"\\n\\u007f\",\"\\n\\u0085b\\u0080\\u009f\\u00a0\",\"\\t\\u2028\\u2029\",\"\\r\\ufeff\\ufffe\\uffff\","
		"\"\\\"\\ud83d\\ude00\",\"x\\ud83d\\ude00\",\"\\n\\u00e9\\ue000\\ufdd0\\u00ad\\u200b\\ufffd\",\"\\\\\\u00ff\"]}",
		"{\"e\":[{\"f\":[\"x\",{\"g\":{}}],\"h\":null}],\"\\\"q\\\"\":\"\\\\\"}",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		for (int f = ECS_TEMPLATE_JSON; f <= ECS_TEMPLATE_YAML; f++) {
			cJSON *tpl = cJSON_Parse(docs[i]);
			struct ecs_buf err = ECS_BUF_INIT;
			size_t counted = 0;
			char *text;
			assert_non_null(tpl);
			assert_int_equal(ecs_template_size(tpl, f, NULL, &counted, &err), 0);
			text = render(tpl, f);
			assert_int_equal(counted, strlen(text));
			free(text);
			for (const cJSON *it = tpl->child; it; it = it->next) {
				char *compact = cJSON_PrintUnformatted(it);
				assert_int_equal(ecs_template_entry_size(it), strlen(compact));
				free(compact);
			}
			ecs_buf_release(&err);
			cJSON_Delete(tpl);
		}
	}
}

/* go-yaml v2's key order, worked by hand from its keyList.Less. */
static void yaml_keys_use_go_yaml_natural_order(void **state)
{
	cJSON *tpl = cJSON_Parse("{\"a10\":1,\"a2\":1,\"a01\":1,\"a1\":1,\"b\":1,\"_x\":1,\"B\":1}");
	char *y = render(tpl, ECS_TEMPLATE_YAML);
	(void)state;
	assert_string_equal(y, "_x: 1\nB: 1\na1: 1\na01: 1\na2: 1\na10: 1\nb: 1\n");
	cJSON_Delete(tpl);
	free(y);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(logical_ids_follow_the_mapping),
		cmocka_unit_test(fargate_table_has_the_74_pairs),
		cmocka_unit_test(fargate_fit_is_the_smallest),
		cmocka_unit_test(json_is_sorted_indented_and_stable),
		cmocka_unit_test(yaml_reads_back_as_the_same_data),
		cmocka_unit_test(yaml_keys_use_go_yaml_natural_order),
		cmocka_unit_test(counted_sizes_are_the_rendered_lengths),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
