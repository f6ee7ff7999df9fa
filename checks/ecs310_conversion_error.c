/*
 * ecs310_conversion_error.c - the emitter cannot express a value in the
 * template (no Fargate size fits, rolling-update percentages that cannot be
 * computed, a log retention CloudWatch refuses).  Reported by src/convert/;
 * this file holds the metadata.
 */
#include "check.h"

const struct ecs_rule ECS310_rule = {
	.id = "ECS310",
	.name = "conversion-error",
	.summary = "a value cannot be converted to a valid CloudFormation template",
	.source_url = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_CFN,
	.fix = ECS_FIX_NONE,
	/* The template would be invalid: never disabled or suppressed. */
	.mandatory = 1,
};
