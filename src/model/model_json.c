/*
 * model_json.c - the model as `docker compose config` shows it.  Attribute
 * order follows Compose's output (alphabetical for services, Compose's
 * struct order inside ports, mounts, deploy...); maps of names are sorted;
 * defaults Compose fills in (protocol tcp, mode ingress, the default
 * network, depends_on condition) are printed.
 */
#include "model_json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build_internal.h"

struct out {
	bool failed;
};

/* Adds item under key (or to an array when key is NULL); records failure. */
static cJSON *put(struct out *o, cJSON *parent, const char *key, cJSON *item)
{
	bool ok;

	if (!item || !parent) {
		cJSON_Delete(item);
		o->failed = true;
		return NULL;
	}
	ok = key ? cJSON_AddItemToObject(parent, key, item) : cJSON_AddItemToArray(parent, item);
	if (!ok) {
		cJSON_Delete(item);
		o->failed = true;
		return NULL;
	}
	return item;
}

static cJSON *integer(int64_t v)
{
	char num[24];

	snprintf(num, sizeof(num), "%lld", (long long)v);
	return cJSON_CreateRaw(num);
}

const char *ecs_duration_format(int64_t ns, char *buf, size_t len)
{
	char tmp[40];
	size_t w = sizeof(tmp) - 1;
	uint64_t u = ns < 0 ? (uint64_t)0 - (uint64_t)ns : (uint64_t)ns;
	int prec = 9;
	bool print = false;

	tmp[w] = '\0';
	if (u == 0) {
		snprintf(buf, len, "0s");
		return buf;
	}
	tmp[--w] = 's';
	if (u < 1000000000ull) {
		if (u < 1000ull) {
			prec = 0;
			tmp[--w] = 'n';
		} else if (u < 1000000ull) {
			prec = 3;
			w -= 2;
			memcpy(tmp + w, "\xc2\xb5", 2);	/* µ, as Go prints it */
		} else {
			prec = 6;
			tmp[--w] = 'm';
		}
	}
	for (int i = 0; i < prec; i++) {
		unsigned digit = (unsigned)(u % 10);
		print = print || digit;
		if (print)
			tmp[--w] = (char)('0' + digit);
		u /= 10;
	}
	if (print)
		tmp[--w] = '.';
	if (prec == 9) {
		uint64_t secs = u % 60, mins = (u / 60) % 60, hours = u / 3600;
		do {
			tmp[--w] = (char)('0' + secs % 10);
			secs /= 10;
		} while (secs);
		if (u >= 60) {
			tmp[--w] = 'm';
			do {
				tmp[--w] = (char)('0' + mins % 10);
				mins /= 10;
			} while (mins);
			if (hours) {
				tmp[--w] = 'h';
				do {
					tmp[--w] = (char)('0' + hours % 10);
					hours /= 10;
				} while (hours);
			}
		}
	} else {
		do {
			tmp[--w] = (char)('0' + u % 10);
			u /= 10;
		} while (u);
	}
	if (ns < 0)
		tmp[--w] = '-';
	snprintf(buf, len, "%s", tmp + w);
	return buf;
}

static void add_str(struct out *o, cJSON *obj, const char *key, const struct ecs_mstr *m)
{
	if (m->present)
		put(o, obj, key, cJSON_CreateString(m->v));
}

static void add_bool(struct out *o, cJSON *obj, const char *key, const struct ecs_mbool *m)
{
	if (m->present && m->valid)
		put(o, obj, key, cJSON_CreateBool(m->v));
}

static void add_int(struct out *o, cJSON *obj, const char *key, const struct ecs_mint *m)
{
	if (m->present && m->valid)
		put(o, obj, key, integer(m->v));
}

/* Compose prints byte sizes as decimal strings. */
static void add_bytes(struct out *o, cJSON *obj, const char *key, const struct ecs_mint *m)
{
	char num[24];

	if (!m->present || !m->valid)
		return;
	snprintf(num, sizeof(num), "%lld", (long long)m->v);
	put(o, obj, key, cJSON_CreateString(num));
}

static void add_duration(struct out *o, cJSON *obj, const char *key, const struct ecs_mint *m)
{
	char text[48];

	if (m->present && m->valid)
		put(o, obj, key, cJSON_CreateString(ecs_duration_format(m->v, text, sizeof(text))));
}

