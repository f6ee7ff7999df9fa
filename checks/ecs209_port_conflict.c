/*
 * ecs209_port_conflict.c - two ports that need the same listener on the
 * project's one load balancer.  The integration creates a listener per port
 * (port = container port, protocol = HTTP on an ALB, else the port's), so a
 * second one on the same port fails the deployment (duplicate listener).
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"

struct listener {
	const struct ecs_service *s;
	const struct ecs_port *port;
	const char *proto;
	size_t order;		/* source order: the first one keeps the port */
};

static bool all_http(const struct ecs_project *p)
{
	for (uint32_t i = 0; i < p->n_services; i++)
		for (uint32_t j = 0; j < p->services[i].n_ports; j++)
			if (p->services[i].ports[j].valid && !ecs_port_is_http(&p->services[i].ports[j]))
				return false;
	return true;
}

static int cmp_listener(const void *pa, const void *pb)
{
	const struct listener *a = pa, *b = pb;
	int c;

	if (a->port->target != b->port->target)
		return a->port->target < b->port->target ? -1 : 1;
	c = strcmp(a->proto, b->proto);
	if (c)
		return c;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* Sorting by (port, protocol, order) puts each clash right after the listener it clashes with. */
static void finish(struct ecs_check *ck)
{
	const struct ecs_project *p = ck->project;
	bool alb = all_http(p);
	struct listener *v;
	size_t n = 0;

	for (uint32_t i = 0; i < p->n_services; i++)
		n += p->services[i].n_ports;
	v = ecs_check_alloc(ck, n * sizeof(*v));
	if (!v)
		return;
	n = 0;
	for (uint32_t i = 0; i < p->n_services; i++)
		for (uint32_t j = 0; j < p->services[i].n_ports; j++) {
			const struct ecs_port *port = &p->services[i].ports[j];

			if (!port->valid)
				continue;
			v[n] = (struct listener){ &p->services[i], port,
						  alb ? "http" : port->effective_protocol ? port->effective_protocol : "tcp",
						  n };
			n++;
		}
	qsort(v, n, sizeof(*v), cmp_listener);
	for (size_t i = 1, first = 0; i < n; i++) {
		struct ecs_diag *d;

		if (v[i].port->target != v[first].port->target || strcmp(v[i].proto, v[first].proto) != 0) {
			first = i;
			continue;
		}
		d = ecs_check_report(ck, &v[i].port->span,
				     ecs_check_printf(ck, "/services/%s/ports/%u", v[i].s->name, v[i].port->item_index),
				     "port '%u%s' is already published by service '%s'", v[i].port->target,
				     strcmp(v[i].proto, "udp") == 0 ? "/udp" : "", v[first].s->name);
		ecs_check_related(ck, d, &v[first].port->span, "first published here");
		ecs_check_help(ck, d, "the project has one load balancer and each port gets one listener: "
			       "publish a different port, or drop one of them");
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
