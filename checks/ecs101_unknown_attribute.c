/*
 * ecs101_unknown_attribute.c - a key the Compose specification does not
 * define at that level.  Reported by the schema validator (src/schema/);
 * this file holds the metadata.
 */
#include "check.h"

const struct ecs_rule ECS101_rule = {
	.id = "ECS101",
	.name = "unknown-attribute",
	.summary = "a key the Compose specification does not define at that level",
	.source_url = "https://docs.docker.com/reference/compose-file/",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_COMPOSE,
	.fix = ECS_FIX_SAFE,
};
