/*
 * ecs302_template_size.c - the generated template's size against
 * CloudFormation's limits: above 51,200 bytes it cannot be sent inline
 * (the integration then needs an S3 bucket: warning), above 1 MB not at all
 * (error).  Reported at the service whose resources weigh most.
 */
#include "check.h"

#define INLINE_MAX ECS_CFN_INLINE_MAX
#define S3_MAX ECS_CFN_S3_MAX

static void check_template(struct ecs_check *ck, const struct ecs_template_view *t)
{
	const struct ecs_template_item *heavy = NULL;
	struct ecs_diag *d;

	if (t->body_bytes <= INLINE_MAX)
		return;
	for (size_t i = 0; i < t->resources.n; i++)
		if (!heavy || t->resources.v[i].bytes > heavy->bytes)
			heavy = &t->resources.v[i];
	if (t->body_is_json)
		d = ecs_check_report(ck, heavy ? &heavy->origin : &t->origin, NULL,
				     "generated template is %zu bytes as JSON, far over CloudFormation's 1 MB limit "
				     "in any format", t->body_bytes);
	else
		d = ecs_check_report(ck, heavy ? &heavy->origin : &t->origin, NULL,
				     t->body_bytes > S3_MAX
					     ? "generated template is %zu bytes, over CloudFormation's 1 MB limit"
					     : "generated template is %zu bytes, over CloudFormation's 51,200-byte inline limit",
				     t->body_bytes);
	if (!d)
		return;
	if (t->body_bytes > S3_MAX) {
		d->severity = ECS_SEV_ERROR;
		ecs_check_help(ck, d, "split the project into several stacks (several Compose projects)");
	} else {
		ecs_check_help(ck, d, "the deployment must upload the template to S3 first (the integration creates a "
			       "temporary bucket, which needs s3:CreateBucket); fewer or smaller services avoid it");
	}
	if (heavy)
		ecs_check_related(ck, d, &heavy->origin, "largest resource '%s' (%zu bytes) comes from %s",
				  heavy->logical_id, heavy->bytes, heavy->origin_name);
}

const struct ecs_rule ECS302_rule = {
	.id = "ECS302",
	.name = "template-size",
	.summary = "generated template over 51,200 bytes (S3 upload needed) or over 1 MB (too large)",
	.source_url = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
	.since = "0.1.0",
	.severity = ECS_SEV_WARNING,
	.tags = ECS_TAG_CFN,
	.fix = ECS_FIX_NONE,
	.on_template = check_template,
};
