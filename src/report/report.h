/*
 * report.h - reporters turn the finished diagnostic list into output.
 * They never change the diagnostics; each writes into an ecs_buf.
 */
#ifndef ECS_REPORT_H
#define ECS_REPORT_H

#include <stdbool.h>

#include "../core/buf.h"
#include "../core/diag.h"
#include "../core/source.h"

struct ecs_report_ctx {
	const struct ecs_files *files;
	const struct ecs_diags *diags;
	bool color;
	int exit_code;		/* what the run will exit with (SARIF invocations) */
	const char *tool_version;
};

/* FILE:LINE:COL: SEVERITY: MESSAGE [ECSnnn], the source line, an underline, notes. */
void ecs_report_text(const struct ecs_report_ctx *ctx, struct ecs_buf *out);
/* One line per diagnostic, shellcheck's gcc shape. */
void ecs_report_gcc(const struct ecs_report_ctx *ctx, struct ecs_buf *out);
/* "2 errors, 1 warning in 1 file" */
void ecs_report_summary(const struct ecs_report_ctx *ctx, size_t n_inputs, struct ecs_buf *out);

#endif
