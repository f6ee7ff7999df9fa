/*
 * ecs212_fargate_task_limit.c - task settings Fargate does not offer or caps
 * (fargate-constraints.md §2-3): ulimits other than nofile, nofile above
 * 1048576 or soft above hard, healthcheck values outside the ranges ECS
 * accepts, sysctls, devices, shm_size, tmpfs, pid, ipc, swap settings, and
 * log drivers other than awslogs.  The integration drops most of them with a
 * warning, so the service runs without what it asked for; out-of-range
 * nofile and healthcheck values reach the task definition and fail it.
 */
#include <inttypes.h>
#include <string.h>

#include "check.h"

#define FARGATE_NOFILE_MAX 1048576

static void at_key(struct ecs_check *ck, const struct ecs_service *s, const char *key, const char *msg,
		   const char *help)
{
	const struct ecs_pair *p = s->node ? ecs_node_map_pair(s->node, key) : NULL;
	struct ecs_diag *d;

	if (!p)
		return;
	d = ecs_check_report(ck, &p->key->span, ecs_check_printf(ck, "/services/%s/%s", s->name, key), "%s", msg);
	ecs_check_help(ck, d, "%s", help);
}

static void check_ulimits(struct ecs_check *ck, const struct ecs_service *s)
{
	for (uint32_t i = 0; i < s->n_ulimits; i++) {
		const struct ecs_ulimit *u = &s->ulimits[i];
		const char *path = ecs_check_printf(ck, "/services/%s/ulimits/%s", s->name, u->name.v);
		struct ecs_diag *d;

		if (!u->name.present)
			continue;
		if (strcmp(u->name.v, "nofile") != 0) {
			d = ecs_check_report(ck, &u->name.span, path, "ulimit '%s' is not supported on Fargate (ECS ignores it)",
					     u->name.v);
			ecs_check_help(ck, d, "Fargate sets only 'nofile'; remove '%s'", u->name.v);
			continue;
		}
		const struct ecs_mint *big = u->hard.present && u->hard.valid && u->hard.v > FARGATE_NOFILE_MAX ? &u->hard
					   : u->soft.present && u->soft.valid && u->soft.v > FARGATE_NOFILE_MAX ? &u->soft
					   : NULL;
		if (big) {
			d = ecs_check_report(ck, &big->span, path, "ulimit 'nofile' of '%s' exceeds Fargate's maximum 1048576",
					     big->text);
			if (d)
				d->severity = ECS_SEV_ERROR;
			ecs_check_help(ck, d, "use at most 1048576");
		} else if (!u->single && u->soft.present && u->soft.valid && u->hard.present && u->hard.valid &&
			   u->soft.v > u->hard.v) {
			d = ecs_check_report(ck, &u->soft.span, path, "ulimit 'nofile' soft limit '%s' exceeds its hard limit '%s'",
					     u->soft.text, u->hard.text);
			if (d)
				d->severity = ECS_SEV_ERROR;
			ecs_check_related(ck, d, &u->hard.span, "hard limit set here");
			ecs_check_help(ck, d, "the soft limit must not exceed the hard limit");
		}
	}
}

/* One healthcheck value against ECS's range; seconds are truncated and 0 is left out, as the emitter does. */
static void health_range(struct ecs_check *ck, const struct ecs_service *s, const struct ecs_mint *v,
			 const char *what, int64_t scale, int64_t lo, int64_t hi, const char *unit)
{
	int64_t x;
	struct ecs_diag *d;

	if (!v->present || !v->valid)
		return;
	x = v->v / scale;
	if (x == 0 || (x >= lo && x <= hi))
		return;
	d = ecs_check_report(ck, &v->span, ecs_check_printf(ck, "/services/%s/healthcheck/%s", s->name, what),
			     "healthcheck %s '%s' is outside the %" PRId64 " to %" PRId64 " %s ECS accepts", what,
			     v->text ? v->text : "?", lo, hi, unit);
	if (d)
		d->severity = ECS_SEV_ERROR;
	ecs_check_help(ck, d, "registering the task definition fails: use a value from %" PRId64 " to %" PRId64 " %s",
		       lo, hi, unit);
}

static void check_healthcheck(struct ecs_check *ck, const struct ecs_service *s)
{
	const struct ecs_healthcheck *hc = s->healthcheck;
	const int64_t second = 1000000000;

	if (!hc->present || hc->disabled || !hc->test.n)
		return;	/* no HealthCheck in the task definition */
	health_range(ck, s, &hc->interval, "interval", second, 5, 300, "seconds");
	health_range(ck, s, &hc->timeout, "timeout", second, 2, 60, "seconds");
	health_range(ck, s, &hc->start_period, "start_period", second, 0, 300, "seconds");
	health_range(ck, s, &hc->retries, "retries", 1, 1, 10, "attempts");
}

static void check_service(struct ecs_check *ck, const struct ecs_service *s)
{
	check_ulimits(ck, s);
	check_healthcheck(ck, s);
	if (s->sysctls.present)
		at_key(ck, s, "sysctls", "sysctls are not supported by the ECS integration (ECS ignores them)",
		       "remove them, or set them in the image's entrypoint where the kernel allows it");
	if (s->n_devices)
		at_key(ck, s, "devices", "host devices are not available on Fargate",
		       "remove 'devices'; Fargate tasks cannot reach host devices");
	if (s->other->shm_size.present)
		at_key(ck, s, "shm_size", "shm_size is not supported on Fargate (ECS ignores it)",
		       "remove it; /dev/shm keeps Docker's default size of 64 MB");
	if (s->tmpfs.present)
		at_key(ck, s, "tmpfs", "tmpfs mounts are not supported on Fargate (ECS ignores them)",
		       "remove it; write scratch data to the task's ephemeral storage");
	if (s->pid.present)
		at_key(ck, s, "pid", ecs_check_printf(ck, "pid '%s' is not supported on Fargate (ECS ignores it)", s->pid.v),
		       "remove it; containers of a Fargate task can share only the task's own PID namespace");
	if (s->ipc.present)
		at_key(ck, s, "ipc", ecs_check_printf(ck, "ipc '%s' is not supported on Fargate (ECS ignores it)", s->ipc.v),
		       "remove it");
	if (s->other->memswap_limit.present)
		at_key(ck, s, "memswap_limit", "swap is not available on Fargate (ECS ignores memswap_limit)", "remove it");
	/* The model keeps no mem_swappiness field: the raw key tells. */
	at_key(ck, s, "mem_swappiness", "swap is not available on Fargate (ECS ignores mem_swappiness)", "remove it");
	if (s->logging->driver.present && strcmp(s->logging->driver.v, "awslogs") != 0) {
		struct ecs_diag *d = ecs_check_report(ck, &s->logging->driver.span,
						      ecs_check_printf(ck, "/services/%s/logging/driver", s->name),
						      "log driver '%s' is not supported: ECS sends logs to CloudWatch (awslogs)",
						      s->logging->driver.v);
		ecs_check_help(ck, d, "remove 'driver' or set it to 'awslogs'");
	}
}

const struct ecs_rule ECS212_rule = {
	.id = "ECS212",
	.name = "fargate-task-limit",
	.summary = "ulimits, healthcheck ranges, sysctls, devices, shm_size, tmpfs, pid, ipc, swap or log driver Fargate does not take",
	.source_url = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html",
	.since = "0.1.0",
	.severity = ECS_SEV_WARNING,
	.tags = ECS_TAG_FARGATE,
	.fix = ECS_FIX_HINT,
	.on_service = check_service,
};
