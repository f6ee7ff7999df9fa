/*
 * ecs104_missing_required.c - a mapping lacks an attribute the Compose
 * specification requires in it.  Reported by the schema validator
 * (src/schema/); this file holds the metadata.
 */
#include "check.h"

const struct ecs_rule ECS104_rule = {
	.id = "ECS104",
	.name = "missing-required",
	.summary = "a mapping lacks an attribute Compose requires in it",
	.source_url = "https://docs.docker.com/reference/compose-file/",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_COMPOSE,
	.fix = ECS_FIX_NONE,
};
