/*
 * report_sarif.c - SARIF 2.1.0 for code scanning (GitHub) and SARIF-reading
 * editors (nvim-lint, flycheck).  Built as a cJSON tree and printed once.
 *
 * Choices, each for a consumer: rules lists the rules that fired, sorted by
 * id, so ruleIndex is stable for a given set of findings; URIs are relative
 * to the working directory under %SRCROOT% (GitHub resolves them against the
 * repository root, nvim-lint against its cwd); columns are code points and
 * say so; suppressed findings are left out, because GitHub turns results
 * carrying "suppressions" into open alerts.
 */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../checks/rules.h"
#include "fingerprint.h"
#include "report_common.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define SRCROOT "%SRCROOT%"

enum { SNIPPET_MAX = 1024 };

/* Per-file data computed once: its URI and, lazily, the line hashes. */
struct file_info {
	char *uri;
	bool relative;
	char **line_hashes;
	uint32_t n_lines;
	bool hashed;
};

struct sarif {
	const struct ecs_report_ctx *ctx;
	const struct ecs_rule **rules;
	size_t n_rules;
	struct file_info *files;
	/* ecslint/v1 fingerprints seen so far and how often: open addressing, cap a power of two */
	uint64_t *seen;
	uint32_t *seen_count;
	size_t seen_cap;
	bool failed;
};

static const char *sarif_level(enum ecs_severity s)
{
	switch (s) {
	case ECS_SEV_ERROR: return "error";
	case ECS_SEV_WARNING: return "warning";
	case ECS_SEV_INFO: return "note";
	}
	return "warning";
}

static const char *problem_severity(enum ecs_severity s)
{
	switch (s) {
	case ECS_SEV_ERROR: return "error";
	case ECS_SEV_WARNING: return "warning";
	case ECS_SEV_INFO: return "recommendation";
	}
	return "warning";
}

static void check(struct sarif *s, const void *p)
{
	if (!p)
		s->failed = true;
}

static cJSON *add_message(struct sarif *s, cJSON *parent, const char *key, const char *text)
{
	cJSON *m = cJSON_AddObjectToObject(parent, key);

	check(s, m);
	if (m && !ecs_json_add_text(m, "text", text))
		s->failed = true;
	return m;
}

static const char *const tag_names[] = { "input", "compose", "fargate", "cloudformation", "security", "x-aws", "tool" };

