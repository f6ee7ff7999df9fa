/*
 * help.c - the text of --help and `ecslint help COMMAND`.  The man page
 * (docs/ecslint.1) documents the same options; a test compares them.
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"

static const char main_help[] =
	"usage: ecslint <command> [options] [FILE...]\n"
	"\n"
	"Checks Docker Compose files for what would fail on Amazon ECS/Fargate and\n"
	"converts them to CloudFormation, offline.\n"
	"\n"
	"commands:\n"
	"  check     lint Compose files (the default when the first argument is a file)\n"
	"  help      show help for ecslint or for one command\n"
	"  version   print the version\n"
	"\n"
	"exit status:\n"
	"  0  no finding at or above the fail level\n"
	"  1  findings at or above the fail level\n"
	"  2  an input could not be read or parsed (reported as a located diagnostic)\n"
	"  3  usage or internal error\n"
	"\n"
	"Run 'ecslint help <command>' for the options of a command.\n";

static const char check_help[] =
	"usage: ecslint check [options] [FILE...]\n"
	"\n"
	"Lints each FILE on its own.  '-' reads standard input.  With no FILE, the\n"
	"first of compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml\n"
	"in the current directory is checked.\n"
	"\n"
	"options:\n"
	"  --format FORMAT         text (default) or gcc\n"
	"  -o, --output FILE       write the report to FILE (atomically) instead of stdout\n"
	"  --color[=WHEN]          auto (default), always or never; NO_COLOR disables auto\n"
	"  --stdin-filename NAME   the name standard input has in diagnostics\n"
	"  --fail-level LEVEL      error (default), warning, info or none: the lowest\n"
	"                          severity that makes the exit status 1\n"
	"  --max-file-size BYTES   refuse larger inputs (default 33554432)\n"
	"  -h, --help              show this help\n"
	"\n"
	"Each finding prints as FILE:LINE:COL: SEVERITY: MESSAGE [ECSnnn], then the\n"
	"source line with the span underlined and, when there is one, a help line.\n"
	"A summary goes to standard error.\n"
	"\n"
	"exit status: 0 clean, 1 findings, 2 unreadable or unparsable input, 3 usage\n"
	"or internal error.\n";

static const char help_help[] =
	"usage: ecslint help [COMMAND]\n"
	"\n"
	"Shows the help of ecslint, or of COMMAND.\n";

static const char version_help[] =
	"usage: ecslint version\n"
	"       ecslint --version\n"
	"\n"
	"Prints the version of ecslint.\n";

static const struct {
	const char *command;
	const char *text;
} texts[] = {
	{ "check", check_help },
	{ "help", help_help },
	{ "version", version_help },
};

const char *ecs_help_text(const char *command)
{
	if (!command)
		return main_help;
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (strcmp(texts[i].command, command) == 0)
			return texts[i].text;
	return NULL;
}

int ecs_cmd_help(int argc, char **argv)
{
	const char *text = ecs_help_text(argc > 1 ? argv[1] : NULL);

	if (!text) {
		fprintf(stderr, "ecslint: no help for unknown command '%s'\n", argv[1]);
		return 3;
	}
	fputs(text, stdout);
	return 0;
}

int ecs_cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("ecslint %s\n", ECSLINT_VERSION);
	return 0;
}
