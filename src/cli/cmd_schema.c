/*
 * cmd_schema.c - `ecslint schema`: the JSON Schema ecslint validates with
 * (Compose + the x-aws-* extensions), for editors and yaml-language-server.
 */
#include <stdio.h>

#include "../schema/schema.h"
#include "commands.h"
#include "output.h"

const char ecs_cmd_schema_help[] =
	"usage: ecslint schema [-o FILE]\n"
	"\n"
	"Prints the JSON Schema (draft-07) that ecslint validates Compose files\n"
	"with: the Compose file format plus every x-aws-* extension the ECS\n"
	"integration reads, where unknown x-aws-* keys are rejected.  The output\n"
	"is the same on every run.  Point an editor at it, e.g. for\n"
	"yaml-language-server put this first line in compose.yaml:\n"
	"\n"
	"  # yaml-language-server: $schema=./compose.schema.json\n"
	"\n"
	"after `ecslint schema -o compose.schema.json`.\n"
	"\n"
	"options:\n"
	"  -o, --output FILE       write the schema to FILE (atomically) instead of stdout\n"
	"  -h, --help              show this help\n";

int ecs_cmd_schema(int argc, char **argv)
{
	struct ecs_options o;
	struct ecs_buf out = ECS_BUF_INIT, err = ECS_BUF_INIT;
	char msg[512];
	int status;

	ecs_options_init(&o);
	if (ecs_options_parse(&o, argc, argv, msg, sizeof(msg)) != ECS_PARSE_OK || o.inputs.n || o.files.n) {
		fprintf(stderr, "ecslint schema: %s\nTry 'ecslint help schema'.\n",
			o.inputs.n || o.files.n ? "takes no files" : msg);
		ecs_options_release(&o);
		return 3;
	}
	if (o.help) {
		fputs(ecs_help_text("schema"), stdout);
		ecs_options_release(&o);
		return 0;
	}
	if (ecs_schema_print(&out, &err) < 0) {
		fprintf(stderr, "ecslint: %s\n", err.data ? err.data : "out of memory");
		status = 3;
	} else {
		status = ecs_output_write(&o, &out);
	}
	ecs_buf_release(&out);
	ecs_buf_release(&err);
	ecs_options_release(&o);
	return status;
}
