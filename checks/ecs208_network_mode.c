/*
 * ecs208_network_mode.c - network_mode: every ECS task of the integration
 * uses awsvpc, so host, bridge, none, service:X and container:X are dropped
 * and the service runs with different networking than it asks for.
 */
#include <string.h>

#include "check.h"

static void check_service(struct ecs_check *ck, const struct ecs_service *s)
{
	const struct ecs_mstr *m = &s->network_mode;
	const char *path;
	struct ecs_diag *d;

	if (!m->present || strcmp(m->v, "awsvpc") == 0)
		return;
	path = ecs_check_printf(ck, "/services/%s/network_mode", s->name);
	d = ecs_check_report(ck, &m->span, path, "network_mode '%s' is not supported: ECS tasks use awsvpc", m->v);
	if (strncmp(m->v, "service:", 8) == 0 || strncmp(m->v, "container:", 10) == 0)
		ecs_check_help(ck, d, "tasks cannot share another service's network stack; reach it by name over a shared network");
	else if (strcmp(m->v, "host") == 0)
		ecs_check_help(ck, d, "each task gets its own network interface; remove it and publish the ports the service listens on");
	else
		ecs_check_help(ck, d, "remove it: each task gets its own network interface in the VPC");
}

const struct ecs_rule ECS208_rule = {
	.id = "ECS208",
	.name = "network-mode",
	.summary = "network_mode other than awsvpc semantics (host, bridge, none, service:, container:)",
	.source_url = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-networking.html",
	.since = "0.1.0",
	.severity = ECS_SEV_WARNING,
	.tags = ECS_TAG_FARGATE,
	.fix = ECS_FIX_HINT,
	.on_service = check_service,
};
