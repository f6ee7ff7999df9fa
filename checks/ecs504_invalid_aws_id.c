/*
 * ecs504_invalid_aws_id.c - AWS identifiers in the wrong format where the
 * integration looks resources up (ecs-mapping.md §1.4, §7.1, §14): x-aws-vpc,
 * x-aws-cluster, x-aws-loadbalancer, x-aws-pull_credentials, external
 * secrets (a Secrets Manager ARN), external volumes (an EFS file system id)
 * and external networks or x-aws-securitygroup (a security group id).
 * Empty values are left alone: the integration treats them as not set.
 */
#include <ctype.h>
#include <string.h>

#include "check.h"

static bool hex_run(const char *p, size_t min, size_t max, const char **end)
{
	size_t n = 0;

	while (isxdigit((unsigned char)p[n]) && !isupper((unsigned char)p[n]))
		n++;
	*end = p + n;
	return n >= min && n <= max;
}

/* prefix-<8 or 17 lowercase hex> and nothing after. */
static bool is_resource_id(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);
	const char *end;

	if (strncmp(s, prefix, n) != 0 || !hex_run(s + n, 8, 17, &end) || *end)
		return false;
	return end - (s + n) == 8 || end - (s + n) == 17;
}

/* arn:aws[-a-z]*:SERVICE:REGION:ACCOUNT: returns what follows, or NULL. */
static const char *arn_rest(const char *s, const char *service, bool need_region)
{
	const char *p;
	size_t n = strlen(service);

	if (strncmp(s, "arn:aws", 7) != 0)
		return NULL;
	for (p = s + 7; islower((unsigned char)*p) || *p == '-'; p++)
		;
	if (*p++ != ':' || strncmp(p, service, n) != 0 || p[n] != ':')
		return NULL;
	p += n + 1;
	if (need_region && !islower((unsigned char)*p))
		return NULL;
	while (islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '-')
		p++;
	if (*p++ != ':')
		return NULL;
	for (int i = 0; i < 12; i++, p++)
		if (!isdigit((unsigned char)*p))
			return NULL;
	return *p == ':' ? p + 1 : NULL;
}

static bool name_chars(const char *s, size_t max, const char *extra)
{
	size_t n = 0;

	for (; s[n]; n++)
		if (!isalnum((unsigned char)s[n]) && !strchr(extra, s[n]))
			return false;
	return n >= 1 && n <= max;
}

static bool valid_vpc(const char *s)
{
	const char *r = arn_rest(s, "ec2", true);

	return is_resource_id(s, "vpc-") || (r && strncmp(r, "vpc/", 4) == 0 && is_resource_id(r + 4, "vpc-"));
}

static bool valid_cluster(const char *s)
{
	const char *r = arn_rest(s, "ecs", true);

	if (r)
		return strncmp(r, "cluster/", 8) == 0 && name_chars(r + 8, 255, "_-");
	return name_chars(s, 255, "_-");
}

static bool valid_lb_name(const char *s, size_t len)
{
	if (len < 1 || len > 32 || s[0] == '-' || s[len - 1] == '-' || strncmp(s, "internal-", 9) == 0)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-')
			return false;
	return true;
}

static bool valid_loadbalancer(const char *s)
{
	const char *r = arn_rest(s, "elasticloadbalancing", true), *slash, *end;

	if (!r)
		return valid_lb_name(s, strlen(s));
	if (strncmp(r, "loadbalancer/app/", 17) != 0 && strncmp(r, "loadbalancer/net/", 17) != 0)
		return false;
	r += 17;
	slash = strchr(r, '/');
	return slash && valid_lb_name(r, (size_t)(slash - r)) && hex_run(slash + 1, 16, 16, &end) && !*end;
}

static bool valid_secret_arn(const char *s)
{
	const char *r = arn_rest(s, "secretsmanager", true);

	return r && strncmp(r, "secret:", 7) == 0 && r[7] && r[7] != ':';
}

static bool valid_efs(const char *s)
{
	const char *r = arn_rest(s, "elasticfilesystem", true), *end;

	if (r && strncmp(r, "file-system/", 12) == 0)
		s = r + 12;
	return strncmp(s, "fs-", 3) == 0 && hex_run(s + 3, 8, 40, &end) && !*end;
}

static void bad(struct ecs_check *ck, const struct ecs_mstr *m, const char *path, const char *what,
		const char *example)
{
	struct ecs_diag *d = ecs_check_report(ck, &m->span, path, "'%s' is not %s", m->v, what);

	ecs_check_help(ck, d, "write it like '%s'", example);
}

