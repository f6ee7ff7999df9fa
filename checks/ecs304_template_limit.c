/*
 * ecs304_template_limit.c - the other CloudFormation template limits
 * (fargate-constraints.md §10): at most 200 parameters, 200 outputs and 200
 * mappings, logical ids of at most 255 characters, a description of at most
 * 1,024 bytes.  Long Compose names make long logical ids.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"

#define MAX_ENTRIES 200u
#define MAX_ID 255u
#define MAX_DESCRIPTION 1024u

static void count(struct ecs_check *ck, const struct ecs_template_section *s, const char *what)
{
	struct ecs_diag *d;

	if (s->n <= MAX_ENTRIES)
		return;
	d = ecs_check_report(ck, &s->v[MAX_ENTRIES].origin, NULL,
			     "generated template has %zu %s, over CloudFormation's limit of 200", s->n, what);
	ecs_check_help(ck, d, "split the project into several Compose projects (one stack each)");
}

/* Long ids first within an origin, then source order: the head of each origin's run is its longest. */
static int cmp_long(const void *pa, const void *pb)
{
	const struct ecs_template_item *a = *(const struct ecs_template_item *const *)pa;
	const struct ecs_template_item *b = *(const struct ecs_template_item *const *)pb;
	size_t la = strlen(a->logical_id), lb = strlen(b->logical_id);
	int c = strcmp(a->origin_name, b->origin_name);

	if (c)
		return c;
	if (la != lb)
		return la > lb ? -1 : 1;
	return a < b ? -1 : a > b;
}

/* One finding per origin whose longest id is over the limit. */
static void ids(struct ecs_check *ck, const struct ecs_template_section *s)
{
	const struct ecs_template_item **v;
	size_t n = 0;

	for (size_t i = 0; i < s->n; i++)
		n += strlen(s->v[i].logical_id) > MAX_ID;
	if (!n || !(v = ecs_check_alloc(ck, n * sizeof(*v))))
		return;
	n = 0;
	for (size_t i = 0; i < s->n; i++)
		if (strlen(s->v[i].logical_id) > MAX_ID)
			v[n++] = &s->v[i];
	qsort(v, n, sizeof(*v), cmp_long);
	for (size_t i = 0; i < n; i++) {
		const struct ecs_template_item *it = v[i];
		size_t len = strlen(it->logical_id);
		struct ecs_diag *d;

		if (i && strcmp(v[i - 1]->origin_name, it->origin_name) == 0)
			continue;
		d = ecs_check_report(ck, &it->origin, NULL,
				     "logical id of %zu characters made from this name is over CloudFormation's 255", len);
		if (it->origin_len && len - it->origin_len < MAX_ID)
			ecs_check_help(ck, d, "keep the name's letters and digits to at most %zu: the id '%.20s...' is "
				       "them plus the suffix '%s'", MAX_ID - (len - it->origin_len), it->logical_id,
				       it->logical_id + it->origin_len);
		else
			ecs_check_help(ck, d, "shorten the names the id '%.20s...' is made from", it->logical_id);
	}
}

static void check_template(struct ecs_check *ck, const struct ecs_template_view *t)
{
	struct ecs_diag *d;

	count(ck, &t->parameters, "parameters");
	count(ck, &t->outputs, "outputs");
	count(ck, &t->mappings, "mappings");
	ids(ck, &t->resources);
	ids(ck, &t->parameters);
	ids(ck, &t->outputs);
	if (t->description && strlen(t->description) > MAX_DESCRIPTION) {
		d = ecs_check_report(ck, &t->origin, NULL,
				     "template description is %zu bytes, over CloudFormation's 1,024",
				     strlen(t->description));
		ecs_check_help(ck, d, "shorten the Description set through x-aws-cloudformation");
	}
}

const struct ecs_rule ECS304_rule = {
	.id = "ECS304",
	.name = "template-limit",
	.summary = "template over CloudFormation limits for parameters, outputs, mappings, id length or description",
	.source_url = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_CFN,
	.fix = ECS_FIX_NONE,
	.on_template = check_template,
};
