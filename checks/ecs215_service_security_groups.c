/*
 * ecs215_service_security_groups.c - a service attached to more than five
 * networks.  The integration gives each ECS service the security group of
 * every network it is attached to (ecs-mapping.md §6, cvt_service_sgs in
 * src/convert/networks.c), and an AwsvpcConfiguration takes at most five,
 * so CloudFormation fails to create the service at deploy time.
 */
#include "../src/core/run.h"
#include "check.h"

#define AWSVPC_MAX_SGS 5

static void check_service(struct ecs_check *ck, const struct ecs_service *s)
{
	const struct ecs_security_group *sgs;
	const struct ecs_pair *key;
	const struct ecs_span *at;
	struct ecs_diag *d;
	int64_t n;

	/* At most one implicit attachment: only a written list can exceed the limit. */
	if (s->n_networks <= AWSVPC_MAX_SGS)
		return;
	n = ecs_service_security_groups(s, &ck->run->arena, &sgs);
	if (n <= AWSVPC_MAX_SGS)
		return;
	key = ecs_node_map_pair(s->node, "networks");
	at = key ? &ecs_node_deref(key->key)->span : sgs[AWSVPC_MAX_SGS].span;
	d = ecs_check_report(ck, at, ecs_check_printf(ck, "/services/%s/networks", s->name),
			     "service '%s' would get %lld security groups, more than the 5 an ECS service accepts",
			     s->name, (long long)n);
	ecs_check_related(ck, d, sgs[AWSVPC_MAX_SGS].span, "network '%s' adds the sixth security group",
			  sgs[AWSVPC_MAX_SGS].network);
	ecs_check_help(ck, d, "each network a service is attached to becomes one of its security groups: attach it to "
		       "at most 5 networks, e.g. merge networks that only separate traffic");
}

const struct ecs_rule ECS215_rule = {
	.id = "ECS215",
	.name = "service-security-groups",
	.summary = "a service attached to more than 5 networks would get more security groups than ECS accepts",
	.source_url = "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_AwsVpcConfiguration.html",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_FARGATE,
	.fix = ECS_FIX_HINT,
	.on_service = check_service,
};
