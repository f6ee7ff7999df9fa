/*
 * ecs501_unknown_extension.c - an x-aws-* key that the ECS integration does
 * not read at that level (usually a typo, or the right key in the wrong
 * place).  Reported by the schema validator (src/schema/); this file holds
 * the metadata.
 */
#include "check.h"

const struct ecs_rule ECS501_rule = {
	.id = "ECS501",
	.name = "unknown-extension",
	.summary = "an x-aws-* key the ECS integration does not read at that level",
	.source_url = "https://docs.docker.com/cloud/ecs-compose-features/",
	.since = "0.1.0",
	.severity = ECS_SEV_WARNING,
	.tags = ECS_TAG_XAWS,
	.fix = ECS_FIX_SAFE,
};
