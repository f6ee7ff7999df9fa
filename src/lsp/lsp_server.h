/*
 * lsp_server.h - `ecslint lsp`: a Language Server that publishes ecslint's
 * diagnostics for open Compose buffers (full text sync).
 *
 * Methods: initialize, initialized, textDocument/didOpen, didChange,
 * didSave, didClose, textDocument/diagnostic (pull, when the client
 * supports it; otherwise diagnostics are pushed), textDocument/codeAction
 * (the findings' fixes, lsp_fix.c), shutdown, exit.  Every other request
 * gets MethodNotFound; unknown notifications are ignored.  A new method is
 * one table entry.
 */
#ifndef ECS_LSP_SERVER_H
#define ECS_LSP_SERVER_H

#include <stdio.h>

/*
 * Serves until exit or end of input; returns the process exit status (0
 * after shutdown, else 1).  version is reported in serverInfo.
 */
int ecs_lsp_serve(FILE *in, FILE *out, FILE *log, const char *version);

#endif
