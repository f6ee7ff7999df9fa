/*
 * ecs103_invalid_value.c - a value of the right type that Compose still
 * rejects: not one of the allowed values, outside its range, not matching
 * its pattern, a repeated list item, or a short syntax that does not parse.
 * Reported by the schema validator (src/schema/) and by the short-syntax
 * parsers of the Compose model; this file holds the metadata.
 */
#include "check.h"

const struct ecs_rule ECS103_rule = {
	.id = "ECS103",
	.name = "invalid-value",
	.summary = "a value Compose rejects: not allowed, out of range, malformed or repeated",
	.source_url = "https://docs.docker.com/reference/compose-file/",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_COMPOSE,
	.fix = ECS_FIX_NONE,
};
