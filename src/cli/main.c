/*
 * main.c - argv -> command; the only place that exits.
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"

int main(int argc, char **argv)
{
	const struct ecs_command *cmd;

	if (argc < 2) {
		ecs_print_main_help(stderr);
		return 3;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)
		return ecs_cmd_version(argc - 1, argv + 1);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		ecs_print_main_help(stdout);
		return 0;
	}
	cmd = ecs_command_find(argv[1]);
	if (!cmd) {
		/* `ecslint compose.yaml` or `ecslint --format gcc x.yaml` mean check. */
		if (argv[1][0] == '-' || strchr(argv[1], '.') || strchr(argv[1], '/')) {
			argv[0] = "check";
			return ecs_cmd_check(argc, argv);
		}
		fprintf(stderr, "ecslint: unknown command '%s'\nRun 'ecslint --help' for the commands.\n", argv[1]);
		return 3;
	}
	return cmd->run(argc - 1, argv + 1);
}
