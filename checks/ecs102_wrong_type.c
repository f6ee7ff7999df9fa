/*
 * ecs102_wrong_type.c - a value of a type the Compose specification does
 * not accept there (a string where a list is expected...).  Reported by the
 * schema validator (src/schema/); this file holds the metadata.
 */
#include "check.h"

const struct ecs_rule ECS102_rule = {
	.id = "ECS102",
	.name = "wrong-type",
	.summary = "a value of a type the Compose specification does not accept there",
	.source_url = "https://docs.docker.com/reference/compose-file/",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_COMPOSE,
	.fix = ECS_FIX_NONE,
};
