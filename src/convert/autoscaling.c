/*
 * autoscaling.c - deploy.x-aws-autoscaling (ecs-mapping.md §11.1): a role
 * Application Auto Scaling assumes, the service's desired count as a
 * scalable target between min and max, and a target-tracking policy on
 * average CPU or memory utilisation.
 */
#include <string.h>

#include "../../checks/rules.h"
#include "cvt.h"

static bool set(const struct ecs_mint *v)
{
	return v->present && v->valid && v->v != 0;
}

/* path/key, as rule ECS502 words its JSON pointers. */
static const char *sub(struct cvt *c, const char *path, const char *key)
{
	return path ? ecs_arena_printf(&c->run->arena, "%s/%s", path, key) : NULL;
}

/* Combinations no policy can express: rule ECS502's findings, so `check` reports each once.  False after reporting. */
static bool valid(struct cvt *c, const struct ecs_service *s, const struct ecs_autoscaling *a)
{
	const char *const targets[] = { "cpu", "memory" };
	const struct ecs_mint *values[] = { &a->cpu, &a->memory };
	const char *path = ecs_arena_printf(&c->run->arena, "/services/%s/deploy/x-aws-autoscaling", s->name);
	struct ecs_diag *d;
	bool ok = true;

	if (set(&a->cpu) && set(&a->memory)) {
		d = cvt_report(c, &ECS502_rule, &a->memory.span, sub(c, path, "memory"),
			       "keep one target: the integration creates one target-tracking policy",
			       "x-aws-autoscaling sets both cpu and memory targets");
		if (d)
			ecs_diag_related(&c->run->diags, d, &a->cpu.span, "cpu target set here");
		ok = false;
	} else if (!set(&a->cpu) && !set(&a->memory)) {
		cvt_report(c, &ECS502_rule, a->key ? &a->key->span : &a->span, path,
			   "add 'cpu: 75' or 'memory: 75' (percent); a target of 0 is rejected by AWS",
			   "x-aws-autoscaling of service '%s' sets no cpu or memory target", s->name);
		ok = false;
	}
	for (size_t i = 0; i < 2; i++) {
		if (!set(values[i]) || values[i]->v <= 100)
			continue;
		d = cvt_report(c, &ECS502_rule, &values[i]->span, sub(c, path, targets[i]), NULL,
			       "x-aws-autoscaling %s target '%s' is above 100 %%", targets[i], values[i]->text);
		if (d)
			ecs_diag_help(&c->run->diags, d, "the target is the average %s utilisation to keep, e.g. '%s: 75'",
				      targets[i], targets[i]);
		ok = false;
	}
	if (a->min.present && a->min.valid && a->max.valid && a->min.v > a->max.v) {
		d = cvt_report(c, &ECS502_rule, &a->min.span, sub(c, path, "min"), "min must not exceed max",
			       "x-aws-autoscaling min '%s' exceeds max '%s'", a->min.text, a->max.text);
		if (d)
			ecs_diag_related(&c->run->diags, d, &a->max.span, "max set here");
		ok = false;
	}
	return ok;
}

static void role(struct cvt *c, const struct cvt_svc *sv, const char *id, const char *service_id)
{
	cJSON *props = cvt_resource(c, id, "AWS::IAM::Role", "service", sv->s->name, &sv->s->name_span);
	cJSON *pols, *pol, *doc, *stmts, *st, *actions, *res;

	if (!props)
		return;
	cvt_set(c, props, "AssumeRolePolicyDocument", cvt_assume_role(c, "application-autoscaling.amazonaws.com"));
	cvt_sets(c, props, "Path", "/");
	pols = cvt_arr(c);
	pol = cvt_obj(c);
	doc = cvt_obj(c);
	stmts = cvt_arr(c);
	st = cvt_obj(c);
	actions = cvt_arr(c);
	cvt_push(c, actions, cvt_str(c, "application-autoscaling:*"));
	cvt_push(c, actions, cvt_str(c, "ecs:DescribeServices"));
	cvt_push(c, actions, cvt_str(c, "ecs:UpdateService"));
	cvt_push(c, actions, cvt_str(c, "cloudwatch:GetMetricStatistics"));
	cvt_set(c, st, "Action", actions);
	cvt_sets(c, st, "Effect", "Allow");
	res = cvt_arr(c);
	cvt_push(c, res, cvt_ref(c, service_id));
	cvt_set(c, st, "Resource", res);
	cvt_push(c, stmts, st);
	cvt_set(c, doc, "Statement", stmts);
	cvt_sets(c, doc, "Version", "2012-10-17");
	cvt_set(c, pol, "PolicyDocument", doc);
	cvt_sets(c, pol, "PolicyName", "service-autoscaling");
	cvt_push(c, pols, pol);
	cvt_set(c, props, "Policies", pols);
	cvt_set(c, props, "Tags", cvt_service_tags(c, sv->s->name));
}

