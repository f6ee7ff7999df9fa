/*
 * merge.c - Compose's merge rules (see merge.h), path by path as the
 * specification and its reference implementation give them.
 */
#include "merge.h"

#include <string.h>

#include "../../checks/rules.h"
#include "../core/buf.h"

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

enum key_kind { K_NAME, K_WHOLE, K_PORT, K_VOLUME, K_SECRET, K_CONFIG, K_DEVICE, K_PATH, K_SUBNET };

struct rule {
	uint8_t kind;
	uint8_t key;
	bool network;	/* under top-level networks: ipam has rules */
};

struct seg {
	const struct seg *up;
	const char *key;	/* NULL: a sequence item */
};

struct merger {
	struct ecs_run *r;
	int8_t *has_reset;	/* per file index: 0 unknown, 1 no, 2 yes */
	uint32_t n_files;
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

/* --- nodes ------------------------------------------------------------------ */

bool ecs_node_has_tag(const struct ecs_node *n, const char *tag)
{
	while (n) {
		if (n->tag && strcmp(n->tag, tag) == 0)
			return true;
		if (n->kind != ECS_NODE_ALIAS)
			return false;
		n = n->alias.target;
	}
	return false;
}

struct ecs_node *ecs_node_new_mapping(struct ecs_arena *a, const struct ecs_node *like,
				      const struct ecs_pair *pairs, uint32_t n)
{
	struct ecs_node *m = ecs_arena_zalloc(a, sizeof(*m));

	if (!m)
		return NULL;
	m->kind = ECS_NODE_MAPPING;
	m->style = like && like->kind == ECS_NODE_MAPPING ? like->style : ECS_STYLE_BLOCK;
	if (like)
		m->span = like->span;
	m->expanded = 1;
	m->map.pairs = ecs_arena_alloc(a, (n ? n : 1) * sizeof(*pairs));
	if (!m->map.pairs)
		return NULL;
	if (n)
		memcpy(m->map.pairs, pairs, n * sizeof(*pairs));
	m->map.n = n;
	return m;
}

static struct ecs_node *new_sequence(struct ecs_arena *a, const struct ecs_node *like,
				     struct ecs_node **items, uint32_t n)
{
	struct ecs_node *s = ecs_arena_zalloc(a, sizeof(*s));

	if (!s)
		return NULL;
	s->kind = ECS_NODE_SEQUENCE;
	s->style = like && like->kind == ECS_NODE_SEQUENCE ? like->style : ECS_STYLE_BLOCK;
	if (like)
		s->span = like->span;
	s->expanded = 1;
	s->seq.items = items;
	s->seq.n = n;
	return s;
}

struct ecs_node *ecs_node_new_scalar(struct ecs_arena *a, const char *text, const struct ecs_span *span)
{
	struct ecs_node *s = ecs_arena_zalloc(a, sizeof(*s));

	if (!s)
		return NULL;
	s->kind = ECS_NODE_SCALAR;
	s->style = ECS_STYLE_PLAIN;
	s->span = *span;
	s->expanded = 1;
	s->scalar.text = ecs_arena_strdup(a, text);
	if (!s->scalar.text)
		return NULL;
	s->scalar.len = (uint32_t)strlen(text);
	s->scalar.content_start = span->start.byte;
	s->scalar.content_end = span->end.byte;
	return s;
}

/* --- small string table (keys of large mappings, de-duplication keys) ------- */

struct strtab {
	const char **keys;
	uint32_t *vals;
	uint32_t cap;
};

static uint32_t hash_str(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static int strtab_init(struct ecs_arena *a, struct strtab *t, uint32_t n)
{
	t->cap = 16;
	while (t->cap < n * 2)
		t->cap *= 2;
	t->keys = ecs_arena_zalloc(a, t->cap * sizeof(*t->keys));
	t->vals = ecs_arena_alloc(a, t->cap * sizeof(*t->vals));
	return t->keys && t->vals ? 0 : -1;
}

/* Index stored for key, or inserts val and returns UINT32_MAX. */
static uint32_t strtab_get_or_put(struct strtab *t, const char *key, uint32_t val)
{
	uint32_t i = hash_str(key) & (t->cap - 1);

	while (t->keys[i]) {
		if (strcmp(t->keys[i], key) == 0)
			return t->vals[i];
		i = (i + 1) & (t->cap - 1);
	}
	t->keys[i] = key;
	t->vals[i] = val;
	return UINT32_MAX;
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
			 "cannot override '%s': %s cannot replace %s", p.data ? p.data : "", shape(over), shape(base));
	ecs_diag_related(&m->r->diags, d, &base->span, "the value it would override");
	ecs_diag_help(&m->r->diags, d, "write it as %s, or tag it !override to replace the value",
		      shape(base) + 2);
	ecs_buf_release(&p);
}

/* --- !reset stripping -------------------------------------------------------- */

static bool contains(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);