static void add_cpus(struct out *o, cJSON *obj, const char *key, const struct ecs_mcpus *m)
{
	char num[40];

	if (!m->present || !m->valid)
		return;
	/* Compose stores cpus as float32 */
	snprintf(num, sizeof(num), "%g", (double)(float)m->value);
	put(o, obj, key, cJSON_CreateRaw(num));
}

static void add_list(struct out *o, cJSON *obj, const char *key, const struct ecs_mstrs *m)
{
	cJSON *arr;

	if (!m->present)
		return;
	arr = put(o, obj, key, cJSON_CreateArray());
	for (uint32_t i = 0; arr && i < m->n; i++)
		put(o, arr, NULL, cJSON_CreateString(m->v[i].v));
}

/* null_value: what a key without value becomes (NULL: JSON null). */
static void add_kvs(struct out *o, cJSON *obj, const char *key, const struct ecs_kvs *m, const char *null_value)
{
	cJSON *map;

	if (!m->present)
		return;
	map = put(o, obj, key, cJSON_CreateObject());
	for (uint32_t i = 0; map && i < m->n_sorted; i++) {
		const struct ecs_kv *kv = m->sorted[i];
		cJSON *v = kv->has_value ? cJSON_CreateString(kv->value.v) :
			   null_value ? cJSON_CreateString(null_value) : cJSON_CreateNull();
		put(o, map, kv->key.v, v);
	}
}

static cJSON *raw_node(struct out *o, const struct ecs_node *n, unsigned depth);

static cJSON *raw_scalar(const struct ecs_node *n)
{
	char num[40];
	double d;
	int64_t v;

	switch (mb_scalar_type(n)) {
	case MB_NULL:
		return cJSON_CreateNull();
	case MB_BOOL:
		return cJSON_CreateBool(n->scalar.text[0] == 't' || n->scalar.text[0] == 'T');
	case MB_INT:
		return ecs_yaml_int(n->scalar.text, n->scalar.len, &v) ? integer(v) : cJSON_CreateString(n->scalar.text);
	case MB_FLOAT:
		d = strtod(n->scalar.text, NULL);
		if (!isfinite(d))
			return cJSON_CreateString(n->scalar.text);
		snprintf(num, sizeof(num), "%.17g", d);
		return cJSON_CreateRaw(num);
	default:
		return cJSON_CreateString(n->scalar.text);
	}
}

/* A raw YAML value (extensions, x-aws-role, ipam...) as plain JSON. */
static cJSON *raw_node(struct out *o, const struct ecs_node *n, unsigned depth)
{
	cJSON *c;

	n = ecs_node_deref(n);
	/* Aliases make trees exponential; the loader bounds expansion, and
	 * depth keeps this walk's stack bounded too. */
	if (!n || depth > 200)
		return cJSON_CreateNull();
	if (n->kind == ECS_NODE_SCALAR)
		return raw_scalar(n);
	if (n->kind == ECS_NODE_SEQUENCE) {
		c = cJSON_CreateArray();
		for (uint32_t i = 0; c && i < n->seq.n; i++)
			put(o, c, NULL, raw_node(o, n->seq.items[i], depth + 1));
		return c;
	}
	c = cJSON_CreateObject();
	for (uint32_t i = 0; c && i < n->map.n; i++) {
		const char *k = ecs_node_text(n->map.pairs[i].key);
		/* keys are unique: the loader drops duplicates (ECS002) */
		if (k)
			put(o, c, k, raw_node(o, n->map.pairs[i].value, depth + 1));
	}
	return c;
}

static void add_extensions(struct out *o, cJSON *obj, const struct ecs_pair *const *ext, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		const char *k = ecs_node_text(ext[i]->key);
		if (k && !cJSON_GetObjectItemCaseSensitive(obj, k))
			put(o, obj, k, raw_node(o, ext[i]->value, 0));
	}
}

