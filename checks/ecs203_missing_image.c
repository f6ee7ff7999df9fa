/*
 * ecs203_missing_image.c - a service without `image` (build-only): ECS runs
 * images from a registry and never builds, so the integration refuses the
 * project ("service <svc> doesn't define a Docker image to run").
 */
#include "check.h"

static void check_service(struct ecs_check *ck, const struct ecs_service *s)
{
	struct ecs_diag *d;

	if (s->image.present && s->image.len)
		return;
	d = ecs_check_report(ck, &s->name_span, ecs_check_printf(ck, "/services/%s", s->name),
			     "service '%s' has no image to run", s->name);
	if (s->build) {
		const struct ecs_pair *b = ecs_node_map_pair(s->node, "build");
		if (b)
			ecs_check_related(ck, d, &b->key->span, "ECS does not build images");
		ecs_check_help(ck, d, "build and push the image to a registry (e.g. ECR), then set 'image:' to it");
	} else {
		ecs_check_help(ck, d, "set 'image:' to an image in a registry ECS can pull from");
	}
}

const struct ecs_rule ECS203_rule = {
	.id = "ECS203",
	.name = "missing-image",
	.summary = "service without an image (ECS cannot build images)",
	.source_url = "https://docs.docker.com/cloud/ecs-integration/",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_FARGATE,
	.fix = ECS_FIX_HINT,
	.on_service = check_service,
};
