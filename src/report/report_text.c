/*
 * report_text.c - the human format: a gcc-style first line, then the
 * source line with the span underlined, then related notes and help.
 */
#include "report.h"

#include "../yaml/yaml_load.h"

#include <stdio.h>
#include <string.h>

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_RED "\033[1;31m"
#define C_YELLOW "\033[1;33m"
#define C_CYAN "\033[1;36m"
#define C_BLUE "\033[1;34m"
#define C_GREEN "\033[1;32m"

static const char *sev_color(enum ecs_severity s)
{
	switch (s) {
	case ECS_SEV_ERROR: return C_RED;
	case ECS_SEV_WARNING: return C_YELLOW;
	case ECS_SEV_INFO: return C_CYAN;
	}
	return "";
}

static void add_color(struct ecs_buf *out, bool on, const char *code)
{
	if (on)
		ecs_buf_adds(out, code);
}

/*
 * Longest source excerpt we print: generated files can have megabyte lines,
 * and a snippet is there to show the spot, not the line.
 */
enum { SNIPPET_WIDTH = 120 };

/* Byte offset of code point col (1-based) in text. */
static size_t byte_of_col(const char *text, size_t len, uint32_t col)
{
	size_t i = 0;

	for (uint32_t c = 1; c < col && i < len; c++) {
		i++;
		while (i < len && ((unsigned char)text[i] & 0xC0) == 0x80)
			i++;
	}
	return i;
}

/*
 * The excerpt with tabs and control characters shown as one character, so
 * the underline's columns match; bytes of a line that is not valid UTF-8
 * show as '?' (the terminal would garble them).
 */
static void add_source_text(struct ecs_buf *out, const char *text, size_t len, bool valid_utf8)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c == '\t')
			ecs_buf_addc(out, ' ');
		else if (c < 0x20 || c == 0x7f || (!valid_utf8 && c >= 0x80))
			ecs_buf_addc(out, '?');
		else
			ecs_buf_addc(out, (char)c);
	}
}

