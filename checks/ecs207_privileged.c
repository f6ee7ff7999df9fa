/*
 * ecs207_privileged.c - privileged: true.  Fargate cannot run privileged
 * containers (and Security Hub ECS.4 flags them elsewhere).
 */
#include "check.h"

static void check_service(struct ecs_check *ck, const struct ecs_service *s)
{
	const struct ecs_pair *key;
	struct ecs_diag *d;

	if (!s->privileged.present || !s->privileged.valid || !s->privileged.v)
		return;
	key = ecs_node_map_pair(s->node, "privileged");
	d = ecs_check_report(ck, key ? &key->key->span : &s->privileged.span, ecs_check_printf(ck, "/services/%s/privileged", s->name),
			     "privileged mode is not available on Fargate");
	ecs_check_help(ck, d, "remove 'privileged: true' and add only the capability the service needs "
		       "(Fargate allows SYS_PTRACE)");
}

const struct ecs_rule ECS207_rule = {
	.id = "ECS207",
	.name = "privileged",
	.summary = "privileged: true (impossible on Fargate; Security Hub ECS.4)",
	.source_url = "https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-4",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_FARGATE | ECS_TAG_SECURITY,
	.fix = ECS_FIX_HINT,
	.on_service = check_service,
};
