/*
 * ecs216_interface_security_groups.c - more than five security
 * groups on the network interfaces of the application load balancer or of
 * the GPU instances.  The integration gives both the security group of
 * every network a service uses (ecs-mapping.md §5.1, §10.3; cvt_project_sgs
 * in src/convert/networks.c, used by load_balancer.c and capacity.c), and a
 * network interface takes five by default (an adjustable VPC quota), so
 * the stack fails at deploy time in an account that did not raise it.  The
 * EFS mount targets get the same list (ECS214).
 */
#include "../src/core/run.h"
#include "check.h"

#define INTERFACE_MAX_SGS 5

static void related_sixth(struct ecs_check *ck, struct ecs_diag *d, const struct ecs_security_group *sgs)
{
	if (sgs[INTERFACE_MAX_SGS].span)
		ecs_check_related(ck, d, sgs[INTERFACE_MAX_SGS].span, "network '%s' adds the sixth security group",
				  sgs[INTERFACE_MAX_SGS].network);
}

static void check_project(struct ecs_check *ck, const struct ecs_project *p)
{
	const struct ecs_service *http_service = NULL, *gpu_service = NULL;
	const struct ecs_port *http_port = NULL;
	bool alb = ecs_project_creates_alb(p, &http_service, &http_port);
	bool gpu = ecs_project_creates_gpu_capacity(p, &gpu_service);
	const struct ecs_security_group *sgs;
	struct ecs_diag *d;
	int64_t n;

	if (!alb && !gpu)
		return;
	n = ecs_project_security_groups(p, &ck->run->arena, &sgs);
	if (n <= INTERFACE_MAX_SGS)
		return;
	if (alb) {
		d = ecs_check_report(ck, &http_port->span,
				     ecs_check_printf(ck, "/services/%s/ports/%u", http_service->name, http_port->item_index),
				     "the application load balancer would get %lld security groups, more than the 5 a "
				     "network interface takes by default", (long long)n);
		related_sixth(ck, d, sgs);
		ecs_check_help(ck, d, "the load balancer gets the security group of every network the services use: "
			       "attach the services to at most 5 networks, or raise the account's 'security groups per "
			       "network interface' quota (up to 16)");
	}
	if (gpu) {
		d = ecs_check_report(ck, &gpu_service->name_span, ecs_check_printf(ck, "/services/%s", gpu_service->name),
				     "the GPU instances for service '%s' would get %lld security groups, more than the 5 a "
				     "network interface takes by default", gpu_service->name, (long long)n);
		related_sixth(ck, d, sgs);
		ecs_check_help(ck, d, "the GPU instances' launch template gets the security group of every network the "
			       "services use: attach the services to at most 5 networks, or raise the account's "
			       "'security groups per network interface' quota (up to 16)");
	}
}

const struct ecs_rule ECS216_rule = {
	.id = "ECS216",
	.name = "interface-security-groups",
	.summary = "the load balancer or GPU instances would get more security groups than a network interface takes",
	.source_url = "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups",
	.since = "0.1.0",
	.severity = ECS_SEV_WARNING,
	.tags = ECS_TAG_FARGATE,
	.fix = ECS_FIX_HINT,
	.on_project = check_project,
};
