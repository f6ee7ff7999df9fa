/*
 * networks.c - one security group per Compose network the services use,
 * with a rule letting members talk to each other; external networks are
 * existing security groups named by id (ecs-mapping.md §6).
 */
#include <string.h>

#include "../engine/facts.h"
#include "cvt.h"

static bool is_external(const struct ecs_network *n)
{
	return (n->external.present && n->external.v) || n->x_aws_securitygroup.present;
}

/* The SG id of an external network: x-aws-securitygroup, else its name. */
static const char *external_id(const struct ecs_network *n)
{
	if (n->x_aws_securitygroup.present)
		return n->x_aws_securitygroup.v;
	if (n->name.present)
		return n->name.v;
	if (n->external_name.present)
		return n->external_name.v;
	return n->effective_name ? n->effective_name : n->key;
}

bool cvt_network_used(const struct cvt *c, const struct ecs_network *n)
{
	return c->network_used && n->index < c->p->n_networks && c->network_used[n->index];
}

cJSON *cvt_network_sg(struct cvt *c, const char *key)
{
	const struct ecs_network *n = ecs_project_network(c->p, key);
	const char *id;

	if (n && is_external(n))
		return cvt_str(c, external_id(n));
	id = ecs_arena_printf(&c->run->arena, "%sNetwork", cvt_normalise(c, key));
	if (!id) {
		c->failed = true;
		return NULL;
	}
	return cvt_ref(c, id);
}

/* Built from the list ECS214-216 count (src/engine/facts.c), so they cannot disagree. */
static cJSON *sg_list(struct cvt *c, const struct ecs_security_group *v, int64_t n)
{
	cJSON *l = cvt_arr(c);

	if (n < 0)
		c->failed = true;
	for (int64_t i = 0; i < n; i++)
		cvt_push(c, l, cvt_network_sg(c, v[i].network));
	return l;
}

cJSON *cvt_service_sgs(struct cvt *c, const struct ecs_service *s)
{
	const struct ecs_security_group *v = NULL;
	int64_t n = ecs_service_security_groups(s, &c->run->arena, &v);

	return sg_list(c, v, n);
}

static void security_group(struct cvt *c, const char *key, const char *name, const struct ecs_span *span)
{
	const char *nid = cvt_normalise(c, key);
	const char *sg = nid ? ecs_arena_printf(&c->run->arena, "%sNetwork", nid) : NULL;
	const char *ingress = nid ? ecs_arena_printf(&c->run->arena, "%sNetworkIngress", nid) : NULL;
	const char *tags[] = { "com.docker.compose.project", c->p->name, "com.docker.compose.network", name };
	cJSON *props;

	if (!sg || !ingress) {
		c->failed = true;
		return;
	}
	props = cvt_resource(c, sg, "AWS::EC2::SecurityGroup", "network", key, span);
	if (!props)
		return;
	cvt_set(c, props, "GroupDescription", cvt_strf(c, "%s Security Group for %s network", c->p->name, key));
	cvt_set(c, props, "Tags", cvt_tag_list(c, tags, 2));
	cvt_set(c, props, "VpcId", cvt_vpc(c));

	props = cvt_resource(c, ingress, "AWS::EC2::SecurityGroupIngress", "network", key, span);
	if (!props)
		return;
	cvt_set(c, props, "Description", cvt_strf(c, "Allow communication within network %s", key));
	cvt_set(c, props, "GroupId", cvt_ref(c, sg));
	cvt_sets(c, props, "IpProtocol", "-1");
	cvt_set(c, props, "SourceSecurityGroupId", cvt_ref(c, sg));
}

/* A service naming `default` under networks: Compose defines it even when
 * the file does not (and the model lists it only for services without networks). */
static bool default_referenced(const struct cvt *c)
{
	for (uint32_t i = 0; i < c->n_svcs; i++)
		for (uint32_t j = 0; j < c->svcs[i].s->n_networks; j++)
			if (c->svcs[i].s->networks[j].name.v && strcmp(c->svcs[i].s->networks[j].name.v, "default") == 0)
				return true;
	return false;
}

cJSON *cvt_project_sgs(struct cvt *c)
{
	const struct ecs_security_group *v = NULL;
	int64_t n;

	struct ecs_arena *nodes = c->nodes;

	if (c->project_sgs)
		return cvt_shared_list(c, c->project_sgs);
	n = ecs_project_security_groups(c->p, &c->run->arena, &v);
	/* Shared for the rest of the run: never in a service's scratch arena. */
	c->nodes = &c->run->arena;
	c->project_sgs = sg_list(c, v, n);
	c->nodes = nodes;
	return c->project_sgs;
}

static int networks_project(struct cvt *c)
{
	for (uint32_t i = 0; i < c->p->n_networks && !c->failed; i++) {
		const struct ecs_network *n = c->p->networks_sorted[i];
		if (!is_external(n) && cvt_network_used(c, n))
			security_group(c, n->key, n->effective_name ? n->effective_name : n->key, &n->key_span);
	}
	if (!ecs_project_network(c->p, "default") && default_referenced(c)) {
		const char *name = ecs_arena_printf(&c->run->arena, "%s_default", c->p->name);
		if (!name)
			return -1;
		security_group(c, "default", name, NULL);
	}
	return c->failed ? -1 : 0;
}

/*
 * Compose refuses a service attached to a network the file does not declare
 * ("refers to undefined network"), and the template would refer to a
 * security group nothing creates (cfn-lint E1020).  `default` always exists.
 */
static int networks_service(struct cvt *c, struct cvt_svc *sv)
{
	const struct ecs_service *s = sv->s;

	for (uint32_t i = 0; i < s->n_networks; i++) {
		const struct ecs_service_network *n = &s->networks[i];
		if (!n->name.present || !n->name.v || strcmp(n->name.v, "default") == 0 ||
		    ecs_project_network(c->p, n->name.v))
			continue;
		cvt_error(c, n->name.node ? &n->name.span : &n->span, NULL,
			  "declare it under the top-level networks: (external: true for one that exists already)",
			  "service '%s' is attached to network '%s', which is not declared", s->name, n->name.v);
	}
	return c->failed ? -1 : 0;
}

const struct cvt_family cvt_family_networks = {
	.name = "networks",
	.project = networks_project,
	.service = networks_service,
};
