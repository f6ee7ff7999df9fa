/*
 * ecs901_unused_suppression.c - an inline suppression that matched no finding.
 * Reported by the suppression pass (src/engine/suppress.c via src/pipeline/lint.c)
 * after every rule ran; this file holds the metadata.
 */
#include "check.h"

const struct ecs_rule ECS901_rule = {
	.id = "ECS901",
	.name = "unused-suppression",
	.summary = "an ecslint suppression comment matches no finding",
	.source_url = "https://github.com/ecslint/ecslint/blob/main/checks/ecs901_unused_suppression.md",
	.since = "0.1.0",
	.severity = ECS_SEV_INFO,
	.tags = ECS_TAG_TOOL,
	.fix = ECS_FIX_NONE,
};