	for (const char *p = s; (p = memchr(p, needle[0], len - (size_t)(p - s))) != NULL; p++)
		if ((size_t)(p - s) + n <= len && memcmp(p, needle, n) == 0)
			return true;
	return false;
}

static bool file_may_reset(struct merger *m, uint32_t file)
{
	if (file >= m->n_files)
		return true;
	if (!m->has_reset[file]) {
		const struct ecs_source *src = ecs_files_get(&m->r->files, file);
		m->has_reset[file] = src && contains(src->data, src->len, "!reset") ? 2 : 1;
	}
	return m->has_reset[file] == 2;
}

static struct ecs_node *strip(struct merger *m, struct ecs_node *n)
{
	const struct ecs_node *d = ecs_node_deref(n);

	if (!d || d->kind == ECS_NODE_SCALAR || !file_may_reset(m, d->span.file))
		return n;
	/* Files without "!reset" are returned as they are; the others are walked once. */
	uint32_t cnt = d->kind == ECS_NODE_MAPPING ? d->map.n : d->seq.n, k = 0;
	struct ecs_node **vals = ecs_arena_alloc(&m->r->arena, (cnt + 1) * sizeof(*vals));
	bool changed = false;

	if (!vals)
		return n;
	for (uint32_t i = 0; i < cnt; i++) {
		struct ecs_node *v = d->kind == ECS_NODE_MAPPING ? d->map.pairs[i].value : d->seq.items[i];
		vals[i] = ecs_node_has_tag(v, "!reset") ? NULL : strip(m, v);
		changed |= vals[i] != v;
	}
	if (!changed)
		return n;
	if (d->kind == ECS_NODE_MAPPING) {
		struct ecs_pair *pairs = ecs_arena_alloc(&m->r->arena, (cnt + 1) * sizeof(*pairs));
		if (!pairs)
			return n;
		for (uint32_t i = 0; i < cnt; i++) {
			if (!vals[i])
				continue;
			pairs[k] = d->map.pairs[i];
			pairs[k++].value = vals[i];
		}
		return ecs_node_new_mapping(&m->r->arena, d, pairs, k);
	}
	for (uint32_t i = 0; i < cnt; i++)
		if (vals[i])
			vals[k++] = vals[i];
	return new_sequence(&m->r->arena, d, vals, k);
}

/* --- keys of list items ------------------------------------------------------- */

static const char *map_text(const struct ecs_node *map, const char *key)
{
	return ecs_node_text(ecs_node_map_get(map, key));
}

/* The de-duplication key of item, or NULL when it has none (never merged). */
static const char *item_key(struct merger *m, const struct ecs_node *item, enum key_kind kind)
{
	const struct ecs_node *d = ecs_node_deref(item);
	const char *t = ecs_node_text(d), *c;
	struct ecs_arena *a = &m->r->arena;

	if (!d)
		return NULL;
	switch (kind) {
	case K_NAME:
		if (!t)
			return NULL;
		c = strchr(t, '=');
		return c ? ecs_arena_strndup(a, t, (size_t)(c - t)) : t;
	case K_WHOLE:
		return t;
	case K_PORT:
		if (t)
			return t;
		if (d->kind != ECS_NODE_MAPPING)
			return NULL;
		return ecs_arena_printf(a, "%s:%s:%s/%s", map_text(d, "host_ip") ? map_text(d, "host_ip") : "0.0.0.0",
					map_text(d, "published") ? map_text(d, "published") : "",
					map_text(d, "target") ? map_text(d, "target") : "",
					map_text(d, "protocol") ? map_text(d, "protocol") : "tcp");
	case K_VOLUME:
		if (t) {
			const char *c1 = strchr(t, ':');
			if (!c1)
				return t;
			c = strchr(c1 + 1, ':');
			return c ? ecs_arena_strndup(a, c1 + 1, (size_t)(c - c1 - 1)) : c1 + 1;
		}
		return map_text(d, "target");
	case K_SECRET:
	case K_CONFIG: {
		const char *prefix = kind == K_SECRET ? "/run/secrets/" : "/";
		const char *target = t ? t : map_text(d, "target") ? map_text(d, "target") : map_text(d, "source");
		if (!target)
			return NULL;
		return target[0] == '/' ? target : ecs_arena_printf(a, "%s%s", prefix, target);
	}
	case K_DEVICE:
		if (t) {
			const char *c1 = strchr(t, ':');
			if (!c1)
				return t;
			c = strchr(c1 + 1, ':');
			return c ? ecs_arena_strndup(a, c1 + 1, (size_t)(c - c1 - 1)) : c1 + 1;
		}
		return map_text(d, "target");
	case K_PATH:
		return t ? t : map_text(d, "path");
	case K_SUBNET:
		return map_text(d, "subnet");
	}
	return NULL;
}

