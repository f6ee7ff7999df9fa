/*
 * ecs204_port_mismatch.c - a published port that differs from the container
 * port.  awsvpc networking has no port translation: HostPort must equal
 * ContainerPort (cfn-lint E3053), and the integration refuses the project
 * ("published port can't be set to a distinct value than container port").
 */
#include "check.h"

static void check_port(struct ecs_check *ck, const struct ecs_service *s, const struct ecs_port *p)
{
	struct ecs_diag *d;

	if (!p->valid || !p->published.present)
		return;
	if (p->published_start == p->target && p->published_end == p->target)
		return;
	/* An entry of "8000-8002:8000-8002" keeps the whole published range: it maps itself. */
	if (p->published_start != p->published_end && p->published_start <= p->target &&
	    p->target <= p->published_end)
		return;
	d = ecs_check_report(ck, &p->published.span,
			     ecs_check_printf(ck, "/services/%s/ports/%u", s->name, p->item_index),
			     "published port '%s' differs from container port '%u'", p->published.v, p->target);
	ecs_check_help(ck, d, "awsvpc networking cannot map ports: publish '%u:%u', or make the container listen on '%s'",
		       p->target, p->target, p->published.v);
}

const struct ecs_rule ECS204_rule = {
	.id = "ECS204",
	.name = "port-mismatch",
	.summary = "published port differs from the container port (awsvpc needs them equal)",
	.source_url = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_portmappings",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_FARGATE,
	.fix = ECS_FIX_HINT,
	.on_port = check_port,
};
