/*
 * ecs403_root_user.c - a container that runs as root: no `user`, or user
 * root/0 (Security Hub ECS.20).  Opinionated: off unless enabled, since the
 * image's USER may already be non-root and ecslint cannot see the image.
 */
#include <string.h>

#include "check.h"

static bool is_root(const char *u)
{
	return strcmp(u, "root") == 0 || strcmp(u, "0") == 0 || strncmp(u, "0:", 2) == 0 ||
	       strncmp(u, "root:", 5) == 0;
}

static void check_service(struct ecs_check *ck, const struct ecs_service *s)
{
	struct ecs_diag *d;

	if (!s->user.present) {
		d = ecs_check_report(ck, &s->name_span, ecs_check_printf(ck, "/services/%s", s->name),
				     "service '%s' sets no user, so it runs as the image's user, often root "
				     "(Security Hub ECS.20)", s->name);
	} else if (is_root(s->user.v)) {
		d = ecs_check_report(ck, &s->user.span, ecs_check_printf(ck, "/services/%s/user", s->name),
				     "service '%s' runs as root (Security Hub ECS.20)", s->name);
	} else {
		return;
	}
	ecs_check_help(ck, d, "set 'user:' to a non-root uid, e.g. 'user: \"1000:1000\"'");
}

const struct ecs_rule ECS403_rule = {
	.id = "ECS403",
	.name = "root-user",
	.summary = "container runs as root: no user, or user root/0 (Security Hub ECS.20)",
	.source_url = "https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-20",
	.since = "0.1.0",
	.severity = ECS_SEV_WARNING,
	.tags = ECS_TAG_SECURITY,
	.fix = ECS_FIX_HINT,
	.off_by_default = 1,
	.on_service = check_service,
};
