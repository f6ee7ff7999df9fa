/*
 * secrets.c - Compose secrets on ECS (ecs-mapping.md §7): a Secrets
 * Manager secret per file-based secret a service uses (its content read
 * now, at conversion), external secrets by ARN or name, and per service
 * the init container that writes /run/secrets/<target> from the secrets
 * ECS injects as environment variables.
 *
 * A secret's content goes into the template and nowhere else: diagnostics
 * about it name the file, never what it holds.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../checks/rules.h"
#include "../yaml/yaml_load.h"
#include "cvt.h"

/* SecretString holds at most 65536 bytes (Secrets Manager quota). */
#define SECRET_MAX 65536

#define SIDECAR_IMAGE "docker/ecs-secrets-sidecar:1.0"

static bool is_external(const struct ecs_file_object *sec)
{
	return sec->external.present && sec->external.v;
}

/* The name an external secret is looked up by: name:, the deprecated external.name, else its key. */
static const char *external_name(const struct ecs_file_object *sec)
{
	if (sec->name.present && *sec->name.v)
		return sec->name.v;
	if (sec->external_name.present && *sec->external_name.v)
		return sec->external_name.v;
	return sec->key;
}

static const char *secret_id(struct cvt *c, const struct ecs_file_object *sec)
{
	const char *n = cvt_normalise(c, sec->effective_name ? sec->effective_name : sec->key);
	const char *id = n ? ecs_arena_printf(&c->run->arena, "%sSecret", n) : NULL;

	if (!id)
		c->failed = true;
	return id;
}

static bool used(const struct cvt *c, const struct ecs_file_object *sec)
{
	for (uint32_t i = 0; i < c->n_svcs; i++) {
		const struct ecs_service *s = c->svcs[i].s;
		for (uint32_t j = 0; j < s->n_secrets && !c->svcs[i].skip; j++)
			if (s->secrets[j].source.present && strcmp(s->secrets[j].source.v, sec->key) == 0)
				return true;
	}
	return false;
}

