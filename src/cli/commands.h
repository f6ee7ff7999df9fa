/*
 * commands.h - the subcommand table built from commands.def.
 */
#ifndef ECS_COMMANDS_H
#define ECS_COMMANDS_H

#include <stddef.h>

/* Every command gets argv starting at its own name; returns the exit status. */
typedef int (*ecs_command_fn)(int argc, char **argv);

struct ecs_command {
	const char *name;
	ecs_command_fn run;
	const char *summary;
	const char *help;
};

#define CMD(name, fn, summary) int fn(int argc, char **argv); extern const char fn##_help[];
#include "commands.def"
#undef CMD

extern const struct ecs_command ecs_commands[];
extern const size_t ecs_commands_count;
const struct ecs_command *ecs_command_find(const char *name);

/* Help text of a command; NULL if unknown. */
const char *ecs_help_text(const char *command);
/* The overview: usage, the command table, exit statuses. */
#include <stdio.h>
void ecs_print_main_help(FILE *fp);

#define ECSLINT_VERSION "0.1.0"
#define ECSLINT_URL "https://github.com/ecslint/ecslint"

#endif
