/*
 * options.h - what the command line asked for, parsed once by options.c
 * (getopt_long) and read by every command.  No globals: main() owns it.
 */
#ifndef ECS_OPTIONS_H
#define ECS_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/rule.h"

enum ecs_color { ECS_COLOR_AUTO, ECS_COLOR_ALWAYS, ECS_COLOR_NEVER };

enum ecs_format {
	ECS_FORMAT_TEXT,
	ECS_FORMAT_GCC,
	ECS_FORMAT_JSON,
	ECS_FORMAT_SARIF,
	ECS_FORMAT_GITHUB,
	ECS_FORMAT_YAML,
};

struct ecs_strlist {
	const char **v;
	size_t n, cap;
};

struct ecs_options {
	const char *command;
	struct ecs_strlist inputs;	/* positional FILE arguments */
	struct ecs_strlist files;	/* -f/--file: one project */
	struct ecs_strlist env_files;	/* --env-file */
	struct ecs_strlist profiles;	/* --profile */
	struct ecs_strlist select;	/* --select */
	struct ecs_strlist ignore;	/* --ignore */
	const char *project_name;	/* -p */
	const char *project_directory;
	const char *stdin_filename;
	const char *output;		/* -o */
	const char *config;		/* --config */
	bool no_config;
	const char *vpc, *subnets;	/* convert: offline network inputs */
	enum ecs_format format;
	bool format_set;
	enum ecs_color color;
	enum ecs_severity fail_level;	/* 0 = never fail on findings */
	size_t max_file_size;
	bool fix, unsafe_fixes, diff;
	bool help;
	/*
	 * The process environment as main() got it (NULL-terminated); the
	 * project loader copies it into a per-run table.  Tests and the LSP
	 * may point it at their own list.
	 */
	char *const *envp;
};

enum ecs_parse_status { ECS_PARSE_OK = 0, ECS_PARSE_USAGE = 3 };

void ecs_options_init(struct ecs_options *o);
void ecs_options_release(struct ecs_options *o);
/* Parses argv after the command word; writes a message to err on failure. */
int ecs_options_parse(struct ecs_options *o, int argc, char **argv, char *err, size_t err_len);
int ecs_strlist_add(struct ecs_strlist *l, const char *s);

#endif