static void file_error(struct cvt *c, const struct ecs_file_object *sec, const char *help, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void file_error(struct cvt *c, const struct ecs_file_object *sec, const char *help, const char *fmt, ...)
{
	const struct ecs_span *at = sec->file.present ? &sec->file.span : &sec->key_span;
	struct ecs_diag *d;
	va_list ap;

	va_start(ap, fmt);
	d = ecs_diag_vadd(&c->run->diags, &ECS311_rule, at, NULL, fmt, ap);
	va_end(ap);
	if (d && help)
		ecs_diag_help(&c->run->diags, d, "%s", help);
}

/*
 * The file's bytes, arena-owned and NUL-terminated, or NULL after
 * reporting ECS311 (c->failed when out of memory).
 */
static char *read_content(struct cvt *c, const struct ecs_file_object *sec)
{
	const char *path = sec->resolved_file ? sec->resolved_file : sec->file.v;
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;
	const char *why;

	if (!f) {
		file_error(c, sec, "create the file, or point file: at it (relative paths start at the project directory)",
			   "cannot read the file of secret '%s': %s", sec->key, strerror(errno));
		return NULL;
	}
	buf = ecs_arena_alloc(&c->run->arena, SECRET_MAX + 2);
	if (!buf) {
		fclose(f);
		c->failed = true;
		return NULL;
	}
	n = fread(buf, 1, SECRET_MAX + 1, f);
	if (ferror(f)) {
		fclose(f);
		file_error(c, sec, NULL, "cannot read the file of secret '%s': read error", sec->key);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	if (n > SECRET_MAX) {
		file_error(c, sec, "store larger data elsewhere (S3, EFS) and keep a reference in the secret",
			   "the file of secret '%s' is larger than the %d bytes a Secrets Manager secret holds", sec->key,
			   SECRET_MAX);
		return NULL;
	}
	if (ecs_utf8_check(buf, n, &why) >= 0) {
		file_error(c, sec, "a secret string must be text: encode binary data (base64) first",
			   "the file of secret '%s' is not UTF-8 text (%s)", sec->key, why);
		return NULL;
	}
	return buf;
}

static void create_secret(struct cvt *c, const struct ecs_file_object *sec)
{
	const char *name = sec->effective_name ? sec->effective_name : sec->key;
	const char *id = secret_id(c, sec);
	char *content;
	cJSON *props;

	if (!id)
		return;
	if (!sec->file.present) {
		/* Compose also takes a secret from an environment variable; the stack cannot. */
		file_error(c, sec, "use file: (its content becomes a Secrets Manager secret) or external: true with the "
			   "secret's ARN as name",
			   "secret '%s' has no file to read its value from", sec->key);
		return;
	}
	if (!(content = read_content(c, sec)))
		return;
	if (!(props = cvt_resource(c, id, "AWS::SecretsManager::Secret", "secret", name, &sec->key_span)))
		return;
	cvt_set(c, props, "Description", cvt_strf(c, "Secret %s", name));
	cvt_sets(c, props, "SecretString", content);
	cvt_set(c, props, "Tags", cvt_project_tags(c));
}

static int secrets_project(struct cvt *c)
{
	for (uint32_t i = 0; i < c->p->n_secrets && !c->failed; i++) {
		const struct ecs_file_object *sec = c->p->secrets_sorted[i];
		if (!is_external(sec) && used(c, sec))
			create_secret(c, sec);
	}
	return c->failed ? -1 : 0;
}

/* What the container is given: the ARN or name (external), else Ref of the secret (its ARN). */
static cJSON *value_from(struct cvt *c, const struct ecs_file_object *sec)
{
	if (is_external(sec))
		return cvt_str(c, external_name(sec));
	return cvt_ref(c, secret_id(c, sec));
}

/*
 * What IAM grants: an ARN as written; a secret named without ARN is
 * matched as Secrets Manager names it (name plus a 6-character suffix).
 */
static cJSON *policy_resource(struct cvt *c, const struct ecs_file_object *sec)
{
	const char *name;
	cJSON *sub;

	if (!is_external(sec))
		return cvt_ref(c, secret_id(c, sec));
	name = external_name(sec);
	if (strncmp(name, "arn:", 4) == 0)
		return cvt_str(c, name);
	sub = cvt_obj(c);
	cvt_set(c, sub, "Fn::Sub",
		cvt_strf(c, "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:%s-??????",
			 name));
	return sub;
}

/* The file name under /run/secrets/ (target, else source), or NULL after reporting. */
static const char *target_name(struct cvt *c, const struct ecs_service *s, const struct ecs_file_ref *ref)
{
	const char *t = ref->target.present && *ref->target.v ? ref->target.v : ref->source.v;

	if (strncmp(t, "/run/secrets/", 13) == 0)
		t += 13;
	if (!*t || strchr(t, '/') || strcmp(t, ".") == 0 || strcmp(t, "..") == 0) {
		cvt_error(c, ref->target.present ? &ref->target.span : &ref->span, NULL,
			  "write a file name such as 'db_password': ECS tasks read secrets from /run/secrets/<name>",
			  "secret target '%s' of service '%s' is not a file name in /run/secrets/",
			  ref->target.present ? ref->target.v : t, s->name);
		return NULL;
	}
	return t;
}

static cJSON *mount(struct cvt *c, bool read_only)
{
	cJSON *m = cvt_obj(c);

	cvt_sets(c, m, "ContainerPath", "/run/secrets/");
	cvt_set(c, m, "ReadOnly", cvt_bool(c, read_only));
	cvt_sets(c, m, "SourceVolume", "secrets");
	return m;
}

/* Appends v to list unless an equal item is there (v is dropped then). */
static void push_once(struct cvt *c, cJSON *list, cJSON *v)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, list) {
		if (v && cJSON_Compare(it, v, true))
			return;
	}
	cvt_push(c, list, v);
}

/* One argument of the sidecar: {"Name": target, "Keys": [..] or null}. */
static cJSON *sidecar_arg(struct cvt *c, const char *name, const struct ecs_file_object *sec)
{
	cJSON *a = cvt_obj(c), *keys;

	cvt_sets(c, a, "Name", name);
	if (sec->x_aws_keys.present && sec->x_aws_keys.n) {
		keys = cvt_arr(c);
		for (uint32_t i = 0; i < sec->x_aws_keys.n; i++)
			cvt_push(c, keys, cvt_str(c, sec->x_aws_keys.v[i].v));
	} else {
		keys = cvt_null(c);
	}
	cvt_set(c, a, "Keys", keys);
	return a;
}