static void add_ports(struct out *o, cJSON *svc, const struct ecs_service *s)
{
	cJSON *arr;

	if (!s->n_ports)
		return;
	arr = put(o, svc, "ports", cJSON_CreateArray());
	for (uint32_t i = 0; arr && i < s->n_ports; i++) {
		const struct ecs_port *p = &s->ports[i];
		cJSON *e;

		if (!p->valid)
			continue;
		e = put(o, arr, NULL, cJSON_CreateObject());
		if (!e)
			return;
		add_str(o, e, "name", &p->name);
		put(o, e, "mode", cJSON_CreateString(p->mode.present ? p->mode.v : "ingress"));
		add_str(o, e, "host_ip", &p->host_ip);
		put(o, e, "target", integer(p->target));
		add_str(o, e, "published", &p->published);
		put(o, e, "protocol", cJSON_CreateString(p->effective_protocol));
		add_str(o, e, "app_protocol", &p->app_protocol);
		add_str(o, e, "x-aws-protocol", &p->x_aws_protocol);
	}
}

static const char *mount_type_name(enum ecs_mount_type t)
{
	static const char *const names[] = { "", "volume", "bind", "tmpfs", "npipe", "cluster", "image" };
	return names[t];
}

static void add_volumes(struct out *o, cJSON *svc, const struct ecs_service *s, const struct ecs_project *p)
{
	cJSON *arr;

	if (!s->n_volumes)
		return;
	arr = put(o, svc, "volumes", cJSON_CreateArray());
	for (uint32_t i = 0; arr && i < s->n_volumes; i++) {
		const struct ecs_mount *m = &s->volumes[i];
		cJSON *e, *sub;

		if (!m->valid)
			continue;
		e = put(o, arr, NULL, cJSON_CreateObject());
		if (!e)
			return;
		if (m->type != ECS_MOUNT_UNKNOWN)
			put(o, e, "type", cJSON_CreateString(mount_type_name(m->type)));
		else
			add_str(o, e, "type", &m->type_text);
		if (m->source.present && m->type == ECS_MOUNT_BIND && m->source.v[0] == '.' && p->working_dir) {
			/* Compose resolves relative bind sources against the project directory */
			char *abs = malloc(strlen(p->working_dir) + m->source.len + 2);
			if (abs) {
				const char *rel = m->source.v;
				while (rel[0] == '.' && rel[1] == '/')
					rel += 2;
				if (strcmp(rel, ".") == 0)
					rel = "";
				sprintf(abs, "%s%s%s", p->working_dir, *rel ? "/" : "", rel);
				put(o, e, "source", cJSON_CreateString(abs));
				free(abs);
			}
		} else {
			add_str(o, e, "source", &m->source);
		}
		if (m->target_clean)
			put(o, e, "target", cJSON_CreateString(m->target_clean));
		add_bool(o, e, "read_only", &m->read_only);
		add_str(o, e, "consistency", &m->consistency);
		if (m->type == ECS_MOUNT_BIND) {
			sub = put(o, e, "bind", cJSON_CreateObject());
			add_str(o, sub, "propagation", &m->propagation);
			if (m->create_host_path.present)
				add_bool(o, sub, "create_host_path", &m->create_host_path);
			else if (!m->long_syntax)
				put(o, sub, "create_host_path", cJSON_CreateTrue());
			add_str(o, sub, "selinux", &m->selinux);
		}
		if (m->type == ECS_MOUNT_VOLUME && m->source.present) {
			sub = put(o, e, "volume", cJSON_CreateObject());
			add_bool(o, sub, "nocopy", &m->nocopy);
			add_str(o, sub, "subpath", &m->subpath);
		}
		if (m->type == ECS_MOUNT_TMPFS && (m->tmpfs_size.present || m->tmpfs_mode.present)) {
			sub = put(o, e, "tmpfs", cJSON_CreateObject());
			add_bytes(o, sub, "size", &m->tmpfs_size);
			add_int(o, sub, "mode", &m->tmpfs_mode);
		}
	}
}

static void add_refs(struct out *o, cJSON *svc, const char *key, const struct ecs_file_ref *refs, uint32_t n)
{
	cJSON *arr;

	if (!n)
		return;
	arr = put(o, svc, key, cJSON_CreateArray());
	for (uint32_t i = 0; arr && i < n; i++) {
		cJSON *e = put(o, arr, NULL, cJSON_CreateObject());
		add_str(o, e, "source", &refs[i].source);
		add_str(o, e, "target", &refs[i].target);
		add_str(o, e, "uid", &refs[i].uid);
		add_str(o, e, "gid", &refs[i].gid);
		add_int(o, e, "mode", &refs[i].mode);
	}
}

