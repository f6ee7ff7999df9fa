/*
 * ecs303_resource_count.c - more than 500 resources in the generated
 * template (CloudFormation's per-template limit).  Reported at the Compose
 * element that contributes most resources.
 */
#include <string.h>

#include "check.h"

#define MAX_RESOURCES 500u

static void check_template(struct ecs_check *ck, const struct ecs_template_view *t)
{
	const struct ecs_template_item *top = NULL;
	size_t top_n = 0;
	struct ecs_diag *d;

	if (t->resources.n <= MAX_RESOURCES)
		return;
	/* The origin with most resources: quadratic, but only past 500 resources. */
	for (size_t i = 0; i < t->resources.n; i++) {
		size_t n = 0;
		for (size_t k = 0; k < t->resources.n; k++)
			n += t->resources.v[k].origin_name == t->resources.v[i].origin_name;
		if (n > top_n) {
			top = &t->resources.v[i];
			top_n = n;
		}
	}
	d = ecs_check_report(ck, top ? &top->origin : &t->origin, NULL,
			     "generated template has %zu resources, over CloudFormation's limit of 500", t->resources.n);
	if (top)
		ecs_check_related(ck, d, &top->origin, "%s alone produces %zu of them", top->origin_name, top_n);
	ecs_check_help(ck, d, "split the services into several Compose projects (one stack each); every published "
		       "port adds a target group, a listener and an ingress rule per network");
}

const struct ecs_rule ECS303_rule = {
	.id = "ECS303",
	.name = "resource-count",
	.summary = "generated template has more than 500 resources",
	.source_url = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_CFN,
	.fix = ECS_FIX_NONE,
	.on_template = check_template,
};