static void check_value(struct ecs_check *ck, const struct ecs_mstr *m, bool (*ok)(const char *),
			const char *path, const char *what, const char *example)
{
	if (m->present && m->len && !ok(m->v))
		bad(ck, m, path, what, example);
}

static bool valid_sg(const char *s)
{
	return is_resource_id(s, "sg-");
}

static void check_project(struct ecs_check *ck, const struct ecs_project *p)
{
	check_value(ck, &p->x_aws_vpc, valid_vpc, "/x-aws-vpc", "a VPC id or ARN", "vpc-0123456789abcdef0");
	check_value(ck, &p->x_aws_cluster, valid_cluster, "/x-aws-cluster", "an ECS cluster name or ARN",
		    "arn:aws:ecs:eu-west-1:123456789012:cluster/prod");
	check_value(ck, &p->x_aws_loadbalancer, valid_loadbalancer, "/x-aws-loadbalancer",
		    "a load balancer name or ARN",
		    "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188");
}

/* The name an external object is looked up by: name:, external.name, else its key (no span of its own). */
static const struct ecs_mstr *lookup_name(const struct ecs_mstr *name, const struct ecs_mstr *external_name)
{
	if (name->present)
		return name;
	if (external_name->present)
		return external_name;
	return NULL;
}

static void check_external_key(struct ecs_check *ck, const char *key, struct ecs_span span, const char *path,
			       bool (*ok)(const char *), const char *what, const char *example)
{
	struct ecs_diag *d;

	if (ok(key))
		return;
	d = ecs_check_report(ck, &span, path, "external '%s' has no 'name', and '%s' is not %s", key, key, what);
	ecs_check_help(ck, d, "set 'name:' to it, like '%s'", example);
}

static void check_service(struct ecs_check *ck, const struct ecs_service *s)
{
	check_value(ck, &s->x_aws_pull_credentials, valid_secret_arn,
		    ecs_check_printf(ck, "/services/%s/x-aws-pull_credentials", s->name), "a Secrets Manager secret ARN",
		    "arn:aws:secretsmanager:eu-west-1:123456789012:secret:dockerhub-AbCdEf");
}

static void check_secret(struct ecs_check *ck, const struct ecs_file_object *o)
{
	static const char ex[] = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-password-AbCdEf";
	const char *path = ecs_check_printf(ck, "/secrets/%s", o->key);
	const struct ecs_mstr *n;

	if (!o->external.present || !o->external.valid || !o->external.v)
		return;
	n = lookup_name(&o->name, &o->external_name);
	if (n)
		check_value(ck, n, valid_secret_arn, path, "a Secrets Manager secret ARN (external secrets are ARNs)", ex);
	else
		check_external_key(ck, o->key, o->key_span, path, valid_secret_arn, "a Secrets Manager secret ARN", ex);
}

static void check_volume(struct ecs_check *ck, const struct ecs_volume *v)
{
	static const char ex[] = "fs-0123456789abcdef0";
	const char *path = ecs_check_printf(ck, "/volumes/%s", v->key);
	const struct ecs_mstr *n;

	if (!v->external.present || !v->external.valid || !v->external.v)
		return;
	n = lookup_name(&v->name, &v->external_name);
	if (n)
		check_value(ck, n, valid_efs, path, "an EFS file system id (external volumes are EFS file systems)", ex);
	else
		check_external_key(ck, v->key, v->key_span, path, valid_efs, "an EFS file system id", ex);
}

static void check_network(struct ecs_check *ck, const struct ecs_network *n)
{
	static const char ex[] = "sg-0123456789abcdef0";
	const char *path = ecs_check_printf(ck, "/networks/%s", n->key);
	const struct ecs_mstr *name;

	check_value(ck, &n->x_aws_securitygroup, valid_sg, ecs_check_printf(ck, "%s/x-aws-securitygroup", path),
		    "a security group id", ex);
	if (n->implicit || !n->external.present || !n->external.valid || !n->external.v)
		return;
	name = lookup_name(&n->name, &n->external_name);
	if (name)
		check_value(ck, name, valid_sg, path, "a security group id (external networks are security groups)", ex);
	else
		check_external_key(ck, n->key, n->key_span, path, valid_sg, "a security group id", ex);
}

const struct ecs_rule ECS504_rule = {
	.id = "ECS504",
	.name = "invalid-aws-id",
	.summary = "AWS id or ARN in the wrong format (VPC, cluster, load balancer, secret, EFS, security group)",
	.source_url = "https://docs.docker.com/cloud/ecs-integration/#use-an-existing-aws-network-resource",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_XAWS,
	.fix = ECS_FIX_HINT,
	.on_project = check_project,
	.on_service = check_service,
	.on_network = check_network,
	.on_volume = check_volume,
	.on_secret = check_secret,
};