static void add_depends_on(struct out *o, cJSON *svc, const struct ecs_service *s)
{
	cJSON *map;

	if (!s->n_depends_on)
		return;
	map = put(o, svc, "depends_on", cJSON_CreateObject());
	for (uint32_t i = 0; map && i < s->n_depends_on; i++) {
		const struct ecs_depend *d = &s->depends_on[i];
		cJSON *e;

		if (cJSON_GetObjectItemCaseSensitive(map, d->service.v))
			cJSON_DeleteItemFromObjectCaseSensitive(map, d->service.v);
		e = put(o, map, d->service.v, cJSON_CreateObject());
		put(o, e, "condition", cJSON_CreateString(d->effective_condition));
		if (d->restart.present && d->restart.valid && d->restart.v)
			put(o, e, "restart", cJSON_CreateTrue());
		put(o, e, "required", cJSON_CreateBool(!d->required.present || !d->required.valid || d->required.v));
	}
}

static void add_networks(struct out *o, cJSON *svc, const struct ecs_service *s)
{
	cJSON *map;

	if (!s->n_networks)
		return;
	map = put(o, svc, "networks", cJSON_CreateObject());
	for (uint32_t i = 0; map && i < s->n_networks; i++) {
		const struct ecs_service_network *n = &s->networks[i];
		cJSON *e;

		if (cJSON_GetObjectItemCaseSensitive(map, n->name.v))
			continue;
		if (!n->node) {
			put(o, map, n->name.v, cJSON_CreateNull());
			continue;
		}
		e = put(o, map, n->name.v, cJSON_CreateObject());
		add_int(o, e, "priority", &n->priority);
		add_int(o, e, "gw_priority", &n->gw_priority);
		add_list(o, e, "aliases", &n->aliases);
		add_str(o, e, "ipv4_address", &n->ipv4_address);
		add_str(o, e, "ipv6_address", &n->ipv6_address);
		add_list(o, e, "link_local_ips", &n->link_local_ips);
		add_str(o, e, "mac_address", &n->mac_address);
		add_kvs(o, e, "driver_opts", &n->driver_opts, "");
		add_str(o, e, "interface_name", &n->interface_name);
	}
}

static void add_cmdline(struct out *o, cJSON *svc, const char *key, const struct ecs_cmdline *c)
{
	if (c->argv.present && !c->is_null && c->valid)
		add_list(o, svc, key, &c->argv);
}

static void add_healthcheck(struct out *o, cJSON *svc, const struct ecs_healthcheck *h)
{
	cJSON *e;

	if (!h->present)
		return;
	e = put(o, svc, "healthcheck", cJSON_CreateObject());
	add_list(o, e, "test", &h->test);
	add_duration(o, e, "timeout", &h->timeout);
	add_duration(o, e, "interval", &h->interval);
	add_int(o, e, "retries", &h->retries);
	add_duration(o, e, "start_period", &h->start_period);
	add_duration(o, e, "start_interval", &h->start_interval);
	add_bool(o, e, "disable", &h->disable);
}

static void add_device_requests(struct out *o, cJSON *obj, const char *key, const struct ecs_device_request *d,
				uint32_t n)
{
	cJSON *arr;

	if (!n)
		return;
	arr = put(o, obj, key, cJSON_CreateArray());
	for (uint32_t i = 0; arr && i < n; i++) {
		cJSON *e = put(o, arr, NULL, cJSON_CreateObject());
		add_list(o, e, "capabilities", &d[i].capabilities);
		add_str(o, e, "driver", &d[i].driver);
		if (d[i].effective_count < 0)
			put(o, e, "count", cJSON_CreateString("all"));
		else if (d[i].count.present)
			put(o, e, "count", integer(d[i].effective_count));
		add_list(o, e, "device_ids", &d[i].device_ids);
		add_kvs(o, e, "options", &d[i].options, "");
	}
}

