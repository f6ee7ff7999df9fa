/*
 * cmd_lsp.c - `ecslint lsp`: the Language Server on standard input/output.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "../lsp/lsp_server.h"
#include "commands.h"
#include "options.h"

const char ecs_cmd_lsp_help[] =
	"usage: ecslint lsp [options]\n"
	"\n"
	"Runs a Language Server (LSP 3.17) on standard input and output: editors\n"
	"start it, send open Compose buffers and show ecslint's findings as they\n"
	"type.  Full text sync; positions in UTF-16 code units; each diagnostic has\n"
	"the rule id as code and a link to the rule's page.  Diagnostics are pushed\n"
	"(textDocument/publishDiagnostics), or pulled when the client supports\n"
	"textDocument/diagnostic.  Logs go to standard error.\n"
	"\n"
	"options:\n"
	"  --stdio                 talk over standard input/output (the default; accepted\n"
	"                          because editors pass it)\n"
	"  -h, --help              show this help\n"
	"\n"
	"exit status: 0 after shutdown and exit, 1 if the client went away without\n"
	"shutdown, 3 usage error.\n";

int ecs_cmd_lsp(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			fputs(ecs_help_text("lsp"), stdout);
			return 0;
		}
		if (strcmp(argv[i], "--stdio") != 0) {
			fprintf(stderr, "ecslint lsp: unknown option '%s'\nTry 'ecslint help lsp'.\n", argv[i]);
			return 3;
		}
	}
	/* A client that dies mid-write must end the server, not kill it by signal. */
	signal(SIGPIPE, SIG_IGN);
	return ecs_lsp_serve(stdin, stdout, stderr, ECSLINT_VERSION);
}
