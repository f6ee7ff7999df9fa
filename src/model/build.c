/*
 * build.c - ecs_model_build(): the project level (services, networks,
 * volumes, secrets, configs, x-aws-*), the attribute dispatch every level
 * uses, the implicit default network, and the sorted views and lookups.
 *
 * Cost: one pass over each mapping with a binary search per key, so the
 * build is linear in the size of the file.
 */
#include <stdlib.h>
#include <string.h>

#include "build_internal.h"

static int field_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct mb_field *)elem)->key);
}

bool mb_fields_sorted(const struct mb_field *table, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (strcmp(table[i - 1].key, table[i].key) >= 0)
			return false;
	return true;
}

static int read_field(struct mb *b, const struct mb_field *f, void *obj, const struct ecs_pair *pr)
{
	void *field;

	if (f->base && !(obj = f->base(b, obj)))
		return -1;
	field = (char *)obj + f->offset;

	switch (f->kind) {
	case MB_F_STR:
		mb_str(b, pr->value, field);
		break;
	case MB_F_BOOL:
		mb_bool(b, pr->value, field);
		break;
	case MB_F_INT:
		mb_int(b, pr->value, field);
		break;
	case MB_F_YAML_INT:
		mb_yaml_int(b, pr->value, field);
		break;
	case MB_F_BYTES:
		mb_bytes(b, pr->value, field);
		break;
	case MB_F_DURATION:
		mb_duration(b, pr->value, field);
		break;
	case MB_F_CPUS:
		mb_cpus(b, pr->value, field);
		break;
	case MB_F_MODE:
		mb_mode(b, pr->value, field);
		break;
	case MB_F_LIST:
		mb_strs(b, pr->value, false, field);
		break;
	case MB_F_STRING_OR_LIST:
		mb_strs(b, pr->value, true, field);
		break;
	case MB_F_KVS:
		mb_kvs(b, pr->value, '=', field);
		break;
	case MB_F_NODE:
		*(const struct ecs_node **)field = ecs_node_deref(pr->value);
		break;
	case MB_F_CUSTOM:
		return f->custom(b, obj, pr);
	}
	return b->a->failed ? -1 : 0;
}

