/*
 * ecs206_capability.c - cap_add with a capability other than SYS_PTRACE.
 * Fargate adds only SYS_PTRACE, and the integration refuses the rest
 * ("ECS doesn't allow to add capability <cap>").
 */
#include <string.h>

#include "check.h"

/* A YAML number where a capability name belongs is the schema's type error (ECS102). */
static bool is_number(const struct ecs_mstr *c)
{
	if (!c->node || c->node->style != ECS_STYLE_PLAIN || !*c->v)
		return false;
	for (const char *p = c->v; *p; p++)
		if ((*p < '0' || *p > '9') && *p != '.' && *p != '-')
			return false;
	return true;
}

static void check_service(struct ecs_check *ck, const struct ecs_service *s)
{
	for (uint32_t i = 0; i < s->cap_add.n; i++) {
		const struct ecs_mstr *c = &s->cap_add.v[i];
		struct ecs_diag *d;

		if (!c->present || is_number(c) || strcmp(c->v, "SYS_PTRACE") == 0 || strcmp(c->v, "CAP_SYS_PTRACE") == 0)
			continue;
		d = ecs_check_report(ck, &c->span, ecs_check_printf(ck, "/services/%s/cap_add/%u", s->name, i),
				     "capability '%s' cannot be added on Fargate", c->v);
		ecs_check_help(ck, d, "Fargate lets tasks add only SYS_PTRACE: remove '%s'", c->v);
	}
}

const struct ecs_rule ECS206_rule = {
	.id = "ECS206",
	.name = "capability",
	.summary = "cap_add other than SYS_PTRACE (not allowed on Fargate)",
	.source_url = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_linuxparameters",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_FARGATE,
	.fix = ECS_FIX_HINT,
	.on_service = check_service,
};
