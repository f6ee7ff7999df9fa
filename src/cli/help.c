/*
 * help.c - `ecslint --help` and `ecslint help COMMAND`.  Each command's
 * text lives beside its code (cmd_<name>.c); the man page documents the same
 * options and a test compares them.
 */
#include <stdio.h>
#include <string.h>

#include "../core/buf.h"
#include "commands.h"

static const char main_head[] =
	"usage: ecslint <command> [options] [FILE...]\n"
	"\n"
	"Checks Docker Compose files for what would fail on Amazon ECS/Fargate and\n"
	"converts them to CloudFormation, offline.\n"
	"\n"
	"commands:\n";

static const char main_tail[] =
	"\n"
	"'ecslint FILE...' is short for 'ecslint check FILE...'.\n"
	"\n"
	"exit status:\n"
	"  0  no finding at or above the fail level\n"
	"  1  findings at or above the fail level\n"
	"  2  an input could not be read or parsed (reported as a located diagnostic)\n"
	"  3  usage or internal error\n"
	"\n"
	"Run 'ecslint help <command>' for the options of a command.\n";

const char *ecs_help_text(const char *command)
{
	const struct ecs_command *cmd;

	if (command) {
		cmd = ecs_command_find(command);
		return cmd ? cmd->help : NULL;
	}
	return NULL;
}

static void print_main_help(FILE *fp)
{
	fputs(main_head, fp);
	for (size_t i = 0; i < ecs_commands_count; i++)
		fprintf(fp, "  %-9s %s\n", ecs_commands[i].name, ecs_commands[i].summary);
	fputs(main_tail, fp);
}

const char ecs_cmd_help_help[] =
	"usage: ecslint help [COMMAND]\n"
	"\n"
	"Shows the help of ecslint, or of COMMAND.\n";

int ecs_cmd_help(int argc, char **argv)
{
	const char *text;

	if (argc < 2) {
		print_main_help(stdout);
		return 0;
	}
	text = ecs_help_text(argv[1]);
	if (!text) {
		fprintf(stderr, "ecslint: no help for unknown command '%s'\n", argv[1]);
		return 3;
	}
	fputs(text, stdout);
	return 0;
}

const char ecs_cmd_version_help[] =
	"usage: ecslint version\n"
	"       ecslint --version\n"
	"\n"
	"Prints the version of ecslint.\n";

int ecs_cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("ecslint %s\n", ECSLINT_VERSION);
	return 0;
}

void ecs_print_main_help(FILE *fp)
{
	print_main_help(fp);
}
