/*
 * facts.c - the ECS integration's decisions (ecs-mapping.md §4, §5.1, §10.1), as
 * ecslint's emitter makes them.
 */
#include "facts.h"

#include <string.h>
#include <strings.h>

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
