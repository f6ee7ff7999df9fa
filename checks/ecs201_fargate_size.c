/*
 * ecs201_fargate_size.c - the requested cpus/memory fit no Fargate task size
 * the ECS integration can pick, or a reservation exceeds its limit.
 *
 * The size comes from deploy.resources.limits, else reservations, never a
 * mix (ecs-mapping.md §4), matched against the sizes the emitter uses (up
 * to 16 vCPU / 120 GiB, fargate-constraints.md §1).
 */
#include "check.h"

static void check_reservation(struct ecs_check *ck, const struct ecs_service *s)
{
	const struct ecs_resources *lim = s->deploy->limits, *res = s->deploy->reservations;
	struct ecs_diag *d;

	if (!lim->present || !res->present)
		return;
	if (lim->cpus.present && lim->cpus.valid && res->cpus.present && res->cpus.valid &&
	    res->cpus.millis > lim->cpus.millis) {
		d = ecs_check_report(ck, &res->cpus.span,
				     ecs_check_printf(ck, "/services/%s/deploy/resources/reservations/cpus", s->name),
				     "cpus reservation '%s' exceeds the limit '%s'", res->cpus.text, lim->cpus.text);
		ecs_check_related(ck, d, &lim->cpus.span, "limit set here");
		ecs_check_help(ck, d, "a task cannot reserve more than it may use: lower the reservation or raise the limit");
	}
	if (lim->memory.present && lim->memory.valid && res->memory.present && res->memory.valid &&
	    res->memory.v > lim->memory.v) {
		d = ecs_check_report(ck, &res->memory.span,
				     ecs_check_printf(ck, "/services/%s/deploy/resources/reservations/memory", s->name),
				     "memory reservation '%s' exceeds the limit '%s'", res->memory.text, lim->memory.text);
		ecs_check_related(ck, d, &lim->memory.span, "limit set here");
		ecs_check_help(ck, d, "the container's MemoryReservation must be below the task memory: lower the reservation or raise the limit");
	}
}

static void check_service(struct ecs_check *ck, const struct ecs_service *s)
{
	const struct ecs_resources *r = ecs_service_sizing(s);
	const char *part = s->deploy->limits->present ? "limits" : "reservations";
	int64_t cpu = 0, mem = 0;
	int cu, mm;
	struct ecs_diag *d;

	check_reservation(ck, s);
	if (!r || ecs_service_on_ec2(s))
		return;	/* EC2 (GPU) tasks take the raw values: no Fargate table */
	if ((r->cpus.present && !r->cpus.valid) || (r->memory.present && !r->memory.valid))
		return;	/* already reported as a bad value */
	if (r->cpus.present)
		cpu = r->cpus.millis;
	if (r->memory.present)
		mem = r->memory.v;
	if (ecs_fargate_size(cpu, mem, &cu, &mm))
		return;
	if (r->cpus.present && r->memory.present && cpu <= 16000) {
		/* The CPU fits some size, so the memory is what no size matches (as the emitter says). */
		d = ecs_check_report(ck, &r->memory.span,
				     ecs_check_printf(ck, "/services/%s/deploy/resources/%s/memory", s->name, part),
				     "memory '%s' with cpus '%s' fit no Fargate task size", r->memory.text, r->cpus.text);
		ecs_check_related(ck, d, &r->cpus.span, "cpus set here");
	} else if (r->cpus.present && r->memory.present) {
		d = ecs_check_report(ck, &r->cpus.span,
				     ecs_check_printf(ck, "/services/%s/deploy/resources/%s/cpus", s->name, part),
				     "cpus '%s' with memory '%s' fit no Fargate task size", r->cpus.text, r->memory.text);
		ecs_check_related(ck, d, &r->memory.span, "memory set here");
	} else if (r->cpus.present) {
		d = ecs_check_report(ck, &r->cpus.span,
				     ecs_check_printf(ck, "/services/%s/deploy/resources/%s/cpus", s->name, part),
				     "cpus '%s' fit no Fargate task size", r->cpus.text);
	} else {
		d = ecs_check_report(ck, &r->memory.span,
				     ecs_check_printf(ck, "/services/%s/deploy/resources/%s/memory", s->name, part),
				     "memory '%s' fits no Fargate task size", r->memory.text);
	}
	ecs_check_help(ck, d, "Fargate sizes go from 0.25 vCPU with 0.5 GiB to 16 vCPU with 120 GiB, with at most "
		       "8 GiB per vCPU; 'ecslint explain ECS201' has the table");
}

const struct ecs_rule ECS201_rule = {
	.id = "ECS201",
	.name = "fargate-size",
	.summary = "requested cpus/memory fit no Fargate task size, or a reservation exceeds its limit",
	.source_url = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_FARGATE,
	.fix = ECS_FIX_HINT,
	.on_service = check_service,
};