static void add_resources(struct out *o, cJSON *obj, const char *key, const struct ecs_resources *r)
{
	cJSON *e;

	if (!r->present)
		return;
	e = put(o, obj, key, cJSON_CreateObject());
	add_cpus(o, e, "cpus", &r->cpus);
	add_bytes(o, e, "memory", &r->memory);
	add_int(o, e, "pids", &r->pids);
	if (r->n_generic_resources) {
		cJSON *arr = put(o, e, "generic_resources", cJSON_CreateArray());
		for (uint32_t i = 0; arr && i < r->n_generic_resources; i++) {
			cJSON *g = put(o, arr, NULL, cJSON_CreateObject());
			cJSON *spec = put(o, g, "discrete_resource_spec", cJSON_CreateObject());
			add_str(o, spec, "kind", &r->generic_resources[i].kind);
			add_int(o, spec, "value", &r->generic_resources[i].value);
		}
	}
	add_device_requests(o, e, "devices", r->devices, r->n_devices);
}

static void add_update_config(struct out *o, cJSON *obj, const char *key, const struct ecs_update_config *u)
{
	cJSON *e;

	if (!u->present)
		return;
	e = put(o, obj, key, cJSON_CreateObject());
	add_int(o, e, "parallelism", &u->parallelism);
	add_duration(o, e, "delay", &u->delay);
	add_str(o, e, "failure_action", &u->failure_action);
	add_duration(o, e, "monitor", &u->monitor);
	if (u->max_failure_ratio.present)
		put(o, e, "max_failure_ratio", cJSON_CreateNumber(u->max_failure_ratio_value));
	add_str(o, e, "order", &u->order);
	add_int(o, e, "x-aws-min_percent", &u->x_aws_min_percent);
	add_int(o, e, "x-aws-max_percent", &u->x_aws_max_percent);
}

static void add_deploy(struct out *o, cJSON *svc, const struct ecs_deploy *d)
{
	cJSON *e, *sub;

	if (!d->present)
		return;
	e = put(o, svc, "deploy", cJSON_CreateObject());
	add_str(o, e, "mode", &d->mode);
	add_int(o, e, "replicas", &d->replicas);
	add_kvs(o, e, "labels", &d->labels, "");
	add_update_config(o, e, "update_config", &d->update_config);
	add_update_config(o, e, "rollback_config", &d->rollback_config);
	if (d->limits.present || d->reservations.present) {
		sub = put(o, e, "resources", cJSON_CreateObject());
		add_resources(o, sub, "limits", &d->limits);
		add_resources(o, sub, "reservations", &d->reservations);
	}
	if (d->restart_policy.present) {
		sub = put(o, e, "restart_policy", cJSON_CreateObject());
		add_str(o, sub, "condition", &d->restart_policy.condition);
		add_duration(o, sub, "delay", &d->restart_policy.delay);
		add_int(o, sub, "max_attempts", &d->restart_policy.max_attempts);
		add_duration(o, sub, "window", &d->restart_policy.window);
	}
	if (d->placement.present) {
		sub = put(o, e, "placement", cJSON_CreateObject());
		add_list(o, sub, "constraints", &d->placement.constraints);
		if (d->placement.preferences.present) {
			cJSON *arr = put(o, sub, "preferences", cJSON_CreateArray());
			for (uint32_t i = 0; arr && i < d->placement.preferences.n; i++) {
				cJSON *pref = put(o, arr, NULL, cJSON_CreateObject());
				put(o, pref, "spread", cJSON_CreateString(d->placement.preferences.v[i].v));
			}
		}
		add_int(o, sub, "max_replicas_per_node", &d->placement.max_replicas_per_node);
	}
	add_str(o, e, "endpoint_mode", &d->endpoint_mode);
	if (d->x_aws_autoscaling.present)
		put(o, e, "x-aws-autoscaling", raw_node(o, d->x_aws_autoscaling.node, 0));
}

static void add_build(struct out *o, cJSON *svc, const struct ecs_service *s, const struct ecs_project *p)
{
	cJSON *e;

	if (!s->build)
		return;
	e = put(o, svc, "build", cJSON_CreateObject());
	if (!e)
		return;
	if (s->build_context.present) {
		const char *ctx = s->build_context.v;
		char *abs = NULL;

		/* a relative context is resolved against the project directory */
		if (p->working_dir && ctx[0] != '/' && !strstr(ctx, "://")) {
			const char *rel = ctx;
			while (rel[0] == '.' && rel[1] == '/')
				rel += 2;
			if (strcmp(rel, ".") == 0)
				rel = "";
			abs = malloc(strlen(p->working_dir) + strlen(rel) + 2);
			if (abs)
				sprintf(abs, "%s%s%s", p->working_dir, *rel ? "/" : "", rel);
		}
		put(o, e, "context", cJSON_CreateString(abs ? abs : ctx));
		free(abs);
	}
	if (s->build_dockerfile.present)
		put(o, e, "dockerfile", cJSON_CreateString(s->build_dockerfile.v));
	else if (!ecs_node_map_pair(s->build, "dockerfile_inline"))
		put(o, e, "dockerfile", cJSON_CreateString("Dockerfile"));
	if (s->build->kind != ECS_NODE_MAPPING)
		return;
	for (uint32_t i = 0; i < s->build->map.n; i++) {
		const char *k = ecs_node_text(s->build->map.pairs[i].key);
		if (k && strcmp(k, "context") && strcmp(k, "dockerfile"))
			put(o, e, k, raw_node(o, s->build->map.pairs[i].value, 0));
	}
}

