/*
 * ecs304_template_limit.c - the other CloudFormation template limits
 * (fargate-constraints.md §10): at most 200 parameters, 200 outputs and 200
 * mappings, logical ids of at most 255 characters, a description of at most
 * 1,024 bytes.  Long Compose names make long logical ids.
 */
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

/* Is item i the longest-id item of its origin (the first of equals)? */
static bool longest_of_origin(const struct ecs_template_section *s, size_t i)
{
	size_t len = strlen(s->v[i].logical_id);

	for (size_t k = 0; k < s->n; k++) {
		size_t lk;
		if (k == i || s->v[k].origin_name != s->v[i].origin_name)
			continue;
		lk = strlen(s->v[k].logical_id);
		if (lk > len || (lk == len && k < i))
			return false;
	}
	return true;
}

static void ids(struct ecs_check *ck, const struct ecs_template_section *s)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct ecs_template_item *it = &s->v[i];
		size_t len = strlen(it->logical_id);
		struct ecs_diag *d;

		if (len <= MAX_ID || !longest_of_origin(s, i))
			continue;
		d = ecs_check_report(ck, &it->origin, NULL,
				     "logical id of %zu characters made from this name is over CloudFormation's 255", len);
		ecs_check_help(ck, d, "keep the name's letters and digits to at most %zu: the id '%.20s...' is them plus "
			       "the suffix '%s'", MAX_ID - (len - it->origin_len), it->logical_id,
			       it->logical_id + it->origin_len);
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
