/*
 * ecs505_overlay_unknown_resource.c - x-aws-cloudformation patches a
 * resource the generated template does not have (usually a mistyped
 * logical id).  Reported by src/convert/overlay.c; this file holds the
 * metadata.
 */
#include "check.h"

const struct ecs_rule ECS505_rule = {
	.id = "ECS505",
	.name = "overlay-unknown-resource",
	.summary = "x-aws-cloudformation patches a resource the generated template does not have",
	.source_url = "https://docs.docker.com/cloud/ecs-integration/#tuning-the-cloudformation-template",
	.since = "0.1.0",
	.severity = ECS_SEV_WARNING,
	.tags = ECS_TAG_XAWS | ECS_TAG_CFN,
	.fix = ECS_FIX_HINT,
};
