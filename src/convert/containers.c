/*
 * containers.c - the container definitions of a task: the resolv.conf init
 * container every task has, and the service's own container
 * (ecs-mapping.md §§3.10.2-3.10.3, §13.1).
 */
#include <inttypes.h>
#include <string.h>

#include "cvt.h"

/* awslogs to the project's log group; logging.options awslogs-* override. */
cJSON *cvt_log_configuration(struct cvt *c, const struct ecs_service *s)
{
	cJSON *lc = cvt_obj(c), *opts = cvt_obj(c);
	const struct ecs_kvs *o = &s->logging->options;

	cvt_sets(c, lc, "LogDriver", "awslogs");
	cvt_set(c, opts, "awslogs-group", cvt_ref(c, "LogGroup"));
	cvt_set(c, opts, "awslogs-region", cvt_ref(c, "AWS::Region"));
	cvt_sets(c, opts, "awslogs-stream-prefix", c->p->name);
	for (uint32_t i = 0; i < o->n_sorted && opts; i++) {
		const struct ecs_kv *kv = o->sorted[i];
		if (!kv->key.v || strncmp(kv->key.v, "awslogs-", 8) != 0)
			continue;
		cJSON_DetachItemFromObjectCaseSensitive(opts, kv->key.v);
		cvt_sets(c, opts, kv->key.v, kv->has_value ? kv->value.v : "");
	}
	cvt_set(c, lc, "Options", opts);
	return lc;
}

cJSON *cvt_resolv_container(struct cvt *c, const struct cvt_svc *sv)
{
	cJSON *ct = cvt_obj(c), *cmd = cvt_arr(c);
	const char *region = c->opt ? c->opt->region : NULL;

	if (region && *region) {
		cvt_push(c, cmd, cvt_strf(c, "%s.compute.internal", region));
	} else {
		cJSON *sub = cvt_obj(c);
		cvt_sets(c, sub, "Fn::Sub", "${AWS::Region}.compute.internal");
		cvt_push(c, cmd, sub);
	}
	cvt_push(c, cmd, cvt_strf(c, "%s.local", c->p->name));
	cvt_set(c, ct, "Command", cmd);
	cvt_set(c, ct, "Essential", cvt_bool(c, false));
	cvt_sets(c, ct, "Image", "docker/ecs-searchdomain-sidecar:1.0");
	cvt_set(c, ct, "LogConfiguration", cvt_log_configuration(c, sv->s));
	cvt_set(c, ct, "Name", cvt_strf(c, "%s_ResolvConf_InitContainer", sv->id));
	return ct;
}

static cJSON *strings(struct cvt *c, const struct ecs_mstrs *l)
{
	cJSON *a = cvt_arr(c);

	for (uint32_t i = 0; i < l->n; i++)
		cvt_push(c, a, cvt_str(c, l->v[i].v));
	return a;
}

/* The model merged env_file entries and environment as Compose does; sorted by name. */
static void environment(struct cvt *c, cJSON *ct, const struct ecs_service *s)
{
	const struct ecs_kvs *env = &s->effective_environment;
	cJSON *list = cvt_arr(c);

	for (uint32_t i = 0; i < env->n_sorted && list; i++) {
		const struct ecs_kv *kv = env->sorted[i];
		cJSON *e = cvt_obj(c);
		cvt_sets(c, e, "Name", kv->key.v);
		if (kv->has_value)
			cvt_sets(c, e, "Value", kv->value.v);
		cvt_push(c, list, e);
	}
	cvt_take(c, ct, "Environment", &list);
}

static void health_check(struct cvt *c, cJSON *ct, const struct ecs_healthcheck *hc)
{
	cJSON *h;

	if (!hc->present || hc->disabled || !hc->test.n)
		return;
	h = cvt_obj(c);
	cvt_set(c, h, "Command", strings(c, &hc->test));
	if (hc->interval.present && hc->interval.valid && hc->interval.v / 1000000000)
		cvt_set(c, h, "Interval", cvt_num(c, (double)(hc->interval.v / 1000000000)));
	if (hc->retries.present && hc->retries.valid && hc->retries.v)
		cvt_set(c, h, "Retries", cvt_num(c, (double)hc->retries.v));
	if (hc->start_period.present && hc->start_period.valid && hc->start_period.v / 1000000000)
		cvt_set(c, h, "StartPeriod", cvt_num(c, (double)(hc->start_period.v / 1000000000)));
	if (hc->timeout.present && hc->timeout.valid && hc->timeout.v / 1000000000)
		cvt_set(c, h, "Timeout", cvt_num(c, (double)(hc->timeout.v / 1000000000)));
	cvt_set(c, ct, "HealthCheck", h);
}

static void linux_parameters(struct cvt *c, cJSON *ct, const struct ecs_service *s)
{
	cJSON *lp = cvt_obj(c);

	if (s->cap_add.n || s->cap_drop.n) {
		cJSON *caps = cvt_obj(c);
		if (s->cap_add.n)
			cvt_set(c, caps, "Add", strings(c, &s->cap_add));
		if (s->cap_drop.n)
			cvt_set(c, caps, "Drop", strings(c, &s->cap_drop));
		cvt_set(c, lp, "Capabilities", caps);
	}
	if (s->init.present && s->init.valid && s->init.v)
		cvt_set(c, lp, "InitProcessEnabled", cvt_bool(c, true));
	cvt_set(c, ct, "LinuxParameters", lp);
}

