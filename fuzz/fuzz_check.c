/*
 * fuzz_check.c - the whole check pipeline on one in-memory file, as the LSP
 * server and `ecslint check -` run it: ecs_project_load_text (YAML, and the
 * loader's interpolation/merging as it grows) then ecs_lint_loaded (schema,
 * model, rules as they land), then the finished diagnostics and the text
 * report.  New pipeline stages are fuzzed here without touching this file.
 */
#include <string.h>

#include "cli/options.h"
#include "compose/project.h"
#include "fuzz.h"
#include "pipeline/lint.h"
#include "report/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ecs_options o;
	struct ecs_run run;
	struct ecs_project_input in;
	struct ecs_buf out = ECS_BUF_INIT;
	struct ecs_report_ctx ctx;

	ecs_options_init(&o);
	ecs_run_init(&run);
	if (ecs_project_load_text(&run, &o, "compose.yaml", (const char *)data, size, &in) < 0)
		goto out;
	if (in.root)
		fuzz_check_tree(&run.files, in.root, 0);
	if (ecs_lint_loaded(&run, &o, &in) < 0)
		goto out;
	ecs_diags_finish(&run.diags);
	fuzz_check_diags(&run.files, &run.diags);
	memset(&ctx, 0, sizeof(ctx));
	ctx.files = &run.files;
	ctx.diags = &run.diags;
	ctx.exit_code = ecs_lint_exit_status(&run, &o);
	ctx.tool_version = "fuzz";
	ecs_report_text(&ctx, &out);
out:
	ecs_buf_release(&out);
	ecs_run_release(&run);
	ecs_options_release(&o);
	return 0;
}
