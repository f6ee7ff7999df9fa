/*
 * ecs007_empty_input.c - the file holds no YAML document (empty or only comments).
 * Reported by the YAML front end (src/yaml/, src/pipeline/); this file holds the metadata.
 */
#include "check.h"

const struct ecs_rule ECS007_rule = {
	.id = "ECS007",
	.name = "empty-input",
	.summary = "the file holds no YAML document (empty or only comments)",
	.source_url = "https://docs.docker.com/reference/compose-file/",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_INPUT,
	.fix = ECS_FIX_NONE,
};
