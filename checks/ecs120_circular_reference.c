/*
 * ecs120_circular_reference.c - services extend each other in a cycle, or files include each other in a cycle.
 * Reported by the project loader (src/compose/); this file holds the metadata.
 */
#include "check.h"

const struct ecs_rule ECS120_rule = {
	.id = "ECS120",
	.name = "circular-reference",
	.summary = "services extend each other in a cycle, or files include each other in a cycle",
	.source_url = "https://docs.docker.com/reference/compose-file/services/#extends",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_COMPOSE,
	.fix = ECS_FIX_NONE,
};
