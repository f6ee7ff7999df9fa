/*
 * build_service.c - one service: the attribute table, and the attributes
 * whose short forms need normalising here (build, command/entrypoint,
 * env_file, healthcheck, ulimits, logging, extra_hosts, gpus).  Ports,
 * mounts, references, networks and deploy have their own files.
 */
#include <string.h>

#include "build_internal.h"
#include "shortsyntax.h"

#define N_OF(t) (sizeof(t) / sizeof((t)[0]))

static int svc_build(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	struct ecs_service *s = obj;
	const struct ecs_node *v = ecs_node_deref(pr->value);
	const struct ecs_pair *cp;

	s->build = v;
	if (!v)
		return 0;
	if (v->kind == ECS_NODE_SCALAR) {
		mb_str(b, v, &s->build_context);
	} else if ((cp = ecs_node_map_pair(v, "context"))) {
		size_t mark = mb_push(b, "context");
		mb_str(b, cp->value, &s->build_context);
		mb_pop(b, mark);
	}
	/* a Git URL or remote context is not a path */
	if (s->build_context.present && !strstr(s->build_context.v, "://") &&
	    strncmp(s->build_context.v, "git@", 4) != 0)
		s->build_context_resolved = mb_resolve_path(b, s->build_context.node, s->build_context.v);
	if (v->kind == ECS_NODE_SCALAR)
		return 0;
	if ((cp = ecs_node_map_pair(v, "dockerfile"))) {
		size_t mark = mb_push(b, "dockerfile");
		mb_str(b, cp->value, &s->build_dockerfile);
		mb_pop(b, mark);
	}
	return 0;
}

int mb_build_command(struct mb *b, const struct ecs_pair *pr, struct ecs_cmdline *c)
{
	const struct ecs_node *v = ecs_node_deref(pr->value);
	struct ecs_parse_error e;
	enum mb_scalar t = mb_scalar_type(v);
	size_t n = 0, len;
	uint32_t *starts;
	long cut;
	char *buf;

	c->valid = true;
	if (!v)
		return 0;
	if (t == MB_NULL) {
		c->is_null = true;
		c->argv.present = true;
		c->argv.span = v->span;
		c->argv.node = v;
		return 0;
	}
	if (v->kind == ECS_NODE_SEQUENCE) {
		mb_strs(b, v, false, &c->argv);
		return b->a->failed ? -1 : 0;
	}
	if (t != MB_STRING)
		return 0;	/* the schema's type error */
	len = v->scalar.len;
	buf = ecs_arena_alloc(b->a, len * 2 + 2);
	starts = ecs_arena_alloc(b->a, (len + 1) * sizeof(*starts));
	if (!buf || !starts)
		return -1;
	c->argv.present = true;
	c->argv.from_string = true;
	c->argv.span = v->span;
	c->argv.node = v;
	if (ecs_shell_split(v->scalar.text, len, buf, starts, len + 1, &n, &cut, &e) < 0) {
		c->valid = false;
		mb_invalid(b, v, &e);
		return 0;
	}
	c->argv.v = mb_array(b, n, sizeof(*c->argv.v));
	if (n && !c->argv.v)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct ecs_mstr *m = &c->argv.v[i];
		m->present = true;
		m->v = buf + starts[i];
		m->len = (uint32_t)strlen(m->v);
		m->span = v->span;
		m->node = v;
	}
	c->argv.n = (uint32_t)n;
	if (cut >= 0) {
		c->truncated = true;
		c->dropped_span = mb_part_span(b, v, (uint32_t)cut, (uint32_t)len);
	}
	return 0;
}

static int svc_command(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	return mb_build_command(b, pr, &((struct ecs_service *)obj)->command);
}

static int svc_entrypoint(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	return mb_build_command(b, pr, &((struct ecs_service *)obj)->entrypoint);
}

