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
};

#define CMD(name, fn, summary) int fn(int argc, char **argv);
#include "commands.def"
#undef CMD

extern const struct ecs_command ecs_commands[];
extern const size_t ecs_commands_count;
const struct ecs_command *ecs_command_find(const char *name);

/* Help text of a command, or of ecslint itself for NULL; NULL if unknown. */
const char *ecs_help_text(const char *command);

#define ECSLINT_VERSION "0.1.0"
#define ECSLINT_URL "https://github.com/ecslint/ecslint"

#endif
