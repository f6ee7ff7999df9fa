/*
 * ecs204_port_mismatch.c - a published port that differs from the container
 * port.  awsvpc networking has no port translation: HostPort must equal
 * ContainerPort (cfn-lint E3053), and the integration refuses the project
 * ("published port can't be set to a distinct value than container port").
 */
#include <stdio.h>

#include "../src/core/run.h"
#include "../src/yaml/node_edit.h"
#include "check.h"

/*
 * Whether the port entry is written in this service (not through an alias
 * or a merge key): a fix must not edit an anchor other services share.
 */
static bool written_here(const struct ecs_service *s, const struct ecs_port *p)
{
	const struct ecs_pair *svc = s->pair;
	const struct ecs_pair *ports = ecs_node_map_pair(s->node, "ports");
	const struct ecs_node *seq = ports ? ports->value : NULL;

	if (!svc || svc->from_merge || svc->value->kind == ECS_NODE_ALIAS || !ports || ports->from_merge ||
	    !seq || seq->kind != ECS_NODE_SEQUENCE || p->item_index >= seq->seq.n ||
	    seq->seq.items[p->item_index]->kind == ECS_NODE_ALIAS)
		return false;
	if (p->long_syntax) {
		const struct ecs_pair *pub = ecs_node_map_pair(p->node, "published");
		return pub && !pub->from_merge && pub->value->kind != ECS_NODE_ALIAS;
	}
	return true;
}

/* Unsafe: the service then listens on the container port, which changes its address. */
static void offer_same_port(struct ecs_check *ck, const struct ecs_service *s, const struct ecs_port *p,
			    struct ecs_diag *d)
{
	const struct ecs_source *src = ecs_files_get(&ck->run->files, p->published.span.file);
	uint32_t start, end;
	char target[16];

	if (!d || !src || p->from_range || !written_here(s, p) ||
	    !ecs_edit_text_range(src, &p->published.span, p->published.node, p->published.v, &start, &end))
		return;
	snprintf(target, sizeof(target), "%u", p->target);
	ecs_diag_fix(&ck->run->diags, d, ECS_FIX_UNSAFE,
		     ecs_check_printf(ck, "publish port %u (the container port) instead of %s", p->target, p->published.v),
		     src->index, start, end, target);
}

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
	offer_same_port(ck, s, p, d);
}

const struct ecs_rule ECS204_rule = {
	.id = "ECS204",
	.name = "port-mismatch",
	.summary = "published port differs from the container port (awsvpc needs them equal)",
	.source_url = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_portmappings",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_FARGATE,
	.fix = ECS_FIX_UNSAFE,
	.on_port = check_port,
};