/* base items then over items; an item whose key repeats replaces the earlier one in place. */
static struct ecs_node *concat_unique(struct merger *m, const struct ecs_node *base, const struct ecs_node *over,
				      enum key_kind kind)
{
	uint32_t nb = base->seq.n, no = over->seq.n, n = 0;
	struct ecs_node **items = ecs_arena_alloc(&m->r->arena, (nb + no + 1) * sizeof(*items));
	struct strtab t;

	if (!items || strtab_init(&m->r->arena, &t, nb + no) < 0)
		return NULL;
	for (uint32_t i = 0; i < nb + no; i++) {
		struct ecs_node *it = i < nb ? base->seq.items[i] : over->seq.items[i - nb];
		const char *key;
		uint32_t at;

		if (i >= nb) {
			if (ecs_node_has_tag(it, "!reset"))
				continue;
			it = strip(m, it);
		}
		key = item_key(m, it, kind);
		if (key && (at = strtab_get_or_put(&t, key, n)) != UINT32_MAX) {
			items[at] = it;
			continue;
		}
		items[n++] = it;
	}
	return new_sequence(&m->r->arena, base, items, n);
}

/* A string becomes a one-item list (env_file, dns, tmpfs...). */
static const struct ecs_node *as_list(struct merger *m, const struct ecs_node *n)
{
	struct ecs_node **items;

	if (n->kind != ECS_NODE_SCALAR)
		return n;
	items = ecs_arena_alloc(&m->r->arena, sizeof(*items));
	if (!items)
		return NULL;
	items[0] = (struct ecs_node *)n;
	return new_sequence(&m->r->arena, n, items, 1);
}

/* A NAME: value mapping as NAME=value items (NAME alone for null), each spanning its pair. */
static const struct ecs_node *kv_as_list(struct merger *m, const struct ecs_node *map)
{
	struct ecs_node **items = ecs_arena_alloc(&m->r->arena, (map->map.n + 1) * sizeof(*items));

	if (!items)
		return NULL;
	for (uint32_t i = 0; i < map->map.n; i++) {
		const struct ecs_pair *p = &map->map.pairs[i];
		const char *k = ecs_node_text(p->key), *v = ecs_node_text(p->value);
		struct ecs_span sp = p->key->span;
		sp.end = p->value->span.end.byte >= sp.end.byte ? p->value->span.end : sp.end;
		items[i] = ecs_node_new_scalar(&m->r->arena,
			ecs_node_is_null(p->value) || !v ? (k ? k : "") :
			ecs_arena_printf(&m->r->arena, "%s=%s", k ? k : "", v), &sp);
		if (!items[i])
			return NULL;
	}
	return new_sequence(&m->r->arena, map, items, map->map.n);
}