static void add_ulimits(struct out *o, cJSON *svc, const struct ecs_service *s)
{
	cJSON *map;

	if (!s->n_ulimits)
		return;
	map = put(o, svc, "ulimits", cJSON_CreateObject());
	for (uint32_t i = 0; map && i < s->n_ulimits; i++) {
		const struct ecs_ulimit *u = &s->ulimits[i];
		cJSON *e;

		cJSON_DeleteItemFromObjectCaseSensitive(map, u->name.v);
		if (u->single) {
			if (u->soft.valid)
				put(o, map, u->name.v, integer(u->soft.v));
			continue;
		}
		e = put(o, map, u->name.v, cJSON_CreateObject());
		add_int(o, e, "soft", &u->soft);
		add_int(o, e, "hard", &u->hard);
	}
}

static void add_env_files(struct out *o, cJSON *svc, const struct ecs_service *s)
{
	cJSON *arr;

	if (!s->n_env_files)
		return;
	arr = put(o, svc, "env_file", cJSON_CreateArray());
	for (uint32_t i = 0; arr && i < s->n_env_files; i++) {
		const struct ecs_env_file *f = &s->env_files[i];
		cJSON *e = put(o, arr, NULL, cJSON_CreateObject());
		put(o, e, "path", cJSON_CreateString(f->resolved_path));
		put(o, e, "required", cJSON_CreateBool(!f->required.present || !f->required.valid || f->required.v));
		add_str(o, e, "format", &f->format);
	}
}

static void add_devices(struct out *o, cJSON *svc, const struct ecs_service *s)
{
	cJSON *arr;

	if (!s->n_devices)
		return;
	arr = put(o, svc, "devices", cJSON_CreateArray());
	for (uint32_t i = 0; arr && i < s->n_devices; i++) {
		const struct ecs_device *d = &s->devices[i];
		cJSON *e;

		if (!d->valid)
			continue;
		e = put(o, arr, NULL, cJSON_CreateObject());
		put(o, e, "source", cJSON_CreateString(d->source.v));
		if (d->target.v)
			put(o, e, "target", cJSON_CreateString(d->target.v));
		if (d->permissions.v)
			put(o, e, "permissions", cJSON_CreateString(d->permissions.v));
	}
}

/* extra_hosts as Compose prints them: "host=ip" in source order */
static void add_extra_hosts(struct out *o, cJSON *svc, const struct ecs_kvs *h)
{
	cJSON *arr;

	if (!h->present)
		return;
	arr = put(o, svc, "extra_hosts", cJSON_CreateArray());
	for (uint32_t i = 0; arr && i < h->n; i++) {
		char *s = malloc(h->v[i].key.len + (h->v[i].has_value ? h->v[i].value.len : 0) + 2);
		if (!s) {
			o->failed = true;
			return;
		}
		sprintf(s, "%s=%s", h->v[i].key.v, h->v[i].has_value ? h->v[i].value.v : "");
		put(o, arr, NULL, cJSON_CreateString(s));
		free(s);
	}
}

