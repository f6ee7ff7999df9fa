/*
 * ecs103_invalid_value.c - a value has the right type but not an accepted
 * form: an enum or pattern the schema rejects, a number out of range, or a
 * short-syntax string (port, volume, duration, size) that does not parse.
 * Reported by the schema validator (src/schema/) and the model builder
 * (src/model/), on the exact scalar or the part of it at fault.
 */
#include "check.h"

const struct ecs_rule ECS103_rule = {
	.id = "ECS103",
	.name = "invalid-value",
	.summary = "a value has the right type but a form Compose does not accept",
	.source_url = "https://docs.docker.com/reference/compose-file/",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_COMPOSE,
	.fix = ECS_FIX_NONE,
};
