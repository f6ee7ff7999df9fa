/*
 * ecs209_port_conflict.c - two ports that need the same listener on the
 * project's one load balancer.  The integration creates a listener per port
 * (port = container port, protocol = HTTP on an ALB, else the port's), so a
 * second one on the same port fails the deployment (duplicate listener).
 */
#include <string.h>
#include <strings.h>

#include "check.h"

static bool all_http(const struct ecs_project *p)
{
	for (uint32_t i = 0; i < p->n_services; i++)
		for (uint32_t j = 0; j < p->services[i].n_ports; j++)
			if (p->services[i].ports[j].valid && !ecs_port_is_http(&p->services[i].ports[j]))
				return false;
	return true;
}

static const char *listener_protocol(const struct ecs_port *port, bool alb)
{
	return alb ? "http" : port->effective_protocol ? port->effective_protocol : "tcp";
}

static void finish(struct ecs_check *ck)
{
	const struct ecs_project *p = ck->project;
	bool alb;

	if (!p)
		return;
	alb = all_http(p);
	for (uint32_t i = 0; i < p->n_services; i++) {
		const struct ecs_service *s = &p->services[i];

		for (uint32_t j = 0; j < s->n_ports; j++) {
			const struct ecs_port *b = &s->ports[j];
			const char *proto = listener_protocol(b, alb);
			bool done = false;

			if (!b->valid)
				continue;
			for (uint32_t k = 0; k <= i && !done; k++) {
				const struct ecs_service *t = &p->services[k];
				uint32_t upto = k == i ? j : t->n_ports;

				for (uint32_t m = 0; m < upto && !done; m++) {
					const struct ecs_port *a = &t->ports[m];
					struct ecs_diag *d;

					if (!a->valid || a->target != b->target ||
					    strcasecmp(listener_protocol(a, alb), proto) != 0)
						continue;
					d = ecs_check_report(ck, &b->span,
							     ecs_check_printf(ck, "/services/%s/ports/%u", s->name,
									      b->item_index),
							     "port '%u%s' is already published by service '%s'",
							     b->target, strcmp(proto, "udp") == 0 ? "/udp" : "", t->name);
					ecs_check_related(ck, d, &a->span, "first published here");
					ecs_check_help(ck, d, "the project has one load balancer and each port gets one "
						       "listener: publish a different port, or drop one of them");
					done = true;
				}
			}
		}
	}
}

const struct ecs_rule ECS209_rule = {
	.id = "ECS209",
	.name = "port-conflict",
	.summary = "two ports need the same listener on the project's load balancer",
	.source_url = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_FARGATE,
	.fix = ECS_FIX_HINT,
	.finish = finish,
};
