/*
 * ecs301_logical_id_collision.c - two Compose names become one CloudFormation
 * logical id.  Reported by the emitter's name check (src/convert/logical_id.c,
 * ecs_logical_id_check), which convert runs first; this file holds the metadata.
 */
#include "check.h"

const struct ecs_rule ECS301_rule = {
	.id = "ECS301",
	.name = "logical-id-collision",
	.summary = "two Compose names become the same CloudFormation logical id",
	.source_url = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_CFN,
	.fix = ECS_FIX_NONE,
	/* The template would lose a resource: never disabled or suppressed. */
	.mandatory = 1,
};
