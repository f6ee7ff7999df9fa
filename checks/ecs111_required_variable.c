/*
 * ecs111_required_variable.c - a ${VAR:?message} or ${VAR?message} requirement is not met.
 * Reported by the project loader (src/compose/); this file holds the metadata.
 */
#include "check.h"

const struct ecs_rule ECS111_rule = {
	.id = "ECS111",
	.name = "required-variable",
	.summary = "a ${VAR:?message} or ${VAR?message} requirement is not met",
	.source_url = "https://docs.docker.com/reference/compose-file/interpolation/",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_COMPOSE,
	.fix = ECS_FIX_NONE,
};
