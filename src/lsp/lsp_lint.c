/*
 * lsp_lint.c - editor buffer -> ecslint run -> LSP diagnostics.
 */
#include "lsp_lint.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../../checks/rules.h"
#include "../cli/options.h"
#include "../compose/project.h"
#include "../core/run.h"
#include "../pipeline/lint.h"
#include "../report/report_common.h"

enum { LSP_ERROR = 1, LSP_WARNING = 2, LSP_INFORMATION = 3 };

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *ecs_lsp_uri_to_path(const char *uri)
{
	const char *p;
	char *out, *o;

	if (strncmp(uri, "file://", 7) != 0)
		return NULL;
	p = uri + 7;
	/* file://localhost/path and file:///path name the same file. */
	if (strncmp(p, "localhost/", 10) == 0)
		p += 9;
	if (*p != '/')
		return NULL;
	out = o = malloc(strlen(p) + 1);
	if (!out)
		return NULL;
	for (; *p && *p != '?' && *p != '#'; p++) {
		int hi, lo;
		if (*p == '%' && (hi = hex_value(p[1])) >= 0 && (lo = hex_value(p[2])) >= 0 && (hi || lo)) {
			*o++ = (char)(hi * 16 + lo);
			p += 2;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return out;
}

char *ecs_lsp_path_to_uri(const char *path)
{
	struct ecs_buf b = ECS_BUF_INIT;

	ecs_buf_adds(&b, "file://");
	ecs_uri_encode(&b, path, strlen(path));
	if (b.failed) {
		ecs_buf_release(&b);
		return NULL;
	}
	return ecs_buf_detach(&b, NULL);
}

static int severity(enum ecs_severity s)
{
	switch (s) {
	case ECS_SEV_ERROR: return LSP_ERROR;
	case ECS_SEV_WARNING: return LSP_WARNING;
	case ECS_SEV_INFO: return LSP_INFORMATION;
	}
	return LSP_WARNING;
}

/* LSP position of a byte offset: 0-based line, UTF-16 units from the line start. */
static cJSON *position(const struct ecs_source *src, uint32_t byte)
{
	struct ecs_pos p = ecs_source_pos(src, byte);
	cJSON *o = cJSON_CreateObject();
	uint32_t line = p.line ? p.line - 1 : 0, start;

	if (!o)
		return NULL;
	start = line < src->n_lines ? src->line_starts[line] : 0;
	if (byte < start)
		byte = start;
	if (!cJSON_AddNumberToObject(o, "line", line) ||
	    !cJSON_AddNumberToObject(o, "character", ecs_utf16_units(src->data + start, byte - start))) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static cJSON *range(const struct ecs_source *src, uint32_t start, uint32_t end)
{
	cJSON *r = cJSON_CreateObject();

	if (!r)
		return NULL;
	if (!cJSON_AddItemToObject(r, "start", position(src, start)) ||
	    !cJSON_AddItemToObject(r, "end", position(src, end >= start ? end : start))) {
		cJSON_Delete(r);
		return NULL;
	}
	return r;
}

struct lint {
	const char *uri;
	const struct ecs_run *run;
	uint32_t doc;		/* file index of the buffer */
	bool failed;
};

static void check(struct lint *l, const void *p)
{
	if (!p)
		l->failed = true;
}

static char *file_uri(struct lint *l, uint32_t file)
{
	const struct ecs_source *src = ecs_files_get(&l->run->files, file);
	char resolved[PATH_MAX];

	if (file == l->doc)
		return strdup(l->uri);
	if (!src)
		return NULL;
	return ecs_lsp_path_to_uri(realpath(src->path, resolved) ? resolved : src->path);
}

static cJSON *diagnostic(struct lint *l, const struct ecs_diag *d)
{
	const struct ecs_source *doc = ecs_files_get(&l->run->files, l->doc);
	const struct ecs_source *src = ecs_files_get(&l->run->files, d->span.file);
	cJSON *o = cJSON_CreateObject(), *cd, *rel;
	struct ecs_buf msg = ECS_BUF_INIT;
	char url[512];

	check(l, o);
	if (!o)
		return NULL;
	if (d->span.file == l->doc) {
		check(l, cJSON_AddItemToObject(o, "range", range(doc, d->span.start.byte, d->span.end.byte)) ? o : NULL);
	} else {
		check(l, cJSON_AddItemToObject(o, "range", range(doc, 0, 0)) ? o : NULL);
		ecs_buf_addf(&msg, "in %s:%u:%u: ", src ? src->path : "?", d->span.start.line, d->span.start.col);
	}
	check(l, cJSON_AddNumberToObject(o, "severity", severity(d->severity)));
	check(l, cJSON_AddStringToObject(o, "code", d->rule->id));
	if (ecs_rule_doc_url(d->rule, url, sizeof(url))) {
		cd = cJSON_AddObjectToObject(o, "codeDescription");
		check(l, cd && cJSON_AddStringToObject(cd, "href", url) ? cd : NULL);
	}
	check(l, cJSON_AddStringToObject(o, "source", "ecslint"));
	ecs_buf_adds(&msg, d->message);
	if (d->help)
		ecs_buf_addf(&msg, "\nhelp: %s", d->help);
	if (msg.failed || !ecs_json_add_text(o, "message", msg.data))
		l->failed = true;
	ecs_buf_release(&msg);
	if (d->n_related) {
		rel = cJSON_AddArrayToObject(o, "relatedInformation");
		check(l, rel);
		for (uint16_t i = 0; rel && i < d->n_related; i++) {
			const struct ecs_related *r = &d->related[i];
			const struct ecs_source *rs = ecs_files_get(&l->run->files, r->span.file);
			cJSON *ri = cJSON_CreateObject(), *loc = ri ? cJSON_AddObjectToObject(ri, "location") : NULL;
			char *ruri = file_uri(l, r->span.file);

			if (ri && loc && ruri && rs && cJSON_AddStringToObject(loc, "uri", ruri) &&
			    cJSON_AddItemToObject(loc, "range", range(rs, r->span.start.byte, r->span.end.byte)) &&
			    ecs_json_add_text(ri, "message", r->message)) {
				cJSON_AddItemToArray(rel, ri);
			} else {
				cJSON_Delete(ri);
				l->failed = true;
			}
			free(ruri);
		}
	}
	/* What a later textDocument/codeAction needs to find the finding again. */
	cd = cJSON_AddObjectToObject(o, "data");
	check(l, cd);
	if (cd && d->path && !ecs_json_add_text(cd, "path", d->path))
		l->failed = true;
	if (cd)
		check(l, cJSON_AddBoolToObject(cd, "fixable", d->fix != NULL));
	return o;
}

cJSON *ecs_lsp_lint(const char *uri, const char *text, size_t len)
{
	struct ecs_run run;
	struct ecs_options o;
	struct ecs_project_input in;
	struct lint l = { .uri = uri };
	cJSON *arr = NULL;
	char *path = ecs_lsp_uri_to_path(uri);
	int rc;

	ecs_run_init(&run);
	ecs_options_init(&o);
	/* Untitled buffers and other schemes are linted under their URI as the name. */
	rc = ecs_project_load_text(&run, &o, path ? path : uri, text, len, &in);
	if (rc == 0)
		rc = ecs_lint_loaded(&run, &o, &in);
	ecs_diags_finish(&run.diags);
	if (rc == 0 && !run.arena.failed) {
		l.run = &run;
		/* The buffer is the first file the loader added. */
		l.doc = in.n_files ? in.files[0]->index : 0;
		arr = cJSON_CreateArray();
		check(&l, arr);
		for (size_t i = 0; arr && i < run.diags.n; i++) {
			if (run.diags.v[i]->suppressed)
				continue;
			check(&l, cJSON_AddItemToArray(arr, diagnostic(&l, run.diags.v[i])) ? arr : NULL);
		}
		if (l.failed) {
			cJSON_Delete(arr);
			arr = NULL;
		}
	}
	free(path);
	ecs_options_release(&o);
	ecs_run_release(&run);
	return arr;
}
