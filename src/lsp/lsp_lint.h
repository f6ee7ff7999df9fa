/*
 * lsp_lint.h - lints one editor buffer and turns the findings into LSP
 * Diagnostic objects (ranges in UTF-16 code units, as LSP requires).
 */
#ifndef ECS_LSP_LINT_H
#define ECS_LSP_LINT_H

#include <stddef.h>

#include <cjson/cJSON.h>

/* Path of a file:// URI, percent-decoded, malloc'd; NULL for other schemes. */
char *ecs_lsp_uri_to_path(const char *uri);
/* file:// URI of an absolute path, malloc'd. */
char *ecs_lsp_path_to_uri(const char *path);

/*
 * Lints text (the buffer of uri) in a fresh run and returns the array of
 * Diagnostic for that buffer, or NULL when out of memory.  Findings in other
 * files (none today; included files later) appear at the top of the buffer
 * naming their location.
 */
cJSON *ecs_lsp_lint(const char *uri, const char *text, size_t len);

#endif
