/*
 * ecs213_container_name.c - a service name ECS cannot use.  The integration
 * names the container after the service and the task family "<project>-<service>";
 * ECS takes only letters, digits, '-' and '_' (up to 255) for both
 * (fargate-constraints.md §2, §3.1), while Compose also allows '.'.  The
 * emitter replaces other characters in the family (docs/deviations.md), not
 * in the container name, which other resources refer to.
 */
#include <string.h>

#include "check.h"

/*
 * The first '.' of a name Compose accepts, or the end.  Names Compose itself
 * refuses (spaces, '/') are the schema's finding, not this rule's.
 */
static size_t bad_char(const char *s)
{
	size_t dot = strlen(s);

	for (size_t i = 0; s[i]; i++) {
		char c = s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')
			continue;
		if (c != '.')
			return strlen(s);
		if (dot == strlen(s))
			dot = i;
	}
	return dot;
}

static void check_service(struct ecs_check *ck, const struct ecs_service *s)
{
	const struct ecs_project *p = ck->project;
	const char *path = ecs_check_printf(ck, "/services/%s", s->name);
	size_t at = bad_char(s->name);
	size_t family = (p && p->name ? strlen(p->name) + 1 : 0) + strlen(s->name);
	struct ecs_diag *d;

	if (s->name[at]) {
		d = ecs_check_report(ck, &s->name_span, path,
				     "service name '%s' is not a valid ECS container name ('%c' is not allowed)", s->name,
				     s->name[at]);
		ecs_check_help(ck, d, "ECS container names take letters, digits, '-' and '_': rename the service "
			       "(and its references in depends_on)");
	} else if (family > 255) {
		d = ecs_check_report(ck, &s->name_span, path,
				     "task family '%s-%.20s...' is %zu characters, over ECS's 255", p->name, s->name, family);
		ecs_check_help(ck, d, "shorten the service or the project name");
	}
}

const struct ecs_rule ECS213_rule = {
	.id = "ECS213",
	.name = "container-name",
	.summary = "service name ECS cannot use as a container name or task family",
	.source_url = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_name",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_FARGATE,
	.fix = ECS_FIX_HINT,
	.on_service = check_service,
};
