/*
 * ecs004_invalid_encoding.c - the input is not valid UTF-8 or contains NUL bytes.
 * Reported by the YAML front end (src/yaml/, src/core/run.c); this file holds the metadata.
 */
#include "check.h"

const struct ecs_rule ECS004_rule = {
	.id = "ECS004",
	.name = "invalid-encoding",
	.summary = "the input is not valid UTF-8 or contains NUL bytes",
	.source_url = "https://yaml.org/spec/1.2.2/#51-character-set",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_INPUT,
	.fix = ECS_FIX_NONE,
};
