/*
 * ecs003_resource_limit.c - the input exceeds a safety limit (nesting depth, alias expansion, file size, documents).
 * Reported by the YAML front end (src/yaml/, src/core/run.c); this file holds the metadata.
 */
#include "check.h"

const struct ecs_rule ECS003_rule = {
	.id = "ECS003",
	.name = "resource-limit",
	.summary = "the input exceeds a safety limit (nesting depth, alias expansion, file size, documents)",
	.source_url = "https://en.wikipedia.org/wiki/Billion_laughs_attack",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_INPUT,
	.fix = ECS_FIX_NONE,
};
