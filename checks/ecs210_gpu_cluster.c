/*
 * ecs210_gpu_cluster.c - GPU requests the integration cannot place: a GPU
 * service with x-aws-cluster (the integration adds its GPU capacity only to
 * a cluster it creates; the original crashed), or a GPU request without a
 * count, which leaves the service on Fargate while asking for a GPU.
 */
#include <string.h>

#include "check.h"

static bool wants_gpu(const struct ecs_device_request *d)
{
	for (uint32_t i = 0; i < d->capabilities.n; i++)
		if (d->capabilities.v[i].present && strcmp(d->capabilities.v[i].v, "gpu") == 0)
			return true;
	return false;
}

/* The span of the reservation that makes the service a GPU service. */
static const struct ecs_span *gpu_span(const struct ecs_service *s)
{
	const struct ecs_resources *r = s->deploy->reservations;

	for (uint32_t i = 0; i < r->n_generic_resources; i++)
		if (r->generic_resources[i].kind.present && strcmp(r->generic_resources[i].kind.v, "gpus") == 0)
			return &r->generic_resources[i].span;
	for (uint32_t i = 0; i < r->n_devices; i++)
		if (wants_gpu(&r->devices[i]))
			return &r->devices[i].span;
	return &s->name_span;
}

static void check_service(struct ecs_check *ck, const struct ecs_service *s)
{
	const struct ecs_project *p = ck->project;
	const struct ecs_resources *r = s->deploy->reservations;
	const char *path = ecs_check_printf(ck, "/services/%s/deploy/resources/reservations", s->name);
	struct ecs_diag *d;

	if (ecs_service_on_ec2(s)) {
		if (p && p->x_aws_cluster.present) {
			d = ecs_check_report(ck, gpu_span(s), path,
					     "service '%s' reserves GPUs, which the cluster named by x-aws-cluster cannot provide", s->name);
			ecs_check_related(ck, d, &p->x_aws_cluster.span, "existing cluster set here");
			ecs_check_help(ck, d, "the integration creates GPU (EC2) capacity only in a cluster it creates: "
				       "remove x-aws-cluster, or deploy this service separately");
		}
		return;
	}
	for (uint32_t i = 0; i < r->n_devices; i++) {
		const struct ecs_device_request *dev = &r->devices[i];

		if (!wants_gpu(dev))
			continue;
		d = ecs_check_report(ck, &dev->span, ecs_check_printf(ck, "%s/devices/%u", path, i),
				     "request for a GPU without a count keeps service '%s' on Fargate, which has no GPUs", s->name);
		ecs_check_help(ck, d, "set 'count:' to the number of GPUs (e.g. 'count: 1') and 'capabilities: [gpu]' "
			       "so the service runs on GPU instances (EC2)");
		return;
	}
}

const struct ecs_rule ECS210_rule = {
	.id = "ECS210",
	.name = "gpu-cluster",
	.summary = "GPU reservation with x-aws-cluster, or a GPU request that stays on Fargate",
	.source_url = "https://docs.docker.com/cloud/ecs-compose-features/#gpu-support",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_FARGATE | ECS_TAG_XAWS,
	.fix = ECS_FIX_HINT,
	.on_service = check_service,
};
