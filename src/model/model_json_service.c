/*
 * model_json_service.c - one service as `docker compose config` prints it:
 * long syntax everywhere, Compose's defaults (protocol tcp, mode ingress,
 * depends_on condition, bind create_host_path) filled in, attributes in
 * alphabetical order, Compose's struct order inside ports, mounts, deploy.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_json_internal.h"

static void add_ports(struct mj *o, cJSON *svc, const struct ecs_service *s)
{
	cJSON *arr;

	if (!s->n_ports)
		return;
	arr = mj_put(o, svc, "ports", cJSON_CreateArray());
	for (uint32_t i = 0; arr && i < s->n_ports; i++) {
		const struct ecs_port *p = &s->ports[i];
		cJSON *e;

		if (!p->valid)
			continue;
		e = mj_put(o, arr, NULL, cJSON_CreateObject());
		if (!e)
			return;
		mj_str(o, e, "name", &p->name);
		mj_put(o, e, "mode", cJSON_CreateString(p->mode.present ? p->mode.v : "ingress"));
		mj_str(o, e, "host_ip", &p->host_ip);
		mj_put(o, e, "target", mj_integer(p->target));
		mj_str(o, e, "published", &p->published);
		mj_put(o, e, "protocol", cJSON_CreateString(p->effective_protocol));
		mj_str(o, e, "app_protocol", &p->app_protocol);
		mj_str(o, e, "x-aws-protocol", &p->x_aws_protocol);
	}
}

static const char *mount_type_name(enum ecs_mount_type t)
{
	static const char *const names[] = { "", "volume", "bind", "tmpfs", "npipe", "cluster", "image" };
	return names[t];
}

static void add_volumes(struct mj *o, cJSON *svc, const struct ecs_service *s)
{
	cJSON *arr;

	if (!s->n_volumes)
		return;
	arr = mj_put(o, svc, "volumes", cJSON_CreateArray());
	for (uint32_t i = 0; arr && i < s->n_volumes; i++) {
		const struct ecs_mount *m = &s->volumes[i];
		cJSON *e, *sub;

		if (!m->valid)
			continue;
		e = mj_put(o, arr, NULL, cJSON_CreateObject());
		if (!e)
			return;
		if (m->type != ECS_MOUNT_UNKNOWN)
			mj_put(o, e, "type", cJSON_CreateString(mount_type_name(m->type)));
		else
			mj_str(o, e, "type", &m->type_text);
		if (m->resolved_source)
			mj_put(o, e, "source", cJSON_CreateString(m->resolved_source));
		else
			mj_str(o, e, "source", &m->source);
		if (m->target_clean)
			mj_put(o, e, "target", cJSON_CreateString(m->target_clean));
		mj_bool(o, e, "read_only", &m->read_only);
		mj_str(o, e, "consistency", &m->consistency);
		if (m->type == ECS_MOUNT_BIND) {
			sub = mj_put(o, e, "bind", cJSON_CreateObject());
			mj_str(o, sub, "propagation", &m->propagation);
			if (m->create_host_path.present)
				mj_bool(o, sub, "create_host_path", &m->create_host_path);
			else if (!m->long_syntax)
				mj_put(o, sub, "create_host_path", cJSON_CreateTrue());
			mj_str(o, sub, "selinux", &m->selinux);
		}
		if (m->type == ECS_MOUNT_VOLUME && m->source.present) {
			sub = mj_put(o, e, "volume", cJSON_CreateObject());
			mj_bool(o, sub, "nocopy", &m->nocopy);
			mj_str(o, sub, "subpath", &m->subpath);
		}
		if (m->type == ECS_MOUNT_TMPFS && (m->tmpfs_size.present || m->tmpfs_mode.present)) {
			sub = mj_put(o, e, "tmpfs", cJSON_CreateObject());
			mj_bytes(o, sub, "size", &m->tmpfs_size);
			mj_int(o, sub, "mode", &m->tmpfs_mode);
		}
	}
}

static void add_refs(struct mj *o, cJSON *svc, const char *key, const struct ecs_file_ref *refs, uint32_t n)
{
	cJSON *arr;

	if (!n)
		return;
	arr = mj_put(o, svc, key, cJSON_CreateArray());
	for (uint32_t i = 0; arr && i < n; i++) {
		cJSON *e = mj_put(o, arr, NULL, cJSON_CreateObject());
		mj_str(o, e, "source", &refs[i].source);
		mj_str(o, e, "target", &refs[i].target);
		mj_str(o, e, "uid", &refs[i].uid);
		mj_str(o, e, "gid", &refs[i].gid);
		mj_int(o, e, "mode", &refs[i].mode);
	}
}

static void add_depends_on(struct mj *o, cJSON *svc, const struct ecs_service *s)
{
	cJSON *map;

	if (!s->n_depends_on)
		return;
	map = mj_put(o, svc, "depends_on", cJSON_CreateObject());
	for (uint32_t i = 0; map && i < s->n_depends_on; i++) {
		const struct ecs_depend *d = &s->depends_on[i];
		cJSON *e;

		e = mj_put(o, map, d->service.v, cJSON_CreateObject());
		mj_put(o, e, "condition", cJSON_CreateString(d->effective_condition));
		if (d->restart.present && d->restart.valid && d->restart.v)
			mj_put(o, e, "restart", cJSON_CreateTrue());
		mj_put(o, e, "required", cJSON_CreateBool(!d->required.present || !d->required.valid || d->required.v));
	}
	mj_sort_keys(o, map);
}

static void add_networks(struct mj *o, cJSON *svc, const struct ecs_service *s)
{
	cJSON *map;

	if (!s->n_networks)
		return;
	map = mj_put(o, svc, "networks", cJSON_CreateObject());
	for (uint32_t i = 0; map && i < s->n_networks; i++) {
		const struct ecs_service_network *n = &s->networks[i];
		cJSON *e;

		if (!n->node) {
			mj_put(o, map, n->name.v, cJSON_CreateNull());
			continue;
		}
		e = mj_put(o, map, n->name.v, cJSON_CreateObject());
		mj_int(o, e, "priority", &n->priority);
		mj_int(o, e, "gw_priority", &n->gw_priority);
		mj_list(o, e, "aliases", &n->aliases);
		mj_str(o, e, "ipv4_address", &n->ipv4_address);
		mj_str(o, e, "ipv6_address", &n->ipv6_address);
		mj_list(o, e, "link_local_ips", &n->link_local_ips);
		mj_str(o, e, "mac_address", &n->mac_address);
		mj_kvs(o, e, "driver_opts", &n->driver_opts, "");
		mj_str(o, e, "interface_name", &n->interface_name);
	}
	mj_sort_keys(o, map);
}

static void add_cmdline(struct mj *o, cJSON *svc, const char *key, const struct ecs_cmdline *c)
{
	if (c->argv.present && !c->is_null && c->valid)
		mj_list(o, svc, key, &c->argv);
}

static void add_healthcheck(struct mj *o, cJSON *svc, const struct ecs_healthcheck *h)
{
	cJSON *e;

	if (!h->present)
		return;
	e = mj_put(o, svc, "healthcheck", cJSON_CreateObject());
	mj_list(o, e, "test", &h->test);
	mj_duration(o, e, "timeout", &h->timeout);
	mj_duration(o, e, "interval", &h->interval);
	mj_int(o, e, "retries", &h->retries);
	mj_duration(o, e, "start_period", &h->start_period);
	mj_duration(o, e, "start_interval", &h->start_interval);
	mj_bool(o, e, "disable", &h->disable);
}

static void add_device_requests(struct mj *o, cJSON *obj, const char *key, const struct ecs_device_request *d,
				uint32_t n)
{
	cJSON *arr;

	if (!n)
		return;
	arr = mj_put(o, obj, key, cJSON_CreateArray());
	for (uint32_t i = 0; arr && i < n; i++) {
		cJSON *e = mj_put(o, arr, NULL, cJSON_CreateObject());
		mj_list(o, e, "capabilities", &d[i].capabilities);
		mj_str(o, e, "driver", &d[i].driver);
		if (d[i].effective_count < 0)
			mj_put(o, e, "count", cJSON_CreateString("all"));
		else if (d[i].count.present)
			mj_put(o, e, "count", mj_integer(d[i].effective_count));
		mj_list(o, e, "device_ids", &d[i].device_ids);
		mj_kvs(o, e, "options", &d[i].options, "");
	}
}

static void add_resources(struct mj *o, cJSON *obj, const char *key, const struct ecs_resources *r)
{
	cJSON *e;

	if (!r->present)
		return;
	e = mj_put(o, obj, key, cJSON_CreateObject());
	mj_cpus(o, e, "cpus", &r->cpus);
	mj_bytes(o, e, "memory", &r->memory);
	mj_int(o, e, "pids", &r->pids);
	if (r->n_generic_resources) {
		cJSON *arr = mj_put(o, e, "generic_resources", cJSON_CreateArray());
		for (uint32_t i = 0; arr && i < r->n_generic_resources; i++) {
			cJSON *g = mj_put(o, arr, NULL, cJSON_CreateObject());
			cJSON *spec = mj_put(o, g, "discrete_resource_spec", cJSON_CreateObject());
			mj_str(o, spec, "kind", &r->generic_resources[i].kind);
			mj_int(o, spec, "value", &r->generic_resources[i].value);
		}
	}
	add_device_requests(o, e, "devices", r->devices, r->n_devices);
}

static void add_update_config(struct mj *o, cJSON *obj, const char *key, const struct ecs_update_config *u)
{
	cJSON *e;

	if (!u->present)
		return;
	e = mj_put(o, obj, key, cJSON_CreateObject());
	mj_int(o, e, "parallelism", &u->parallelism);
	mj_duration(o, e, "delay", &u->delay);
	mj_str(o, e, "failure_action", &u->failure_action);
	mj_duration(o, e, "monitor", &u->monitor);
	if (u->max_failure_ratio.present)
		mj_put(o, e, "max_failure_ratio", cJSON_CreateNumber(u->max_failure_ratio_value));
	mj_str(o, e, "order", &u->order);
	mj_int(o, e, "x-aws-min_percent", &u->x_aws_min_percent);
	mj_int(o, e, "x-aws-max_percent", &u->x_aws_max_percent);
}

static void add_deploy(struct mj *o, cJSON *svc, const struct ecs_deploy *d)
{
	cJSON *e, *sub;

	if (!d->present)
		return;
	e = mj_put(o, svc, "deploy", cJSON_CreateObject());
	mj_str(o, e, "mode", &d->mode);
	mj_int(o, e, "replicas", &d->replicas);
	mj_kvs(o, e, "labels", &d->labels, "");
	add_update_config(o, e, "update_config", d->update_config);
	add_update_config(o, e, "rollback_config", d->rollback_config);
	if (d->limits->present || d->reservations->present) {
		sub = mj_put(o, e, "resources", cJSON_CreateObject());
		add_resources(o, sub, "limits", d->limits);
		add_resources(o, sub, "reservations", d->reservations);
	}
	if (d->restart_policy->present) {
		sub = mj_put(o, e, "restart_policy", cJSON_CreateObject());
		mj_str(o, sub, "condition", &d->restart_policy->condition);
		mj_duration(o, sub, "delay", &d->restart_policy->delay);
		mj_int(o, sub, "max_attempts", &d->restart_policy->max_attempts);
		mj_duration(o, sub, "window", &d->restart_policy->window);
	}
	if (d->placement->present) {
		sub = mj_put(o, e, "placement", cJSON_CreateObject());
		mj_list(o, sub, "constraints", &d->placement->constraints);
		if (d->placement->preferences.present) {
			cJSON *arr = mj_put(o, sub, "preferences", cJSON_CreateArray());
			for (uint32_t i = 0; arr && i < d->placement->preferences.n; i++) {
				cJSON *pref = mj_put(o, arr, NULL, cJSON_CreateObject());
				mj_put(o, pref, "spread", cJSON_CreateString(d->placement->preferences.v[i].v));
			}
		}
		mj_int(o, sub, "max_replicas_per_node", &d->placement->max_replicas_per_node);
	}
	mj_str(o, e, "endpoint_mode", &d->endpoint_mode);
	if (d->x_aws_autoscaling->present)
		mj_put(o, e, "x-aws-autoscaling", mj_raw(o, d->x_aws_autoscaling->node, 0));
}

static void add_build(struct mj *o, cJSON *svc, const struct ecs_service *s)
{
	cJSON *e;

	if (!s->build)
		return;
	e = mj_put(o, svc, "build", cJSON_CreateObject());
	if (!e)
		return;
	if (s->build_context.present)
		mj_put(o, e, "context", cJSON_CreateString(s->build_context_resolved ? s->build_context_resolved :
										    s->build_context.v));
	if (s->build_dockerfile.present)
		mj_put(o, e, "dockerfile", cJSON_CreateString(s->build_dockerfile.v));
	else if (!ecs_node_map_pair(s->build, "dockerfile_inline"))
		mj_put(o, e, "dockerfile", cJSON_CreateString("Dockerfile"));
	if (s->build->kind != ECS_NODE_MAPPING)
		return;
	for (uint32_t i = 0; i < s->build->map.n; i++) {
		const char *k = ecs_node_text(s->build->map.pairs[i].key);
		if (k && strcmp(k, "context") && strcmp(k, "dockerfile"))
			mj_put(o, e, k, mj_raw(o, s->build->map.pairs[i].value, 0));
	}
}

static void add_ulimits(struct mj *o, cJSON *svc, const struct ecs_service *s)
{
	cJSON *map;

	if (!s->n_ulimits)
		return;
	map = mj_put(o, svc, "ulimits", cJSON_CreateObject());
	for (uint32_t i = 0; map && i < s->n_ulimits; i++) {
		const struct ecs_ulimit *u = &s->ulimits[i];
		cJSON *e;

		if (u->single) {
			if (u->soft.valid)
				mj_put(o, map, u->name.v, mj_integer(u->soft.v));
			continue;
		}
		e = mj_put(o, map, u->name.v, cJSON_CreateObject());
		mj_int(o, e, "soft", &u->soft);
		mj_int(o, e, "hard", &u->hard);
	}
	mj_sort_keys(o, map);
}

static void add_env_files(struct mj *o, cJSON *svc, const struct ecs_service *s)
{
	cJSON *arr;

	if (!s->n_env_files)
		return;
	arr = mj_put(o, svc, "env_file", cJSON_CreateArray());
	for (uint32_t i = 0; arr && i < s->n_env_files; i++) {
		const struct ecs_env_file *f = &s->env_files[i];
		cJSON *e = mj_put(o, arr, NULL, cJSON_CreateObject());
		mj_put(o, e, "path", cJSON_CreateString(f->resolved_path));
		mj_put(o, e, "required", cJSON_CreateBool(!f->required.present || !f->required.valid || f->required.v));
		mj_str(o, e, "format", &f->format);
	}
}

static void add_devices(struct mj *o, cJSON *svc, const struct ecs_service *s)
{
	cJSON *arr;

	if (!s->n_devices)
		return;
	arr = mj_put(o, svc, "devices", cJSON_CreateArray());
	for (uint32_t i = 0; arr && i < s->n_devices; i++) {
		const struct ecs_device *d = &s->devices[i];
		cJSON *e;

		if (!d->valid)
			continue;
		e = mj_put(o, arr, NULL, cJSON_CreateObject());
		mj_put(o, e, "source", cJSON_CreateString(d->source.v));
		if (d->target.v)
			mj_put(o, e, "target", cJSON_CreateString(d->target.v));
		if (d->permissions.v)
			mj_put(o, e, "permissions", cJSON_CreateString(d->permissions.v));
	}
}

/* extra_hosts as Compose prints them: "host=ip" in source order */
static void add_extra_hosts(struct mj *o, cJSON *svc, const struct ecs_kvs *h)
{
	cJSON *arr;

	if (!h->present)
		return;
	arr = mj_put(o, svc, "extra_hosts", cJSON_CreateArray());
	for (uint32_t i = 0; arr && i < h->n; i++) {
		char *s = malloc(h->v[i].key.len + (h->v[i].has_value ? h->v[i].value.len : 0) + 2);
		if (!s) {
			o->failed = true;
			return;
		}
		sprintf(s, "%s=%s", h->v[i].key.v, h->v[i].has_value ? h->v[i].value.v : "");
		mj_put(o, arr, NULL, cJSON_CreateString(s));
		free(s);
	}
}

