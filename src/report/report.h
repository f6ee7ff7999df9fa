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

#define ECS_TOOL_URL "https://github.com/ecslint/ecslint"

struct ecs_report_ctx {
	const struct ecs_files *files;
	const struct ecs_diags *diags;
	bool color;
	int exit_code;		/* what the run will exit with (SARIF invocations) */
	const char *tool_version;
	const char *base_dir;	/* URIs are relative to it (SARIF, JSON); NULL = working directory */
};

/* FILE:LINE:COL: SEVERITY: MESSAGE [ECSnnn], the source line, an underline, notes. */
void ecs_report_text(const struct ecs_report_ctx *ctx, struct ecs_buf *out);
/* One line per diagnostic, shellcheck's gcc shape. */
void ecs_report_gcc(const struct ecs_report_ctx *ctx, struct ecs_buf *out);
/* "2 errors, 1 warning in 1 file" */
void ecs_report_summary(const struct ecs_report_ctx *ctx, size_t n_inputs, struct ecs_buf *out);

/*
 * The machine formats.  Each returns 0, or -1 when out of memory (out may
 * then hold a partial report: do not write it).
 */
/* Our own JSON, described by schemas/ecslint-report.schema.json. */
int ecs_report_json(const struct ecs_report_ctx *ctx, struct ecs_buf *out);
/* SARIF 2.1.0 as GitHub code scanning ingests it. */
int ecs_report_sarif(const struct ecs_report_ctx *ctx, struct ecs_buf *out);
/* GitHub Actions workflow commands (::error file=...::message), one group per file. */
int ecs_report_github(const struct ecs_report_ctx *ctx, struct ecs_buf *out);

#endif
