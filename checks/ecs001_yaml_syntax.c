/*
 * ecs001_yaml_syntax.c - the file is not well-formed YAML.
 * Reported by the YAML front end (src/yaml/, src/core/run.c); this file holds the metadata.
 */
#include "check.h"

const struct ecs_rule ECS001_rule = {
	.id = "ECS001",
	.name = "yaml-syntax",
	.summary = "the file is not well-formed YAML",
	.source_url = "https://yaml.org/spec/1.2.2/",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_INPUT,
	.fix = ECS_FIX_NONE,
};
