/*
 * report_json.c - `--format json`: one document per run, described by
 * schemas/ecslint-report.schema.json (bump ECS_JSON_REPORT_VERSION on any
 * incompatible change and say so in the schema).
 */
#include "report.h"

#include <string.h>

#include "../../checks/rules.h"
#include "report_common.h"

#define ECS_JSON_REPORT_VERSION 1
#define ECS_JSON_REPORT_SCHEMA ECS_TOOL_URL "/blob/main/schemas/ecslint-report.schema.json"

struct json {
	const struct ecs_report_ctx *ctx;
	bool failed;
};

static void check(struct json *j, const void *p)
{
	if (!p)
		j->failed = true;
}

static const char *file_name(const struct json *j, uint32_t index)
{
	const struct ecs_source *src = ecs_files_get(j->ctx->files, index);

	return src ? src->path : "";
}

static cJSON *position(struct json *j, const struct ecs_pos *p)
{
	cJSON *o = cJSON_CreateObject();

	check(j, o);
	if (!o)
		return NULL;
	check(j, cJSON_AddNumberToObject(o, "line", p->line));
	check(j, cJSON_AddNumberToObject(o, "column", p->col));
	check(j, cJSON_AddNumberToObject(o, "byte", p->byte));
	return o;
}

/* file, start, end of a span, into obj. */
static void add_span(struct json *j, cJSON *obj, const struct ecs_span *sp)
{
	if (!ecs_json_add_text(obj, "file", file_name(j, sp->file)))
		j->failed = true;
	check(j, cJSON_AddItemToObject(obj, "start", position(j, &sp->start)) ? obj : NULL);
	check(j, cJSON_AddItemToObject(obj, "end", position(j, &sp->end)) ? obj : NULL);
}

static cJSON *fix_object(struct json *j, const struct ecs_fix *fix)
{
	cJSON *o = cJSON_CreateObject(), *edits;

	check(j, o);
	if (!o)
		return NULL;
	if (!ecs_json_add_text(o, "title", fix->title))
		j->failed = true;
	check(j, cJSON_AddStringToObject(o, "safety", fix->safety == ECS_FIX_UNSAFE ? "unsafe" : "safe"));
	edits = cJSON_AddArrayToObject(o, "edits");
	check(j, edits);
	for (uint16_t i = 0; edits && i < fix->n_edits; i++) {
		const struct ecs_edit *e = &fix->edits[i];
		const struct ecs_source *src = ecs_files_get(j->ctx->files, e->file);
		cJSON *eo = cJSON_CreateObject();
		struct ecs_span sp;

		check(j, eo && cJSON_AddItemToArray(edits, eo) ? eo : NULL);
		if (!eo || !src)
			continue;
		sp = ecs_source_span(src, e->start, e->end);
		add_span(j, eo, &sp);
		if (!ecs_json_add_text(eo, "text", e->text))
			j->failed = true;
	}
	return o;
}

static cJSON *diagnostic(struct json *j, const struct ecs_diag *d)
{
	cJSON *o = cJSON_CreateObject(), *rel;
	char url[512];

	check(j, o);
	if (!o)
		return NULL;
	check(j, cJSON_AddStringToObject(o, "rule", d->rule->id));
	check(j, cJSON_AddStringToObject(o, "name", d->rule->name));
	check(j, cJSON_AddStringToObject(o, "severity", ecs_severity_name(d->severity)));
	if (!ecs_json_add_text(o, "message", d->message))
		j->failed = true;
	add_span(j, o, &d->span);
	if (!ecs_json_add_text(o, "path", d->path) || !ecs_json_add_text(o, "help", d->help))
		j->failed = true;
	if (ecs_rule_doc_url(d->rule, url, sizeof(url)))
		check(j, cJSON_AddStringToObject(o, "doc_url", url));
	else
		check(j, cJSON_AddNullToObject(o, "doc_url"));
	rel = cJSON_AddArrayToObject(o, "related");
	check(j, rel);
	for (uint16_t i = 0; rel && i < d->n_related; i++) {
		cJSON *ro = cJSON_CreateObject();
		check(j, ro && cJSON_AddItemToArray(rel, ro) ? ro : NULL);
		if (!ro)
			continue;
		add_span(j, ro, &d->related[i].span);
		if (!ecs_json_add_text(ro, "message", d->related[i].message))
			j->failed = true;
	}
	if (d->fix)
		check(j, cJSON_AddItemToObject(o, "fix", fix_object(j, d->fix)) ? o : NULL);
	else
		check(j, cJSON_AddNullToObject(o, "fix"));
	check(j, cJSON_AddBoolToObject(o, "suppressed", d->suppressed));
	return o;
}

int ecs_report_json(const struct ecs_report_ctx *ctx, struct ecs_buf *out)
{
	struct json j = { .ctx = ctx };
	struct ecs_diag_counts c = ecs_diags_count(ctx->diags);
	cJSON *root = cJSON_CreateObject(), *o, *diags;
	char *text = NULL;

	check(&j, root);
	if (root) {
		check(&j, cJSON_AddStringToObject(root, "$schema", ECS_JSON_REPORT_SCHEMA));
		check(&j, cJSON_AddNumberToObject(root, "version", ECS_JSON_REPORT_VERSION));
		o = cJSON_AddObjectToObject(root, "tool");
		check(&j, o);
		if (o) {
			check(&j, cJSON_AddStringToObject(o, "name", "ecslint"));
			check(&j, cJSON_AddStringToObject(o, "version", ctx->tool_version));
		}
		check(&j, cJSON_AddNumberToObject(root, "exit_code", ctx->exit_code));
		o = cJSON_AddObjectToObject(root, "summary");
		check(&j, o);
		if (o) {
			check(&j, cJSON_AddNumberToObject(o, "errors", (double)c.errors));
			check(&j, cJSON_AddNumberToObject(o, "warnings", (double)c.warnings));
			check(&j, cJSON_AddNumberToObject(o, "infos", (double)c.infos));
			check(&j, cJSON_AddNumberToObject(o, "suppressed", (double)c.suppressed));
		}
		diags = cJSON_AddArrayToObject(root, "diagnostics");
		check(&j, diags);
		for (size_t i = 0; diags && i < ctx->diags->n; i++)
			check(&j, cJSON_AddItemToArray(diags, diagnostic(&j, ctx->diags->v[i])) ? diags : NULL);
	}
	if (root && !j.failed)
		text = cJSON_Print(root);
	if (text) {
		ecs_buf_adds(out, text);
		ecs_buf_addc(out, '\n');
		cJSON_free(text);
	}
	cJSON_Delete(root);
	return text ? 0 : -1;
}
