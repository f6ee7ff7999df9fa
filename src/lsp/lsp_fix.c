/*
 * lsp_fix.c - code actions from the fixes the findings carry.
 *
 * The buffer is linted afresh (the same run the diagnostics came from, so
 * the byte offsets match the text the editor holds), then every fix becomes
 * a WorkspaceEdit with UTF-16 positions.
 */
#include "lsp_fix.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../cli/options.h"
#include "../core/run.h"
#include "../fix/fix.h"
#include "../report/report_common.h"
#include "lsp_lint.h"

enum { LSP_ERROR = 1, LSP_WARNING = 2, LSP_INFORMATION = 3 };

struct actions {
	const char *uri;
	const struct ecs_source *src;	/* the buffer as linted */
	cJSON *arr;
	bool failed;
};

static void check(struct actions *a, const void *p)
{
	if (!p)
		a->failed = true;
}

static uint32_t num_at(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsNumber(v) && v->valuedouble > 0 ? (uint32_t)v->valuedouble : 0;
}

/* Byte offset of an LSP position (0-based line, UTF-16 units), clamped to its line. */
static uint32_t byte_of(const struct ecs_source *src, const cJSON *pos)
{
	uint32_t line = num_at(pos, "line"), want = num_at(pos, "character"), units = 0;
	size_t p, end;

	if (line >= src->n_lines)
		return (uint32_t)src->len;
	p = src->line_starts[line];
	end = line + 1 < src->n_lines ? src->line_starts[line + 1] : src->len;
	while (end > p && (src->data[end - 1] == '\n' || src->data[end - 1] == '\r'))
		end--;
	while (p < end && units < want) {
		unsigned char c = (unsigned char)src->data[p];
		size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;

		units += n == 4 ? 2 : 1;	/* outside the BMP: a surrogate pair */
		p += n;
	}
	return (uint32_t)(p < end ? p : end);
}

