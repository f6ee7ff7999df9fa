/*
 * ecs122_disabled_dependency.c - an enabled service depends on a service whose profiles are all inactive.
 * Reported by the project loader (src/compose/); this file holds the metadata.
 */
#include "check.h"

const struct ecs_rule ECS122_rule = {
	.id = "ECS122",
	.name = "disabled-dependency",
	.summary = "an enabled service depends on a service whose profiles are all inactive",
	.source_url = "https://docs.docker.com/reference/compose-file/profiles/",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_COMPOSE,
	.fix = ECS_FIX_NONE,
};
