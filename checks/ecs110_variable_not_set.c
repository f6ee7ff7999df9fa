/*
 * ecs110_variable_not_set.c - a variable used in the Compose file is not set and has no default.
 * Reported by the project loader (src/compose/); this file holds the metadata.
 */
#include "check.h"

const struct ecs_rule ECS110_rule = {
	.id = "ECS110",
	.name = "variable-not-set",
	.summary = "a variable used in the Compose file is not set and has no default",
	.source_url = "https://docs.docker.com/reference/compose-file/interpolation/",
	.since = "0.1.0",
	.severity = ECS_SEV_WARNING,
	.tags = ECS_TAG_COMPOSE,
	.fix = ECS_FIX_NONE,
};