static cJSON *position(const struct ecs_source *src, uint32_t byte)
{
	struct ecs_pos p = ecs_source_pos(src, byte);
	uint32_t line = p.line ? p.line - 1 : 0;
	uint32_t start = line < src->n_lines ? src->line_starts[line] : 0;
	cJSON *o = cJSON_CreateObject();

	if (byte < start)
		byte = start;
	if (o && (!cJSON_AddNumberToObject(o, "line", line) ||
		  !cJSON_AddNumberToObject(o, "character", ecs_utf16_units(src->data + start, byte - start)))) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static cJSON *range(const struct ecs_source *src, uint32_t start, uint32_t end)
{
	cJSON *r = cJSON_CreateObject();

	if (r && (!cJSON_AddItemToObject(r, "start", position(src, start)) ||
		  !cJSON_AddItemToObject(r, "end", position(src, end >= start ? end : start)))) {
		cJSON_Delete(r);
		return NULL;
	}
	return r;
}

/* LSP's kind filter: "source.fixAll" asks for "source.fixAll.ecslint" too. */
static bool kind_wanted(const cJSON *only, const char *kind)
{
	const cJSON *k;

	if (!cJSON_IsArray(only))
		return true;
	cJSON_ArrayForEach(k, only) {
		size_t n;
		if (!cJSON_IsString(k))
			continue;
		n = strlen(k->valuestring);
		if (strncmp(kind, k->valuestring, n) == 0 && (kind[n] == '\0' || kind[n] == '.'))
			return true;
	}
	return false;
}

static cJSON *text_edit(const struct ecs_source *src, uint32_t start, uint32_t end, const char *text)
{
	cJSON *e = cJSON_CreateObject();

	if (e && (!cJSON_AddItemToObject(e, "range", range(src, start, end)) ||
		  !ecs_json_add_text(e, "newText", text))) {
		cJSON_Delete(e);
		return NULL;
	}
	return e;
}

/* {"changes": {uri: edits}}; takes edits. */
static cJSON *workspace_edit(const char *uri, cJSON *edits)
{
	cJSON *w = cJSON_CreateObject(), *changes = w ? cJSON_AddObjectToObject(w, "changes") : NULL;

	if (!edits || !changes || !cJSON_AddItemToObject(changes, uri, edits)) {
		cJSON_Delete(w);
		if (!changes || !w)
			cJSON_Delete(edits);
		return NULL;
	}
	return w;
}

static int lsp_severity(enum ecs_severity s)
{
	return s == ECS_SEV_ERROR ? LSP_ERROR : s == ECS_SEV_WARNING ? LSP_WARNING : LSP_INFORMATION;
}

/* The client's copy of the finding when it sent one (same code and range), else a minimal one. */
static cJSON *diagnostic_for(const struct actions *a, const cJSON *context, const struct ecs_diag *d)
{
	const cJSON *sent = cJSON_GetObjectItemCaseSensitive(context, "diagnostics"), *item;
	const cJSON *list = cJSON_IsArray(sent) ? sent : NULL;
	cJSON *r = range(a->src, d->span.start.byte, d->span.end.byte), *o;

	if (!r)
		return NULL;
	cJSON_ArrayForEach(item, list) {
		const cJSON *code = cJSON_GetObjectItemCaseSensitive(item, "code");
		if (cJSON_IsString(code) && strcmp(code->valuestring, d->rule->id) == 0 &&
		    cJSON_Compare(cJSON_GetObjectItemCaseSensitive(item, "range"), r, 1)) {
			cJSON_Delete(r);
			return cJSON_Duplicate(item, 1);
		}
	}
	o = cJSON_CreateObject();
	if (!o || !cJSON_AddItemToObject(o, "range", r)) {
		cJSON_Delete(o);
		cJSON_Delete(r);
		return NULL;
	}
	if (!cJSON_AddNumberToObject(o, "severity", lsp_severity(d->severity)) ||
	    !cJSON_AddStringToObject(o, "code", d->rule->id) || !cJSON_AddStringToObject(o, "source", "ecslint") ||
	    !ecs_json_add_text(o, "message", d->message)) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static void add_quick_fix(struct actions *a, const cJSON *context, const struct ecs_diag *d)
{
	const struct ecs_fix *fix = d->fix;
	bool safe = fix->safety == ECS_FIX_SAFE;
	struct ecs_buf title = ECS_BUF_INIT;
	cJSON *act = cJSON_CreateObject(), *diags, *edits = cJSON_CreateArray();

	check(a, act);
	check(a, edits);
	for (uint16_t e = 0; edits && e < fix->n_edits; e++)
		check(a, cJSON_AddItemToArray(edits, text_edit(a->src, fix->edits[e].start, fix->edits[e].end,
							       fix->edits[e].text)) ? edits : NULL);
	ecs_buf_adds(&title, fix->title);
	if (!safe)
		ecs_buf_adds(&title, " (unsafe: changes behaviour)");
	diags = act ? cJSON_AddArrayToObject(act, "diagnostics") : NULL;
	if (!act || !diags || title.failed || !ecs_json_add_text(act, "title", title.data) ||
	    !cJSON_AddStringToObject(act, "kind", "quickfix") ||
	    !cJSON_AddItemToArray(diags, diagnostic_for(a, context, d)) ||
	    !cJSON_AddBoolToObject(act, "isPreferred", safe) ||
	    !cJSON_AddItemToObject(act, "edit", workspace_edit(a->uri, edits))) {
		a->failed = true;
		cJSON_Delete(act);
	} else {
		cJSON_AddItemToArray(a->arr, act);
	}
	ecs_buf_release(&title);
}

/* One edit replacing the stretch where the fixed text differs, on code point boundaries. */
static void add_fix_all(struct actions *a, const char *fixed, size_t fixed_len, size_t n_fixes)
{
	const char *text = a->src->data;
	size_t len = a->src->len, pre = 0, suf = 0;
	char *middle;
	cJSON *act, *edits;
	struct ecs_buf title = ECS_BUF_INIT;

	while (pre < len && pre < fixed_len && text[pre] == fixed[pre])
		pre++;
	while (suf < len - pre && suf < fixed_len - pre && text[len - 1 - suf] == fixed[fixed_len - 1 - suf])
		suf++;
	while (pre > 0 && (((unsigned char)text[pre] & 0xC0) == 0x80 || (text[pre] == '\n' && text[pre - 1] == '\r')))
		pre--;
	while (suf > 0 && len - suf < len &&
	       (((unsigned char)text[len - suf] & 0xC0) == 0x80 ||
		(text[len - suf] == '\n' && len - suf > 0 && text[len - suf - 1] == '\r')))
		suf--;
	middle = malloc(fixed_len - pre - suf + 1);
	if (!middle) {
		a->failed = true;
		return;
	}
	memcpy(middle, fixed + pre, fixed_len - pre - suf);
	middle[fixed_len - pre - suf] = '\0';
	edits = cJSON_CreateArray();
	act = cJSON_CreateObject();
	ecs_buf_addf(&title, "Fix all ecslint findings with safe fixes (%zu)", n_fixes);
	if (!edits || !act || title.failed ||
	    !cJSON_AddItemToArray(edits, text_edit(a->src, (uint32_t)pre, (uint32_t)(len - suf), middle)) ||
	    !ecs_json_add_text(act, "title", title.data) ||
	    !cJSON_AddStringToObject(act, "kind", "source.fixAll.ecslint") ||
	    !cJSON_AddItemToObject(act, "edit", workspace_edit(a->uri, edits))) {
		a->failed = true;
		cJSON_Delete(act);
	} else {
		cJSON_AddItemToArray(a->arr, act);
	}
	ecs_buf_release(&title);
	free(middle);
}

cJSON *ecs_lsp_code_actions(const char *uri, const char *text, size_t len, const cJSON *params)
{
	const cJSON *context = cJSON_GetObjectItemCaseSensitive(params, "context");
	const cJSON *only = cJSON_GetObjectItemCaseSensitive(context, "only");
	const cJSON *want = cJSON_GetObjectItemCaseSensitive(params, "range");
	char *path = ecs_lsp_uri_to_path(uri);
	const char *display = path ? path : uri;
	struct actions a = { .uri = uri };
	struct ecs_options o;
	struct ecs_run run;
	uint32_t doc = 0, from, to;
	bool any_safe = false;

	ecs_options_init(&o);
	ecs_run_init(&run);
	a.arr = cJSON_CreateArray();
	if (!a.arr || ecs_fix_lint_text(&run, &o, display, text, len, &doc) < 0 || !(a.src = ecs_files_get(&run.files, doc)))
		goto fail;
	from = byte_of(a.src, cJSON_GetObjectItemCaseSensitive(want, "start"));
	to = byte_of(a.src, cJSON_GetObjectItemCaseSensitive(want, "end"));
	if (to < from)
		to = from;
	for (size_t i = 0; i < run.diags.n; i++) {
		const struct ecs_diag *d = run.diags.v[i];
		bool in_doc = true;

		if (!ecs_fix_applicable(&run.diags, &run.files, d, true))
			continue;
		for (uint16_t e = 0; e < d->fix->n_edits; e++)
			in_doc = in_doc && d->fix->edits[e].file == doc;
		if (!in_doc)
			continue;
		any_safe = any_safe || d->fix->safety == ECS_FIX_SAFE;
		/* A cursor at either end of the span still counts as on the finding. */
		if (d->span.file == doc && d->span.start.byte <= to && from <= d->span.end.byte &&
		    kind_wanted(only, "quickfix"))
			add_quick_fix(&a, context, d);
	}
	if (any_safe && kind_wanted(only, "source.fixAll.ecslint")) {
		struct ecs_buf fixed = ECS_BUF_INIT;
		size_t n_fixes = 0;

		if (ecs_fix_text(&o, display, text, len, false, &fixed, &n_fixes) < 0)
			a.failed = true;
		else if (n_fixes && (fixed.len != len || memcmp(fixed.data, text, len) != 0))
			add_fix_all(&a, fixed.data, fixed.len, n_fixes);
		ecs_buf_release(&fixed);
	}
	if (a.failed)
		goto fail;
	ecs_run_release(&run);
	ecs_options_release(&o);
	free(path);
	return a.arr;
fail:
	ecs_run_release(&run);
	ecs_options_release(&o);
	cJSON_Delete(a.arr);
	free(path);
	return NULL;
}
