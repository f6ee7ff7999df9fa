/*
 * merge.c - Compose's merge rules (see merge.h), path by path as the
 * specification and its reference implementation give them.
 */
#include "merge.h"

#include <string.h>

#include "../../checks/rules.h"
#include "../core/buf.h"
#include "merge_internal.h"

enum rule_kind {
	R_DEFAULT,
	R_ROOT,
	R_REPLACE,	/* command, entrypoint, healthcheck.test: replaced, and null replaces too */
	R_SCALAR,	/* ulimits entries: replaced whole */
	R_SERVICES,
	R_SERVICE,
	R_RESOURCES,
	R_RESOURCE,
	R_IPAM,
	R_BUILD,
	R_HEALTHCHECK,
	R_DEPLOY,
	R_LOGGING,
	R_ULIMITS,
	R_DEPENDS_ON,
	R_SVC_NETWORKS,
	R_SVC_NETWORK,
	R_KV,		/* list or mapping of NAME=value: merged by NAME */
	R_LIST_STR,	/* a string or a list of them */
	R_SEQ_KEY,	/* a list de-duplicated by a key */
};

struct rule {
	uint8_t kind;
	uint8_t key;
	bool network;	/* under top-level networks: ipam has rules */
};

struct seg {
	const struct seg *up;
	const char *key;	/* NULL: a sequence item */
};

struct attr {
	const char *name;
	uint8_t kind, key;
};

static const struct attr service_attrs[] = {
	{ "annotations", R_KV, K_NAME },     { "build", R_BUILD, 0 },
	{ "cap_add", R_SEQ_KEY, K_NAME },    { "cap_drop", R_SEQ_KEY, K_NAME },
	{ "command", R_REPLACE, 0 },	     { "configs", R_SEQ_KEY, K_CONFIG },
	{ "depends_on", R_DEPENDS_ON, 0 },   { "deploy", R_DEPLOY, 0 },
	{ "devices", R_SEQ_KEY, K_DEVICE },  { "dns", R_LIST_STR, K_NAME },
	{ "dns_opt", R_LIST_STR, K_NAME },   { "dns_search", R_LIST_STR, K_NAME },
	{ "entrypoint", R_REPLACE, 0 },	     { "env_file", R_LIST_STR, K_PATH },
	{ "environment", R_KV, K_NAME },     { "expose", R_SEQ_KEY, K_WHOLE },
	{ "extra_hosts", R_KV, K_WHOLE },    { "healthcheck", R_HEALTHCHECK, 0 },
	{ "label_file", R_LIST_STR, K_WHOLE }, { "labels", R_KV, K_NAME },
	{ "links", R_SEQ_KEY, K_NAME },	     { "logging", R_LOGGING, 0 },
	{ "models", R_SVC_NETWORKS, 0 },     { "networks", R_SVC_NETWORKS, 0 },
	{ "ports", R_SEQ_KEY, K_PORT },	     { "profiles", R_SEQ_KEY, K_NAME },
	{ "secrets", R_SEQ_KEY, K_SECRET },  { "sysctls", R_KV, K_NAME },
	{ "tmpfs", R_LIST_STR, K_NAME },     { "ulimits", R_ULIMITS, 0 },
	{ "volumes", R_SEQ_KEY, K_VOLUME },
};

static struct rule child_rule(struct rule parent, const char *key)
{
	struct rule d = { R_DEFAULT, 0, false };

