/*
 * ecs117_invalid_project_name.c - the project name from -p or COMPOSE_PROJECT_NAME is not valid, or no name can be derived.
 * Reported by the project loader (src/compose/); this file holds the metadata.
 */
#include "check.h"

const struct ecs_rule ECS117_rule = {
	.id = "ECS117",
	.name = "invalid-project-name",
	.summary = "the project name from -p or COMPOSE_PROJECT_NAME is not valid, or no name can be derived",
	.source_url = "https://docs.docker.com/reference/compose-file/version-and-name/",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_COMPOSE,
	.fix = ECS_FIX_NONE,
};
