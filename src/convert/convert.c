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

/* qsort/bsearch order of string pointers (logical ids, network names). */
static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Once, not per question (1,000 networks x 1,000 attachments per lookup was
 * cubic): the attachments' names sorted, walked beside the sorted networks
 * (both in byte order), so every network of a name used is marked.
 */
static int mark_used_networks(struct cvt *c)
{
	const struct ecs_project *p = c->p;
	size_t n_names = 0, k = 0;
	const char **names;

	for (uint32_t i = 0; i < c->n_svcs; i++)
		n_names += c->svcs[i].s->n_networks;
	c->network_used = ecs_arena_zalloc(&c->run->arena, (p->n_networks + 1) * sizeof(*c->network_used));
	names = ecs_arena_alloc(&c->run->arena, (n_names + 1) * sizeof(*names));
	if (!c->network_used || !names)
		return -1;
	n_names = 0;
	for (uint32_t i = 0; i < c->n_svcs; i++)
		for (uint32_t j = 0; j < c->svcs[i].s->n_networks; j++)
			if (c->svcs[i].s->networks[j].name.v)
				names[n_names++] = c->svcs[i].s->networks[j].name.v;
	qsort(names, n_names, sizeof(*names), cmp_str);
	for (uint32_t i = 0; i < p->n_networks; i++) {
		const struct ecs_network *n = p->networks_sorted[i];
		while (k < n_names && strcmp(names[k], n->key) < 0)
			k++;
		if (k < n_names && strcmp(names[k], n->key) == 0 && n->index < p->n_networks)
			c->network_used[n->index] = true;
	}
	return 0;
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
	return mark_used_networks(c);
}

/* True when v (a Properties subtree) mentions id by Ref or Fn::GetAtt. */
static bool references(const cJSON *v, const char *id)
{
	const cJSON *it;

	if (cJSON_IsObject(v) && v->child && !v->child->next) {
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

/* Adds to c->refs the ids a Properties subtree mentions by Ref or Fn::GetAtt. */
static void collect_refs(struct cvt *c, const cJSON *v)
{
	const cJSON *it;

	if (cJSON_IsObject(v) && v->child && !v->child->next) {
		const cJSON *ref = cJSON_GetObjectItemCaseSensitive(v, "Ref");
		const cJSON *att = cJSON_GetObjectItemCaseSensitive(v, "Fn::GetAtt");
		const char *id = cJSON_IsString(ref) ? ref->valuestring
				 : cJSON_IsArray(att) && cJSON_IsString(att->child) ? att->child->valuestring : NULL;
		if (id && c->n_refs == c->cap_refs) {
			size_t cap = c->cap_refs ? 2 * c->cap_refs : 16;
			const char **grown = ecs_arena_grow(&c->run->arena, c->refs, c->n_refs, cap, sizeof(*grown));
			if (!grown) {
				c->failed = true;
				return;
			}
			c->refs = grown;
			c->cap_refs = cap;
		}
		if (id)
			c->refs[c->n_refs++] = id;
	}
	cJSON_ArrayForEach(it, v)
		collect_refs(c, it);
}

/*
 * cfn-lint W3005: a DependsOn already implied by a Ref/GetAtt is dropped.
 * The references are collected once per resource and looked up: walking the
 * properties once per dependency took seconds for a service publishing a
 * port range of thousands (found by fuzz_check: "8-8000").
 */
static void prune_resource_depends_on(struct cvt *c, cJSON *res)
{
	cJSON *deps = cJSON_GetObjectItemCaseSensitive(res, "DependsOn");
	cJSON *d, *next;

	if (!deps)
		return;
	c->n_refs = 0;
	collect_refs(c, cJSON_GetObjectItemCaseSensitive(res, "Properties"));
	if (c->failed)
		return;
	if (c->n_refs)
		qsort(c->refs, c->n_refs, sizeof(*c->refs), cmp_str);
	for (d = deps->child; d; d = next) {
		next = d->next;
		if (c->n_refs && cJSON_IsString(d) &&
		    bsearch(&d->valuestring, c->refs, c->n_refs, sizeof(*c->refs), cmp_str))
			cJSON_DetachItemViaPointer(deps, d);
	}
	if (!deps->child)
		cJSON_DetachItemFromObjectCaseSensitive(res, "DependsOn");
}

static void prune_depends_on(struct cvt *c)
{
	cJSON *res;

	cJSON_ArrayForEach(res, c->resources)
		prune_resource_depends_on(c, res);
}

static bool kept_param(const struct cvt *c, const char *name)
{
	for (size_t i = 0; i < c->n_kept_params; i++)
		if (strcmp(c->kept_params[i], name) == 0)
			return true;
	return false;
}

/* A dropped resource's Refs keep their parameters (prune_parameters cannot see it any more). */
static void keep_params(struct cvt *c, const cJSON *res)
{
	const cJSON *p;

	cJSON_ArrayForEach(p, c->parameters) {
		if (kept_param(c, p->string) || !references(res, p->string))
			continue;
		const char **v = ecs_arena_grow(&c->run->arena, c->kept_params, c->n_kept_params,
						 c->n_kept_params + 1, sizeof(*v));
		if (!v) {
			c->failed = true;
			return;
		}
		v[c->n_kept_params++] = p->string;
		c->kept_params = v;
	}
}

/* Measures one finished resource for the template rules and lists it in c->retired. */
static void retire_resource(struct cvt *c, cJSON *res)
{
	struct ecs_retired *r = c->retired;
	const cJSON *type = cJSON_GetObjectItemCaseSensitive(res, "Type");
	struct ecs_retired_resource *it;
	size_t json, compact, yaml = 0;
	void **data;

	prune_resource_depends_on(c, res);
	keep_params(c, res);
	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 64;
		struct ecs_retired_resource *v = ecs_arena_grow(&c->run->arena, r->v, r->n, cap, sizeof(*v));
		if (!v) {
			c->failed = true;
			return;
		}
		r->v = v;
		r->cap = cap;
	}
	/* Past this the YAML is not needed (lint.c sizes it as JSON): stop counting it. */
	if (r->json_members > ECS_TEMPLATE_JSON_OVER_ANY_LIMIT)
		r->yaml_unknown = true;
	ecs_template_member_sizes(res, &json, &compact, r->yaml_unknown ? NULL : &yaml);
	it = &r->v[r->n++];
	it->logical_id = res->string;
	it->type = cJSON_IsString(type) ? type->valuestring : NULL;
	it->bytes = compact;
	r->json_members += json;
	r->yaml_members += yaml;
	/* Nothing may reach it through the id table once its arena is reset. */
	if ((data = cvt_id_data(c->ids, res->string)))
		*data = NULL;
}

/* Detaches the resources added after last (NULL: all), measures and lists them. */
static void retire_since(struct cvt *c, cJSON *last)
{
	cJSON *first = last ? last->next : c->resources->child;

	if (!first)
		return;
	if (last) {
		last->next = NULL;
		c->resources->child->prev = last;
	} else {
		c->resources->child = NULL;
	}
	for (cJSON *it = first; it && !c->failed; it = it->next)
		retire_resource(c, it);
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
		cJSON *last = c->resources->child ? c->resources->child->prev : NULL;
		if (c->retired)
			c->nodes = &c->scratch;
		for (size_t f = 0; f < N_FAMILIES && !sv->skip && !c->failed; f++)
			if (families[f]->service && families[f]->service(c, sv) < 0)
				return false;
		if (c->retired) {
			retire_since(c, last);
			ecs_arena_reset(&c->scratch);
			c->nodes = &c->run->arena;
		}
	}
	return !c->failed;
}