	if (!key)
		return d;
	switch (parent.kind) {
	case R_ROOT:
		if (strcmp(key, "services") == 0)
			return (struct rule){ R_SERVICES, 0, false };
		if (strcmp(key, "networks") == 0)
			return (struct rule){ R_RESOURCES, 0, true };
		if (!strcmp(key, "volumes") || !strcmp(key, "secrets") || !strcmp(key, "configs") ||
		    !strcmp(key, "models"))
			return (struct rule){ R_RESOURCES, 0, false };
		return d;
	case R_SERVICES:
		return (struct rule){ R_SERVICE, 0, false };
	case R_SERVICE:
		for (size_t i = 0; i < sizeof(service_attrs) / sizeof(service_attrs[0]); i++)
			if (strcmp(key, service_attrs[i].name) == 0)
				return (struct rule){ service_attrs[i].kind, service_attrs[i].key, false };
		return d;
	case R_RESOURCES:
		return (struct rule){ R_RESOURCE, 0, parent.network };
	case R_RESOURCE:
		if (strcmp(key, "labels") == 0)
			return (struct rule){ R_KV, K_NAME, false };
		if (parent.network && strcmp(key, "ipam") == 0)
			return (struct rule){ R_IPAM, 0, false };
		return d;
	case R_IPAM:
		if (strcmp(key, "config") == 0)
			return (struct rule){ R_SEQ_KEY, K_SUBNET, false };
		if (strcmp(key, "options") == 0)
			return (struct rule){ R_KV, K_NAME, false };
		return d;
	case R_BUILD:
		if (!strcmp(key, "args") || !strcmp(key, "labels") || !strcmp(key, "additional_contexts"))
			return (struct rule){ R_KV, K_NAME, false };
		if (strcmp(key, "tags") == 0)
			return (struct rule){ R_SEQ_KEY, K_NAME, false };
		if (strcmp(key, "extra_hosts") == 0)
			return (struct rule){ R_KV, K_WHOLE, false };
		return d;
	case R_HEALTHCHECK:
		if (strcmp(key, "test") == 0)
			return (struct rule){ R_REPLACE, 0, false };
		return d;
	case R_DEPLOY:
		if (strcmp(key, "labels") == 0)
			return (struct rule){ R_KV, K_NAME, false };
		return d;
	case R_ULIMITS:
		return (struct rule){ R_SCALAR, 0, false };
	case R_SVC_NETWORKS:
		return (struct rule){ R_SVC_NETWORK, 0, false };
	case R_SVC_NETWORK:
		if (!strcmp(key, "aliases") || !strcmp(key, "link_local_ips"))
			return (struct rule){ R_SEQ_KEY, K_NAME, false };
		return d;
	default:
		return d;
	}
}

/* --- diagnostics -------------------------------------------------------------- */

static void render_path(struct ecs_buf *b, const struct seg *s)
{
	if (!s)
		return;
	render_path(b, s->up);
	if (b->len)
		ecs_buf_addc(b, '.');
	ecs_buf_adds(b, s->key ? s->key : "[]");
}

static const char *shape(const struct ecs_node *n)
{
	n = ecs_node_deref(n);
	return !n ? "nothing" : n->kind == ECS_NODE_MAPPING ? "a mapping" :
	       n->kind == ECS_NODE_SEQUENCE ? "a sequence" : "a scalar";
}

static void conflict(struct merger *m, const struct ecs_node *base, const struct ecs_node *over,
		     const struct seg *path)
{
	struct ecs_buf p = ECS_BUF_INIT;
	struct ecs_diag *d;

	render_path(&p, path);
	d = ecs_diag_add(&m->r->diags, &ECS116_rule, &over->span, NULL,
			 "cannot override '%s': %s cannot replace %s", p.len ? p.data : "the top level", shape(over),
			 shape(base));
	ecs_diag_related(&m->r->diags, d, &base->span, "the value it would override");
	ecs_diag_help(&m->r->diags, d, "write it as %s, or tag it !override to replace the value",
		      shape(base) + 2);
	ecs_buf_release(&p);
}

/* --- the merge ---------------------------------------------------------------- */

static struct ecs_node *merge(struct merger *m, struct ecs_node *base, struct ecs_node *over, struct rule rule,
			      const struct seg *path);