static void port_mappings(struct cvt *c, cJSON *ct, const struct ecs_service *s)
{
	cJSON *list = cvt_arr(c);

	for (uint32_t i = 0; i < s->n_ports; i++) {
		const struct ecs_port *pt = &s->ports[i];
		cJSON *m;
		if (!pt->valid)
			continue;
		m = cvt_obj(c);
		cvt_set(c, m, "ContainerPort", cvt_num(c, pt->target));
		/* awsvpc: the host port is the container port (ECS204 rejects others). */
		cvt_set(c, m, "HostPort", cvt_num(c, pt->target));
		cvt_sets(c, m, "Protocol", pt->effective_protocol && *pt->effective_protocol ? pt->effective_protocol : "tcp");
		cvt_push(c, list, m);
	}
	cvt_take(c, ct, "PortMappings", &list);
}

static void ulimits(struct cvt *c, cJSON *ct, const struct ecs_service *s)
{
	cJSON *list = cvt_arr(c);

	for (uint32_t i = 0; i < s->n_ulimits; i++) {
		const struct ecs_ulimit *u = &s->ulimits[i];
		cJSON *e;
		/* Fargate takes only nofile (ECS212 reports the others). */
		if (!u->name.v || strcmp(u->name.v, "nofile") != 0)
			continue;
		/* `nofile: N` is soft = hard = N (the original wrote 0 and 0). */
		const struct ecs_mint *soft = u->soft.valid ? &u->soft : &u->hard;
		const struct ecs_mint *hard = u->hard.valid ? &u->hard : &u->soft;
		e = cvt_obj(c);
		cvt_set(c, e, "HardLimit", cvt_num(c, hard->valid ? (double)hard->v : 0));
		cvt_sets(c, e, "Name", u->name.v);
		cvt_set(c, e, "SoftLimit", cvt_num(c, soft->valid ? (double)soft->v : 0));
		cvt_push(c, list, e);
	}
	cvt_take(c, ct, "Ulimits", &list);
}

static cJSON *depends(struct cvt *c, const char *container)
{
	cJSON *d = cvt_obj(c);

	cvt_sets(c, d, "Condition", "SUCCESS");
	cvt_sets(c, d, "ContainerName", container);
	return d;
}

cJSON *cvt_main_container(struct cvt *c, struct cvt_svc *sv, const struct cvt_size *sz, const char *resolv_name)
{
	const struct ecs_service *s = sv->s;
	cJSON *ct = cvt_obj(c), *labels;

	if (s->command.argv.present && !s->command.is_null && s->command.argv.n)
		cvt_set(c, ct, "Command", strings(c, &s->command.argv));
	cvt_push(c, cvt_list(c, &sv->container_depends), depends(c, resolv_name));
	cvt_take(c, ct, "DependsOn", &sv->container_depends);
	if (s->labels.n_sorted) {
		labels = cvt_obj(c);
		for (uint32_t i = 0; i < s->labels.n_sorted; i++) {
			const struct ecs_kv *kv = s->labels.sorted[i];
			if (!kv->key.v || !*kv->key.v)
				continue;
			cvt_sets(c, labels, kv->key.v, kv->has_value ? kv->value.v : "");
		}
		cvt_set(c, ct, "DockerLabels", labels);
	}
	if (s->entrypoint.argv.present && !s->entrypoint.is_null && s->entrypoint.argv.n)
		cvt_set(c, ct, "EntryPoint", strings(c, &s->entrypoint.argv));
	environment(c, ct, s);
	cvt_set(c, ct, "Essential", cvt_bool(c, true));
	health_check(c, ct, s->healthcheck);
	if (s->image.present)
		cvt_sets(c, ct, "Image", s->image.v);
	linux_parameters(c, ct, s);
	cvt_set(c, ct, "LogConfiguration", cvt_log_configuration(c, s));
	if (sz->memory_reservation_mib > 0)
		cvt_set(c, ct, "MemoryReservation", cvt_num(c, (double)sz->memory_reservation_mib));
	cvt_take(c, ct, "MountPoints", &sv->mounts);
	cvt_sets(c, ct, "Name", s->name);
	port_mappings(c, ct, s);
	if (s->x_aws_pull_credentials.present) {
		cJSON *rc = cvt_obj(c);
		cvt_sets(c, rc, "CredentialsParameter", s->x_aws_pull_credentials.v);
		cvt_set(c, ct, "RepositoryCredentials", rc);
	}
	cvt_take(c, ct, "ResourceRequirements", &sv->resource_requirements);
	ulimits(c, ct, s);
	if (s->user.present && *s->user.v)
		cvt_sets(c, ct, "User", s->user.v);
	if (s->working_dir.present && *s->working_dir.v)
		cvt_sets(c, ct, "WorkingDirectory", s->working_dir.v);
	return ct;
}