static cJSON *rule_descriptor(struct sarif *s, const struct ecs_rule *r)
{
	cJSON *d = cJSON_CreateObject(), *o, *tags;
	struct ecs_buf name = ECS_BUF_INIT, text = ECS_BUF_INIT;
	const char *page, *what;
	size_t page_len = 0, what_len = 0;
	char url[512];

	check(s, d);
	if (!d)
		return NULL;
	page = ecs_rule_doc(r, &page_len);
	what = ecs_page_section(page, "What it checks", &what_len);
	check(s, cJSON_AddStringToObject(d, "id", r->id));
	/* SARIF2012 asks for a PascalCase friendly name. */
	ecs_pascal_case(&name, r->name);
	check(s, ecs_json_add_text(d, "name", name.data ? name.data : r->id) ? d : NULL);
	add_message(s, d, "shortDescription", r->summary);
	o = cJSON_AddObjectToObject(d, "fullDescription");
	check(s, o);
	if (o)
		check(s, cJSON_AddItemToObject(o, "text", what ? ecs_json_text(what, what_len)
							      : ecs_json_text(r->summary, strlen(r->summary))) ? o : NULL);
	/* GitHub shows help.markdown and requires help.text: the page is both. */
	o = cJSON_AddObjectToObject(d, "help");
	check(s, o);
	ecs_buf_addf(&text, "%s.", r->summary);
	if (what) {
		ecs_buf_adds(&text, "\n\n");
		ecs_buf_add(&text, what, what_len);
	}
	if (ecs_rule_doc_url(r, url, sizeof(url)))
		ecs_buf_addf(&text, "\n\nDocumentation: %s", url);
	else if (r->source_url)
		ecs_buf_addf(&text, "\n\nReference: %s", r->source_url);
	check(s, o && ecs_json_add_text(o, "text", text.data) ? o : NULL);
	if (page)
		check(s, o && cJSON_AddItemToObject(o, "markdown", ecs_json_text(page, page_len)) ? o : NULL);
	if (ecs_rule_doc_url(r, url, sizeof(url)))
		check(s, cJSON_AddStringToObject(d, "helpUri", url));
	o = cJSON_AddObjectToObject(d, "defaultConfiguration");
	check(s, o);
	if (o) {
		check(s, cJSON_AddStringToObject(o, "level", sarif_level(r->severity)));
		if (r->off_by_default)
			check(s, cJSON_AddFalseToObject(o, "enabled"));
	}
	o = cJSON_AddObjectToObject(d, "properties");
	check(s, o);
	tags = o ? cJSON_AddArrayToObject(o, "tags") : NULL;
	check(s, tags);
	for (size_t i = 0; tags && i < sizeof(tag_names) / sizeof(tag_names[0]); i++)
		if (r->tags & (1u << i))
			check(s, cJSON_AddItemToArray(tags, cJSON_CreateString(tag_names[i])) ? tags : NULL);
	if (o) {
		check(s, cJSON_AddStringToObject(o, "precision", "very-high"));
		if (r->tags & ECS_TAG_SECURITY)
			/* GitHub's scale: high 7.0-8.9, medium 4.0-6.9, low 0.1-3.9. */
			check(s, cJSON_AddStringToObject(o, "security-severity",
				r->severity == ECS_SEV_ERROR ? "8.0" : r->severity == ECS_SEV_WARNING ? "5.0" : "2.0"));
		else
			check(s, cJSON_AddStringToObject(o, "problem.severity", problem_severity(r->severity)));
		if (r->since)
			check(s, cJSON_AddStringToObject(o, "since", r->since));
	}
	if (name.failed || text.failed)
		s->failed = true;
	ecs_buf_release(&name);
	ecs_buf_release(&text);
	return d;
}

static struct file_info *file_info(struct sarif *s, uint32_t index)
{
	const struct ecs_source *src = ecs_files_get(s->ctx->files, index);
	struct file_info *fi;

	if (!src)
		return NULL;
	fi = &s->files[index];
	if (!fi->uri) {
		fi->uri = ecs_report_uri(src->path, s->ctx->base_dir, &fi->relative);
		check(s, fi->uri);
	}
	return fi;
}

static const char *line_hash(struct sarif *s, uint32_t index, uint32_t line)
{
	const struct ecs_source *src = ecs_files_get(s->ctx->files, index);
	struct file_info *fi = &s->files[index];

	if (!src)
		return NULL;
	if (!fi->hashed) {
		fi->hashed = true;
		fi->n_lines = src->n_lines ? src->n_lines : 1;
		fi->line_hashes = calloc(fi->n_lines, sizeof(*fi->line_hashes));
		if (!fi->line_hashes || ecs_line_hashes(src->data, src->len, fi->line_hashes, fi->n_lines) < 0) {
			s->failed = true;
			return NULL;
		}
	}
	if (!fi->line_hashes || line == 0 || line > fi->n_lines)
		return NULL;
	return fi->line_hashes[line - 1];
}

/* The whole lines of the span, so a viewer without the file shows the spot in context. */
static void add_context(struct sarif *s, cJSON *pl, const struct ecs_span *sp)
{
	const struct ecs_source *src = ecs_files_get(s->ctx->files, sp->file);
	struct ecs_span lines;
	cJSON *ctx, *snip;
	const char *text;
	uint32_t first = sp->start.line, last = sp->end.line >= first ? sp->end.line : first;
	size_t end, len;

	if (!src || first == 0 || first > src->n_lines || last > src->n_lines)
		return;
	end = last < src->n_lines ? src->line_starts[last] : src->len;
	lines = ecs_source_span(src, src->line_starts[first - 1], end);
	text = ecs_span_text(s->ctx->files, &lines, SNIPPET_MAX, &len);
	if (!text)
		return;
	ctx = cJSON_AddObjectToObject(pl, "contextRegion");
	check(s, ctx);
	if (!ctx)
		return;
	check(s, cJSON_AddNumberToObject(ctx, "startLine", first));
	check(s, cJSON_AddNumberToObject(ctx, "endLine", last));
	snip = cJSON_AddObjectToObject(ctx, "snippet");
	check(s, snip && cJSON_AddItemToObject(snip, "text", ecs_json_text(text, len)) ? snip : NULL);
}