static void target(struct cvt *c, const struct cvt_svc *sv, const char *id, const char *service_id,
		   const char *role_id)
{
	const struct ecs_autoscaling *a = sv->s->deploy->x_aws_autoscaling;
	cJSON *props = cvt_resource(c, id, "AWS::ApplicationAutoScaling::ScalableTarget", "service", sv->s->name,
				    &sv->s->name_span);
	cJSON *join, *args, *parts;

	if (!props)
		return;
	cvt_set(c, props, "MaxCapacity", cvt_num(c, (double)a->max.v));
	cvt_set(c, props, "MinCapacity", cvt_num(c, a->min.present && a->min.valid ? (double)a->min.v : 0));
	join = cvt_obj(c);
	args = cvt_arr(c);
	parts = cvt_arr(c);
	cvt_push(c, parts, cvt_str(c, "service"));
	cvt_push(c, parts, cvt_cluster_id(c));
	cvt_push(c, parts, cvt_getatt(c, service_id, "Name"));
	cvt_push(c, args, cvt_str(c, "/"));
	cvt_push(c, args, parts);
	cvt_set(c, join, "Fn::Join", args);
	cvt_set(c, props, "ResourceId", join);
	cvt_set(c, props, "RoleARN", cvt_getatt(c, role_id, "Arn"));
	cvt_sets(c, props, "ScalableDimension", "ecs:service:DesiredCount");
	cvt_sets(c, props, "ServiceNamespace", "ecs");
}

static void policy(struct cvt *c, const struct cvt_svc *sv, const char *id, const char *target_id)
{
	const struct ecs_autoscaling *a = sv->s->deploy->x_aws_autoscaling;
	bool memory = set(&a->memory);
	cJSON *props = cvt_resource(c, id, "AWS::ApplicationAutoScaling::ScalingPolicy", "service", sv->s->name,
				    &sv->s->name_span);
	cJSON *conf, *metric;

	if (!props)
		return;
	cvt_sets(c, props, "PolicyName", id);
	cvt_sets(c, props, "PolicyType", "TargetTrackingScaling");
	cvt_set(c, props, "ScalingTargetId", cvt_ref(c, target_id));
	conf = cvt_obj(c);
	metric = cvt_obj(c);
	cvt_sets(c, metric, "PredefinedMetricType",
		 memory ? "ECSServiceAverageMemoryUtilization" : "ECSServiceAverageCPUUtilization");
	cvt_set(c, conf, "PredefinedMetricSpecification", metric);
	cvt_set(c, conf, "ScaleInCooldown", cvt_num(c, 60));
	cvt_set(c, conf, "ScaleOutCooldown", cvt_num(c, 60));
	cvt_set(c, conf, "TargetValue", cvt_num(c, (double)(memory ? a->memory.v : a->cpu.v)));
	cvt_set(c, props, "TargetTrackingScalingPolicyConfiguration", conf);
}

static int autoscaling_service(struct cvt *c, struct cvt_svc *sv)
{
	const struct ecs_autoscaling *a = sv->s->deploy->x_aws_autoscaling;
	const char *service_id, *role_id, *target_id, *policy_id;

	/* Without a valid max the schema has reported it (ECS103/ECS104). */
	if (!a->present || !a->max.present || !a->max.valid || a->max.v < 1)
		return 0;
	if (!valid(c, sv->s, a))
		return 0;
	service_id = ecs_arena_printf(&c->run->arena, "%sService", sv->id);
	role_id = ecs_arena_printf(&c->run->arena, "%sAutoScalingRole", sv->id);
	target_id = ecs_arena_printf(&c->run->arena, "%sScalableTarget", sv->id);
	policy_id = ecs_arena_printf(&c->run->arena, "%sScalingPolicy", sv->id);
	if (!service_id || !role_id || !target_id || !policy_id)
		return -1;
	/* No ECS service (its conversion failed): nothing to scale. */
	if (!cvt_resource_get(c, service_id))
		return 0;
	role(c, sv, role_id, service_id);
	target(c, sv, target_id, service_id, role_id);
	policy(c, sv, policy_id, target_id);
	return c->failed ? -1 : 0;
}

const struct cvt_family cvt_family_autoscaling = {
	.name = "autoscaling",
	.service = autoscaling_service,
};
