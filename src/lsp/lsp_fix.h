/*
 * lsp_fix.h - textDocument/codeAction: the fixes ecslint's diagnostics
 * carry, as LSP CodeActions with a WorkspaceEdit (UTF-16 ranges).
 */
#ifndef ECS_LSP_FIX_H
#define ECS_LSP_FIX_H

#include <stddef.h>

#include <cjson/cJSON.h>

/*
 * The CodeAction[] for buffer text of uri: a "quickfix" per diagnostic
 * with a fix whose range meets params.range (safe fixes preferred, unsafe
 * ones titled as such), and a "source.fixAll.ecslint" action applying every
 * safe fix to a fixed point.  params.context.only narrows the kinds.
 * Returns NULL when out of memory.
 */
cJSON *ecs_lsp_code_actions(const char *uri, const char *text, size_t len, const cJSON *params);

#endif
