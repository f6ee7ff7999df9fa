/*
 * gpu.c - services reserving GPUs run on EC2 (ecs-mapping.md §10.1-10.2):
 * EC2 launch type, raw task sizes, a GPU resource requirement on the
 * container, and placement constraints ECS can evaluate.  The cluster's
 * EC2 capacity is capacity.c's.
 */
#include <inttypes.h>
#include <string.h>

#include "../../checks/rules.h"
#include "cvt.h"

static bool wants_gpu(const struct ecs_device_request *d)
{
	for (uint32_t i = 0; i < d->capabilities.n; i++)
		if (d->capabilities.v[i].present && strcmp(d->capabilities.v[i].v, "gpu") == 0)
			return true;
	return false;
}

/* GPUs a device request reserves: count, else one per device id; -1 for all. */
static int64_t device_gpus(const struct ecs_device_request *d)
{
	if (d->count.present)
		return d->count_all || !d->count.valid ? -1 : d->count.v;
	if (d->device_ids.present)
		return d->device_ids.n;
	return -1;
}

int64_t cvt_service_gpus(const struct ecs_service *s, const struct ecs_span **at)
{
	const struct ecs_resources *r = s->deploy->reservations;
	int64_t total = 0;
	bool any = false;

	*at = NULL;
	for (uint32_t i = 0; i < r->n_generic_resources; i++) {
		const struct ecs_generic_resource *g = &r->generic_resources[i];
		if (!g->kind.present || strcmp(g->kind.v, "gpus") != 0)
			continue;
		if (!*at)
			*at = &g->span;
		any = true;
		if (g->value.present && g->value.valid && g->value.v > 0)
			total += g->value.v;
	}
	/* Any device with the gpu capability counts (the original needed exactly [gpu] to pick EC2). */
	for (uint32_t i = 0; i < r->n_devices; i++) {
		int64_t n;
		if (!wants_gpu(&r->devices[i]))
			continue;
		if (!*at)
			*at = &r->devices[i].span;
		any = true;
		if ((n = device_gpus(&r->devices[i])) < 0) {
			*at = &r->devices[i].span;
			return -1;
		}
		total += n;
	}
	return any ? total : 0;
}

/* ECS cannot read Swarm's node.ami / node.machine: its own attributes say the same. */
const char *cvt_placement_expression(struct cvt *c, const char *constraint)
{
	static const struct {
		const char *swarm, *ecs;
	} names[] = { { "node.ami ==", "attribute:ecs.ami-id ==" },
		      { "node.machine ==", "attribute:ecs.instance-type ==" } };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		size_t n = strlen(names[i].swarm);
		if (strncmp(constraint, names[i].swarm, n) == 0) {
			const char *e = ecs_arena_printf(&c->run->arena, "%s%s", names[i].ecs, constraint + n);
			if (!e)
				c->failed = true;
			return e;
		}
	}
	return constraint;
}

static bool memory_given(const struct ecs_service *s)
{
	const struct ecs_mint *lim = &s->deploy->limits->memory, *res = &s->deploy->reservations->memory;

	return (lim->present && lim->valid && lim->v >= 1048576) || (res->present && res->valid && res->v >= 1048576);
}

/* The JSON pointer rule ECS210 gives the device request at `at`. */
static const char *device_path(struct cvt *c, const struct ecs_service *s, const struct ecs_span *at)
{
	const struct ecs_resources *r = s->deploy->reservations;

	for (uint32_t i = 0; i < r->n_devices; i++)
		if (&r->devices[i].span == at)
			return ecs_arena_printf(&c->run->arena, "/services/%s/deploy/resources/reservations/devices/%u",
						s->name, i);
	return NULL;
}

static int gpu_service(struct cvt *c, struct cvt_svc *sv)
{
	const struct ecs_service *s = sv->s;
	const struct ecs_span *at;
	int64_t gpus = cvt_service_gpus(s, &at);
	struct ecs_diag *d;
	cJSON *req;

	if (gpus == 0)
		return 0;
	if (gpus < 0) {
		/* Rule ECS210's finding, so `check` reports it once. */
		cvt_report(c, &ECS210_rule, at, device_path(c, s, at),
			   "set 'count:' to the number of GPUs (e.g. 'count: 1') and 'capabilities: [gpu]' so the service "
			   "runs on GPU instances (EC2)",
			   "request for a GPU without a count keeps service '%s' on Fargate, which has no GPUs", s->name);
		return 0;
	}
	if (!memory_given(s)) {
		/* The original left both out: ECS refuses such a task on EC2. */
		cvt_error(c, at, NULL, "set deploy.resources.limits.memory or reservations.memory (e.g. 8G)",
			  "GPU service '%s' runs on EC2, where ECS needs the memory of the task", s->name);
		return 0;
	}
	if (cvt_external_cluster(c)) {
		/* The original crashed here; rule ECS210's finding. */
		d = cvt_report(c, &ECS210_rule, at,
			       ecs_arena_printf(&c->run->arena, "/services/%s/deploy/resources/reservations", s->name),
			       "the integration creates GPU (EC2) capacity only in a cluster it creates: remove "
			       "x-aws-cluster, or deploy this service separately",
			       "service '%s' reserves GPUs, which the cluster named by x-aws-cluster cannot provide", s->name);
		if (d)
			ecs_diag_related(&c->run->diags, d, &c->p->x_aws_cluster.span, "existing cluster set here");
		return 0;
	}
	sv->ec2 = true;
	req = cvt_obj(c);
	cvt_sets(c, req, "Type", "GPU");
	cvt_set(c, req, "Value", cvt_strf(c, "%" PRId64, gpus));
	cvt_push(c, cvt_list(c, &sv->resource_requirements), req);
	return c->failed ? -1 : 0;
}

const struct cvt_family cvt_family_gpu = {
	.name = "gpu",
	.service = gpu_service,
};
