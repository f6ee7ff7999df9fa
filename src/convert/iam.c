/*
 * iam.c - each service's roles (ecs-mapping.md §9): the task execution
 * role (pull images, write logs, read the secrets the task is given) and,
 * when the service asks for permissions, the task role.
 */
#include "cvt.h"

static const char *const exec_managed[] = {
	"arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
	"arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
};

/* Who may assume the role.  The original's empty Condition is left out (cfn-lint E3510). */
cJSON *cvt_assume_role(struct cvt *c, const char *service_principal)
{
	cJSON *doc = cvt_obj(c), *stmts = cvt_arr(c), *st = cvt_obj(c), *principal = cvt_obj(c);
	cJSON *actions = cvt_arr(c);

	cvt_sets(c, doc, "Version", "2012-10-17");
	cvt_push(c, actions, cvt_str(c, "sts:AssumeRole"));
	cvt_set(c, st, "Action", actions);
	cvt_sets(c, st, "Effect", "Allow");
	cvt_sets(c, principal, "Service", service_principal);
	cvt_set(c, st, "Principal", principal);
	cvt_push(c, stmts, st);
	cvt_set(c, doc, "Statement", stmts);
	return doc;
}

static void exec_role(struct cvt *c, struct cvt_svc *sv)
{
	const struct ecs_service *s = sv->s;
	const char *id = ecs_arena_printf(&c->run->arena, "%sTaskExecutionRole", sv->id);
	cJSON *props, *managed;

	if (!id) {
		c->failed = true;
		return;
	}
	if (!(props = cvt_resource(c, id, "AWS::IAM::Role", "service", s->name, &s->name_span)))
		return;
	sv->exec_role = id;
	cvt_set(c, props, "AssumeRolePolicyDocument", cvt_assume_role(c, "ecs-tasks.amazonaws.com"));
	managed = cvt_arr(c);
	for (size_t i = 0; i < sizeof(exec_managed) / sizeof(exec_managed[0]); i++)
		cvt_push(c, managed, cvt_str(c, exec_managed[i]));
	cvt_set(c, props, "ManagedPolicyArns", managed);

	if (s->x_aws_pull_credentials.present) {
		cJSON *arns = cvt_list(c, &sv->exec_secret_arns);
		cJSON *first = cvt_str(c, s->x_aws_pull_credentials.v);
		if (arns && first && !cJSON_InsertItemInArray(arns, 0, first))
			c->failed = true;
	}
	if (sv->exec_secret_arns && cJSON_GetArraySize(sv->exec_secret_arns)) {
		cJSON *policies = cvt_arr(c), *pol = cvt_obj(c), *doc = cvt_obj(c), *stmts = cvt_arr(c);
		cJSON *st = cvt_obj(c), *actions = cvt_arr(c);
		cvt_push(c, actions, cvt_str(c, "secretsmanager:GetSecretValue"));
		cvt_push(c, actions, cvt_str(c, "ssm:GetParameters"));
		cvt_push(c, actions, cvt_str(c, "kms:Decrypt"));
		cvt_set(c, st, "Action", actions);
		cvt_sets(c, st, "Effect", "Allow");
		cvt_take(c, st, "Resource", &sv->exec_secret_arns);
		cvt_push(c, stmts, st);
		cvt_set(c, doc, "Statement", stmts);
		cvt_sets(c, doc, "Version", "2012-10-17");
		cvt_set(c, pol, "PolicyDocument", doc);
		/* The raw service name, as the original (every other name uses N(svc)). */
		cvt_set(c, pol, "PolicyName", cvt_strf(c, "%sGrantAccessToSecrets", s->name));
		cvt_push(c, policies, pol);
		cvt_set(c, props, "Policies", policies);
	}
	cvt_set(c, props, "Tags", cvt_service_tags(c, s->name));
}

static void task_role(struct cvt *c, struct cvt_svc *sv)
{
	const struct ecs_service *s = sv->s;
	bool role_doc = s->x_aws_role && ecs_node_is_mapping(s->x_aws_role);
	bool policies = sv->task_policies && cJSON_GetArraySize(sv->task_policies);
	const char *id;
	cJSON *props;

	if (!role_doc && !policies && !s->x_aws_policies.n)
		return;
	if (!(id = ecs_arena_printf(&c->run->arena, "%sTaskRole", sv->id))) {
		c->failed = true;
		return;
	}
	if (!(props = cvt_resource(c, id, "AWS::IAM::Role", "service", s->name, &s->name_span)))
		return;
	sv->task_role = id;
	cvt_set(c, props, "AssumeRolePolicyDocument", cvt_assume_role(c, "ecs-tasks.amazonaws.com"));
	if (s->x_aws_policies.n) {
		cJSON *managed = cvt_arr(c);
		for (uint32_t i = 0; i < s->x_aws_policies.n; i++)
			cvt_push(c, managed, cvt_str(c, s->x_aws_policies.v[i].v));
		cvt_set(c, props, "ManagedPolicyArns", managed);
	}
	if (role_doc) {
		cJSON *pol = cvt_obj(c), *list = cvt_list(c, &sv->task_policies);
		cvt_set(c, pol, "PolicyDocument", cvt_from_node(c, s->x_aws_role));
		cvt_set(c, pol, "PolicyName", cvt_strf(c, "%sPolicy", sv->id));
		if (list && pol && !cJSON_InsertItemInArray(list, 0, pol))
			c->failed = true;
	}
	cvt_take(c, props, "Policies", &sv->task_policies);
	cvt_set(c, props, "Tags", cvt_service_tags(c, s->name));
}

static int iam_service(struct cvt *c, struct cvt_svc *sv)
{
	exec_role(c, sv);
	task_role(c, sv);
	return c->failed ? -1 : 0;
}

const struct cvt_family cvt_family_iam = {
	.name = "iam",
	.service = iam_service,
};