/* A list of names as a mapping: NAME -> value_of(item). */
static const struct ecs_node *list_as_map(struct merger *m, const struct ecs_node *seq, bool depends_on)
{
	struct ecs_pair *pairs = ecs_arena_zalloc(&m->r->arena, (seq->seq.n + 1) * sizeof(*pairs));
	uint32_t n = 0;

	if (!pairs)
		return NULL;
	for (uint32_t i = 0; i < seq->seq.n; i++) {
		struct ecs_node *it = seq->seq.items[i];
		const struct ecs_node *d = ecs_node_deref(it);
		if (!d || d->kind != ECS_NODE_SCALAR)
			continue;
		pairs[n].key = it;
		if (depends_on) {
			struct ecs_pair dp[2];
			dp[0].key = ecs_node_new_scalar(&m->r->arena, "condition", &d->span);
			dp[0].value = ecs_node_new_scalar(&m->r->arena, "service_started", &d->span);
			dp[1].key = ecs_node_new_scalar(&m->r->arena, "required", &d->span);
			dp[1].value = ecs_node_new_scalar(&m->r->arena, "true", &d->span);
			dp[0].from_merge = dp[1].from_merge = false;
			pairs[n].value = ecs_node_new_mapping(&m->r->arena, NULL, dp, 2);
			if (pairs[n].value)
				pairs[n].value->span = d->span;
		} else {
			struct ecs_span sp = d->span;
			sp.start = sp.end;
			pairs[n].value = ecs_node_new_scalar(&m->r->arena, "", &sp);
		}
		if (!pairs[n].value)
			return NULL;
		n++;
	}
	return ecs_node_new_mapping(&m->r->arena, seq, pairs, n);
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
	struct strtab t;

	if (!pairs || !gone || strtab_init(&m->r->arena, &t, nb + no) < 0)
		return NULL;
	memcpy(pairs, base->map.pairs, nb * sizeof(*pairs));
	for (uint32_t i = 0; i < nb; i++) {
		const char *k = ecs_node_text(pairs[i].key);
		if (k)
			strtab_get_or_put(&t, k, i);
	}
	for (uint32_t i = 0; i < no; i++) {
		const struct ecs_pair *op = &over->map.pairs[i];
		const char *k = ecs_node_text(op->key);
		uint32_t at = k ? strtab_get_or_put(&t, k, n) : UINT32_MAX;
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
			pairs[n].value = strip(m, op->value);
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
		return strip(m, over);
	if (!b || ecs_node_is_null(base))
		return strip(m, over);
	if (!o || (ecs_node_is_null(over) && rule.kind != R_REPLACE))
		return base;
	switch (rule.kind) {
	case R_REPLACE:
	case R_SCALAR:
		return strip(m, over);
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
			const char *bd = map_text(b, "driver"), *od = map_text(o, "driver");
			if (bd && od && strcmp(bd, od) != 0)
				return strip(m, over);
		}
		break;
	case R_DEPENDS_ON:
	case R_SVC_NETWORKS:
		if (b->kind == ECS_NODE_SEQUENCE && o->kind == ECS_NODE_SEQUENCE)
			return concat_unique(m, b, o, K_WHOLE);
		if (b->kind == ECS_NODE_SEQUENCE && o->kind == ECS_NODE_MAPPING)
			b = list_as_map(m, b, rule.kind == R_DEPENDS_ON);
		else if (o->kind == ECS_NODE_SEQUENCE && b->kind == ECS_NODE_MAPPING)
			o = list_as_map(m, o, rule.kind == R_DEPENDS_ON);
		if (!b || !o)
			return NULL;
		break;
	case R_KV:
		if (b->kind == ECS_NODE_MAPPING && o->kind == ECS_NODE_MAPPING)
			return merge_map(m, b, o, (struct rule){ R_SCALAR, 0, false }, path, true);
		if (b->kind == ECS_NODE_MAPPING && o->kind == ECS_NODE_SEQUENCE)
			b = kv_as_list(m, b);
		else if (b->kind == ECS_NODE_SEQUENCE && o->kind == ECS_NODE_MAPPING)
			o = kv_as_list(m, o);
		if (!b || !o)
			return NULL;
		if (b->kind == ECS_NODE_SEQUENCE && o->kind == ECS_NODE_SEQUENCE)
			return concat_unique(m, b, o, rule.key);
		break;
	case R_LIST_STR:
		if (b->kind != ECS_NODE_MAPPING && o->kind != ECS_NODE_MAPPING) {
			b = as_list(m, b);
			o = as_list(m, o);
			if (!b || !o)
				return NULL;
			return concat_unique(m, b, o, rule.key);
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
		return concat_unique(m, b, o, rule.kind == R_SEQ_KEY ? rule.key : K_WHOLE);
	}
	return strip(m, over);
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
		return strip(&m, over);
	return merge(&m, base, over, (struct rule){ R_ROOT, 0, false }, NULL);
}

struct ecs_node *ecs_merge_service(struct ecs_run *r, struct ecs_node *base, struct ecs_node *over,
				   const char *name)
{
	struct merger m = merger_init(r);
	struct seg s0 = { NULL, "services" }, s1 = { &s0, name };

	if (!base)
		return strip(&m, over);
	return merge(&m, base, over, (struct rule){ R_SERVICE, 0, false }, &s1);
}

struct ecs_node *ecs_merge_strip(struct ecs_run *r, struct ecs_node *doc)
{
	struct merger m = merger_init(r);

	return doc ? strip(&m, doc) : NULL;
}
