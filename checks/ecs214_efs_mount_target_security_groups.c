/*
 * ecs214_efs_mount_target_security_groups.c - more than five security
 * groups on the EFS mount targets.  The integration gives every mount target
 * the security group of each network a service uses (ecs-mapping.md §8.3,
 * src/convert/efs.c and cvt_project_sgs in src/convert/networks.c), and
 * AWS::EFS::MountTarget takes at most five, so the stack fails at deploy
 * time; cfn-lint does not check that.
 */
#include <string.h>

#include "check.h"

#define MOUNT_TARGET_MAX_SGS 5

/* A security group the emitter puts on the mount targets, and where its network is written. */
struct sg_source {
	const char *key;
	const struct ecs_span *span;
};

/* The emitter's used(): a service mounts the volume by name. */
static bool volume_mounted(const struct ecs_project *p, const struct ecs_volume *v)
{
	for (uint32_t i = 0; i < p->n_services; i++)
		for (uint32_t j = 0; j < p->services[i].n_volumes; j++) {
			const struct ecs_mount *m = &p->services[i].volumes[j];
			if (m->type == ECS_MOUNT_VOLUME && m->source.present && strcmp(m->source.v, v->key) == 0)
				return true;
		}
	return false;
}

/* The first attachment of a service to network key: where an undeclared network is written. */
static const struct ecs_span *attachment(const struct ecs_project *p, const char *key)
{
	for (uint32_t i = 0; i < p->n_services; i++) {
		const struct ecs_service *s = &p->services[i];
		for (uint32_t j = 0; j < s->n_networks; j++) {
			if (!s->networks[j].name.v || strcmp(s->networks[j].name.v, key) != 0)
				continue;
			/* The implicit default attachment is written nowhere: the service is. */
			return s->default_network ? &s->name_span : &s->networks[j].span;
		}
	}
	return NULL;
}

static const struct ecs_span *network_span(const struct ecs_project *p, const struct ecs_network *n)
{
	return n && !n->implicit ? &n->key_span : attachment(p, n ? n->key : "default");
}

/*
 * cvt_project_sgs' list: each network a service uses, in key order, plus
 * `default` where Compose defines it without a declaration (a service names
 * it under networks:).  Returns the count; fills at most cap entries.
 */
static uint32_t project_sgs(const struct ecs_project *p, struct sg_source *out, uint32_t cap)
{
	bool synthetic = !ecs_project_network(p, "default") && attachment(p, "default");
	uint32_t n = 0;

	for (uint32_t i = 0; i < p->n_networks; i++) {
		const struct ecs_network *net = p->networks_sorted[i];
		if (synthetic && strcmp("default", net->key) < 0) {
			if (n < cap)
				out[n] = (struct sg_source){ "default", network_span(p, NULL) };
			n++;
			synthetic = false;
		}
		if (!attachment(p, net->key))
			continue;
		if (n < cap)
			out[n] = (struct sg_source){ net->key, network_span(p, net) };
		n++;
	}
	if (synthetic) {
		if (n < cap)
			out[n] = (struct sg_source){ "default", network_span(p, NULL) };
		n++;
	}
	return n;
}

static void check_project(struct ecs_check *ck, const struct ecs_project *p)
{
	struct sg_source sgs[MOUNT_TARGET_MAX_SGS + 1];
	const struct ecs_volume *first = NULL;
	const struct sg_source *sixth = &sgs[MOUNT_TARGET_MAX_SGS];
	uint32_t n;
	struct ecs_diag *d;

	/* Source order: the volume the reader meets first. */
	for (uint32_t i = 0; i < p->n_volumes && !first; i++)
		if (volume_mounted(p, &p->volumes[i]))
			first = &p->volumes[i];
	if (!first)
		return;
	n = project_sgs(p, sgs, MOUNT_TARGET_MAX_SGS + 1);
	if (n <= MOUNT_TARGET_MAX_SGS)
		return;
	d = ecs_check_report(ck, &first->key_span, ecs_check_printf(ck, "/volumes/%s", first->key),
			     "the EFS mount targets of volume '%s' would get %u security groups, more than the 5 EFS "
			     "accepts", first->key, n);
	if (sixth->span)
		ecs_check_related(ck, d, sixth->span, "network '%s' adds the sixth security group", sixth->key);
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