static void init_container(struct cvt *c, struct cvt_svc *sv, cJSON *args, cJSON *task_secrets)
{
	const char *name = ecs_arena_printf(&c->run->arena, "%s_Secrets_InitContainer", sv->id);
	cJSON *ct = cvt_obj(c), *cmd = cvt_arr(c), *mounts = cvt_arr(c), *dep = cvt_obj(c);
	char *json = args ? cJSON_PrintUnformatted(args) : NULL;

	if (!name || !json) {
		free(json);
		c->failed = true;
		return;
	}
	/* The original's sidecar takes one argument: the JSON list of what to write. */
	cvt_push(c, cmd, cvt_strn(c, json, strlen(json)));
	free(json);
	cvt_set(c, ct, "Command", cmd);
	cvt_set(c, ct, "Essential", cvt_bool(c, false));
	cvt_sets(c, ct, "Image", SIDECAR_IMAGE);
	cvt_set(c, ct, "LogConfiguration", cvt_log_configuration(c, sv->s));
	cvt_push(c, mounts, mount(c, false));
	cvt_set(c, ct, "MountPoints", mounts);
	cvt_sets(c, ct, "Name", name);
	cvt_set(c, ct, "Secrets", task_secrets);
	cvt_push(c, cvt_list(c, &sv->init_containers), ct);

	cvt_sets(c, dep, "Condition", "SUCCESS");
	cvt_sets(c, dep, "ContainerName", name);
	cvt_push(c, cvt_list(c, &sv->container_depends), dep);
}

static int secrets_service(struct cvt *c, struct cvt_svc *sv)
{
	const struct ecs_service *s = sv->s;
	cJSON *args, *task_secrets, *vol;
	const char **names;
	uint32_t n_names = 0;
	bool bad = false;

	if (!s->n_secrets)
		return 0;
	args = cvt_arr(c);
	task_secrets = cvt_arr(c);
	names = ecs_arena_alloc(&c->run->arena, s->n_secrets * sizeof(*names));
	if (!names)
		return -1;
	for (uint32_t i = 0; i < s->n_secrets && !c->failed; i++) {
		const struct ecs_file_ref *ref = &s->secrets[i];
		const struct ecs_file_object *sec = ref->source.present ? ecs_project_secret(c->p, ref->source.v) : NULL;
		const char *name;
		cJSON *ts;

		if (!ref->source.present)
			continue;
		if (!sec) {
			cvt_error(c, &ref->source.span, NULL, "declare it under the top-level secrets:",
				  "service '%s' uses secret '%s', which is not declared", s->name, ref->source.v);
			bad = true;
			continue;
		}
		if (!(name = target_name(c, s, ref))) {
			bad = true;
			continue;
		}
		for (uint32_t k = 0; k < n_names; k++) {
			if (strcmp(names[k], name) == 0) {
				cvt_error(c, &ref->span, NULL, "give each secret its own target",
					  "service '%s' writes two secrets to /run/secrets/%s", s->name, name);
				bad = true;
			}
		}
		names[n_names++] = name;
		ts = cvt_obj(c);
		cvt_sets(c, ts, "Name", name);
		cvt_set(c, ts, "ValueFrom", value_from(c, sec));
		cvt_push(c, task_secrets, ts);
		cvt_push(c, args, sidecar_arg(c, name, sec));
		push_once(c, cvt_list(c, &sv->exec_secret_arns), policy_resource(c, sec));
	}
	if (bad || c->failed || !cJSON_GetArraySize(task_secrets))
		return c->failed ? -1 : 0;
	init_container(c, sv, args, task_secrets);
	vol = cvt_obj(c);
	cvt_sets(c, vol, "Name", "secrets");
	cvt_push(c, cvt_list(c, &sv->task_volumes), vol);
	cvt_push(c, cvt_list(c, &sv->mounts), mount(c, true));
	return c->failed ? -1 : 0;
}

const struct cvt_family cvt_family_secrets = {
	.name = "secrets",
	.project = secrets_project,
	.service = secrets_service,
};
