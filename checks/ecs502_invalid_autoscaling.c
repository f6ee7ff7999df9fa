/*
 * ecs502_invalid_autoscaling.c - deploy.x-aws-autoscaling and the rolling
 * update extensions the integration cannot turn into a valid scaling policy
 * (ecs-mapping.md §11.1-11.2): both cpu and memory targets, neither target
 * (TargetValue 0 is rejected by AWS), min above max, targets above 100 %,
 * x-aws-min_percent not below x-aws-max_percent.  The shape (integers, a
 * required max of at least 1, no other keys) is the schema's (x-aws.schema.json,
 * ECS101-104): one finding per cause.
 */
#include <string.h>

#include "check.h"

static void percent(struct ecs_check *ck, const struct ecs_mint *v, const char *path, const char *what)
{
	struct ecs_diag *d;

	if (!v->present || !v->valid || v->v == 0 || v->v <= 100)
		return;
	d = ecs_check_report(ck, &v->span, ecs_check_printf(ck, "%s/%s", path, what),
			     "x-aws-autoscaling %s target '%s' is above 100 %%", what, v->text);
	ecs_check_help(ck, d, "the target is the average %s utilisation to keep, e.g. '%s: 75'", what, what);
}

static void check_autoscaling(struct ecs_check *ck, const struct ecs_service *s)
{
	const struct ecs_autoscaling *a = s->deploy->x_aws_autoscaling;
	const char *path = ecs_check_printf(ck, "/services/%s/deploy/x-aws-autoscaling", s->name);
	bool cpu = a->cpu.present && a->cpu.valid && a->cpu.v != 0;
	bool mem = a->memory.present && a->memory.valid && a->memory.v != 0;
	struct ecs_diag *d;

	if (!a->present)
		return;
	if (cpu && mem) {
		d = ecs_check_report(ck, &a->memory.span, ecs_check_printf(ck, "%s/memory", path),
				     "x-aws-autoscaling sets both cpu and memory targets");
		ecs_check_related(ck, d, &a->cpu.span, "cpu target set here");
		ecs_check_help(ck, d, "keep one target: the integration creates one target-tracking policy");
	} else if (!cpu && !mem) {
		d = ecs_check_report(ck, a->key ? &a->key->span : &a->span, path,
				     "x-aws-autoscaling of service '%s' sets no cpu or memory target", s->name);
		ecs_check_help(ck, d, "add 'cpu: 75' or 'memory: 75' (percent); a target of 0 is rejected by AWS");
	}
	percent(ck, &a->cpu, path, "cpu");
	percent(ck, &a->memory, path, "memory");
	if (a->max.present && a->min.present && a->min.valid && a->max.valid && a->min.v > a->max.v) {
		d = ecs_check_report(ck, &a->min.span, ecs_check_printf(ck, "%s/min", path),
				     "x-aws-autoscaling min '%s' exceeds max '%s'", a->min.text, a->max.text);
		ecs_check_related(ck, d, &a->max.span, "max set here");
		ecs_check_help(ck, d, "min must not exceed max");
	}
}

static void check_update(struct ecs_check *ck, const struct ecs_service *s)
{
	const struct ecs_update_config *u = s->deploy->update_config;
	struct ecs_diag *d;

	if (!u->present || !u->x_aws_min_percent.present || !u->x_aws_max_percent.present ||
	    !u->x_aws_min_percent.valid || !u->x_aws_max_percent.valid)
		return;
	if (u->x_aws_min_percent.v < u->x_aws_max_percent.v)
		return;
	d = ecs_check_report(ck, &u->x_aws_min_percent.span,
			     ecs_check_printf(ck, "/services/%s/deploy/update_config/x-aws-min_percent", s->name),
			     "x-aws-min_percent '%s' is not below x-aws-max_percent '%s'", u->x_aws_min_percent.text,
			     u->x_aws_max_percent.text);
	ecs_check_related(ck, d, &u->x_aws_max_percent.span, "x-aws-max_percent set here");
	ecs_check_help(ck, d, "ECS needs room to start new tasks before stopping old ones: e.g. min 50, max 200");
}

static void check_service(struct ecs_check *ck, const struct ecs_service *s)
{
	check_autoscaling(ck, s);
	check_update(ck, s);
}

const struct ecs_rule ECS502_rule = {
	.id = "ECS502",
	.name = "invalid-autoscaling",
	.summary = "x-aws-autoscaling or rolling-update extensions that make no valid scaling policy",
	.source_url = "https://docs.docker.com/cloud/ecs-compose-features/#auto-scaling",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_XAWS,
	.fix = ECS_FIX_HINT,
	.on_service = check_service,
};
