/*
 * ecs214_efs_mount_target_security_groups.c - more than five security
 * groups on the EFS mount targets.  The integration gives every mount target
 * the security group of each network a service uses (ecs-mapping.md §8.3,
 * src/convert/efs.c and cvt_project_sgs in src/convert/networks.c), and
 * AWS::EFS::MountTarget takes at most five, so the stack fails at deploy
 * time; cfn-lint does not check that.
 */
#include "../src/core/run.h"
#include "check.h"

#define MOUNT_TARGET_MAX_SGS 5

/*
 * The mounted volume the reader meets first (source order under volumes:),
 * as the emitter's used() decides: a service mounts it by name.  A lookup
 * per mount, not a scan of every mount per volume.
 */
static const struct ecs_volume *first_mounted(const struct ecs_project *p)
{
	const struct ecs_volume *first = NULL;

	for (uint32_t i = 0; i < p->n_services; i++)
		for (uint32_t j = 0; j < p->services[i].n_volumes; j++) {
			const struct ecs_mount *m = &p->services[i].volumes[j];
			const struct ecs_volume *v;
			if (m->type != ECS_MOUNT_VOLUME || !m->source.present)
				continue;
			v = ecs_project_volume(p, m->source.v);
			if (v && (!first || v->index < first->index))
				first = v;
		}
	return first;
}

static void check_project(struct ecs_check *ck, const struct ecs_project *p)
{
	const struct ecs_volume *first = first_mounted(p);
	const struct ecs_security_group *sgs;
	int64_t n;
	struct ecs_diag *d;

	if (!first)
		return;
	n = ecs_project_security_groups(p, &ck->run->arena, &sgs);
	if (n <= MOUNT_TARGET_MAX_SGS)
		return;
	d = ecs_check_report(ck, &first->key_span, ecs_check_printf(ck, "/volumes/%s", first->key),
			     "the EFS mount targets of volume '%s' would get %lld security groups, more than the 5 EFS "
			     "accepts", first->key, (long long)n);
	if (sgs[MOUNT_TARGET_MAX_SGS].span)
		ecs_check_related(ck, d, sgs[MOUNT_TARGET_MAX_SGS].span, "network '%s' adds the sixth security group",
				  sgs[MOUNT_TARGET_MAX_SGS].network);
	ecs_check_help(ck, d, "each mount target gets the security group of every network the services use: attach the "
		       "services to at most 5 networks, e.g. merge networks that only separate traffic");
}

const struct ecs_rule ECS214_rule = {
	.id = "ECS214",
	.name = "efs-mount-target-security-groups",
	.summary = "EFS mount targets would get more than the 5 security groups EFS accepts",
	.source_url = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-efs-mounttarget.html",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_FARGATE,
	.fix = ECS_FIX_HINT,
	.on_project = check_project,
};