/* Service attributes in alphabetical order, as `docker compose config`. */
cJSON *mj_service(struct mj *o, const struct ecs_service *s)
{
	cJSON *e = cJSON_CreateObject();

	if (!e)
		return NULL;
	mj_kvs(o, e, "annotations", &s->other->annotations, "");
	add_build(o, e, s);
	mj_list(o, e, "cap_add", &s->cap_add);
	mj_list(o, e, "cap_drop", &s->cap_drop);
	mj_str(o, e, "cgroup", &s->other->cgroup);
	mj_str(o, e, "cgroup_parent", &s->other->cgroup_parent);
	add_cmdline(o, e, "command", &s->command);
	add_refs(o, e, "configs", s->configs, s->n_configs);
	mj_str(o, e, "container_name", &s->other->container_name);
	mj_int(o, e, "cpu_period", &s->other->cpu_period);
	mj_int(o, e, "cpu_quota", &s->other->cpu_quota);
	mj_int(o, e, "cpu_shares", &s->other->cpu_shares);
	mj_cpus(o, e, "cpus", &s->other->cpus);
	add_depends_on(o, e, s);
	add_deploy(o, e, s->deploy);
	add_devices(o, e, s);
	mj_list(o, e, "dns", &s->other->dns);
	mj_list(o, e, "dns_opt", &s->other->dns_opt);
	mj_list(o, e, "dns_search", &s->other->dns_search);
	mj_str(o, e, "domainname", &s->other->domainname);
	add_cmdline(o, e, "entrypoint", &s->entrypoint);
	add_env_files(o, e, s);
	mj_kvs(o, e, "environment", &s->effective_environment, NULL);
	mj_list(o, e, "expose", &s->other->expose);
	mj_list(o, e, "external_links", &s->other->external_links);
	add_extra_hosts(o, e, &s->other->extra_hosts);
	add_device_requests(o, e, "gpus", s->other->gpus, s->other->n_gpus);
	mj_list(o, e, "group_add", &s->other->group_add);
	add_healthcheck(o, e, s->healthcheck);
	mj_str(o, e, "hostname", &s->other->hostname);
	mj_str(o, e, "image", &s->image);
	mj_bool(o, e, "init", &s->init);
	mj_str(o, e, "ipc", &s->ipc);
	mj_str(o, e, "isolation", &s->other->isolation);
	mj_kvs(o, e, "labels", &s->labels, "");
	mj_list(o, e, "links", &s->other->links);
	if (s->logging->present) {
		cJSON *l = mj_put(o, e, "logging", cJSON_CreateObject());
		mj_str(o, l, "driver", &s->logging->driver);
		mj_kvs(o, l, "options", &s->logging->options, "");
	}
	mj_str(o, e, "mac_address", &s->other->mac_address);
	mj_bytes(o, e, "mem_limit", &s->other->mem_limit);
	mj_bytes(o, e, "mem_reservation", &s->other->mem_reservation);
	mj_bytes(o, e, "memswap_limit", &s->other->memswap_limit);
	mj_str(o, e, "network_mode", &s->network_mode);
	add_networks(o, e, s);
	mj_bool(o, e, "oom_kill_disable", &s->other->oom_kill_disable);
	mj_int(o, e, "oom_score_adj", &s->other->oom_score_adj);
	mj_str(o, e, "pid", &s->pid);
	mj_int(o, e, "pids_limit", &s->other->pids_limit);
	mj_str(o, e, "platform", &s->other->platform);
	add_ports(o, e, s);
	mj_bool(o, e, "privileged", &s->privileged);
	mj_list(o, e, "profiles", &s->other->profiles);
	mj_str(o, e, "pull_policy", &s->other->pull_policy);
	mj_bool(o, e, "read_only", &s->read_only);
	mj_str(o, e, "restart", &s->other->restart);
	mj_str(o, e, "runtime", &s->other->runtime);
	mj_int(o, e, "scale", &s->other->scale);
	add_refs(o, e, "secrets", s->secrets, s->n_secrets);
	mj_list(o, e, "security_opt", &s->other->security_opt);
	mj_bytes(o, e, "shm_size", &s->other->shm_size);
	mj_bool(o, e, "stdin_open", &s->other->stdin_open);
	mj_duration(o, e, "stop_grace_period", &s->other->stop_grace_period);
	mj_str(o, e, "stop_signal", &s->other->stop_signal);
	mj_kvs(o, e, "sysctls", &s->sysctls, "");
	mj_list(o, e, "tmpfs", &s->tmpfs);
	mj_bool(o, e, "tty", &s->other->tty);
	add_ulimits(o, e, s);
	mj_str(o, e, "user", &s->user);
	mj_str(o, e, "userns_mode", &s->other->userns_mode);
	mj_str(o, e, "uts", &s->other->uts);
	add_volumes(o, e, s);
	mj_list(o, e, "volumes_from", &s->other->volumes_from);
	mj_str(o, e, "working_dir", &s->working_dir);
	mj_extensions(o, e, s->extensions, s->n_extensions);
	return e;
}

