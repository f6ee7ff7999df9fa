/*
 * ecs303_resource_count.c - more than 500 resources in the generated
 * template (CloudFormation's per-template limit).  Reported at the Compose
 * element that contributes most resources.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"

#define MAX_RESOURCES 500u

static int cmp_origin(const void *pa, const void *pb)
{
	const struct ecs_template_item *a = *(const struct ecs_template_item *const *)pa;
	const struct ecs_template_item *b = *(const struct ecs_template_item *const *)pb;
	int c = strcmp(a->origin_name, b->origin_name);

	return c ? c : a < b ? -1 : a > b;
}

static void check_template(struct ecs_check *ck, const struct ecs_template_view *t)
{
	const struct ecs_template_item *top = NULL, **v;
	size_t top_n = 0;
	struct ecs_diag *d;

	if (t->resources.n <= MAX_RESOURCES)
		return;
	/* The origin with most resources: sort by origin, count the runs. */
	v = ecs_check_alloc(ck, t->resources.n * sizeof(*v));
	if (!v)
		return;
	for (size_t i = 0; i < t->resources.n; i++)
		v[i] = &t->resources.v[i];
	qsort(v, t->resources.n, sizeof(*v), cmp_origin);
	for (size_t i = 0, run = 0; i < t->resources.n; i++) {
		run = i && strcmp(v[i]->origin_name, v[i - 1]->origin_name) == 0 ? run + 1 : 1;
		if (run > top_n) {
			top_n = run;
			top = v[i];
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
