/*
 * ecs402_public_ip.c - the integration gives every Fargate task a public IP
 * (AssignPublicIp: ENABLED, ecs-mapping.md §3.5) and offers no switch
 * (Security Hub ECS.2).  Opinionated: off unless enabled, since most
 * deployments of the integration rely on it to pull images without a NAT.
 */
#include "check.h"

static void check_service(struct ecs_check *ck, const struct ecs_service *s)
{
	struct ecs_diag *d;

	if (ecs_service_on_ec2(s))
		return;	/* EC2 tasks get AssignPublicIp: DISABLED */
	d = ecs_check_report(ck, &s->name_span, ecs_check_printf(ck, "/services/%s", s->name),
			     "service '%s' gets a public IP address (Security Hub ECS.2)", s->name);
	ecs_check_help(ck, d, "the integration always sets AssignPublicIp: ENABLED on Fargate; override it with "
		       "x-aws-cloudformation (NetworkConfiguration) and give private subnets a NAT gateway");
}

const struct ecs_rule ECS402_rule = {
	.id = "ECS402",
	.name = "public-ip",
	.summary = "Fargate tasks get a public IP address (Security Hub ECS.2)",
	.source_url = "https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-2",
	.since = "0.1.0",
	.severity = ECS_SEV_WARNING,
	.tags = ECS_TAG_SECURITY,
	.fix = ECS_FIX_HINT,
	.off_by_default = 1,
	.on_service = check_service,
};
