/*
 * ecs114_yaml11_boolean.c - an unquoted yes/no/on/off where Compose expects
 * a string (environment and label values, restart: no, ...): YAML 1.1
 * readers make it a boolean.  Reported by the model builder
 * (src/model/build_value.c) with a safe fix that quotes it.
 */
#include "check.h"

const struct ecs_rule ECS114_rule = {
	.id = "ECS114",
	.name = "yaml11-boolean",
	.summary = "an unquoted yes/no/on/off string is a boolean to YAML 1.1 readers",
	.source_url = "https://docs.docker.com/reference/compose-file/services/#environment",
	.since = "0.1.0",
	.severity = ECS_SEV_WARNING,
	.tags = ECS_TAG_COMPOSE,
	.fix = ECS_FIX_SAFE,
};
