/*
 * ecs404_writable_root_filesystem.c - the container's root filesystem is
 * writable (Security Hub ECS.5).  The integration drops `read_only` (ECS202),
 * so even `read_only: true` does not reach the task definition: the finding
 * says so.  Opinionated: off unless enabled.
 */
#include "check.h"

static void check_service(struct ecs_check *ck, const struct ecs_service *s)
{
	struct ecs_diag *d;

	if (s->read_only.present && s->read_only.valid && s->read_only.v) {
		const struct ecs_pair *key = ecs_node_map_pair(s->node, "read_only");
		d = ecs_check_report(ck, key ? &key->key->span : &s->read_only.span, ecs_check_printf(ck, "/services/%s/read_only", s->name),
				     "read_only of service '%s' is dropped, so its root filesystem stays writable "
				     "(Security Hub ECS.5)", s->name);
		ecs_check_help(ck, d, "set ReadonlyRootFilesystem: true on the container with x-aws-cloudformation");
		return;
	}
	d = ecs_check_report(ck, s->read_only.present ? &s->read_only.span : &s->name_span,
			     ecs_check_printf(ck, "/services/%s", s->name),
			     "service '%s' has a writable root filesystem (Security Hub ECS.5)", s->name);
	ecs_check_help(ck, d, "make the root filesystem read-only (ReadonlyRootFilesystem, via x-aws-cloudformation) "
		       "and write only to volumes");
}

const struct ecs_rule ECS404_rule = {
	.id = "ECS404",
	.name = "writable-root-filesystem",
	.summary = "container root filesystem is writable (Security Hub ECS.5)",
	.source_url = "https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-5",
	.since = "0.1.0",
	.severity = ECS_SEV_WARNING,
	.tags = ECS_TAG_SECURITY,
	.fix = ECS_FIX_HINT,
	.off_by_default = 1,
	.on_service = check_service,
};
