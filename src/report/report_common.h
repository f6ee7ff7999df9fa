/*
 * report_common.h - what the machine formats (JSON, SARIF, GitHub, LSP)
 * share: file URIs, JSON strings that are always valid UTF-8, sections of
 * rule pages, and the set of rules a report mentions.
 */
#ifndef ECS_REPORT_COMMON_H
#define ECS_REPORT_COMMON_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "../core/buf.h"
#include "../core/diag.h"
#include "../core/source.h"

/*
 * The URI of a file shown as path: relative to base (a directory; NULL is
 * the working directory) and percent-encoded when the file is inside it,
 * otherwise an absolute file:// URI.  Symbolic links are resolved, so the
 * same file always gets the same URI.  Returns a malloc'd string or NULL.
 */
char *ecs_report_uri(const char *path, const char *base, bool *relative);

/* Percent-encodes s for a URI path (keeps unreserved characters and '/'). */
void ecs_uri_encode(struct ecs_buf *out, const char *s, size_t len);

/*
 * A cJSON string holding s, with every byte that is not valid UTF-8 replaced
 * by U+FFFD, so the report stays valid JSON whatever the input held.
 * Returns NULL when out of memory.
 */
cJSON *ecs_json_text(const char *s, size_t len);
/* Adds ecs_json_text(s) to obj under key; returns false when out of memory. */
bool ecs_json_add_text(cJSON *obj, const char *key, const char *s);

/*
 * The body of the section "## heading" of a rule page, without surrounding
 * blank lines; NULL when the page has no such section.
 */
const char *ecs_page_section(const char *page, const char *heading, size_t *len);

/*
 * The rules diags mentions, sorted by id and unique; with skip_suppressed,
 * only rules of diagnostics that are not suppressed.  *out is malloc'd.
 * Returns the count, or (size_t)-1 when out of memory.
 */
size_t ecs_report_rules(const struct ecs_diags *diags, bool skip_suppressed, const struct ecs_rule ***out);

/* "ECS002" -> its index in rules (n entries), or -1. */
long ecs_report_rule_index(const struct ecs_rule *const *rules, size_t n, const struct ecs_rule *rule);

/* kebab-case -> PascalCase ("duplicate-key" -> "DuplicateKey"), into out. */
void ecs_pascal_case(struct ecs_buf *out, const char *kebab);

/* The source text of a span when it is short, valid UTF-8 and non-empty; else NULL. */
const char *ecs_span_text(const struct ecs_files *files, const struct ecs_span *sp, size_t max, size_t *len);

#endif
