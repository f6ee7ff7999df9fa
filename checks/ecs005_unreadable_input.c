/*
 * ecs005_unreadable_input.c - an input file cannot be read (missing, a directory, permission denied).
 * Reported by the YAML front end (src/yaml/, src/core/run.c); this file holds the metadata.
 */
#include "check.h"

const struct ecs_rule ECS005_rule = {
	.id = "ECS005",
	.name = "unreadable-input",
	.summary = "an input file cannot be read (missing, a directory, permission denied)",
	.source_url = "https://docs.docker.com/reference/compose-file/",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_INPUT,
	.fix = ECS_FIX_NONE,
};
