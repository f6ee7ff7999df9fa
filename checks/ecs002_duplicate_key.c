/*
 * ecs002_duplicate_key.c - a mapping defines the same key twice.
 * Reported by the YAML front end (src/yaml/, src/core/run.c); this file holds the metadata.
 */
#include "check.h"

const struct ecs_rule ECS002_rule = {
	.id = "ECS002",
	.name = "duplicate-key",
	.summary = "a mapping defines the same key twice",
	.source_url = "https://yaml.org/spec/1.2.2/#mapping",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_INPUT,
	.fix = ECS_FIX_SAFE,
};