static cJSON *physical_location(struct sarif *s, const struct ecs_span *sp)
{
	cJSON *pl = cJSON_CreateObject(), *art, *region, *snip;
	struct file_info *fi = file_info(s, sp->file);
	const char *text;
	size_t len;

	check(s, pl);
	if (!pl || !fi || !fi->uri)
		return pl;
	art = cJSON_AddObjectToObject(pl, "artifactLocation");
	check(s, art);
	if (art) {
		check(s, cJSON_AddStringToObject(art, "uri", fi->uri));
		if (fi->relative)
			check(s, cJSON_AddStringToObject(art, "uriBaseId", SRCROOT));
	}
	region = cJSON_AddObjectToObject(pl, "region");
	check(s, region);
	if (!region)
		return pl;
	check(s, cJSON_AddNumberToObject(region, "startLine", sp->start.line ? sp->start.line : 1));
	check(s, cJSON_AddNumberToObject(region, "startColumn", sp->start.col ? sp->start.col : 1));
	check(s, cJSON_AddNumberToObject(region, "endLine",
		sp->end.line >= sp->start.line && sp->end.line ? sp->end.line : (sp->start.line ? sp->start.line : 1)));
	check(s, cJSON_AddNumberToObject(region, "endColumn",
		sp->end.line > sp->start.line || sp->end.col >= sp->start.col ? (sp->end.col ? sp->end.col : 1)
									       : (sp->start.col ? sp->start.col : 1)));
	text = ecs_span_text(s->ctx->files, sp, SNIPPET_MAX, &len);
	if (text) {
		snip = cJSON_AddObjectToObject(region, "snippet");
		check(s, snip);
		if (snip)
			check(s, cJSON_AddItemToObject(snip, "text", ecs_json_text(text, len)) ? snip : NULL);
	}
	add_context(s, pl, sp);
	return pl;
}

static cJSON *location(struct sarif *s, const struct ecs_span *sp, const char *message, long id)
{
	cJSON *loc = cJSON_CreateObject();

	check(s, loc);
	if (!loc)
		return NULL;
	if (id >= 0)
		check(s, cJSON_AddNumberToObject(loc, "id", (double)id));
	check(s, cJSON_AddItemToObject(loc, "physicalLocation", physical_location(s, sp)) ? loc : NULL);
	if (message)
		add_message(s, loc, "message", message);
	return loc;
}

/*
 * Our own identity for a finding: the rule, the file and what the finding is
 * about (its JSON path, else the text of its span), never its line, so moving
 * the code does not make a new alert; repeats get an occurrence count.
 */
static void own_fingerprint(struct sarif *s, const struct ecs_diag *d, const char *uri, char *buf, size_t len)
{
	uint64_t h = ecs_fnv1a(ECS_FNV_INIT, d->rule->id, strlen(d->rule->id) + 1);
	const struct ecs_source *src = ecs_files_get(s->ctx->files, d->span.file);
	size_t count, i;

	h = ecs_fnv1a(h, uri, strlen(uri) + 1);
	if (d->path) {
		h = ecs_fnv1a(h, d->path, strlen(d->path) + 1);
	} else if (src && d->span.end.byte > d->span.start.byte && d->span.end.byte <= src->len) {
		size_t n = d->span.end.byte - d->span.start.byte;
		h = ecs_fnv1a(h, src->data + d->span.start.byte, n > 256 ? 256 : n);
	} else {
		h = ecs_fnv1a(h, d->message, strlen(d->message));
	}
	i = (size_t)(h * 0x9E3779B97F4A7C15ull) & (s->seen_cap - 1);
	while (s->seen_count[i] && s->seen[i] != h)
		i = (i + 1) & (s->seen_cap - 1);
	s->seen[i] = h;
	count = ++s->seen_count[i];
	snprintf(buf, len, "%016llx:%zu", (unsigned long long)h, count);
}

