/*
 * convert.c - one conversion: the template skeleton, the offline VPC and
 * subnet parameters, then every resource family in families.def order
 * (ecs-mapping.md §1.3), then the DependsOn clean-up cfn-lint asks for.
 */
#include <stdlib.h>
#include <string.h>

#include "../model/model.h"
#include "cvt.h"
#include "logical_id.h"

static const struct cvt_family *const families[] = {
#define FAMILY(name) &cvt_family_##name,
#include "families.def"
#undef FAMILY
};
#define N_FAMILIES (sizeof(families) / sizeof(families[0]))

/* x-aws-vpc may be an ARN: arn:aws:ec2:region:account:vpc/vpc-123 -> vpc-123 */
static const char *vpc_id(const struct cvt *c)
{
	const char *v;

	if (c->opt && c->opt->vpc && *c->opt->vpc)
		v = c->opt->vpc;
	else if (c->p->x_aws_vpc.present && *c->p->x_aws_vpc.v)
		v = c->p->x_aws_vpc.v;
	else
		return NULL;
	if (strncmp(v, "arn:", 4) == 0 && strrchr(v, '/'))
		return strrchr(v, '/') + 1;
	return v;
}

static int split_subnets(struct cvt *c)
{
	const char *s = c->opt ? c->opt->subnets : NULL;
	uint32_t cap = 0;

	while (s && *s) {
		const char *comma = strchr(s, ',');
		size_t len = comma ? (size_t)(comma - s) : strlen(s);
		if (len) {
			if (c->n_subnets == cap) {
				cap = cap ? 2 * cap : 4;
				const char **v = ecs_arena_grow(&c->run->arena, c->subnets, c->n_subnets, cap, sizeof(*v));
				if (!v)
					return -1;
				c->subnets = v;
			}
			if (!(c->subnets[c->n_subnets++] = ecs_arena_strndup(&c->run->arena, s, len)))
				return -1;
		}
		s = comma ? comma + 1 : NULL;
	}
	return 0;
}

/* VPC and subnets are inputs of the stack, never looked up (docs/deviations.md). */
static void add_parameters(struct cvt *c)
{
	cJSON *vpc = cvt_obj(c), *subnets = cvt_obj(c);
	const char *id = vpc_id(c);

	cvt_sets(c, vpc, "Type", "AWS::EC2::VPC::Id");
	cvt_sets(c, vpc, "Description", "VPC the services, load balancer and security groups are created in");
	if (id)
		cvt_sets(c, vpc, "Default", id);
	cvt_set(c, c->parameters, CVT_PARAM_VPC, vpc);
	cvt_sets(c, subnets, "Type", "List<AWS::EC2::Subnet::Id>");
	cvt_sets(c, subnets, "Description",
		 "Subnets of that VPC for tasks and load balancer (at least two availability zones; "
		 "public subnets, as tasks get public IPs)");
	if (c->n_subnets) {
		const char *joined = c->subnets[0];
		for (uint32_t i = 1; i < c->n_subnets && joined; i++)
			joined = ecs_arena_printf(&c->run->arena, "%s,%s", joined, c->subnets[i]);
		if (!joined)
			c->failed = true;
		else
			cvt_sets(c, subnets, "Default", joined);
	}
	cvt_set(c, c->parameters, CVT_PARAM_SUBNETS, subnets);
	cvt_id_claim(c, CVT_PARAM_VPC, "parameter", CVT_PARAM_VPC, NULL);
	cvt_id_claim(c, CVT_PARAM_SUBNETS, "parameter", CVT_PARAM_SUBNETS, NULL);
}

static int build_services(struct cvt *c)
{
	const struct ecs_project *p = c->p;
	bool *clash = ecs_arena_zalloc(&c->run->arena, (p->n_services + 1) * sizeof(*clash));

	c->svcs = ecs_arena_zalloc(&c->run->arena, (p->n_services + 1) * sizeof(*c->svcs));
	if (!clash || !c->svcs || ecs_logical_id_check(c->run, p, clash) < 0)
		return -1;
	for (uint32_t i = 0; i < p->n_services; i++) {
		const struct ecs_service *s = p->services_sorted[i];
		struct cvt_svc *sv = &c->svcs[c->n_svcs++];
		sv->s = s;
		sv->skip = clash[s->index];
		if (!(sv->id = cvt_normalise(c, s->name)))
			return -1;
	}
	return 0;
}

