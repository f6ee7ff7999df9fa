/*
 * task_definition.c - each service's task definition (ecs-mapping.md
 * §3.10): Fargate (or EC2) size, roles, volumes, and the containers
 * [init containers of other families] + resolv.conf init + the service's.
 */
#include <string.h>

#include "cvt.h"

static const char *family_name(struct cvt *c, const char *svc)
{
	/* ECS families take letters, digits, '-' and '_': a '.' in a service name becomes '-'. */
	char *f = ecs_arena_printf(&c->run->arena, "%s-%s", c->p->name, svc);

	if (!f) {
		c->failed = true;
		return NULL;
	}
	for (char *p = f; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_'))
			*p = '-';
	return f;
}

static int task_definition_service(struct cvt *c, struct cvt_svc *sv)
{
	const struct ecs_service *s = sv->s;
	const char *id = ecs_arena_printf(&c->run->arena, "%sTaskDefinition", sv->id);
	const char *resolv = ecs_arena_printf(&c->run->arena, "%s_ResolvConf_InitContainer", sv->id);
	struct cvt_size sz;
	cJSON *props, *containers, *compat;

	if (!id || !resolv)
		return -1;
	if (!s->image.present || !s->image.len) {
		/* ECS never builds: same words as rule ECS203, which reports it in `ecslint check`. */
		cvt_error(c, &s->name_span, NULL,
			  s->build ? "build and push the image to a registry (e.g. ECR), then set 'image:' to it" :
				     "set 'image:' to an image in a registry ECS can pull from",
			  "service '%s' has no image to run", s->name);
		return 0;
	}
	if (cvt_task_size(c, sv, &sz) != 0 || c->failed)
		return c->failed ? -1 : 0;
	if (!(props = cvt_resource(c, id, "AWS::ECS::TaskDefinition", "service", s->name, &s->name_span)))
		return c->failed ? -1 : 0;

	containers = cvt_list(c, &sv->init_containers);
	sv->init_containers = NULL;
	cvt_push(c, containers, cvt_resolv_container(c, sv));
	cvt_push(c, containers, cvt_main_container(c, sv, &sz, resolv));
	cvt_set(c, props, "ContainerDefinitions", containers);
	if (sz.cpu)
		cvt_sets(c, props, "Cpu", sz.cpu);
	if (sv->exec_role)
		cvt_set(c, props, "ExecutionRoleArn", cvt_getatt(c, sv->exec_role, "Arn"));
	cvt_sets(c, props, "Family", family_name(c, s->name));
	if (sz.memory)
		cvt_sets(c, props, "Memory", sz.memory);
	cvt_sets(c, props, "NetworkMode", "awsvpc");
	/* Fargate refuses placement constraints (cfn-lint E3048); EC2 tasks keep them. */
	if (sv->ec2 && s->deploy->placement->constraints.n) {
		cJSON *pcs = cvt_arr(c);
		for (uint32_t i = 0; i < s->deploy->placement->constraints.n; i++) {
			cJSON *pc = cvt_obj(c);
			const char *expr = s->deploy->placement->constraints.v[i].v;
			cvt_sets(c, pc, "Expression", cvt_placement_expression(c, expr));
			cvt_sets(c, pc, "Type", "memberOf");
			cvt_push(c, pcs, pc);
		}
		cvt_set(c, props, "PlacementConstraints", pcs);
	}
	compat = cvt_arr(c);
	cvt_push(c, compat, cvt_str(c, sv->ec2 ? "EC2" : "FARGATE"));
	cvt_set(c, props, "RequiresCompatibilities", compat);
	if (sv->task_role)
		cvt_set(c, props, "TaskRoleArn", cvt_getatt(c, sv->task_role, "Arn"));
	cvt_take(c, props, "Volumes", &sv->task_volumes);
	return c->failed ? -1 : 0;
}

const struct cvt_family cvt_family_task_definition = {
	.name = "task_definition",
	.service = task_definition_service,
};