static cJSON *result(struct sarif *s, const struct ecs_diag *d)
{
	cJSON *res = cJSON_CreateObject(), *locs, *fp, *rel;
	long idx = ecs_report_rule_index(s->rules, s->n_rules, d->rule);
	struct file_info *fi;
	const char *lh;
	char own[64];
	struct ecs_buf msg = ECS_BUF_INIT;

	check(s, res);
	if (!res)
		return NULL;
	check(s, cJSON_AddStringToObject(res, "ruleId", d->rule->id));
	check(s, cJSON_AddNumberToObject(res, "ruleIndex", (double)idx));
	check(s, cJSON_AddStringToObject(res, "level", sarif_level(d->severity)));
	/* GitHub shows only the message: the remedy belongs in it. */
	ecs_buf_adds(&msg, d->message);
	if (d->help)
		ecs_buf_addf(&msg, ". Help: %s", d->help);
	add_message(s, res, "message", msg.data ? msg.data : d->message);
	if (msg.failed)
		s->failed = true;
	ecs_buf_release(&msg);
	locs = cJSON_AddArrayToObject(res, "locations");
	check(s, locs);
	if (locs)
		check(s, cJSON_AddItemToArray(locs, location(s, &d->span, NULL, -1)) ? locs : NULL);
	if (d->n_related) {
		rel = cJSON_AddArrayToObject(res, "relatedLocations");
		check(s, rel);
		for (uint16_t i = 0; rel && i < d->n_related; i++)
			check(s, cJSON_AddItemToArray(rel, location(s, &d->related[i].span, d->related[i].message,
								 (long)i + 1)) ? rel : NULL);
	}
	fi = file_info(s, d->span.file);
	fp = cJSON_AddObjectToObject(res, "partialFingerprints");
	check(s, fp);
	if (fp && fi && fi->uri) {
		lh = line_hash(s, d->span.file, d->span.start.line ? d->span.start.line : 1);
		if (lh)
			check(s, cJSON_AddStringToObject(fp, "primaryLocationLineHash", lh));
		own_fingerprint(s, d, fi->uri, own, sizeof(own));
		check(s, cJSON_AddStringToObject(fp, "ecslint/v1", own));
	}
	if (d->path) {
		cJSON *props = cJSON_AddObjectToObject(res, "properties");
		check(s, props);
		if (props && !ecs_json_add_text(props, "path", d->path))
			s->failed = true;
	}
	return res;
}

/* Input failures also go to the invocation, where SARIF viewers look for tool trouble. */
static cJSON *notification(struct sarif *s, const struct ecs_diag *d)
{
	cJSON *n = cJSON_CreateObject(), *locs, *desc;

	check(s, n);
	if (!n)
		return NULL;
	check(s, cJSON_AddStringToObject(n, "level", "error"));
	add_message(s, n, "message", d->message);
	desc = cJSON_AddObjectToObject(n, "descriptor");
	check(s, desc);
	if (desc)
		check(s, cJSON_AddStringToObject(desc, "id", d->rule->id));
	locs = cJSON_AddArrayToObject(n, "locations");
	check(s, locs);
	if (locs)
		check(s, cJSON_AddItemToArray(locs, location(s, &d->span, NULL, -1)) ? locs : NULL);
	return n;
}