static void release_lists(struct cvt_svc *sv)
{
	cJSON **lists[] = { &sv->init_containers, &sv->task_volumes, &sv->mounts, &sv->container_depends,
			    &sv->resource_requirements, &sv->exec_secret_arns, &sv->task_policies,
			    &sv->depends_on, &sv->load_balancers };

	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		cJSON_Delete(*lists[i]);
		*lists[i] = NULL;
	}
}

/* True when v (a Properties subtree) mentions id by Ref or Fn::GetAtt. */
static bool references(const cJSON *v, const char *id)
{
	const cJSON *it;

	if (cJSON_IsObject(v) && cJSON_GetArraySize(v) == 1) {
		const cJSON *ref = cJSON_GetObjectItemCaseSensitive(v, "Ref");
		const cJSON *att = cJSON_GetObjectItemCaseSensitive(v, "Fn::GetAtt");
		if (cJSON_IsString(ref) && strcmp(ref->valuestring, id) == 0)
			return true;
		if (cJSON_IsArray(att) && cJSON_IsString(att->child) && strcmp(att->child->valuestring, id) == 0)
			return true;
	}
	cJSON_ArrayForEach(it, v)
		if (references(it, id))
			return true;
	return false;
}

/* The ids a Properties subtree mentions by Ref or Fn::GetAtt, in the arena. */
struct ref_set {
	const char **v;
	size_t n, cap;
};

static void collect_refs(struct cvt *c, const cJSON *v, struct ref_set *set)
{
	const cJSON *it;

	if (cJSON_IsObject(v) && v->child && !v->child->next) {
		const cJSON *ref = cJSON_GetObjectItemCaseSensitive(v, "Ref");
		const cJSON *att = cJSON_GetObjectItemCaseSensitive(v, "Fn::GetAtt");
		const char *id = cJSON_IsString(ref) ? ref->valuestring
				 : cJSON_IsArray(att) && cJSON_IsString(att->child) ? att->child->valuestring : NULL;
		if (id && set->n == set->cap) {
			size_t cap = set->cap ? 2 * set->cap : 16;
			const char **grown = ecs_arena_grow(&c->run->arena, set->v, set->n, cap, sizeof(*grown));
			if (!grown) {
				c->failed = true;
				return;
			}
			set->v = grown;
			set->cap = cap;
		}
		if (id)
			set->v[set->n++] = id;
	}
	cJSON_ArrayForEach(it, v)
		collect_refs(c, it, set);
}

