/*
 * commands.c - the subcommand table and its lookup.
 */
#include "commands.h"

#include <string.h>

const struct ecs_command ecs_commands[] = {
#define CMD(name, fn, summary) { #name, fn, summary, fn##_help },
#include "commands.def"
#undef CMD
};

const size_t ecs_commands_count = sizeof(ecs_commands) / sizeof(ecs_commands[0]);

const struct ecs_command *ecs_command_find(const char *name)
{
	for (size_t i = 0; i < ecs_commands_count; i++)
		if (strcmp(ecs_commands[i].name, name) == 0)
			return &ecs_commands[i];
	return NULL;
}
