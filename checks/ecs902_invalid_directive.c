/*
 * ecs902_invalid_directive.c - an ecslint comment directive names an unknown
 * rule or action.  Reported while scanning comments (src/engine/suppress.c);
 * this file holds the metadata.
 */
#include "check.h"

const struct ecs_rule ECS902_rule = {
	.id = "ECS902",
	.name = "invalid-directive",
	.summary = "an ecslint comment directive names an unknown rule or action",
	.source_url = "https://github.com/ecslint/ecslint/blob/main/checks/ecs902_invalid_directive.md",
	.since = "0.1.0",
	.severity = ECS_SEV_WARNING,
	.tags = ECS_TAG_TOOL,
	.fix = ECS_FIX_NONE,
};
