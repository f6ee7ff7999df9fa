/*
 * fuzz_yaml.c - the YAML front end alone: any bytes through ecs_yaml_load,
 * then the tree and the diagnostics checked (fuzz/invariants.c) and the
 * text report rendered, since reporters read spans that came from here.
 */
#include "fuzz.h"
#include "report/report.h"
#include "yaml/yaml_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ecs_arena arena;
	struct ecs_files files = { 0 };
	struct ecs_diags diags;
	struct ecs_node *root = NULL;
	struct ecs_source *src;
	struct ecs_buf out = ECS_BUF_INIT;
	struct ecs_report_ctx ctx = { 0 };

	ecs_arena_init(&arena);
	ecs_diags_init(&diags, &arena);
	src = ecs_files_add(&files, &arena, "fuzz.yaml", (const char *)data, size);
	if (!src)
		goto out;
	if (ecs_yaml_load(src, &arena, &diags, NULL, &root) == ECS_YAML_NOMEM)
		goto out;
	if (root) {
		fuzz_check_tree(&files, root, 0);
		(void)ecs_node_map_get(root, "services");
		(void)ecs_node_is_null(root);
	}
	ecs_diags_finish(&diags);
	fuzz_check_diags(&files, &diags);
	ctx.files = &files;
	ctx.diags = &diags;
	ctx.tool_version = "fuzz";
	ecs_report_text(&ctx, &out);
	ecs_report_gcc(&ctx, &out);
out:
	ecs_buf_release(&out);
	ecs_arena_release(&arena);
	return 0;
}
