/*
 * ecs211_load_balancer_kind.c - one non-HTTP port among HTTP ones turns the
 * project's single load balancer into a network load balancer for every
 * service (ecs-mapping.md §5.1): HTTP services silently lose the ALB.
 */
#include "check.h"

/* The first port of each kind seen by the walk, in source order. */
struct state {
	const struct ecs_port *first_http, *first_other;
	const struct ecs_service *other_service;
};

static void on_port(struct ecs_check *ck, const struct ecs_service *s, const struct ecs_port *port)
{
	struct state *st = ck->state;

	if (!port->valid)
		return;
	if (ecs_port_is_http(port)) {
		if (!st->first_http)
			st->first_http = port;
	} else if (!st->first_other) {
		st->first_other = port;
		st->other_service = s;
	}
}

static void finish(struct ecs_check *ck)
{
	const struct state *st = ck->state;
	struct ecs_diag *d;

	if (!st->first_http || !st->first_other)
		return;
	d = ecs_check_report(ck, &st->first_other->span,
			     ecs_check_printf(ck, "/services/%s/ports/%u", st->other_service->name,
					      st->first_other->item_index),
			     "port '%u' is not HTTP, so the load balancer becomes a network load balancer for every service",
			     st->first_other->target);
	ecs_check_related(ck, d, &st->first_http->span, "this HTTP port then gets a TCP listener, not an HTTP one");
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
	.state_size = sizeof(struct state),
	.on_port = on_port,
	.finish = finish,
};