int mb_fields(struct mb *b, const struct ecs_node *map, const struct mb_field *table, size_t n, void *obj,
	      const struct ecs_pair ***ext, uint32_t *n_ext)
{
	uint32_t n_x = 0;

	map = ecs_node_deref(map);
	if (!map || map->kind != ECS_NODE_MAPPING)
		return 0;
	if (ext) {
		for (uint32_t i = 0; i < map->map.n; i++) {
			const char *k = ecs_node_text(map->map.pairs[i].key);
			n_x += k && k[0] == 'x' && k[1] == '-';
		}
		*n_ext = 0;
		*ext = mb_array(b, n_x, sizeof(**ext));
		if (n_x && !*ext)
			return -1;
	}
	for (uint32_t i = 0; i < map->map.n; i++) {
		const struct ecs_pair *pr = &map->map.pairs[i];
		const char *k = ecs_node_text(pr->key);
		const struct mb_field *f;
		size_t mark;
		int rc;

		if (!k)
			continue;
		if (ext && k[0] == 'x' && k[1] == '-')
			(*ext)[(*n_ext)++] = pr;
		f = bsearch(k, table, n, sizeof(*table), field_cmp);
		if (!f)
			continue;
		mark = mb_push(b, k);
		rc = read_field(b, f, obj, pr);
		mb_pop(b, mark);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* external: true, or the deprecated external: {name: x}. */
static int read_external(struct mb *b, const struct ecs_pair *pr, struct ecs_mbool *ext, struct ecs_mstr *name)
{
	const struct ecs_node *v = ecs_node_deref(pr->value);

	if (v && v->kind == ECS_NODE_MAPPING) {
		const struct ecs_pair *np = ecs_node_map_pair(v, "name");
		ext->present = ext->valid = ext->v = true;
		ext->span = v->span;
		ext->node = v;
		if (np) {
			size_t mark = mb_push(b, "name");
			mb_str(b, np->value, name);
			mb_pop(b, mark);
		}
		return 0;
	}
	mb_bool(b, pr->value, ext);
	return 0;
}

static int network_external(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	struct ecs_network *n = obj;
	return read_external(b, pr, &n->external, &n->external_name);
}

static int volume_external(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	struct ecs_volume *v = obj;
	return read_external(b, pr, &v->external, &v->external_name);
}

static int object_external(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	struct ecs_file_object *o = obj;
	return read_external(b, pr, &o->external, &o->external_name);
}

#define NF(k, kind, f) { k, kind, offsetof(struct ecs_network, f), NULL, NULL }
static const struct mb_field network_fields[] = {
	NF("attachable", MB_F_BOOL, attachable),
	NF("driver", MB_F_STR, driver),
	NF("driver_opts", MB_F_KVS, driver_opts),
	NF("enable_ipv4", MB_F_BOOL, enable_ipv4),
	NF("enable_ipv6", MB_F_BOOL, enable_ipv6),
	{ "external", MB_F_CUSTOM, 0, network_external, NULL },
	NF("internal", MB_F_BOOL, internal),
	NF("ipam", MB_F_NODE, ipam),
	NF("labels", MB_F_KVS, labels),
	NF("name", MB_F_STR, name),
	NF("x-aws-securitygroup", MB_F_STR, x_aws_securitygroup),
};

#define VF(k, kind, f) { k, kind, offsetof(struct ecs_volume, f), NULL, NULL }
static const struct mb_field volume_fields[] = {
	VF("driver", MB_F_STR, driver),
	VF("driver_opts", MB_F_KVS, driver_opts),
	{ "external", MB_F_CUSTOM, 0, volume_external, NULL },
	VF("labels", MB_F_KVS, labels),
	VF("name", MB_F_STR, name),
};

#define OF(k, kind, f) { k, kind, offsetof(struct ecs_file_object, f), NULL, NULL }
static const struct mb_field secret_fields[] = {
	OF("driver", MB_F_STR, driver),
	OF("driver_opts", MB_F_KVS, driver_opts),
	OF("environment", MB_F_STR, environment),
	{ "external", MB_F_CUSTOM, 0, object_external, NULL },
	OF("file", MB_F_STR, file),
	OF("labels", MB_F_KVS, labels),
	OF("name", MB_F_STR, name),
	OF("template_driver", MB_F_STR, template_driver),
	OF("x-aws-keys", MB_F_STRING_OR_LIST, x_aws_keys),
};

static const struct mb_field config_fields[] = {
	OF("content", MB_F_STR, content),
	OF("driver", MB_F_STR, driver),
	OF("driver_opts", MB_F_KVS, driver_opts),
	OF("environment", MB_F_STR, environment),
	{ "external", MB_F_CUSTOM, 0, object_external, NULL },
	OF("file", MB_F_STR, file),
	OF("labels", MB_F_KVS, labels),
	OF("name", MB_F_STR, name),
	OF("template_driver", MB_F_STR, template_driver),
};

#define N_OF(t) (sizeof(t) / sizeof((t)[0]))

/* <project>_<key>, or <key> for external resources: Compose's default names. */
static const char *effective_name(struct mb *b, const struct ecs_mstr *name, bool external, const char *key)
{
	if (name->present)
		return name->v;
	if (external || !b->p->name || !*b->p->name)
		return key;
	return ecs_arena_printf(b->a, "%s_%s", b->p->name, key);
}

/* The named entries of a top-level mapping: their count, for one allocation. */
static uint32_t named_entries(const struct ecs_node *map)
{
	map = ecs_node_deref(map);
	return map && map->kind == ECS_NODE_MAPPING ? map->map.n : 0;
}

/*
 * Entry i of a top-level mapping of named things: its key when it is a
 * scalar (NULL otherwise: the schema reports other keys) and, in *value,
 * its body when that is a mapping (NULL for `name:` with nothing after it).
 */
static const struct ecs_node *named_entry(const struct ecs_node *map, uint32_t i, const struct ecs_node **value)
{
	const struct ecs_node *k = ecs_node_deref(map->map.pairs[i].key);
	const struct ecs_node *v = ecs_node_deref(map->map.pairs[i].value);

	if (!k || k->kind != ECS_NODE_SCALAR)
		return NULL;
	*value = v && v->kind == ECS_NODE_MAPPING ? v : NULL;
	return k;
}

static int top_services(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	const struct ecs_node *map = ecs_node_deref(pr->value);
	struct ecs_project *p = obj;
	uint32_t n = named_entries(map);

	p->services = mb_array(b, n, sizeof(*p->services));
	if (n && !p->services)
		return -1;
	for (uint32_t i = 0; i < n; i++) {
		const struct ecs_node *k, *body;
		struct ecs_service *s = &p->services[p->n_services];
		size_t mark;

		if (!(k = named_entry(map, i, &body)))
			continue;
		s->name = k->scalar.text;
		s->name_span = k->span;
		s->key = k;
		s->pair = &map->map.pairs[i];
		s->index = p->n_services++;
		s->node = body;
		mark = mb_push(b, s->name);
		if (mb_build_service(b, s) < 0)
			return -1;
		mb_pop(b, mark);
	}
	return 0;
}

static int top_networks(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	const struct ecs_node *map = ecs_node_deref(pr->value);
	struct ecs_project *p = obj;
	uint32_t n = named_entries(map);

	/* one spare slot for the implicit default network */
	p->networks = mb_array(b, n + 1, sizeof(*p->networks));
	if (!p->networks)
		return -1;
	for (uint32_t i = 0; i < n; i++) {
		const struct ecs_node *k, *body;
		struct ecs_network *net = &p->networks[p->n_networks];
		size_t mark;

		if (!(k = named_entry(map, i, &body)))
			continue;
		net->key = k->scalar.text;
		net->key_span = k->span;
		net->index = p->n_networks++;
		net->node = body;
		mark = mb_push(b, net->key);
		if (mb_fields(b, net->node, network_fields, N_OF(network_fields), net, &net->extensions,
			      &net->n_extensions) < 0)
			return -1;
		mb_pop(b, mark);
		net->effective_name = effective_name(b, &net->name, net->external.present && net->external.v, net->key);
	}
	return 0;
}

static int top_volumes(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	const struct ecs_node *map = ecs_node_deref(pr->value);
	struct ecs_project *p = obj;
	uint32_t n = named_entries(map);

	p->volumes = mb_array(b, n, sizeof(*p->volumes));
	if (n && !p->volumes)
		return -1;
	for (uint32_t i = 0; i < n; i++) {
		const struct ecs_node *k, *body;
		struct ecs_volume *v = &p->volumes[p->n_volumes];
		size_t mark;

		if (!(k = named_entry(map, i, &body)))
			continue;
		v->key = k->scalar.text;
		v->key_span = k->span;
		v->index = p->n_volumes++;
		v->node = body;
		mark = mb_push(b, v->key);
		if (mb_fields(b, v->node, volume_fields, N_OF(volume_fields), v, &v->extensions, &v->n_extensions) < 0)
			return -1;
		mb_pop(b, mark);
		v->effective_name = effective_name(b, &v->name, v->external.present && v->external.v, v->key);
	}
	return 0;
}

static int file_objects(struct mb *b, const struct ecs_pair *pr, bool secrets, struct ecs_file_object **out,
			uint32_t *n_out)
{
	const struct ecs_node *map = ecs_node_deref(pr->value);
	uint32_t n = named_entries(map);

	*out = mb_array(b, n, sizeof(**out));
	if (n && !*out)
		return -1;
	for (uint32_t i = 0; i < n; i++) {
		const struct ecs_node *k, *body;
		struct ecs_file_object *o = &(*out)[*n_out];
		size_t mark;
		int rc;

		if (!(k = named_entry(map, i, &body)))
			continue;
		o->key = k->scalar.text;
		o->key_span = k->span;
		o->index = (*n_out)++;
		o->node = body;
		mark = mb_push(b, o->key);
		if (secrets)
			rc = mb_fields(b, o->node, secret_fields, N_OF(secret_fields), o, &o->extensions, &o->n_extensions);
		else
			rc = mb_fields(b, o->node, config_fields, N_OF(config_fields), o, &o->extensions, &o->n_extensions);
		mb_pop(b, mark);
		if (rc < 0)
			return -1;
		o->effective_name = effective_name(b, &o->name, o->external.present && o->external.v, o->key);
		if (o->file.present)
			o->resolved_file = mb_resolve_path(b, o->file.node, o->file.v);
	}
	return 0;
}

static int top_secrets(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	struct ecs_project *p = obj;
	return file_objects(b, pr, true, &p->secrets, &p->n_secrets);
}

static int top_configs(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	struct ecs_project *p = obj;
	return file_objects(b, pr, false, &p->configs, &p->n_configs);
}

static int top_cloudformation(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	struct ecs_project *p = obj;

	(void)b;
	p->x_aws_cloudformation = ecs_node_deref(pr->value);
	p->x_aws_cloudformation_key = pr->key;
	return 0;
}

#define PF(k, kind, f) { k, kind, offsetof(struct ecs_project, f), NULL, NULL }
static const struct mb_field project_fields[] = {
	{ "configs", MB_F_CUSTOM, 0, top_configs, NULL },
	PF("name", MB_F_STR, name_attr),
	{ "networks", MB_F_CUSTOM, 0, top_networks, NULL },
	{ "secrets", MB_F_CUSTOM, 0, top_secrets, NULL },
	{ "services", MB_F_CUSTOM, 0, top_services, NULL },
	{ "volumes", MB_F_CUSTOM, 0, top_volumes, NULL },
	{ "x-aws-cloudformation", MB_F_CUSTOM, 0, top_cloudformation, NULL },
	PF("x-aws-cluster", MB_F_STR, x_aws_cluster),
	PF("x-aws-loadbalancer", MB_F_STR, x_aws_loadbalancer),
	PF("x-aws-logs_retention", MB_F_YAML_INT, x_aws_logs_retention),
	PF("x-aws-vpc", MB_F_STR, x_aws_vpc),
};

/* Compose adds a "default" network when a service is attached to it
 * implicitly and the file does not declare one. */
static int add_default_network(struct mb *b, struct ecs_project *p)
{
	bool needed = false;
	struct ecs_network *net;

	for (uint32_t i = 0; i < p->n_services && !needed; i++)
		needed = p->services[i].default_network;
	if (!needed)
		return 0;
	for (uint32_t i = 0; i < p->n_networks; i++)
		if (strcmp(p->networks[i].key, "default") == 0)
			return 0;
	if (!p->networks) {
		p->networks = mb_array(b, 1, sizeof(*p->networks));
		if (!p->networks)
			return -1;
	}
	net = &p->networks[p->n_networks];
	net->key = "default";
	net->index = p->n_networks++;
	net->implicit = true;
	net->effective_name = effective_name(b, &net->name, false, net->key);
	return net->effective_name ? 0 : -1;
}

static int by_service_name(const void *x, const void *y)
{
	const struct ecs_service *const *a = x, *const *c = y;
	int r = mb_name_cmp((*a)->name, (*c)->name);
	return r ? r : ((*a)->index > (*c)->index) - ((*a)->index < (*c)->index);
}

static int by_network_key(const void *x, const void *y)
{
	const struct ecs_network *const *a = x, *const *c = y;
	int r = mb_name_cmp((*a)->key, (*c)->key);
	return r ? r : ((*a)->index > (*c)->index) - ((*a)->index < (*c)->index);
}

static int by_volume_key(const void *x, const void *y)
{
	const struct ecs_volume *const *a = x, *const *c = y;
	int r = mb_name_cmp((*a)->key, (*c)->key);
	return r ? r : ((*a)->index > (*c)->index) - ((*a)->index < (*c)->index);
}

static int by_object_key(const void *x, const void *y)
{
	const struct ecs_file_object *const *a = x, *const *c = y;
	int r = mb_name_cmp((*a)->key, (*c)->key);
	return r ? r : ((*a)->index > (*c)->index) - ((*a)->index < (*c)->index);
}

/* Pointer view of an array sorted with cmp. */
static void *sorted_view(struct mb *b, void *base, uint32_t n, size_t elem, int (*cmp)(const void *, const void *))
{
	const void **v;

	if (!n)
		return NULL;
	v = ecs_arena_alloc(b->a, n * sizeof(*v));
	if (!v)
		return NULL;
	for (uint32_t i = 0; i < n; i++)
		v[i] = (const char *)base + i * elem;
	qsort(v, n, sizeof(*v), cmp);
	return v;
}

int ecs_model_build(struct ecs_run *r, const struct ecs_project_input *in, struct ecs_project **out)
{
	struct mb build = { .r = r, .in = in, .a = &r->arena, .d = &r->diags }, *b = &build;
	struct ecs_project *p;

	*out = NULL;
	p = ecs_arena_zalloc(b->a, sizeof(*p));
	if (!p)
		return -1;
	b->p = p;
	p->name = in->name;
	p->working_dir = in->working_dir;
	p->root = ecs_node_deref(in->root);
	p->files = in->files;
	p->n_files = in->n_files;
	if (mb_fields(b, p->root, project_fields, N_OF(project_fields), p, &p->extensions, &p->n_extensions) < 0)
		return -1;
	if (add_default_network(b, p) < 0)
		return -1;
	p->services_sorted = sorted_view(b, p->services, p->n_services, sizeof(*p->services), by_service_name);
	p->networks_sorted = sorted_view(b, p->networks, p->n_networks, sizeof(*p->networks), by_network_key);
	p->volumes_sorted = sorted_view(b, p->volumes, p->n_volumes, sizeof(*p->volumes), by_volume_key);
	p->secrets_sorted = sorted_view(b, p->secrets, p->n_secrets, sizeof(*p->secrets), by_object_key);
	p->configs_sorted = sorted_view(b, p->configs, p->n_configs, sizeof(*p->configs), by_object_key);
	if (b->a->failed)
		return -1;
	*out = p;
	return 0;
}

bool ecs_model_tables_sorted(void)
{
	return mb_fields_sorted(project_fields, N_OF(project_fields)) &&
	       mb_fields_sorted(network_fields, N_OF(network_fields)) &&
	       mb_fields_sorted(volume_fields, N_OF(volume_fields)) &&
	       mb_fields_sorted(secret_fields, N_OF(secret_fields)) &&
	       mb_fields_sorted(config_fields, N_OF(config_fields)) && mb_service_tables_sorted();
}

/* Binary search by name over a sorted pointer view whose elements start
 * with a name at offset name_off. */
static const void *find_sorted(const void *const *v, uint32_t n, size_t name_off, const char *name)
{
	uint32_t lo = 0, hi = n;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		const char *k = *(const char *const *)((const char *)v[mid] + name_off);
		int c = mb_name_cmp(name, k);
		if (c == 0)
			return v[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const struct ecs_service *ecs_project_service(const struct ecs_project *p, const char *name)
{
	return find_sorted((const void *const *)p->services_sorted, p->n_services, offsetof(struct ecs_service, name),
			   name);
}

const struct ecs_network *ecs_project_network(const struct ecs_project *p, const char *key)
{
	return find_sorted((const void *const *)p->networks_sorted, p->n_networks, offsetof(struct ecs_network, key),
			   key);
}

const struct ecs_volume *ecs_project_volume(const struct ecs_project *p, const char *key)
{
	return find_sorted((const void *const *)p->volumes_sorted, p->n_volumes, offsetof(struct ecs_volume, key), key);
}

const struct ecs_file_object *ecs_project_secret(const struct ecs_project *p, const char *key)
{
	return find_sorted((const void *const *)p->secrets_sorted, p->n_secrets,
			   offsetof(struct ecs_file_object, key), key);
}

const struct ecs_file_object *ecs_project_config(const struct ecs_project *p, const char *key)
{
	return find_sorted((const void *const *)p->configs_sorted, p->n_configs,
			   offsetof(struct ecs_file_object, key), key);
}