/* cfn-lint W2001: a parameter nothing refers to (SubnetIds without services) goes. */
static void prune_parameters(struct cvt *c)
{
	cJSON *tpl = c->tpl;
	cJSON *params = cJSON_GetObjectItemCaseSensitive(tpl, "Parameters");
	cJSON *resources = cJSON_GetObjectItemCaseSensitive(tpl, "Resources");

	for (int i = cJSON_GetArraySize(params) - 1; i >= 0; i--) {
		cJSON *p = cJSON_GetArrayItem(params, i);
		if (!references(resources, p->string) && !kept_param(c, p->string))
			cJSON_DetachItemFromArray(params, i);
	}
	if (!cJSON_GetArraySize(params))
		cJSON_DetachItemFromObjectCaseSensitive(tpl, "Parameters");
}

static int run_families(struct cvt *c)
{
	bool ok = build_resources(c);

	attach_sections(c);
	if (!ok)
		return -1;
	/* Before the finish hooks: an overlay's own DependsOn and Parameters stay as written. */
	prune_depends_on(c);
	prune_parameters(c);
	for (size_t f = 0; f < N_FAMILIES && !c->failed; f++)
		if (families[f]->finish && families[f]->finish(c) < 0)
			return -1;
	return c->failed ? -1 : 0;
}

static int convert(struct cvt *c)
{
	c->ids = cvt_ids_new(&c->run->arena);
	c->tpl = cvt_obj(c);
	c->resources = cvt_obj(c);
	c->parameters = cvt_obj(c);
	c->metadata = cvt_obj(c);
	if (!c->ids || c->failed || split_subnets(c) < 0 || build_services(c) < 0)
		return -1;
	cvt_sets(c, c->tpl, "AWSTemplateFormatVersion", "2010-09-09");
	add_parameters(c);
	if (run_families(c) < 0)
		return -1;
	if (!cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(c->tpl, "Metadata")))
		cJSON_DetachItemFromObjectCaseSensitive(c->tpl, "Metadata");
	return c->failed || c->run->arena.failed ? -1 : 0;
}

int ecs_convert(struct ecs_run *r, const struct ecs_project *p, const struct ecs_convert_options *o, cJSON **out)
{
	struct cvt c = { .run = r, .p = p, .opt = o, .nodes = &r->arena };

	*out = NULL;
	if (convert(&c) < 0)
		return -1;
	*out = c.tpl;
	return 0;
}

int ecs_convert_for_check(struct ecs_run *r, const struct ecs_project *p, const struct ecs_convert_options *o,
			  cJSON **out, struct ecs_retired *retired)
{
	struct cvt c = { .run = r, .p = p, .opt = o, .nodes = &r->arena };
	int status;

	*out = NULL;
	memset(retired, 0, sizeof(*retired));
	/* An overlay may patch any resource, so every one must still be there. */
	if (ecs_node_deref(p->x_aws_cloudformation))
		return ecs_convert(r, p, o, out);
	ecs_arena_init(&c.scratch);
	c.retired = retired;
	status = convert(&c);
	ecs_arena_release(&c.scratch);
	if (status < 0)
		return -1;
	*out = c.tpl;
	return 0;
}
