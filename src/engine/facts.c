/*
 * facts.c - the ECS integration's decisions (ecs-mapping.md §4, §5.1, §10.1).
 */
#include "facts.h"

#include <string.h>
#include <strings.h>

#include "../model/model.h"

int64_t ecs_service_gpus(const struct ecs_service *s)
{
	const struct ecs_resources *r = &s->deploy.reservations;

	for (uint32_t i = 0; i < r->n_generic_resources; i++) {
		const struct ecs_generic_resource *g = &r->generic_resources[i];
		if (g->kind.present && strcmp(g->kind.v, "gpus") == 0 && g->value.present && g->value.valid)
			return g->value.v;
	}
	for (uint32_t i = 0; i < r->n_devices; i++) {
		const struct ecs_device_request *d = &r->devices[i];
		if (d->capabilities.n == 1 && strcmp(d->capabilities.v[0].v, "gpu") == 0) {
			if (d->count_all)
				return -1;
			return d->count.present && d->count.valid ? d->count.v : 0;
		}
	}
	return 0;
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
	if (s->deploy.limits.present)
		return &s->deploy.limits;
	if (s->deploy.reservations.present)
		return &s->deploy.reservations;
	return NULL;
}

static const struct {
	int cpu;
	int mem[23];
} sizes[] = {
	{ 256, { 512, 1024, 2048 } },
	{ 512, { 1024, 2048, 3072, 4096 } },
	{ 1024, { 2048, 3072, 4096, 5120, 6144, 7168, 8192 } },
	{ 2048, { 4096, 5120, 6144, 7168, 8192, 9216, 10240, 11264, 12288, 13312, 14336, 15360, 16384 } },
	{ 4096, { 8192, 9216, 10240, 11264, 12288, 13312, 14336, 15360, 16384, 17408, 18432, 19456, 20480,
		  21504, 22528, 23552, 24576, 25600, 26624, 27648, 28672, 29696, 30720 } },
};

bool ecs_fargate_size(int64_t millicpus, int64_t mem_bytes, int *cpu_units, int *mem_mib)
{
	if (millicpus <= 0 && mem_bytes <= 0) {
		*cpu_units = 256;
		*mem_mib = 512;
		return true;
	}
	/* The integration compares milli-CPUs with CPU units (1024 per vCPU): kept as it is. */
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		if (millicpus > sizes[i].cpu)
			continue;
		for (size_t k = 0; k < 23 && sizes[i].mem[k]; k++) {
			if (mem_bytes <= (int64_t)sizes[i].mem[k] * 1048576) {
				*cpu_units = sizes[i].cpu;
				*mem_mib = sizes[i].mem[k];
				return true;
			}
		}
	}
	return false;
}
