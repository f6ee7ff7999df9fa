/*
 * ecs116_merge_conflict.c - an override file gives an attribute a shape that cannot be merged.
 * Reported by the project loader (src/compose/); this file holds the metadata.
 */
#include "check.h"

const struct ecs_rule ECS116_rule = {
	.id = "ECS116",
	.name = "merge-conflict",
	.summary = "an override file gives an attribute a shape that cannot be merged",
	.source_url = "https://docs.docker.com/reference/compose-file/merge/",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_COMPOSE,
	.fix = ECS_FIX_NONE,
};
