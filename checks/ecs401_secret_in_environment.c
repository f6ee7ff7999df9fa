/*
 * ecs401_secret_in_environment.c - a secret in plain environment variables
 * (Security Hub ECS.8): the value lands in the task definition, readable by
 * anyone with ecs:DescribeTaskDefinition.  Names AWS flags (ECS.8), names
 * that say "password", "secret", "token", "api key" or "private key", and
 * values that look like AWS access keys or PEM private keys, and
 * CloudFormation secret references ({{resolve:secretsmanager:...}}), which
 * put the resolved plain text into the task definition, in
 * `environment` and in the service's env files (reported in the file).
 */
#include <ctype.h>
#include <strings.h>
#include <string.h>

#include "check.h"

static const struct ecs_rule_option options[] = {
	{ "extra-names", ECS_OPT_STRING_LIST,
	  "more variable-name fragments that mark a secret, case-insensitive (default: none)" },
	{ "allow-names", ECS_OPT_STRING_LIST, "variable names never reported (default: none)" },
	{ NULL, 0, NULL },
};

static const char *const ecs8_names[] = { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "ECS_ENGINE_AUTH_DATA" };
static const char *const fragments[] = { "PASSWORD", "PASSWD", "SECRET", "TOKEN", "API_KEY", "APIKEY",
					 "PRIVATE_KEY", "ACCESS_KEY" };

static bool contains_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}

/* Values that only point at a secret stored elsewhere are fine. */
static bool is_reference(const char *name, const char *value)
{
	size_t n = strlen(name);

	if (n > 5 && strcasecmp(name + n - 5, "_FILE") == 0)
		return true;	/* POSTGRES_PASSWORD_FILE=/run/secrets/db */
	return strncmp(value, "/run/secrets/", 13) == 0 || strncmp(value, "arn:", 4) == 0 ||
	       strncmp(value, "{{resolve:ssm:", 14) == 0;
}

static bool looks_like_access_key(const char *v)
{
	if (strncmp(v, "AKIA", 4) != 0 && strncmp(v, "ASIA", 4) != 0)
		return false;
	for (int i = 4; i < 20; i++)
		if (!isupper((unsigned char)v[i]) && !isdigit((unsigned char)v[i]))
			return false;
	return v[20] == '\0' || !isalnum((unsigned char)v[20]);
}

static const char *why(struct ecs_check *ck, const char *name, const char *value)
{
	const char **extra;
	uint32_t n_extra = ecs_check_opt_strings(ck, "extra-names", &extra);

	for (size_t i = 0; i < sizeof(ecs8_names) / sizeof(ecs8_names[0]); i++)
		if (strcmp(name, ecs8_names[i]) == 0)
			return "Security Hub ECS.8 flags this name";
	/* CloudFormation resolves these when it creates the task definition: the plain text lands in it. */
	if (strstr(value, "{{resolve:secretsmanager:"))
		return "CloudFormation writes the resolved secret into the task definition";
	if (strstr(value, "{{resolve:ssm-secure:"))
		return "ssm-secure references are not supported in task definitions";
	if (looks_like_access_key(value))
		return "the value looks like an AWS access key id";
	if (strstr(value, "-----BEGIN") && strstr(value, "PRIVATE KEY"))
		return "the value is a private key";
	for (size_t i = 0; i < sizeof(fragments) / sizeof(fragments[0]); i++)
		if (contains_nocase(name, fragments[i]))
			return "the name says it holds a secret";
	for (uint32_t i = 0; i < n_extra; i++)
		if (*extra[i] && contains_nocase(name, extra[i]))
			return "the name matches the configured extra-names";
	return NULL;
}

static bool allowed(struct ecs_check *ck, const char *name)
{
	const char **allow;
	uint32_t n_allow = ecs_check_opt_strings(ck, "allow-names", &allow);

	for (uint32_t k = 0; k < n_allow; k++)
		if (strcmp(allow[k], name) == 0)
			return true;
	return false;
}

/* env_file variables become Environment entries too, unless `environment` sets the name. */
static void check_env_files(struct ecs_check *ck, const struct ecs_service *s)
{
	for (uint32_t i = 0; i < s->n_env_files; i++) {
		const struct ecs_check_var *v;
		uint32_t n = ecs_check_env_file(ck, &s->env_files[i], &v);

		for (uint32_t k = 0; k < n; k++) {
			const char *reason;
			struct ecs_diag *d;

			if (!*v[k].value || ecs_kvs_get(&s->environment, v[k].name) || allowed(ck, v[k].name) ||
			    is_reference(v[k].name, v[k].value))
				continue;
			reason = why(ck, v[k].name, v[k].value);
			if (!reason)
				continue;
			d = ecs_check_report(ck, &v[k].span, ecs_check_printf(ck, "/services/%s/env_file/%u", s->name, i),
					     "secret '%s' is passed as a plain environment variable to service '%s' (%s)",
					     v[k].name, s->name, reason);
			ecs_check_related(ck, d, &s->env_files[i].span, "env file used here");
			ecs_check_help(ck, d, "move it to a top-level secret and reference it under the service's "
				       "'secrets:' (ECS injects it from Secrets Manager)");
		}
	}
}

static void check_service(struct ecs_check *ck, const struct ecs_service *s)
{
	check_env_files(ck, s);

	for (uint32_t i = 0; i < s->environment.n; i++) {
		const struct ecs_kv *kv = &s->environment.v[i];
		const char *name = kv->key.present ? kv->key.v : NULL;
		const char *reason;
		struct ecs_diag *d;

		if (!name || !kv->has_value || !kv->value.present || kv->value.len == 0)
			continue;
		if (allowed(ck, name) || is_reference(name, kv->value.v))
			continue;
		reason = why(ck, name, kv->value.v);
		if (!reason)
			continue;
		d = ecs_check_report(ck, &kv->key.span,
				     ecs_check_printf(ck, "/services/%s/environment/%s", s->name, name),
				     "secret '%s' is passed as a plain environment variable (%s)", name, reason);
		ecs_check_help(ck, d, "move it to a top-level secret and reference it under the service's 'secrets:' "
			       "(ECS injects it from Secrets Manager)");
	}
}

const struct ecs_rule ECS401_rule = {
	.id = "ECS401",
	.name = "secret-in-environment",
	.summary = "secret-looking environment variable in plain text (Security Hub ECS.8)",
	.source_url = "https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-8",
	.since = "0.1.0",
	.severity = ECS_SEV_WARNING,
	.tags = ECS_TAG_SECURITY,
	.fix = ECS_FIX_HINT,
	.options = options,
	.on_service = check_service,
};
