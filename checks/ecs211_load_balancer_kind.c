/*
 * ecs211_load_balancer_kind.c - one non-HTTP port among HTTP ones turns the
 * project's single load balancer into a network load balancer for every
 * service (ecs-mapping.md §5.1): HTTP services silently lose the ALB.
 */
#include "check.h"

static void finish(struct ecs_check *ck)
{
	const struct ecs_project *p = ck->project;
	const struct ecs_port *first_http = NULL, *first_other = NULL;
	const struct ecs_service *other_svc = NULL;
	struct ecs_diag *d;

	if (!p)
		return;
	for (uint32_t i = 0; i < p->n_services; i++) {
		for (uint32_t j = 0; j < p->services[i].n_ports; j++) {
			const struct ecs_port *port = &p->services[i].ports[j];

			if (!port->valid)
				continue;
			if (ecs_port_is_http(port)) {
				if (!first_http)
					first_http = port;
			} else if (!first_other) {
				first_other = port;
				other_svc = &p->services[i];
			}
		}
	}
	if (!first_http || !first_other)
		return;
	d = ecs_check_report(ck, &first_other->span,
			     ecs_check_printf(ck, "/services/%s/ports/%u", other_svc->name, first_other->item_index),
			     "port '%u' is not HTTP, so the load balancer becomes a network load balancer for every service",
			     first_other->target);
	ecs_check_related(ck, d, &first_http->span, "this HTTP port then gets a TCP listener, not an HTTP one");
	ecs_check_help(ck, d, "mark ports that speak HTTP with 'x-aws-protocol: http' (long syntax); "
		       "keep non-HTTP services off the load balancer to keep an application load balancer");
}

const struct ecs_rule ECS211_rule = {
	.id = "ECS211",
	.name = "load-balancer-kind",
	.summary = "mixed HTTP and non-HTTP ports turn the load balancer into an NLB",
	.source_url = "https://docs.docker.com/cloud/ecs-compose-features/#load-balancing",
	.since = "0.1.0",
	.severity = ECS_SEV_INFO,
	.tags = ECS_TAG_FARGATE,
	.fix = ECS_FIX_NONE,
	.finish = finish,
};