static int env_file_entry(struct mb *b, struct ecs_service *s, const struct ecs_node *item)
{
	struct ecs_env_file *f = &s->env_files[s->n_env_files];
	const struct ecs_pair *pp;

	if (item->kind == ECS_NODE_SCALAR) {
		if (!mb_str(b, item, &f->path))
			return 0;
	} else if (item->kind == ECS_NODE_MAPPING) {
		if ((pp = ecs_node_map_pair(item, "path")))
			mb_str(b, pp->value, &f->path);
		if ((pp = ecs_node_map_pair(item, "required")))
			mb_bool(b, pp->value, &f->required);
		if ((pp = ecs_node_map_pair(item, "format")))
			mb_str(b, pp->value, &f->format);
		if (!f->path.present)
			return 0;
	} else {
		return 0;
	}
	f->span = item->span;
	f->node = item;
	f->resolved_path = mb_resolve_path(b, f->path.node, f->path.v);
	s->n_env_files++;
	return f->resolved_path ? 0 : -1;
}

static int svc_env_file(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	struct ecs_service *s = obj;
	const struct ecs_node *v = ecs_node_deref(pr->value);

	if (!v || v->kind == ECS_NODE_MAPPING)
		return 0;
	if (v->kind == ECS_NODE_SCALAR) {
		s->env_files = mb_array(b, 1, sizeof(*s->env_files));
		return s->env_files ? env_file_entry(b, s, v) : -1;
	}
	s->env_files = mb_array(b, v->seq.n, sizeof(*s->env_files));
	if (v->seq.n && !s->env_files)
		return -1;
	for (uint32_t i = 0; i < v->seq.n; i++) {
		size_t mark = mb_push_index(b, i);
		const struct ecs_node *item = ecs_node_deref(v->seq.items[i]);
		int rc = item ? env_file_entry(b, s, item) : 0;
		mb_pop(b, mark);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* test: a string is ["CMD-SHELL", string]; the first item is synthetic. */
static int hc_test(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	struct ecs_healthcheck *h = obj;
	const struct ecs_node *v = ecs_node_deref(pr->value);

	if (mb_scalar_type(v) != MB_STRING) {
		mb_strs(b, v, false, &h->test);
		return b->a->failed ? -1 : 0;
	}
	h->test.v = mb_array(b, 2, sizeof(*h->test.v));
	if (!h->test.v)
		return -1;
	h->test.v[0] = mb_synthetic("CMD-SHELL");
	mb_str(b, v, &h->test.v[1]);
	h->test.n = 2;
	h->test.present = true;
	h->test.from_string = true;
	h->test.span = v->span;
	h->test.node = v;
	return 0;
}

#define HF(k, kind, f) { k, kind, offsetof(struct ecs_healthcheck, f), NULL, NULL }
static const struct mb_field healthcheck_fields[] = {
	HF("disable", MB_F_BOOL, disable),
	HF("interval", MB_F_DURATION, interval),
	HF("retries", MB_F_INT, retries),
	HF("start_interval", MB_F_DURATION, start_interval),
	HF("start_period", MB_F_DURATION, start_period),
	{ "test", MB_F_CUSTOM, 0, hc_test, NULL },
	HF("timeout", MB_F_DURATION, timeout),
};

static int svc_healthcheck(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	const struct ecs_node *v = ecs_node_deref(pr->value);
	struct ecs_healthcheck *h;

	if (!v || v->kind != ECS_NODE_MAPPING)
		return 0;
	h = ecs_arena_zalloc(b->a, sizeof(*h));
	if (!h)
		return -1;
	((struct ecs_service *)obj)->healthcheck = h;
	h->present = true;
	h->span = v->span;
	h->node = v;
	h->key = pr->key;
	if (mb_fields(b, v, healthcheck_fields, N_OF(healthcheck_fields), h, NULL, NULL) < 0)
		return -1;
	h->disabled = (h->disable.present && h->disable.valid && h->disable.v) ||
		      (h->test.n && h->test.v[0].v && strcmp(h->test.v[0].v, "NONE") == 0);
	return 0;
}

static int svc_ulimits(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	struct ecs_service *s = obj;
	const struct ecs_node *v = ecs_node_deref(pr->value);

	if (!v || v->kind != ECS_NODE_MAPPING)
		return 0;
	s->ulimits = mb_array(b, v->map.n, sizeof(*s->ulimits));
	if (v->map.n && !s->ulimits)
		return -1;
	for (uint32_t i = 0; i < v->map.n; i++) {
		const struct ecs_pair *up = &v->map.pairs[i];
		const struct ecs_node *k = ecs_node_deref(up->key), *val = ecs_node_deref(up->value);
		struct ecs_ulimit *u = &s->ulimits[s->n_ulimits];
		size_t mark;

		if (!k || k->kind != ECS_NODE_SCALAR || !val)
			continue;
		mark = mb_push(b, k->scalar.text);
		mb_str(b, k, &u->name);
		u->span = k->span;
		u->node = val;
		if (val->kind == ECS_NODE_MAPPING) {
			const struct ecs_pair *sp = ecs_node_map_pair(val, "soft"), *hp = ecs_node_map_pair(val, "hard");
			if (sp) {
				size_t m2 = mb_push(b, "soft");
				mb_int(b, sp->value, &u->soft);
				mb_pop(b, m2);
			}
			if (hp) {
				size_t m2 = mb_push(b, "hard");
				mb_int(b, hp->value, &u->hard);
				mb_pop(b, m2);
			}
		} else if (mb_int(b, val, &u->soft)) {
			u->single = true;
			u->hard = u->soft;
		}
		mb_pop(b, mark);
		if (u->name.present)
			s->n_ulimits++;
	}
	return 0;
}

#define LF(k, kind, f) { k, kind, offsetof(struct ecs_logging, f), NULL, NULL }
static const struct mb_field logging_fields[] = {
	LF("driver", MB_F_STR, driver),
	LF("options", MB_F_KVS, options),
};

static int svc_logging(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	const struct ecs_node *v = ecs_node_deref(pr->value);
	struct ecs_logging *l;

	if (!v || v->kind != ECS_NODE_MAPPING)
		return 0;
	l = ecs_arena_zalloc(b->a, sizeof(*l));
	if (!l)
		return -1;
	((struct ecs_service *)obj)->logging = l;
	l->present = true;
	l->span = v->span;
	l->node = v;
	l->key = pr->key;
	return mb_fields(b, v, logging_fields, N_OF(logging_fields), l, NULL, NULL);
}

/* extra_hosts: list "host=ip" or "host:ip" ('=' first, so "h:::1" keeps
 * "::1"), or a map host: ip | [ip, ...] (joined with ','). */
static int svc_extra_hosts(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	struct ecs_kvs *kvs = &((struct ecs_service_other *)obj)->extra_hosts;
	const struct ecs_node *v = ecs_node_deref(pr->value);

	if (!v)
		return 0;
	if (v->kind == ECS_NODE_SEQUENCE) {
		kvs->v = mb_array(b, v->seq.n, sizeof(*kvs->v));
		if (v->seq.n && !kvs->v)
			return -1;
		kvs->list_form = true;
		for (uint32_t i = 0; i < v->seq.n; i++) {
			const struct ecs_node *item = ecs_node_deref(v->seq.items[i]);
			struct ecs_kv *kv = &kvs->v[kvs->n];
			const char *sep;

			if (mb_scalar_type(item) != MB_STRING)
				continue;
			sep = memchr(item->scalar.text, '=', item->scalar.len);
			if (!sep)
				sep = memchr(item->scalar.text, ':', item->scalar.len);
			if (!sep) {
				struct ecs_span sp = item->span;
				size_t mark = mb_push_index(b, i);
				mb_invalid_at(b, &sp, "extra host '%s' has no IP address (use 'host=ip')", item->scalar.text);
				mb_pop(b, mark);
				continue;
			}
			kv->key = mb_part(b, item, 0, (uint32_t)(sep - item->scalar.text));
			kv->value = mb_part(b, item, (uint32_t)(sep - item->scalar.text) + 1, item->scalar.len);
			kv->has_value = true;
			kv->span = item->span;
			kv->node = item;
			kvs->n++;
		}
	} else if (v->kind == ECS_NODE_MAPPING) {
		if (!mb_kvs(b, v, '=', kvs))
			return b->a->failed ? -1 : 0;
		for (uint32_t i = 0; i < kvs->n; i++) {
			const struct ecs_node *val = kvs->v[i].node;
			struct ecs_buf joined = { 0 };

			if (!val || val->kind != ECS_NODE_SEQUENCE)
				continue;
			for (uint32_t j = 0; j < val->seq.n; j++) {
				const char *ip = ecs_node_text(val->seq.items[j]);
				if (ip)
					ecs_buf_addf(&joined, "%s%s", joined.len ? "," : "", ip);
			}
			kvs->v[i].value = (struct ecs_mstr){ .present = true, .span = val->span, .node = val };
			kvs->v[i].value.v = ecs_arena_strdup(b->a, joined.len ? joined.data : "");
			kvs->v[i].value.len = (uint32_t)joined.len;
			kvs->v[i].has_value = true;
			ecs_buf_release(&joined);
		}
		return b->a->failed ? -1 : 0;
	} else {
		return 0;
	}
	kvs->present = true;
	kvs->span = v->span;
	kvs->node = v;
	return mb_sort_kvs(b, kvs);
}

static int svc_gpus(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	struct ecs_service_other *s = obj;
	const struct ecs_node *v = ecs_node_deref(pr->value);

	if (mb_scalar_type(v) == MB_STRING) {
		struct ecs_device_request *g = mb_array(b, 1, sizeof(*g));
		if (!g)
			return -1;
		if (strcmp(v->scalar.text, "all") != 0)
			mb_invalid_at(b, &v->span, "invalid gpus value '%s' (use 'all' or a list of devices)", v->scalar.text);
		g->count_all = true;
		g->effective_count = -1;
		g->span = v->span;
		g->node = v;
		s->gpus = g;
		s->n_gpus = 1;
		return 0;
	}
	return mb_build_device_requests(b, v, &s->gpus, &s->n_gpus);
}

static int svc_ports(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	return mb_build_ports(b, obj, pr);
}

static int svc_volumes(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	return mb_build_volumes(b, obj, pr);
}

static int svc_devices(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	return mb_build_devices(b, obj, pr);
}

static int svc_secrets(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	return mb_build_refs(b, obj, pr, true);
}

static int svc_configs(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	return mb_build_refs(b, obj, pr, false);
}

static int svc_depends_on(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	return mb_build_depends_on(b, obj, pr);
}

static int svc_networks(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	return mb_build_networks(b, obj, pr);
}

static int svc_deploy(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	return mb_build_deploy(b, &((struct ecs_service *)obj)->deploy, pr);
}

static int svc_x_aws_role(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	struct ecs_service *s = obj;

	(void)b;
	s->x_aws_role = ecs_node_deref(pr->value);
	s->x_aws_role_key = pr->key;
	return 0;
}

static const struct ecs_healthcheck empty_healthcheck;
static const struct ecs_logging empty_logging;
static const struct ecs_service_other empty_other;

/* The rarely written attributes get their struct when the first is read. */
static void *svc_other(struct mb *b, void *obj)
{
	struct ecs_service *s = obj;
	struct ecs_service_other *o;

	if (s->other != &empty_other)
		return (void *)s->other;
	o = ecs_arena_zalloc(b->a, sizeof(*o));
	if (o)
		s->other = o;
	return o;
}

#define SF(k, kind, f) { k, kind, offsetof(struct ecs_service, f), NULL, NULL }
#define SC(k, fn) { k, MB_F_CUSTOM, 0, fn, NULL }
#define OF(k, kind, f) { k, kind, offsetof(struct ecs_service_other, f), NULL, svc_other }
#define OC(k, fn) { k, MB_F_CUSTOM, 0, fn, svc_other }
static const struct mb_field service_fields[] = {
	OF("annotations", MB_F_KVS, annotations),
	SC("build", svc_build),
	SF("cap_add", MB_F_LIST, cap_add),
	SF("cap_drop", MB_F_LIST, cap_drop),
	OF("cgroup", MB_F_STR, cgroup),
	OF("cgroup_parent", MB_F_STR, cgroup_parent),
	SC("command", svc_command),
	SC("configs", svc_configs),
	OF("container_name", MB_F_STR, container_name),
	OF("cpu_period", MB_F_INT, cpu_period),
	OF("cpu_quota", MB_F_INT, cpu_quota),
	OF("cpu_shares", MB_F_INT, cpu_shares),
	OF("cpus", MB_F_CPUS, cpus),
	SC("depends_on", svc_depends_on),
	SC("deploy", svc_deploy),
	SC("devices", svc_devices),
	OF("dns", MB_F_STRING_OR_LIST, dns),
	OF("dns_opt", MB_F_LIST, dns_opt),
	OF("dns_search", MB_F_STRING_OR_LIST, dns_search),
	OF("domainname", MB_F_STR, domainname),
	SC("entrypoint", svc_entrypoint),
	SC("env_file", svc_env_file),
	SF("environment", MB_F_KVS, environment),
	OF("expose", MB_F_LIST, expose),
	OF("external_links", MB_F_LIST, external_links),
	OC("extra_hosts", svc_extra_hosts),
	OC("gpus", svc_gpus),
	OF("group_add", MB_F_LIST, group_add),
	SC("healthcheck", svc_healthcheck),
	OF("hostname", MB_F_STR, hostname),
	SF("image", MB_F_STR, image),
	SF("init", MB_F_BOOL, init),
	SF("ipc", MB_F_STR, ipc),
	OF("isolation", MB_F_STR, isolation),
	SF("labels", MB_F_KVS, labels),
	OF("links", MB_F_LIST, links),
	SC("logging", svc_logging),
	OF("mac_address", MB_F_STR, mac_address),
	OF("mem_limit", MB_F_BYTES, mem_limit),
	OF("mem_reservation", MB_F_BYTES, mem_reservation),
	OF("memswap_limit", MB_F_BYTES, memswap_limit),
	SF("network_mode", MB_F_STR, network_mode),
	SC("networks", svc_networks),
	OF("oom_kill_disable", MB_F_BOOL, oom_kill_disable),
	OF("oom_score_adj", MB_F_INT, oom_score_adj),
	SF("pid", MB_F_STR, pid),
	OF("pids_limit", MB_F_INT, pids_limit),
	OF("platform", MB_F_STR, platform),
	SC("ports", svc_ports),
	SF("privileged", MB_F_BOOL, privileged),
	OF("profiles", MB_F_LIST, profiles),
	OF("pull_policy", MB_F_STR, pull_policy),
	SF("read_only", MB_F_BOOL, read_only),
	OF("restart", MB_F_STR, restart),
	OF("runtime", MB_F_STR, runtime),
	OF("scale", MB_F_INT, scale),
	SC("secrets", svc_secrets),
	OF("security_opt", MB_F_LIST, security_opt),
	OF("shm_size", MB_F_BYTES, shm_size),
	OF("stdin_open", MB_F_BOOL, stdin_open),
	OF("stop_grace_period", MB_F_DURATION, stop_grace_period),
	OF("stop_signal", MB_F_STR, stop_signal),
	SF("sysctls", MB_F_KVS, sysctls),
	SF("tmpfs", MB_F_STRING_OR_LIST, tmpfs),
	OF("tty", MB_F_BOOL, tty),
	SC("ulimits", svc_ulimits),
	SF("user", MB_F_STR, user),
	OF("userns_mode", MB_F_STR, userns_mode),
	OF("uts", MB_F_STR, uts),
	SC("volumes", svc_volumes),
	OF("volumes_from", MB_F_LIST, volumes_from),
	SF("working_dir", MB_F_STR, working_dir),
	SF("x-aws-policies", MB_F_LIST, x_aws_policies),
	SF("x-aws-pull_credentials", MB_F_STR, x_aws_pull_credentials),
	SC("x-aws-role", svc_x_aws_role),
};

bool mb_service_tables_sorted(void)
{
	return mb_fields_sorted(service_fields, N_OF(service_fields)) &&
	       mb_fields_sorted(healthcheck_fields, N_OF(healthcheck_fields)) &&
	       mb_fields_sorted(logging_fields, N_OF(logging_fields)) && mb_deploy_tables_sorted() &&
	       mb_refs_tables_sorted();
}

int mb_build_service(struct mb *b, struct ecs_service *s)
{
	s->healthcheck = &empty_healthcheck;
	s->logging = &empty_logging;
	s->deploy = mb_empty_deploy();
	s->other = &empty_other;
	if (mb_fields(b, s->node, service_fields, N_OF(service_fields), s, &s->extensions, &s->n_extensions) < 0)
		return -1;
	/* Compose attaches a service without networks or network_mode to "default". */
	if (s->n_networks == 0 && !s->network_mode.present) {
		s->networks = mb_array(b, 1, sizeof(*s->networks));
		if (!s->networks)
			return -1;
		s->networks[0].name = mb_synthetic("default");
		s->n_networks = 1;
		s->default_network = true;
	}
	if (mb_build_environment(b, s) < 0)
		return -1;
	return b->a->failed ? -1 : 0;
}
