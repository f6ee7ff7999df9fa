/*
 * fuzz_emitter.c - the CloudFormation emitter: Compose text -> loader ->
 * typed model -> ecs_convert -> the template rendered as JSON and YAML.
 * Schema validation and the rules are left out (fuzz_check runs them), so
 * the emitter sees models the schema would have refused as well.
 *
 * Invariants on the template:
 *  - the JSON text parses back with cJSON into the same tree;
 *  - the YAML text loads with our YAML front end without a finding;
 *  - rendering is deterministic: a copy of the unsorted tree renders to
 *    the same bytes, in either order of the two formats;
 *  - ecs_template_size() counts exactly the bytes ecs_template_render()
 *    writes, for both formats (the check pipeline relies on the count for
 *    the template-size rules without rendering);
 *  - check's conversion, which measures and drops each service's resources
 *    (ecs_convert_for_check), gives the same sizes and resource count as the
 *    whole template.
 */
#include <string.h>

#include "cli/options.h"
#include "compose/project.h"
#include "convert/convert.h"
#include "fuzz.h"
#include "model/model.h"
#include "yaml/yaml_load.h"

static void render(cJSON *tpl, enum ecs_template_format f, struct ecs_buf *out)
{
	struct ecs_buf err = ECS_BUF_INIT;
	size_t counted = 0;

	FUZZ_ASSERT(ecs_template_render(tpl, f, out, &err) == 0 && !out->failed);
	FUZZ_ASSERT(ecs_template_size(tpl, f, NULL, &counted, &err) == 0);
	if (counted != out->len)
		fprintf(stderr, "%s size counted %zu, rendered %zu:\n%.*s\n", f == ECS_TEMPLATE_JSON ? "JSON" : "YAML",
			counted, out->len, (int)out->len, out->data);
	FUZZ_ASSERT(counted == out->len);
	ecs_buf_release(&err);
}

static void check_json(const struct ecs_buf *text, const cJSON *tpl)
{
	cJSON *back = cJSON_ParseWithLength(text->data, text->len);

	FUZZ_ASSERT(back != NULL);
	FUZZ_ASSERT(cJSON_Compare(back, tpl, 1));
	cJSON_Delete(back);
}

static void check_yaml(const struct ecs_buf *text)
{
	struct ecs_arena arena;
	struct ecs_files files = { 0 };
	struct ecs_diags diags;
	struct ecs_source *src;
	struct ecs_node *root = NULL;

	ecs_arena_init(&arena);
	ecs_diags_init(&diags, &arena);
	src = ecs_files_add(&files, &arena, "template.yaml", text->data, text->len);
	FUZZ_ASSERT(src != NULL);
	FUZZ_ASSERT(ecs_yaml_load(src, &arena, &diags, NULL, &root) == 0);
	if (diags.n)
		fprintf(stderr, "the rendered YAML does not load: %s\n", diags.v[0]->message);
	FUZZ_ASSERT(diags.n == 0 && root != NULL && root->kind == ECS_NODE_MAPPING);
	ecs_arena_release(&arena);
}

static void check_template(cJSON *tpl)
{
	cJSON *copy = cJSON_Duplicate(tpl, 1);
	struct ecs_buf json = ECS_BUF_INIT, yaml = ECS_BUF_INIT, json2 = ECS_BUF_INIT, yaml2 = ECS_BUF_INIT;

	FUZZ_ASSERT(copy != NULL);
	render(tpl, ECS_TEMPLATE_JSON, &json);
	render(tpl, ECS_TEMPLATE_YAML, &yaml);
	render(copy, ECS_TEMPLATE_YAML, &yaml2);
	render(copy, ECS_TEMPLATE_JSON, &json2);
	FUZZ_ASSERT(json.len == json2.len && memcmp(json.data, json2.data, json.len) == 0);
	FUZZ_ASSERT(yaml.len == yaml2.len && memcmp(yaml.data, yaml2.data, yaml.len) == 0);
	check_json(&json, tpl);
	check_yaml(&yaml);
	ecs_buf_release(&json);
	ecs_buf_release(&yaml);
	ecs_buf_release(&json2);
	ecs_buf_release(&yaml2);
	cJSON_Delete(copy);
}

static size_t count_resources(const cJSON *tpl)
{
	const cJSON *res = cJSON_GetObjectItemCaseSensitive(tpl, "Resources"), *it;
	size_t n = 0;

	cJSON_ArrayForEach(it, res)
		n++;
	return n;
}

/* The same model converted as check does it, in a run of its own. */
static void check_streamed(const struct ecs_project *model, const struct ecs_convert_options *co, cJSON *whole)
{
	struct ecs_run run;
	struct ecs_buf err = ECS_BUF_INIT;
	struct ecs_retired retired;
	cJSON *tpl = NULL;
	size_t a = 0, b = 0;

	ecs_run_init(&run);
	FUZZ_ASSERT(ecs_convert_for_check(&run, model, co, &tpl, &retired) == 0 && tpl);
	FUZZ_ASSERT(count_resources(tpl) + retired.n == count_resources(whole));
	FUZZ_ASSERT(ecs_template_size(tpl, ECS_TEMPLATE_JSON, &retired, &a, &err) == 0);
	FUZZ_ASSERT(ecs_template_size(whole, ECS_TEMPLATE_JSON, NULL, &b, &err) == 0);
	if (a != b)
		fprintf(stderr, "JSON size streamed %zu, whole %zu\n", a, b);
	FUZZ_ASSERT(a == b);
	if (!retired.yaml_unknown) {
		FUZZ_ASSERT(ecs_template_size(tpl, ECS_TEMPLATE_YAML, &retired, &a, &err) == 0);
		FUZZ_ASSERT(ecs_template_size(whole, ECS_TEMPLATE_YAML, NULL, &b, &err) == 0);
		if (a != b)
			fprintf(stderr, "YAML size streamed %zu, whole %zu\n", a, b);
		FUZZ_ASSERT(a == b);
	}
	ecs_buf_release(&err);
	ecs_run_release(&run);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ecs_options o;
	struct ecs_run run;
	struct ecs_project_input in;
	struct ecs_project *model = NULL;
	/* Odd-sized inputs also get --subnets, which adds EFS mount targets per subnet. */
	struct ecs_convert_options co = { .subnets = size % 2 ? "subnet-0123abcd,subnet-89efcdab" : NULL };
	cJSON *tpl = NULL;

	ecs_options_init(&o);
	ecs_run_init(&run);
	if (ecs_project_load_text(&run, &o, "compose.yaml", (const char *)data, size, &in) < 0 || !in.root)
		goto out;
	if (ecs_model_build(&run, &in, &model) < 0 || !model)
		goto out;
	if (ecs_convert(&run, model, &co, &tpl) < 0)
		goto out;
	ecs_diags_finish(&run.diags);
	fuzz_check_diags(&run.files, &run.diags);
	if (tpl) {
		check_streamed(model, &co, tpl);
		check_template(tpl);
	}
out:
	/* The template lives in the run's arena. */
	ecs_run_release(&run);
	ecs_options_release(&o);
	return 0;
}