static int cmp_id(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * cfn-lint W3005: a DependsOn already implied by a Ref/GetAtt is dropped.
 * The references are collected once per resource and looked up: walking the
 * properties once per dependency took seconds for a service publishing a
 * port range of thousands (found by fuzz_check: "8-8000").
 */
static void prune_depends_on(struct cvt *c)
{
	struct ref_set set = { 0 };
	cJSON *res;

	cJSON_ArrayForEach(res, c->resources) {
		cJSON *deps = cJSON_GetObjectItemCaseSensitive(res, "DependsOn");
		cJSON *d, *next;

		if (!deps)
			continue;
		set.n = 0;
		collect_refs(c, cJSON_GetObjectItemCaseSensitive(res, "Properties"), &set);
		if (c->failed)
			return;
		if (set.n)
			qsort(set.v, set.n, sizeof(*set.v), cmp_id);
		for (d = deps->child; d; d = next) {
			next = d->next;
			if (set.n && cJSON_IsString(d) && bsearch(&d->valuestring, set.v, set.n, sizeof(*set.v), cmp_id))
				cJSON_Delete(cJSON_DetachItemViaPointer(deps, d));
		}
		if (!deps->child)
			cJSON_DeleteItemFromObjectCaseSensitive(res, "DependsOn");
	}
}

/* The template's sections, in place for the finish hooks (an overlay edits them all). */
static void attach_sections(struct cvt *c)
{
	cvt_set(c, c->tpl, "Metadata", c->metadata);
	cvt_set(c, c->tpl, "Parameters", c->parameters);
	cvt_set(c, c->tpl, "Resources", c->resources);
}

/* Project hooks, then each service's; false when one ran out of memory. */
static bool build_resources(struct cvt *c)
{
	for (size_t f = 0; f < N_FAMILIES && !c->failed; f++)
		if (families[f]->project && families[f]->project(c) < 0)
			return false;
	for (uint32_t i = 0; i < c->n_svcs && !c->failed; i++) {
		struct cvt_svc *sv = &c->svcs[i];
		for (size_t f = 0; f < N_FAMILIES && !sv->skip && !c->failed; f++)
			if (families[f]->service && families[f]->service(c, sv) < 0)
				return false;
		release_lists(sv);
	}
	return !c->failed;
}

/* cfn-lint W2001: a parameter nothing refers to (SubnetIds without services) goes. */
static void prune_parameters(cJSON *tpl)
{
	cJSON *params = cJSON_GetObjectItemCaseSensitive(tpl, "Parameters");
	cJSON *resources = cJSON_GetObjectItemCaseSensitive(tpl, "Resources");

	for (int i = cJSON_GetArraySize(params) - 1; i >= 0; i--) {
		cJSON *p = cJSON_GetArrayItem(params, i);
		if (!references(resources, p->string))
			cJSON_DeleteItemFromArray(params, i);
	}
	if (!cJSON_GetArraySize(params))
		cJSON_DeleteItemFromObjectCaseSensitive(tpl, "Parameters");
}

/* Always leaves the sections owned by the template. */
static int run_families(struct cvt *c)
{
	bool ok = build_resources(c);

	attach_sections(c);
	if (!ok)
		return -1;
	/* Before the finish hooks: an overlay's own DependsOn and Parameters stay as written. */
	prune_depends_on(c);
	prune_parameters(c->tpl);
	for (size_t f = 0; f < N_FAMILIES && !c->failed; f++)
		if (families[f]->finish && families[f]->finish(c) < 0)
			return -1;
	return c->failed ? -1 : 0;
}

int ecs_convert(struct ecs_run *r, const struct ecs_project *p, const struct ecs_convert_options *o, cJSON **out)
{
	struct cvt c = { .run = r, .p = p, .opt = o };
	cJSON *sections[3];
	int status = -1;

	*out = NULL;
	c.ids = cvt_ids_new(&r->arena);
	c.tpl = cvt_obj(&c);
	c.resources = cvt_obj(&c);
	c.parameters = cvt_obj(&c);
	c.metadata = cvt_obj(&c);
	sections[0] = c.metadata;
	sections[1] = c.parameters;
	sections[2] = c.resources;
	if (!c.ids || c.failed || split_subnets(&c) < 0 || build_services(&c) < 0)
		goto out;
	cvt_sets(&c, c.tpl, "AWSTemplateFormatVersion", "2010-09-09");
	add_parameters(&c);
	status = run_families(&c);
	/* The template owns the sections now (or they were freed on failure). */
	sections[0] = sections[1] = sections[2] = NULL;
	if (status < 0)
		goto out;
	status = -1;
	if (!cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(c.tpl, "Metadata")))
		cJSON_DeleteItemFromObjectCaseSensitive(c.tpl, "Metadata");
	if (c.failed)
		goto out;
	*out = c.tpl;
	c.tpl = NULL;
	status = 0;
out:
	for (uint32_t i = 0; i < c.n_svcs; i++)
		release_lists(&c.svcs[i]);
	for (size_t i = 0; i < 3; i++)
		cJSON_Delete(sections[i]);
	cJSON_Delete(c.tpl);
	if (r->arena.failed)
		status = -1;
	return status;
}
