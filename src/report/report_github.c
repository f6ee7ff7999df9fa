/*
 * report_github.c - `--format github`: GitHub Actions workflow commands,
 * which the runner turns into annotations on the pull request.
 *
 *   ::group::compose.yaml
 *   ::error file=compose.yaml,line=4,col=5,endLine=4,endColumn=9,title=ECS002 duplicate-key::message
 *   ::endgroup::
 *
 * Escaping follows actions/toolkit: in the message '%', CR and LF become
 * %25, %0D, %0A; in properties ':' and ',' also become %3A and %2C.
 */
#include "report.h"

#include <string.h>

static void escape(struct ecs_buf *out, const char *s, bool property)
{
	for (; *s; s++) {
		switch (*s) {
		case '%': ecs_buf_adds(out, "%25"); break;
		case '\r': ecs_buf_adds(out, "%0D"); break;
		case '\n': ecs_buf_adds(out, "%0A"); break;
		case ':':
			if (property)
				ecs_buf_adds(out, "%3A");
			else
				ecs_buf_addc(out, ':');
			break;
		case ',':
			if (property)
				ecs_buf_adds(out, "%2C");
			else
				ecs_buf_addc(out, ',');
			break;
		default:
			ecs_buf_addc(out, *s);
		}
	}
}

static const char *command(enum ecs_severity s)
{
	switch (s) {
	case ECS_SEV_ERROR: return "error";
	case ECS_SEV_WARNING: return "warning";
	case ECS_SEV_INFO: return "notice";
	}
	return "warning";
}

static void add_annotation(const struct ecs_report_ctx *ctx, const struct ecs_diag *d, struct ecs_buf *out)
{
	const struct ecs_source *src = ecs_files_get(ctx->files, d->span.file);
	uint32_t line = d->span.start.line ? d->span.start.line : 1;
	uint32_t col = d->span.start.col ? d->span.start.col : 1;
	uint32_t end_line = d->span.end.line >= line ? d->span.end.line : line;
	uint32_t end_col;

	ecs_buf_addf(out, "::%s file=", command(d->severity));
	escape(out, src ? src->path : "", true);
	ecs_buf_addf(out, ",line=%u,endLine=%u", line, end_line);
	/*
	 * GitHub uses columns only on one-line annotations, and its endColumn
	 * is the last character (inclusive), unlike our exclusive span end.
	 */
	if (end_line == line) {
		end_col = d->span.end.col > col ? d->span.end.col - 1 : col;
		ecs_buf_addf(out, ",col=%u,endColumn=%u", col, end_col);
	}
	ecs_buf_adds(out, ",title=");
	escape(out, d->rule->id, true);
	ecs_buf_addc(out, ' ');
	escape(out, d->rule->name, true);
	ecs_buf_adds(out, "::");
	escape(out, d->message, false);
	for (uint16_t i = 0; i < d->n_related; i++) {
		const struct ecs_source *rs = ecs_files_get(ctx->files, d->related[i].span.file);
		ecs_buf_adds(out, "%0Anote: ");
		escape(out, rs ? rs->path : "", false);
		ecs_buf_addf(out, ":%u:%u: ", d->related[i].span.start.line, d->related[i].span.start.col);
		escape(out, d->related[i].message, false);
	}
	if (d->help) {
		ecs_buf_adds(out, "%0Ahelp: ");
		escape(out, d->help, false);
	}
	ecs_buf_addc(out, '\n');
}

int ecs_report_github(const struct ecs_report_ctx *ctx, struct ecs_buf *out)
{
	uint32_t open_file = UINT32_MAX;

	/* Diagnostics are sorted by file: one group per file that has findings. */
	for (size_t i = 0; i < ctx->diags->n; i++) {
		const struct ecs_diag *d = ctx->diags->v[i];
		const struct ecs_source *src;

		if (d->suppressed)
			continue;
		if (d->span.file != open_file) {
			if (open_file != UINT32_MAX)
				ecs_buf_adds(out, "::endgroup::\n");
			src = ecs_files_get(ctx->files, d->span.file);
			ecs_buf_adds(out, "::group::");
			escape(out, src ? src->path : "", false);
			ecs_buf_addc(out, '\n');
			open_file = d->span.file;
		}
		add_annotation(ctx, d, out);
	}
	if (open_file != UINT32_MAX)
		ecs_buf_adds(out, "::endgroup::\n");
	return out->failed ? -1 : 0;
}
