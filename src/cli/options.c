/*
 * options.c - the one option table shared by check, config and convert.
 */
#include "options.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/run.h"

enum {
	OPT_COLOR = 256, OPT_STDIN_FILENAME, OPT_FAIL_LEVEL, OPT_SELECT, OPT_IGNORE,
	OPT_CONFIG, OPT_NO_CONFIG, OPT_ENV_FILE, OPT_PROFILE, OPT_PROJECT_DIR,
	OPT_MAX_FILE_SIZE, OPT_VPC, OPT_SUBNETS, OPT_FIX, OPT_UNSAFE_FIXES, OPT_DIFF,
};

static const struct option long_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "file", required_argument, NULL, 'f' },
	{ "project-name", required_argument, NULL, 'p' },
	{ "format", required_argument, NULL, 'F' },
	{ "output", required_argument, NULL, 'o' },
	{ "color", optional_argument, NULL, OPT_COLOR },
	{ "colour", optional_argument, NULL, OPT_COLOR },
	{ "stdin-filename", required_argument, NULL, OPT_STDIN_FILENAME },
	{ "fail-level", required_argument, NULL, OPT_FAIL_LEVEL },
	{ "select", required_argument, NULL, OPT_SELECT },
	{ "ignore", required_argument, NULL, OPT_IGNORE },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "no-config", no_argument, NULL, OPT_NO_CONFIG },
	{ "env-file", required_argument, NULL, OPT_ENV_FILE },
	{ "profile", required_argument, NULL, OPT_PROFILE },
	{ "project-directory", required_argument, NULL, OPT_PROJECT_DIR },
	{ "max-file-size", required_argument, NULL, OPT_MAX_FILE_SIZE },
	{ "vpc", required_argument, NULL, OPT_VPC },
	{ "subnets", required_argument, NULL, OPT_SUBNETS },
	{ "fix", no_argument, NULL, OPT_FIX },
	{ "unsafe-fixes", no_argument, NULL, OPT_UNSAFE_FIXES },
	{ "diff", no_argument, NULL, OPT_DIFF },
	{ NULL, 0, NULL, 0 },
};

static const struct {
	const char *name;
	enum ecs_format format;
} formats[] = {
	{ "gcc", ECS_FORMAT_GCC },	 { "github", ECS_FORMAT_GITHUB }, { "json", ECS_FORMAT_JSON },
	{ "sarif", ECS_FORMAT_SARIF }, { "text", ECS_FORMAT_TEXT },	  { "yaml", ECS_FORMAT_YAML },
};

/* The only read of the process environment; everything after gets o->envp. */
extern char **environ;

void ecs_options_init(struct ecs_options *o)
{
	memset(o, 0, sizeof(*o));
	o->envp = environ;
	o->fail_level = ECS_SEV_ERROR;
	o->max_file_size = ECS_DEFAULT_MAX_FILE_SIZE;
}

void ecs_options_release(struct ecs_options *o)
{
	struct ecs_strlist *lists[] = { &o->inputs, &o->files, &o->env_files, &o->profiles,
					&o->select, &o->ignore };

	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		free(lists[i]->v);
	memset(o, 0, sizeof(*o));
}

int ecs_strlist_add(struct ecs_strlist *l, const char *s)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		const char **v = realloc(l->v, cap * sizeof(*v));
		if (!v)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = s;
	return 0;
}

/* --select ECS201,ECS202 and repeated flags both work. */
static int add_csv(struct ecs_strlist *l, char *arg)
{
	for (char *save = NULL, *tok = strtok_r(arg, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		if (*tok && ecs_strlist_add(l, tok) < 0)
			return -1;
	return 0;
}

int ecs_options_parse(struct ecs_options *o, int argc, char **argv, char *err, size_t err_len)
{
	int c;

	o->command = argc > 0 ? argv[0] : NULL;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hf:p:o:", long_options, NULL)) != -1) {
		switch (c) {
		case 'h':
			o->help = true;
			break;
		case 'f':
			if (ecs_strlist_add(&o->files, optarg) < 0)
				goto nomem;
			break;
		case 'p':
			o->project_name = optarg;
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'F': {
			size_t i;
			for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
				if (strcmp(optarg, formats[i].name) == 0)
					break;
			if (i == sizeof(formats) / sizeof(formats[0])) {
				snprintf(err, err_len, "unknown --format '%s' (text, gcc, json, sarif, github, yaml)", optarg);
				return ECS_PARSE_USAGE;
			}
			o->format = formats[i].format;
			o->format_set = true;
			break;
		}
		case OPT_COLOR:
			if (!optarg || strcmp(optarg, "always") == 0)
				o->color = ECS_COLOR_ALWAYS;
			else if (strcmp(optarg, "never") == 0)
				o->color = ECS_COLOR_NEVER;
			else if (strcmp(optarg, "auto") == 0)
				o->color = ECS_COLOR_AUTO;
			else {
				snprintf(err, err_len, "unknown --color '%s' (auto, always, never)", optarg);
				return ECS_PARSE_USAGE;
			}
			break;
		case OPT_STDIN_FILENAME:
			o->stdin_filename = optarg;
			break;
		case OPT_FAIL_LEVEL:
			if (strcmp(optarg, "none") == 0) {
				o->fail_level = (enum ecs_severity)0;
				break;
			}
			o->fail_level = ecs_severity_parse(optarg);
			if (!o->fail_level) {
				snprintf(err, err_len, "unknown --fail-level '%s' (error, warning, info, none)", optarg);
				return ECS_PARSE_USAGE;
			}
			break;
		case OPT_SELECT:
			if (add_csv(&o->select, optarg) < 0)
				goto nomem;
			break;
		case OPT_IGNORE:
			if (add_csv(&o->ignore, optarg) < 0)
				goto nomem;
			break;
		case OPT_CONFIG:
			o->config = optarg;
			break;
		case OPT_NO_CONFIG:
			o->no_config = true;
			break;
		case OPT_ENV_FILE:
			if (ecs_strlist_add(&o->env_files, optarg) < 0)
				goto nomem;
			break;
		case OPT_PROFILE:
			if (add_csv(&o->profiles, optarg) < 0)
				goto nomem;
			break;
		case OPT_PROJECT_DIR:
			o->project_directory = optarg;
			break;
		case OPT_MAX_FILE_SIZE: {
			char *end;
			unsigned long long v = strtoull(optarg, &end, 10);
			if (*end || v == 0 || v > 1024ull * 1024 * 1024) {
				snprintf(err, err_len, "--max-file-size takes a byte count between 1 and 1073741824");
				return ECS_PARSE_USAGE;
			}
			o->max_file_size = (size_t)v;
			break;
		}
		case OPT_VPC:
			o->vpc = optarg;
			break;
		case OPT_SUBNETS:
			o->subnets = optarg;
			break;
		case OPT_FIX:
			o->fix = true;
			break;
		case OPT_UNSAFE_FIXES:
			o->unsafe_fixes = true;
			break;
		case OPT_DIFF:
			o->diff = true;
			break;
		case ':':
			snprintf(err, err_len, "option '%s' needs a value", argv[optind - 1]);
			return ECS_PARSE_USAGE;
		default:
			snprintf(err, err_len, "unknown option '%s'", argv[optind - 1]);
			return ECS_PARSE_USAGE;
		}
	}
	for (int i = optind; i < argc; i++)
		if (ecs_strlist_add(&o->inputs, argv[i]) < 0)
			goto nomem;
	return ECS_PARSE_OK;
nomem:
	snprintf(err, err_len, "out of memory");
	return ECS_PARSE_USAGE;
}