static struct ecs_node *merge_map(struct merger *m, const struct ecs_node *base, const struct ecs_node *over,
				  struct rule rule, const struct seg *path, bool null_replaces)
{
	uint32_t nb = base->map.n, no = over->map.n, n = nb;
	struct ecs_pair *pairs = ecs_arena_alloc(&m->r->arena, (nb + no + 1) * sizeof(*pairs));
	bool *gone = ecs_arena_zalloc(&m->r->arena, nb + no + 1);
	struct ecs_strtab t;

	if (!pairs || !gone || ecs_strtab_init(&m->r->arena, &t, nb + no) < 0)
		return NULL;
	memcpy(pairs, base->map.pairs, nb * sizeof(*pairs));
	for (uint32_t i = 0; i < nb; i++) {
		const char *k = ecs_node_text(pairs[i].key);
		if (k)
			ecs_strtab_get_or_put(&t, k, i);
	}
	for (uint32_t i = 0; i < no; i++) {
		const struct ecs_pair *op = &over->map.pairs[i];
		const char *k = ecs_node_text(op->key);
		uint32_t at = k ? ecs_strtab_get_or_put(&t, k, n) : UINT32_MAX;
		struct seg s = { path, k };
		struct rule cr = child_rule(rule, k);

		if (at == UINT32_MAX) {
			/* A new key (or a reset of something the base does not have). */
			if (ecs_node_has_tag(op->value, "!reset")) {
				gone[n] = true;
				pairs[n++] = *op;
				continue;
			}
			pairs[n] = *op;
			pairs[n].value = merge_strip(m, op->value);
			pairs[n].from_merge = false;
			n++;
			continue;
		}
		if (ecs_node_has_tag(op->value, "!reset")) {
			gone[at] = true;
			continue;
		}
		if (null_replaces && ecs_node_is_null(op->value) && !ecs_node_has_tag(op->value, "!override")) {
			pairs[at].value = op->value;
			pairs[at].from_merge = false;
			continue;
		}
		struct ecs_node *v = merge(m, pairs[at].value, op->value, cr, &s);
		if (!v)
			return NULL;
		if (v != pairs[at].value) {
			pairs[at].value = v;
			pairs[at].from_merge = false;
		}
	}
	uint32_t k = 0;
	for (uint32_t i = 0; i < n; i++)
		if (!gone[i])
			pairs[k++] = pairs[i];
	return ecs_node_new_mapping(&m->r->arena, base, pairs, k);
}