static void add_snippet(const struct ecs_report_ctx *ctx, const struct ecs_diag *d, struct ecs_buf *out)
{
	const struct ecs_source *src = ecs_files_get(ctx->files, d->span.file);
	size_t len, from, to;
	const char *text, *why;
	uint32_t line = d->span.start.line, width, end_col, line_cols, first_col = 1, start_col;
	char gutter[16];
	int gw;
	bool valid, cut_left = false, cut_right = false;

	if (!src || src->len == 0 || line == 0)
		return;
	text = ecs_source_line(src, line, &len);
	if (line == 1 && len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	valid = ecs_utf8_check(text, len, &why) < 0;
	line_cols = (valid ? ecs_utf8_codepoints(text, len) : (uint32_t)len) + 1;
	start_col = d->span.start.col;
	end_col = d->span.end.line == line ? d->span.end.col : line_cols;
	if (end_col > line_cols)
		end_col = line_cols;
	width = end_col > start_col ? end_col - start_col : 1;
	if (width > SNIPPET_WIDTH)
		width = SNIPPET_WIDTH;
	/* Window of SNIPPET_WIDTH columns that shows the start of the span. */
	if (line_cols - 1 > SNIPPET_WIDTH) {
		if (start_col > SNIPPET_WIDTH / 2)
			first_col = start_col - SNIPPET_WIDTH / 2;
		if (first_col > 1)
			cut_left = true;
		if (first_col + SNIPPET_WIDTH < line_cols)
			cut_right = true;
	}
	if (valid) {
		from = byte_of_col(text, len, first_col);
		to = byte_of_col(text, len, first_col + SNIPPET_WIDTH);
	} else {
		from = first_col - 1;
		to = from + SNIPPET_WIDTH < len ? from + SNIPPET_WIDTH : len;
	}
	if (width > first_col + SNIPPET_WIDTH - start_col)
		width = first_col + SNIPPET_WIDTH - start_col;

	gw = snprintf(gutter, sizeof(gutter), "%u", line);
	ecs_buf_addf(out, " %*s |\n", gw, "");
	add_color(out, ctx->color, C_BLUE);
	ecs_buf_addf(out, " %s |", gutter);
	add_color(out, ctx->color, C_RESET);
	ecs_buf_adds(out, cut_left ? " ..." : " ");
	add_source_text(out, text + from, to - from, valid);
	if (cut_right)
		ecs_buf_adds(out, "...");
	ecs_buf_addf(out, "\n %*s | %s", gw, "", cut_left ? "   " : "");
	for (uint32_t c = first_col; c < start_col; c++)
		ecs_buf_addc(out, ' ');
	add_color(out, ctx->color, sev_color(d->severity));
	ecs_buf_addc(out, '^');
	for (uint32_t i = 1; i < width; i++)
		ecs_buf_addc(out, '~');
	add_color(out, ctx->color, C_RESET);
	ecs_buf_addc(out, '\n');
}

static void add_location(const struct ecs_report_ctx *ctx, const struct ecs_span *sp, struct ecs_buf *out)
{
	const struct ecs_source *src = ecs_files_get(ctx->files, sp->file);

	ecs_buf_addf(out, "%s:%u:%u", src ? src->path : "?", sp->start.line, sp->start.col);
}

void ecs_report_text(const struct ecs_report_ctx *ctx, struct ecs_buf *out)
{
	for (size_t i = 0; i < ctx->diags->n; i++) {
		const struct ecs_diag *d = ctx->diags->v[i];

		if (d->suppressed)
			continue;
		add_color(out, ctx->color, C_BOLD);
		add_location(ctx, &d->span, out);
		ecs_buf_adds(out, ": ");
		add_color(out, ctx->color, C_RESET);
		add_color(out, ctx->color, sev_color(d->severity));
		ecs_buf_adds(out, ecs_severity_name(d->severity));
		add_color(out, ctx->color, C_RESET);
		ecs_buf_addf(out, ": %s [%s]\n", d->message, d->rule->id);
		add_snippet(ctx, d, out);
		for (uint16_t r = 0; r < d->n_related; r++) {
			ecs_buf_adds(out, "  = note: ");
			add_location(ctx, &d->related[r].span, out);
			ecs_buf_addf(out, ": %s\n", d->related[r].message);
		}
		if (d->help) {
			add_color(out, ctx->color, C_GREEN);
			ecs_buf_adds(out, "  = help: ");
			add_color(out, ctx->color, C_RESET);
			ecs_buf_addf(out, "%s\n", d->help);
		}
	}
}

void ecs_report_gcc(const struct ecs_report_ctx *ctx, struct ecs_buf *out)
{
	for (size_t i = 0; i < ctx->diags->n; i++) {
		const struct ecs_diag *d = ctx->diags->v[i];

		if (d->suppressed)
			continue;
		add_location(ctx, &d->span, out);
		ecs_buf_addf(out, ": %s: %s [%s]\n",
			     d->severity == ECS_SEV_INFO ? "note" : ecs_severity_name(d->severity),
			     d->message, d->rule->id);
	}
}

static void add_count(struct ecs_buf *out, size_t n, const char *one, const char *many, bool *first)
{
	ecs_buf_addf(out, "%s%zu %s", *first ? "" : ", ", n, n == 1 ? one : many);
	*first = false;
}

void ecs_report_summary(const struct ecs_report_ctx *ctx, size_t n_inputs, struct ecs_buf *out)
{
	struct ecs_diag_counts c = ecs_diags_count(ctx->diags);
	bool first = true;

	add_count(out, c.errors, "error", "errors", &first);
	add_count(out, c.warnings, "warning", "warnings", &first);
	if (c.infos)
		add_count(out, c.infos, "info", "infos", &first);
	ecs_buf_addf(out, " in %zu %s", n_inputs, n_inputs == 1 ? "file" : "files");
	if (c.suppressed)
		ecs_buf_addf(out, " (%zu suppressed)", c.suppressed);
	ecs_buf_addc(out, '\n');
}
