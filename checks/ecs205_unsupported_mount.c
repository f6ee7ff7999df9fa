/*
 * ecs205_unsupported_mount.c - a bind mount or tmpfs in a service's volumes.
 * Fargate has no host paths and the integration refuses both ("ECS Fargate
 * does not support bind mounts from host" / "... does not support tmpfs").
 */
#include "check.h"

static void check_mount(struct ecs_check *ck, const struct ecs_service *s, const struct ecs_mount *m)
{
	const char *path = ecs_check_printf(ck, "/services/%s/volumes", s->name);
	struct ecs_diag *d;

	if (!m->valid)
		return;
	if (m->type == ECS_MOUNT_BIND) {
		d = ecs_check_report(ck, &m->span, path, "bind mount of '%s' is not supported on Fargate",
				     m->source.present ? m->source.v : "?");
		ecs_check_help(ck, d, "use a named volume (EFS) for data, or copy the files into the image");
	} else if (m->type == ECS_MOUNT_TMPFS) {
		d = ecs_check_report(ck, &m->span, path, "tmpfs mount at '%s' is not supported on Fargate",
				     m->target.present ? m->target.v : "?");
		ecs_check_help(ck, d, "remove it: the task's ephemeral storage is writable scratch space");
	}
}

const struct ecs_rule ECS205_rule = {
	.id = "ECS205",
	.name = "unsupported-mount",
	.summary = "bind mount or tmpfs volume (Fargate has no host paths)",
	.source_url = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-storage.html",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_FARGATE,
	.fix = ECS_FIX_HINT,
	.on_mount = check_mount,
};
