/*
 * template_view.c - maps the emitter's template back to Compose spans.
 *
 * The emitter names resources after the Compose element they come from
 * (<N(service)>TaskDefinition, <N(network)>Network...), so the logical id's
 * prefix tells the origin without the emitter keeping a side table.
 */
#include "template_view.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "../convert/convert.h"
#include "../model/model.h"

/* ecs-mapping.md §2.1: keep [A-Za-z0-9], upper-case a leading ASCII lowercase letter. */
static char *normalise(struct ecs_arena *a, const char *s)
{
	size_t n = strlen(s), k = 0;
	char *out = ecs_arena_alloc(a, n + 1);

	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
			out[k++] = c;
	}
	out[k] = '\0';
	if (k && out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
	return out;
}

struct origin {
	const char *prefix;
	struct ecs_span span;
	const char *what;
};

struct origins {
	struct origin *v;
	size_t n;
};

static int add_origin(struct ecs_arena *a, struct origins *o, const char *name, struct ecs_span span,
		      const char *kind)
{
	char *prefix = normalise(a, name);
	char *what = ecs_arena_printf(a, "%s '%s'", kind, name);

	if (!prefix || !what)
		return -1;
	if (!*prefix || span.end.byte == 0)
		return 0;
	o->v[o->n++] = (struct origin){ prefix, span, what };
	return 0;
}

static int cmp_origin(const void *pa, const void *pb)
{
	return strcmp(((const struct origin *)pa)->prefix, ((const struct origin *)pb)->prefix);
}

/* Index of the last origin whose prefix sorts at or before key[0..len), or -1. */
static long predecessor(const struct origins *o, const char *key, size_t len)
{
	size_t lo = 0, hi = o->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *p = o->v[mid].prefix;
		size_t pl = strlen(p);
		int c = strncmp(p, key, pl < len ? pl : len);

		if (c < 0 || (c == 0 && pl <= len))
			lo = mid + 1;
		else
			hi = mid;
	}
	return (long)lo - 1;
}

/*
 * The origin with the longest prefix of id.  In sorted order the longest
 * prefix is the predecessor of id; when the predecessor is not a prefix,
 * only prefixes of their common part remain, so search again with it.
 */
static const struct origin *find_origin(const struct origins *o, const char *id)
{
	size_t len = strlen(id);

	while (len > 0) {
		long k = predecessor(o, id, len);
		const char *p;
		size_t common = 0;

		if (k < 0)
			return NULL;
		p = o->v[k].prefix;
		while (common < len && p[common] && p[common] == id[common])
			common++;
		if (!p[common])
			return &o->v[k];
		len = common;
	}
	return NULL;
}

static int cmp_logical_id(const void *a, const void *b)
{
	return strcmp(((const struct ecs_template_item *)a)->logical_id,
		      ((const struct ecs_template_item *)b)->logical_id);
}

/* One entry; bytes only matter past the inline limit (ECS302 names the heaviest). */
static int add_item(struct ecs_arena *a, const struct origins *o, const struct ecs_template_view *view,
		    struct ecs_template_section *out, const char *id, const char *type, size_t bytes)
{
	struct ecs_template_item *item = &out->v[out->n++];
	const struct origin *org = find_origin(o, id ? id : "");

	item->logical_id = ecs_arena_strdup(a, id ? id : "");
	item->type = type ? ecs_arena_strdup(a, type) : NULL;
	item->bytes = view->body_bytes > ECS_CFN_INLINE_MAX ? bytes : 0;
	item->origin = org ? org->span : view->origin;
	item->origin_name = org ? org->what : "the project";
	item->origin_len = org ? strlen(org->prefix) : 0;
	return item->logical_id && (!type || item->type) ? 0 : -1;
}

static int fill_section(struct ecs_arena *a, const cJSON *tpl, const char *name, const struct origins *o,
			const struct ecs_template_view *view, const struct ecs_retired *retired,
			struct ecs_template_section *out)
{
	const cJSON *sec = cJSON_GetObjectItemCaseSensitive(tpl, name);
	const cJSON *it;
	size_t n = retired ? retired->n : 0;

	memset(out, 0, sizeof(*out));
	if (cJSON_IsObject(sec))
		cJSON_ArrayForEach(it, sec)
			n++;
	if (!n)
		return 0;
	out->v = ecs_arena_zalloc(a, n * sizeof(*out->v));
	if (!out->v)
		return -1;
	if (cJSON_IsObject(sec)) {
		cJSON_ArrayForEach(it, sec) {
			const cJSON *type = cJSON_GetObjectItemCaseSensitive(it, "Type");
			size_t bytes = view->body_bytes > ECS_CFN_INLINE_MAX ? ecs_template_entry_size(it) : 0;
			if (add_item(a, o, view, out, it->string, cJSON_IsString(type) ? type->valuestring : NULL,
				     bytes) < 0)
				return -1;
		}
	}
	for (size_t i = 0; retired && i < retired->n; i++)
		if (add_item(a, o, view, out, retired->v[i].logical_id, retired->v[i].type, retired->v[i].bytes) < 0)
			return -1;
	/* The emitter's insertion order is its business: rules see one order. */
	qsort(out->v, out->n, sizeof(*out->v), cmp_logical_id);
	return 0;
}

int ecs_template_view_build(struct ecs_arena *a, const struct ecs_project *p, const void *tplv,
			    const struct ecs_retired *retired, size_t body_bytes, struct ecs_template_view *out)
{
	const cJSON *tpl = tplv;
	struct origins o = { 0 };
	size_t cap;
	const cJSON *desc;

	memset(out, 0, sizeof(*out));
	out->body_bytes = body_bytes;
	if (p && p->root) {
		const struct ecs_pair *sv = ecs_node_map_pair(p->root, "services");
		out->origin = sv ? sv->key->span : p->root->span;
	}
	cap = p ? (size_t)p->n_services + p->n_networks + p->n_volumes + p->n_secrets : 0;
	o.v = ecs_arena_zalloc(a, (cap + 1) * sizeof(*o.v));
	if (!o.v)
		return -1;
	for (uint32_t i = 0; p && i < p->n_services; i++)
		if (add_origin(a, &o, p->services[i].name, p->services[i].name_span, "service") < 0)
			return -1;
	for (uint32_t i = 0; p && i < p->n_networks; i++)
		if (!p->networks[i].implicit &&
		    add_origin(a, &o, p->networks[i].key, p->networks[i].key_span, "network") < 0)
			return -1;
	for (uint32_t i = 0; p && i < p->n_volumes; i++)
		if (add_origin(a, &o, p->volumes[i].key, p->volumes[i].key_span, "volume") < 0)
			return -1;
	for (uint32_t i = 0; p && i < p->n_secrets; i++)
		if (add_origin(a, &o, p->secrets[i].key, p->secrets[i].key_span, "secret") < 0)
			return -1;
	if (o.n > 1)
		qsort(o.v, o.n, sizeof(*o.v), cmp_origin);
	if (fill_section(a, tpl, "Resources", &o, out, retired, &out->resources) < 0 ||
	    fill_section(a, tpl, "Parameters", &o, out, NULL, &out->parameters) < 0 ||
	    fill_section(a, tpl, "Outputs", &o, out, NULL, &out->outputs) < 0 ||
	    fill_section(a, tpl, "Mappings", &o, out, NULL, &out->mappings) < 0)
		return -1;
	desc = cJSON_GetObjectItemCaseSensitive(tpl, "Description");
	if (cJSON_IsString(desc))
		out->description = ecs_arena_strdup(a, desc->valuestring);
	return a->failed ? -1 : 0;
}