/* Service attributes in alphabetical order, as `docker compose config`. */
static cJSON *service_json(struct out *o, const struct ecs_service *s, const struct ecs_project *p)
{
	cJSON *e = cJSON_CreateObject();

	if (!e)
		return NULL;
	add_kvs(o, e, "annotations", &s->annotations, "");
	add_build(o, e, s, p);
	add_list(o, e, "cap_add", &s->cap_add);
	add_list(o, e, "cap_drop", &s->cap_drop);
	add_str(o, e, "cgroup", &s->cgroup);
	add_str(o, e, "cgroup_parent", &s->cgroup_parent);
	add_cmdline(o, e, "command", &s->command);
	add_refs(o, e, "configs", s->configs, s->n_configs);
	add_str(o, e, "container_name", &s->container_name);
	add_int(o, e, "cpu_period", &s->cpu_period);
	add_int(o, e, "cpu_quota", &s->cpu_quota);
	add_int(o, e, "cpu_shares", &s->cpu_shares);
	add_cpus(o, e, "cpus", &s->cpus);
	add_depends_on(o, e, s);
	add_deploy(o, e, &s->deploy);
	add_devices(o, e, s);
	add_list(o, e, "dns", &s->dns);
	add_list(o, e, "dns_opt", &s->dns_opt);
	add_list(o, e, "dns_search", &s->dns_search);
	add_str(o, e, "domainname", &s->domainname);
	add_cmdline(o, e, "entrypoint", &s->entrypoint);
	add_env_files(o, e, s);
	add_kvs(o, e, "environment", &s->environment, NULL);
	add_list(o, e, "expose", &s->expose);
	add_list(o, e, "external_links", &s->external_links);
	add_extra_hosts(o, e, &s->extra_hosts);
	add_device_requests(o, e, "gpus", s->gpus, s->n_gpus);
	add_list(o, e, "group_add", &s->group_add);
	add_healthcheck(o, e, &s->healthcheck);
	add_str(o, e, "hostname", &s->hostname);
	add_str(o, e, "image", &s->image);
	add_bool(o, e, "init", &s->init);
	add_str(o, e, "ipc", &s->ipc);
	add_str(o, e, "isolation", &s->isolation);
	add_kvs(o, e, "labels", &s->labels, "");
	add_list(o, e, "links", &s->links);
	if (s->logging.present) {
		cJSON *l = put(o, e, "logging", cJSON_CreateObject());
		add_str(o, l, "driver", &s->logging.driver);
		add_kvs(o, l, "options", &s->logging.options, "");
	}
	add_str(o, e, "mac_address", &s->mac_address);
	add_bytes(o, e, "mem_limit", &s->mem_limit);
	add_bytes(o, e, "mem_reservation", &s->mem_reservation);
	add_bytes(o, e, "memswap_limit", &s->memswap_limit);
	add_str(o, e, "network_mode", &s->network_mode);
	add_networks(o, e, s);
	add_bool(o, e, "oom_kill_disable", &s->oom_kill_disable);
	add_int(o, e, "oom_score_adj", &s->oom_score_adj);
	add_str(o, e, "pid", &s->pid);
	add_int(o, e, "pids_limit", &s->pids_limit);
	add_str(o, e, "platform", &s->platform);
	add_ports(o, e, s);
	add_bool(o, e, "privileged", &s->privileged);
	add_list(o, e, "profiles", &s->profiles);
	add_str(o, e, "pull_policy", &s->pull_policy);
	add_bool(o, e, "read_only", &s->read_only);
	add_str(o, e, "restart", &s->restart);
	add_str(o, e, "runtime", &s->runtime);
	add_int(o, e, "scale", &s->scale);
	add_refs(o, e, "secrets", s->secrets, s->n_secrets);
	add_list(o, e, "security_opt", &s->security_opt);
	add_bytes(o, e, "shm_size", &s->shm_size);
	add_bool(o, e, "stdin_open", &s->stdin_open);
	add_duration(o, e, "stop_grace_period", &s->stop_grace_period);
	add_str(o, e, "stop_signal", &s->stop_signal);
	add_kvs(o, e, "sysctls", &s->sysctls, "");
	add_list(o, e, "tmpfs", &s->tmpfs);
	add_bool(o, e, "tty", &s->tty);
	add_ulimits(o, e, s);
	add_str(o, e, "user", &s->user);
	add_str(o, e, "userns_mode", &s->userns_mode);
	add_str(o, e, "uts", &s->uts);
	add_volumes(o, e, s, p);
	add_list(o, e, "volumes_from", &s->volumes_from);
	add_str(o, e, "working_dir", &s->working_dir);
	add_extensions(o, e, s->extensions, s->n_extensions);
	return e;
}

static void add_external(struct out *o, cJSON *e, const struct ecs_mbool *ext)
{
	if (ext->present && ext->valid && ext->v)
		put(o, e, "external", cJSON_CreateTrue());
}

