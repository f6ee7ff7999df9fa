/*
 * sizing.c - task Cpu/Memory from deploy.resources (ecs-mapping.md §4):
 * limits, else reservations, as a whole; the smallest valid Fargate size
 * that fits (fargate.h), or the raw values for EC2 tasks.
 */
#include <inttypes.h>

#include "cvt.h"
#include "fargate.h"

static const struct ecs_resources *requested(const struct ecs_service *s)
{
	if (s->deploy->limits->present)
		return s->deploy->limits;
	if (s->deploy->reservations->present)
		return s->deploy->reservations;
	return NULL;
}

int cvt_task_size(struct cvt *c, const struct cvt_svc *sv, struct cvt_size *sz)
{
	const struct ecs_service *s = sv->s;
	const struct ecs_resources *res = requested(s);
	const struct ecs_resources *resv = s->deploy->reservations;
	int64_t millis = 0, mem = 0;
	struct ecs_fargate_size fit;

	*sz = (struct cvt_size){ 0 };
	if (res && res->cpus.present && res->cpus.valid && res->cpus.millis > 0)
		millis = res->cpus.millis;
	if (res && res->memory.present && res->memory.valid && res->memory.v > 0)
		mem = res->memory.v;
	if (resv->present && resv->memory.present && resv->memory.valid)
		sz->memory_reservation_mib = resv->memory.v / 1048576;

	if (sv->ec2) {
		if (millis)
			sz->cpu = ecs_arena_printf(&c->run->arena, "%" PRId64, millis);
		if (mem / 1048576)
			sz->memory = ecs_arena_printf(&c->run->arena, "%" PRId64, mem / 1048576);
		if ((millis && !sz->cpu) || (mem / 1048576 && !sz->memory))
			c->failed = true;
		return 0;
	}
	if (!ecs_fargate_fit(ecs_fargate_cpu_units(millis), mem, &fit)) {
		bool cpu_too_big = ecs_fargate_cpu_units(millis) > 16384;
		const struct ecs_span *at = cpu_too_big ? &res->cpus.span : &res->memory.span;
		bool both = millis && mem;
		cvt_error(c, at, NULL,
			  "the largest Fargate task has 16 vCPU and 120 GiB; with 16 vCPU memory goes from 32 to 120 GiB "
			  "in steps of 8 GiB: lower deploy.resources, or run the service on EC2",
			  "no Fargate task size fits %s%s%s%s%s", millis ? "cpus " : "", millis ? res->cpus.text : "",
			  both ? " and " : "", mem ? "memory " : "", mem ? res->memory.text : "");
		return 1;
	}
	sz->cpu = ecs_arena_printf(&c->run->arena, "%u", fit.cpu);
	sz->memory = ecs_arena_printf(&c->run->arena, "%u", fit.memory);
	if (!sz->cpu || !sz->memory)
		c->failed = true;
	return 0;
}
