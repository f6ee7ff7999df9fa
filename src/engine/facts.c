/*
 * facts.c - the ECS integration's decisions (ecs-mapping.md §4, §5.1, §10.1), as
 * ecslint's emitter makes them.
 */
#include "facts.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/arena.h"
#include "../convert/cvt.h"
#include "../convert/fargate.h"
#include "../model/model.h"

int64_t ecs_service_gpus(const struct ecs_service *s)
{
	const struct ecs_span *at;

	/* The emitter's count, so a rule never disagrees with the template about EC2. */
	return cvt_service_gpus(s, &at);
}

bool ecs_service_on_ec2(const struct ecs_service *s)
{
	return ecs_service_gpus(s) > 0;
}

bool ecs_port_is_http(const struct ecs_port *port)
{
	if (port->x_aws_protocol.present)
		return strcmp(port->x_aws_protocol.v, "http") == 0 || strcmp(port->x_aws_protocol.v, "https") == 0;
	return port->target == 80 || port->target == 443;
}

const struct ecs_resources *ecs_service_sizing(const struct ecs_service *s)
{
	if (s->deploy->limits->present)
		return s->deploy->limits;
	if (s->deploy->reservations->present)
		return s->deploy->reservations;
	return NULL;
}

bool ecs_fargate_size(int64_t millicpus, int64_t mem_bytes, int *cpu_units, int *mem_mib)
{
	struct ecs_fargate_size fit;

	/* The emitter's table and rounding (src/convert/fargate.h): the rule and the template agree. */
	if (!ecs_fargate_fit(ecs_fargate_cpu_units(millicpus > 0 ? millicpus : 0), mem_bytes > 0 ? mem_bytes : 0, &fit))
		return false;
	*cpu_units = (int)fit.cpu;
	*mem_mib = (int)fit.memory;
	return true;
}

int64_t ecs_project_security_groups(const struct ecs_project *p, struct ecs_arena *a,
				    const struct ecs_security_group **out)
{
	/* Per network (by index): its first attachment, in source order; non-NULL marks it used. */
	const struct ecs_span **first = ecs_arena_zalloc(a, (p->n_networks + 1) * sizeof(*first));
	struct ecs_security_group *l = ecs_arena_zalloc(a, (p->n_networks + 2) * sizeof(*l));
	const struct ecs_span *synthetic = NULL;
	bool default_referenced = false;
	uint32_t n = 0;

	if (!first || !l)
		return -1;
	for (uint32_t i = 0; i < p->n_services; i++) {
		const struct ecs_service *s = &p->services[i];
		for (uint32_t j = 0; j < s->n_networks; j++) {
			const char *key = s->networks[j].name.v;
			const struct ecs_network *net;
			/* The implicit default attachment is written nowhere: the service is. */
			const struct ecs_span *at = s->default_network ? &s->name_span : &s->networks[j].span;

			if (!key)
				continue;
			net = ecs_project_network(p, key);
			if (net && net->index < p->n_networks) {
				if (!first[net->index])
					first[net->index] = at;
			} else if (!net && strcmp(key, "default") == 0 && !default_referenced) {
				/* Compose defines a `default` a service names even when the file does not. */
				default_referenced = true;
				synthetic = at;
			}
		}
	}
	for (uint32_t i = 0; i < p->n_networks; i++) {
		const struct ecs_network *net = p->networks_sorted[i];
		if (default_referenced && strcmp("default", net->key) < 0) {
			l[n++] = (struct ecs_security_group){ "default", synthetic };
			default_referenced = false;
		}
		if (net->index >= p->n_networks || !first[net->index])
			continue;
		l[n++] = (struct ecs_security_group){ net->key, net->implicit ? first[net->index] : &net->key_span };
	}
	if (default_referenced)
		l[n++] = (struct ecs_security_group){ "default", synthetic };
	*out = l;
	return n;
}

static int by_network(const void *x, const void *y)
{
	const struct ecs_security_group *a = x, *b = y;
	int r = strcmp(a->network, b->network);

	/* Ties by source position, so each network keeps its first attachment. */
	if (r || !a->span || !b->span)
		return r;
	if (a->span->file != b->span->file)
		return a->span->file < b->span->file ? -1 : 1;
	return a->span->start.byte < b->span->start.byte ? -1 : a->span->start.byte > b->span->start.byte;
}

int64_t ecs_service_security_groups(const struct ecs_service *s, struct ecs_arena *a,
				    const struct ecs_security_group **out)
{
	struct ecs_security_group *l = ecs_arena_zalloc(a, (s->n_networks + 1) * sizeof(*l));
	uint32_t n = 0, kept = 0;

	if (!l)
		return -1;
	for (uint32_t i = 0; i < s->n_networks; i++)
		if (s->networks[i].name.v)
			l[n++] = (struct ecs_security_group){ s->networks[i].name.v,
							      s->default_network ? &s->name_span : &s->networks[i].span };
	/* Sorted, each network once: cvt_service_sgs' list (qsort: a service may list thousands). */
	qsort(l, n, sizeof(*l), by_network);
	for (uint32_t i = 0; i < n; i++)
		if (!kept || strcmp(l[kept - 1].network, l[i].network) != 0)
			l[kept++] = l[i];
	*out = l;
	return kept;
}

bool ecs_project_creates_alb(const struct ecs_project *p, const struct ecs_service **first_service,
			     const struct ecs_port **first_port)
{
	const struct ecs_service *fs = NULL;
	const struct ecs_port *fp = NULL;

	if (p->x_aws_loadbalancer.present && p->x_aws_loadbalancer.v[0])
		return false;
	for (uint32_t i = 0; i < p->n_services; i++) {
		const struct ecs_service *s = &p->services[i];
		for (uint32_t j = 0; j < s->n_ports; j++) {
			if (!s->ports[j].valid)
				continue;
			if (!ecs_port_is_http(&s->ports[j]))
				return false;
			if (!fp) {
				fs = s;
				fp = &s->ports[j];
			}
		}
	}
	if (first_service)
		*first_service = fs;
	if (first_port)
		*first_port = fp;
	return fp != NULL;
}

bool ecs_project_creates_gpu_capacity(const struct ecs_project *p, const struct ecs_service **first_service)
{
	/* An existing cluster gets no capacity from the integration (ECS210 reports its GPU services). */
	if (p->x_aws_cluster.present && p->x_aws_cluster.v[0])
		return false;
	for (uint32_t i = 0; i < p->n_services; i++)
		if (ecs_service_on_ec2(&p->services[i])) {
			if (first_service)
				*first_service = &p->services[i];
			return true;
		}
	return false;
}
