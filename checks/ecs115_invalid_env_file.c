/*
 * ecs115_invalid_env_file.c - a line of an env file (.env, --env-file) is not valid dotenv syntax.
 * Reported by the project loader (src/compose/); this file holds the metadata.
 */
#include "check.h"

const struct ecs_rule ECS115_rule = {
	.id = "ECS115",
	.name = "invalid-env-file",
	.summary = "a line of an env file (.env, --env-file) is not valid dotenv syntax",
	.source_url = "https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_COMPOSE,
	.fix = ECS_FIX_NONE,
};
