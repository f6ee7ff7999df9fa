/*
 * ecs112_malformed_interpolation.c - a '$' expression is not valid Compose interpolation.
 * Reported by the project loader (src/compose/); this file holds the metadata.
 */
#include "check.h"

const struct ecs_rule ECS112_rule = {
	.id = "ECS112",
	.name = "malformed-interpolation",
	.summary = "a '$' expression is not valid Compose interpolation",
	.source_url = "https://docs.docker.com/reference/compose-file/interpolation/",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_COMPOSE,
	.fix = ECS_FIX_NONE,
};
