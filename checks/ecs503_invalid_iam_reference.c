/*
 * ecs503_invalid_iam_reference.c - IAM extensions the integration would
 * choke on (ecs-mapping.md §9, §14): x-aws-policies must be a list of
 * managed-policy ARNs, x-aws-role an inline policy document (the two are
 * easily swapped: the docs label them backwards).  Wrong YAML types (a
 * string where the list or the mapping belongs) are the schema's ECS102;
 * this rule checks what the schema cannot: the ARNs and the statements.
 */
#include <ctype.h>
#include <string.h>

#include "check.h"

/* arn:aws[-a-zA-Z]*:iam::(\d{12}|aws):policy/[A-Za-z0-9+=,.@_/-]+ */
static bool is_policy_arn(const char *s)
{
	const char *p;

	if (strncmp(s, "arn:aws", 7) != 0)
		return false;
	for (p = s + 7; isalpha((unsigned char)*p) || *p == '-'; p++)
		;
	if (strncmp(p, ":iam::", 6) != 0)
		return false;
	p += 6;
	if (strncmp(p, "aws:", 4) == 0) {
		p += 4;
	} else {
		for (int i = 0; i < 12; i++, p++)
			if (!isdigit((unsigned char)*p))
				return false;
		if (*p++ != ':')
			return false;
	}
	if (strncmp(p, "policy/", 7) != 0 || !p[7])
		return false;
	for (p += 7; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("+=,.@_/-", *p))
			return false;
	return true;
}

static void check_policies(struct ecs_check *ck, const struct ecs_service *s)
{
	const struct ecs_pair *pair = s->node ? ecs_node_map_pair(s->node, "x-aws-policies") : NULL;
	const char *path = ecs_check_printf(ck, "/services/%s/x-aws-policies", s->name);
	const struct ecs_node *v;
	struct ecs_diag *d;

	if (!pair)
		return;
	v = ecs_node_deref(pair->value);
	if (!ecs_node_is_sequence(v))
		return;	/* a wrong type: ECS102 */
	for (uint32_t i = 0; i < s->x_aws_policies.n; i++) {
		const struct ecs_mstr *m = &s->x_aws_policies.v[i];

		if (!m->present || is_policy_arn(m->v))
			continue;
		d = ecs_check_report(ck, &m->span, ecs_check_printf(ck, "%s/%u", path, i),
				     "'%s' is not a managed policy ARN", m->v);
		ecs_check_help(ck, d, "use the policy's ARN, e.g. 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'");
	}
}

static void check_role(struct ecs_check *ck, const struct ecs_service *s)
{
	const struct ecs_node *v = ecs_node_deref(s->x_aws_role);
	const char *path = ecs_check_printf(ck, "/services/%s/x-aws-role", s->name);
	const struct ecs_node *st;
	struct ecs_diag *d;

	if (!s->x_aws_role_key)
		return;
	if (!ecs_node_is_mapping(v))
		return;	/* a wrong type: ECS102 */
	st = ecs_node_deref(ecs_node_map_get(v, "Statement"));
	if (!st) {
		d = ecs_check_report(ck, &s->x_aws_role_key->span, path, "x-aws-role policy document has no 'Statement'");
		ecs_check_help(ck, d, "add 'Statement:' with Effect, Action and Resource entries");
		return;
	}
	if (!ecs_node_is_sequence(st) && !ecs_node_is_mapping(st)) {
		d = ecs_check_report(ck, &st->span, ecs_check_printf(ck, "%s/Statement", path),
				     "x-aws-role 'Statement' must be a list of statements");
		ecs_check_help(ck, d, "each statement is a mapping with Effect, Action and Resource");
		return;
	}
	for (uint32_t i = 0; ecs_node_is_sequence(st) && i < st->seq.n; i++) {
		const struct ecs_node *item = ecs_node_deref(st->seq.items[i]);
		const char *effect = ecs_node_text(ecs_node_map_get(item, "Effect"));

		if (!ecs_node_is_mapping(item)) {
			d = ecs_check_report(ck, &item->span, ecs_check_printf(ck, "%s/Statement/%u", path, i),
					     "x-aws-role statement must be a mapping");
			ecs_check_help(ck, d, "each statement is a mapping with Effect, Action and Resource");
		} else if (!effect || (strcmp(effect, "Allow") != 0 && strcmp(effect, "Deny") != 0)) {
			const struct ecs_node *e = ecs_node_map_get(item, "Effect");
			d = ecs_check_report(ck, e ? &e->span : &item->span,
					     ecs_check_printf(ck, "%s/Statement/%u/Effect", path, i),
					     "x-aws-role statement needs 'Effect: Allow' or 'Effect: Deny'");
			ecs_check_help(ck, d, "IAM accepts exactly 'Allow' or 'Deny'");
		}
	}
}

static void check_service(struct ecs_check *ck, const struct ecs_service *s)
{
	check_policies(ck, s);
	check_role(ck, s);
}

const struct ecs_rule ECS503_rule = {
	.id = "ECS503",
	.name = "invalid-iam-reference",
	.summary = "x-aws-policies not managed policy ARNs, or x-aws-role not a policy document",
	.source_url = "https://docs.docker.com/cloud/ecs-integration/#iam-roles",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_XAWS | ECS_TAG_SECURITY,
	.fix = ECS_FIX_HINT,
	.on_service = check_service,
};
