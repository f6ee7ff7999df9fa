/*
 * service.c - each service's AWS::ECS::Service (ecs-mapping.md §3.5,
 * §11.2): Fargate 1.4.0 in awsvpc with public IPs, rolling-update
 * percentages, registry entry, load balancer attachments, DependsOn.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cvt.h"

/* MaximumPercent / MinimumHealthyPercent; returns false after reporting a problem. */
static bool rolling_update(struct cvt *c, const struct ecs_service *s, int64_t *max, int64_t *min)
{
	const struct ecs_update_config *u = s->deploy->update_config;
	const struct ecs_mint *r = &s->deploy->replicas, *par = &u->parallelism;
	bool has_min = u->x_aws_min_percent.present && u->x_aws_min_percent.valid;
	bool has_max = u->x_aws_max_percent.present && u->x_aws_max_percent.valid;

	*max = 200;
	*min = 100;
	if (!u->present)
		return true;
	if (has_min)
		*min = u->x_aws_min_percent.v;
	if (has_max)
		*max = u->x_aws_max_percent.v;
	if ((has_min && has_max) || !par->present || !par->valid)
		return true;
	if (!r->present || !r->valid) {
		cvt_error(c, &par->span, NULL, "set deploy.replicas, or x-aws-min_percent and x-aws-max_percent",
			  "update_config.parallelism needs deploy.replicas to compute the rolling-update percentages");
		return false;
	}
	if (r->v <= 0) {
		cvt_error(c, &par->span, NULL, "set deploy.replicas to at least 1, or x-aws-min_percent and x-aws-max_percent",
			  "update_config.parallelism needs a positive deploy.replicas to compute the rolling-update percentages");
		return false;
	}
	if (r->v < par->v) {
		cvt_error(c, &par->span, NULL, "lower parallelism to at most the number of replicas",
			  "update_config.parallelism %" PRId64 " is larger than deploy.replicas %" PRId64, par->v, r->v);
		return false;
	}
	if (!has_min)
		*min = (r->v - par->v) * 100 / r->v;
	if (!has_max)
		*max = (r->v + par->v) * 100 / r->v;
	return true;
}

/* c->svcs is sorted by service name (byte order). */
static int cmp_svc_name(const void *name, const void *svc)
{
	return strcmp(name, ((const struct cvt_svc *)svc)->s->name);
}

static void depends_on_services(struct cvt *c, struct cvt_svc *sv, cJSON *res)
{
	const struct ecs_service *s = sv->s;
	const char **names = ecs_arena_alloc(&c->run->arena, (s->n_depends_on + 1) * sizeof(*names));
	uint32_t n = 0;

	if (!names) {
		c->failed = true;
		return;
	}
	for (uint32_t i = 0; i < s->n_depends_on; i++) {
		const char *dep = s->depends_on[i].service.v;
		if (dep && strcmp(dep, s->name) != 0 && ecs_project_service(c->p, dep))
			names[n++] = dep;
	}
	/* Sorted: the original followed Go map order. */
	for (uint32_t i = 1; i < n; i++)
		for (uint32_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			const char *t = names[j];
			names[j] = names[j - 1];
			names[j - 1] = t;
		}
	for (uint32_t i = 0; i < n; i++) {
		const char *id = ecs_arena_printf(&c->run->arena, "%sService", cvt_normalise(c, names[i]));
		if (!id) {
			c->failed = true;
			return;
		}
		/* Not on a service whose name collides: it gets no resources. */
		const struct cvt_svc *dep = bsearch(names[i], c->svcs, c->n_svcs, sizeof(*c->svcs), cmp_svc_name);
		if (!dep || !dep->skip)
			cvt_depends_on(c, res, id);
	}
}

static int service_service(struct cvt *c, struct cvt_svc *sv)
{
	const struct ecs_service *s = sv->s;
	const char *id = ecs_arena_printf(&c->run->arena, "%sService", sv->id);
	int64_t max, min;
	cJSON *props, *res, *dc, *ctl, *net, *vpc, *regs, *reg, *it;

	if (!id)
		return -1;
	if (s->deploy->replicas.present && s->deploy->replicas.valid && s->deploy->replicas.v < 0) {
		cvt_error(c, &s->deploy->replicas.span, NULL, "use 0 to deploy no task, or a positive count",
			  "deploy.replicas cannot be negative");
		return 0;
	}
	if (!rolling_update(c, s, &max, &min))
		return 0;
	if (!(props = cvt_resource(c, id, "AWS::ECS::Service", "service", s->name, &s->name_span)))
		return c->failed ? -1 : 0;
	res = cvt_resource_get(c, id);
	cvt_set(c, props, "Cluster", cvt_cluster_arn(c));
	dc = cvt_obj(c);
	cvt_set(c, dc, "MaximumPercent", cvt_num(c, (double)max));
	cvt_set(c, dc, "MinimumHealthyPercent", cvt_num(c, (double)min));
	cvt_set(c, props, "DeploymentConfiguration", dc);
	ctl = cvt_obj(c);
	cvt_sets(c, ctl, "Type", "ECS");
	cvt_set(c, props, "DeploymentController", ctl);
	/* replicas: 0 means no task (the original omitted 0, and AWS started one). */
	cvt_set(c, props, "DesiredCount",
		cvt_num(c, s->deploy->replicas.present && s->deploy->replicas.valid ? (double)s->deploy->replicas.v : 1));
	cvt_sets(c, props, "LaunchType", sv->ec2 ? "EC2" : "FARGATE");
	cvt_take(c, props, "LoadBalancers", &sv->load_balancers);
	net = cvt_obj(c);
	vpc = cvt_obj(c);
	cvt_sets(c, vpc, "AssignPublicIp", sv->ec2 ? "DISABLED" : "ENABLED");
	it = cvt_service_sgs(c, s);
	if (cJSON_GetArraySize(it))
		cvt_set(c, vpc, "SecurityGroups", it);
	cvt_set(c, vpc, "Subnets", cvt_subnets(c));
	cvt_set(c, net, "AwsvpcConfiguration", vpc);
	cvt_set(c, props, "NetworkConfiguration", net);
	if (!sv->ec2)
		cvt_sets(c, props, "PlatformVersion", "1.4.0");
	cvt_sets(c, props, "PropagateTags", "SERVICE");
	cvt_sets(c, props, "SchedulingStrategy", "REPLICA");
	regs = cvt_arr(c);
	reg = cvt_obj(c);
	cvt_set(c, reg, "RegistryArn",
		cvt_getatt(c, ecs_arena_printf(&c->run->arena, "%sServiceDiscoveryEntry", sv->id), "Arn"));
	cvt_push(c, regs, reg);
	cvt_set(c, props, "ServiceRegistries", regs);
	cvt_set(c, props, "Tags", cvt_service_tags(c, s->name));
	cvt_set(c, props, "TaskDefinition", cvt_ref(c, ecs_arena_printf(&c->run->arena, "%sTaskDefinition", sv->id)));

	cJSON_ArrayForEach(it, sv->depends_on)
		if (cJSON_IsString(it))
			cvt_depends_on(c, res, it->valuestring);
	depends_on_services(c, sv, res);
	return c->failed ? -1 : 0;
}

const struct cvt_family cvt_family_service = {
	.name = "service",
	.service = service_service,
};