static struct ecs_node *merge(struct merger *m, struct ecs_node *base, struct ecs_node *over, struct rule rule,
			      const struct seg *path)
{
	const struct ecs_node *b = ecs_node_deref(base), *o = ecs_node_deref(over);

	if (ecs_node_has_tag(over, "!override"))
		return merge_strip(m, over);
	if (!b || ecs_node_is_null(base))
		return merge_strip(m, over);
	if (!o || (ecs_node_is_null(over) && rule.kind != R_REPLACE))
		return base;
	switch (rule.kind) {
	case R_REPLACE:
	case R_SCALAR:
		return merge_strip(m, over);
	case R_BUILD:
		if (b->kind == ECS_NODE_SCALAR || o->kind == ECS_NODE_SCALAR) {
			struct ecs_pair p;
			if (b->kind == ECS_NODE_SCALAR) {
				p.key = ecs_node_new_scalar(&m->r->arena, "context", &b->span);
				p.value = base;
				p.from_merge = false;
				b = ecs_node_new_mapping(&m->r->arena, b, &p, 1);
			}
			if (o->kind == ECS_NODE_SCALAR) {
				p.key = ecs_node_new_scalar(&m->r->arena, "context", &o->span);
				p.value = over;
				p.from_merge = false;
				o = ecs_node_new_mapping(&m->r->arena, o, &p, 1);
			}
			if (!b || !o)
				return NULL;
		}
		break;
	case R_LOGGING:
		if (b->kind == ECS_NODE_MAPPING && o->kind == ECS_NODE_MAPPING) {
			const char *bd = merge_map_text(b, "driver"), *od = merge_map_text(o, "driver");
			if (bd && od && strcmp(bd, od) != 0)
				return merge_strip(m, over);
		}
		break;
	case R_DEPENDS_ON:
	case R_SVC_NETWORKS:
		if (b->kind == ECS_NODE_SEQUENCE && o->kind == ECS_NODE_SEQUENCE)
			return merge_concat_unique(m, b, o, K_WHOLE);
		if (b->kind == ECS_NODE_SEQUENCE && o->kind == ECS_NODE_MAPPING)
			b = merge_list_as_map(m, b, rule.kind == R_DEPENDS_ON);
		else if (o->kind == ECS_NODE_SEQUENCE && b->kind == ECS_NODE_MAPPING)
			o = merge_list_as_map(m, o, rule.kind == R_DEPENDS_ON);
		if (!b || !o)
			return NULL;
		break;
	case R_KV:
		if (b->kind == ECS_NODE_MAPPING && o->kind == ECS_NODE_MAPPING)
			return merge_map(m, b, o, (struct rule){ R_SCALAR, 0, false }, path, true);
		if (b->kind == ECS_NODE_MAPPING && o->kind == ECS_NODE_SEQUENCE)
			b = merge_kv_as_list(m, b);
		else if (b->kind == ECS_NODE_SEQUENCE && o->kind == ECS_NODE_MAPPING)
			o = merge_kv_as_list(m, o);
		if (!b || !o)
			return NULL;
		if (b->kind == ECS_NODE_SEQUENCE && o->kind == ECS_NODE_SEQUENCE)
			return merge_concat_unique(m, b, o, rule.key);
		break;
	case R_LIST_STR:
		if (b->kind != ECS_NODE_MAPPING && o->kind != ECS_NODE_MAPPING) {
			b = merge_as_list(m, b);
			o = merge_as_list(m, o);
			if (!b || !o)
				return NULL;
			return merge_concat_unique(m, b, o, rule.key);
		}
		break;
	default:
		break;
	}
	if (b->kind == ECS_NODE_MAPPING) {
		if (o->kind != ECS_NODE_MAPPING) {
			conflict(m, b, o, path);
			return base;
		}
		return merge_map(m, b, o, rule, path, rule.kind == R_HEALTHCHECK ? false : false);
	}
	if (b->kind == ECS_NODE_SEQUENCE) {
		if (o->kind != ECS_NODE_SEQUENCE) {
			conflict(m, b, o, path);
			return base;
		}
		return merge_concat_unique(m, b, o, rule.kind == R_SEQ_KEY ? rule.key : K_WHOLE);
	}
	return merge_strip(m, over);
}

static struct merger merger_init(struct ecs_run *r)
{
	struct merger m = { .r = r, .n_files = r->files.n };

	m.has_reset = ecs_arena_zalloc(&r->arena, r->files.n + 1);
	if (!m.has_reset)
		m.n_files = 0;
	return m;
}

struct ecs_node *ecs_merge_documents(struct ecs_run *r, struct ecs_node *base, struct ecs_node *over)
{
	struct merger m = merger_init(r);

	if (!over)
		return base;
	if (!base)
		return merge_strip(&m, over);
	return merge(&m, base, over, (struct rule){ R_ROOT, 0, false }, NULL);
}

struct ecs_node *ecs_merge_service(struct ecs_run *r, struct ecs_node *base, struct ecs_node *over,
				   const char *name)
{
	struct merger m = merger_init(r);
	struct seg s0 = { NULL, "services" }, s1 = { &s0, name };

	if (!base)
		return merge_strip(&m, over);
	return merge(&m, base, over, (struct rule){ R_SERVICE, 0, false }, &s1);
}

struct ecs_node *ecs_merge_strip(struct ecs_run *r, struct ecs_node *doc)
{
	struct merger m = merger_init(r);

	return doc ? merge_strip(&m, doc) : NULL;
}