static cJSON *build(struct sarif *s)
{
	const struct ecs_report_ctx *ctx = s->ctx;
	cJSON *root = cJSON_CreateObject(), *runs, *run, *tool, *driver, *rules, *results, *inv, *invs, *notes, *o;
	size_t n_suppressed = 0;

	check(s, root);
	if (!root)
		return NULL;
	check(s, cJSON_AddStringToObject(root, "$schema", SARIF_SCHEMA));
	check(s, cJSON_AddStringToObject(root, "version", "2.1.0"));
	runs = cJSON_AddArrayToObject(root, "runs");
	run = cJSON_CreateObject();
	check(s, runs && run && cJSON_AddItemToArray(runs, run) ? run : NULL);
	if (s->failed)
		return root;
	tool = cJSON_AddObjectToObject(run, "tool");
	driver = tool ? cJSON_AddObjectToObject(tool, "driver") : NULL;
	check(s, driver);
	if (driver) {
		check(s, cJSON_AddStringToObject(driver, "name", "ecslint"));
		check(s, cJSON_AddStringToObject(driver, "version", ctx->tool_version));
		check(s, cJSON_AddStringToObject(driver, "semanticVersion", ctx->tool_version));
		check(s, cJSON_AddStringToObject(driver, "informationUri", ECS_TOOL_URL));
		rules = cJSON_AddArrayToObject(driver, "rules");
		check(s, rules);
		for (size_t i = 0; rules && i < s->n_rules; i++)
			check(s, cJSON_AddItemToArray(rules, rule_descriptor(s, s->rules[i])) ? rules : NULL);
	}
	o = cJSON_AddObjectToObject(run, "automationDetails");
	check(s, o && cJSON_AddStringToObject(o, "id", "ecslint/") ? o : NULL);
	check(s, cJSON_AddStringToObject(run, "columnKind", "unicodeCodePoints"));
	invs = cJSON_AddArrayToObject(run, "invocations");
	inv = cJSON_CreateObject();
	check(s, invs && inv && cJSON_AddItemToArray(invs, inv) ? inv : NULL);
	if (inv) {
		check(s, cJSON_AddBoolToObject(inv, "executionSuccessful", ctx->exit_code < 2));
		check(s, cJSON_AddNumberToObject(inv, "exitCode", ctx->exit_code));
		notes = cJSON_AddArrayToObject(inv, "toolExecutionNotifications");
		check(s, notes);
		for (size_t i = 0; notes && i < ctx->diags->n; i++) {
			const struct ecs_diag *d = ctx->diags->v[i];
			if ((d->rule->tags & ECS_TAG_INPUT) && d->severity == ECS_SEV_ERROR && !d->suppressed)
				check(s, cJSON_AddItemToArray(notes, notification(s, d)) ? notes : NULL);
		}
	}
	results = cJSON_AddArrayToObject(run, "results");
	check(s, results);
	for (size_t i = 0; results && i < ctx->diags->n; i++) {
		if (ctx->diags->v[i]->suppressed) {
			n_suppressed++;
			continue;
		}
		check(s, cJSON_AddItemToArray(results, result(s, ctx->diags->v[i])) ? results : NULL);
	}
	if (n_suppressed) {
		o = cJSON_AddObjectToObject(run, "properties");
		check(s, o && cJSON_AddNumberToObject(o, "suppressedResults", (double)n_suppressed) ? o : NULL);
	}
	return root;
}

int ecs_report_sarif(const struct ecs_report_ctx *ctx, struct ecs_buf *out)
{
	struct sarif s = { .ctx = ctx };
	cJSON *root;
	char *text = NULL;

	s.n_rules = ecs_report_rules(ctx->diags, true, &s.rules);
	s.files = calloc(ctx->files->n ? ctx->files->n : 1, sizeof(*s.files));
	for (s.seen_cap = 16; s.seen_cap < 2 * ctx->diags->n; s.seen_cap <<= 1)
		;
	s.seen = calloc(s.seen_cap, sizeof(*s.seen));
	s.seen_count = calloc(s.seen_cap, sizeof(*s.seen_count));
	if (s.n_rules == (size_t)-1 || !s.files || !s.seen || !s.seen_count) {
		s.failed = true;
		root = NULL;
	} else {
		root = build(&s);
	}
	if (root && !s.failed)
		text = cJSON_Print(root);
	if (text) {
		ecs_buf_adds(out, text);
		ecs_buf_addc(out, '\n');
		cJSON_free(text);
	}
	cJSON_Delete(root);
	for (uint32_t i = 0; s.files && i < ctx->files->n; i++) {
		free(s.files[i].uri);
		for (uint32_t k = 0; s.files[i].line_hashes && k < s.files[i].n_lines; k++)
			free(s.files[i].line_hashes[k]);
		free(s.files[i].line_hashes);
	}
	free(s.files);
	free(s.seen);
	free(s.seen_count);
	free(s.rules);
	return text ? 0 : -1;
}