static cJSON *network_json(struct out *o, const struct ecs_network *n)
{
	cJSON *e = cJSON_CreateObject();

	if (!e)
		return NULL;
	put(o, e, "name", cJSON_CreateString(n->external_name.present ? n->external_name.v : n->effective_name));
	add_str(o, e, "driver", &n->driver);
	add_kvs(o, e, "driver_opts", &n->driver_opts, "");
	if (n->ipam)
		put(o, e, "ipam", raw_node(o, n->ipam, 0));
	add_external(o, e, &n->external);
	add_bool(o, e, "internal", &n->internal);
	add_bool(o, e, "attachable", &n->attachable);
	add_kvs(o, e, "labels", &n->labels, "");
	add_bool(o, e, "enable_ipv4", &n->enable_ipv4);
	add_bool(o, e, "enable_ipv6", &n->enable_ipv6);
	add_extensions(o, e, n->extensions, n->n_extensions);
	return e;
}

static cJSON *volume_json(struct out *o, const struct ecs_volume *v)
{
	cJSON *e = cJSON_CreateObject();

	if (!e)
		return NULL;
	put(o, e, "name", cJSON_CreateString(v->external_name.present ? v->external_name.v : v->effective_name));
	add_str(o, e, "driver", &v->driver);
	add_kvs(o, e, "driver_opts", &v->driver_opts, "");
	add_external(o, e, &v->external);
	add_kvs(o, e, "labels", &v->labels, "");
	add_extensions(o, e, v->extensions, v->n_extensions);
	return e;
}

static cJSON *object_json(struct out *o, const struct ecs_file_object *f)
{
	cJSON *e = cJSON_CreateObject();

	if (!e)
		return NULL;
	put(o, e, "name", cJSON_CreateString(f->external_name.present ? f->external_name.v : f->effective_name));
	if (f->resolved_file)
		put(o, e, "file", cJSON_CreateString(f->resolved_file));
	add_str(o, e, "environment", &f->environment);
	add_str(o, e, "content", &f->content);
	add_external(o, e, &f->external);
	add_kvs(o, e, "labels", &f->labels, "");
	add_str(o, e, "driver", &f->driver);
	add_kvs(o, e, "driver_opts", &f->driver_opts, "");
	add_str(o, e, "template_driver", &f->template_driver);
	add_extensions(o, e, f->extensions, f->n_extensions);
	return e;
}

cJSON *ecs_model_to_json(const struct ecs_project *p)
{
	struct out o = { false };
	cJSON *root = cJSON_CreateObject(), *map;

	if (!root)
		return NULL;
	if (p->name && *p->name)
		put(&o, root, "name", cJSON_CreateString(p->name));
	map = put(&o, root, "services", cJSON_CreateObject());
	for (uint32_t i = 0; map && i < p->n_services; i++) {
		const struct ecs_service *s = p->services_sorted[i];
		put(&o, map, s->name, service_json(&o, s, p));
	}
	if (p->n_networks) {
		map = put(&o, root, "networks", cJSON_CreateObject());
		for (uint32_t i = 0; map && i < p->n_networks; i++) {
			put(&o, map, p->networks_sorted[i]->key, network_json(&o, p->networks_sorted[i]));
		}
	}
	if (p->n_volumes) {
		map = put(&o, root, "volumes", cJSON_CreateObject());
		for (uint32_t i = 0; map && i < p->n_volumes; i++) {
			put(&o, map, p->volumes_sorted[i]->key, volume_json(&o, p->volumes_sorted[i]));
		}
	}
	if (p->n_secrets) {
		map = put(&o, root, "secrets", cJSON_CreateObject());
		for (uint32_t i = 0; map && i < p->n_secrets; i++) {
			put(&o, map, p->secrets_sorted[i]->key, object_json(&o, p->secrets_sorted[i]));
		}
	}
	if (p->n_configs) {
		map = put(&o, root, "configs", cJSON_CreateObject());
		for (uint32_t i = 0; map && i < p->n_configs; i++) {
			put(&o, map, p->configs_sorted[i]->key, object_json(&o, p->configs_sorted[i]));
		}
	}
	add_extensions(&o, root, p->extensions, p->n_extensions);
	if (o.failed) {
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}
