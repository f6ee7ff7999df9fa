/*
 * extends.c - `extends` (same file or another file, recursively): the base
 * service, itself resolved, is merged under the local definition with the
 * merge rules of merge.c.  Each service is resolved once (memoised), a
 * cycle is ECS120 with the whole chain, a missing file or service ECS121.
 */
#include "loader.h"

#include <string.h>

#include "../../checks/rules.h"
#include "merge.h"

static struct ecs_ext_ctx *ctx_new(struct ecs_loader *l, struct ecs_lfile *lf, const struct ecs_node *doc)
{
	struct ecs_arena *a = &l->r->arena;
	struct ecs_ext_ctx *c = ecs_arena_zalloc(a, sizeof(*c));
	const struct ecs_node *s = ecs_node_map_get(doc, "services");
	uint32_t n;

	if (!c)
		return NULL;
	c->lf = lf;
	c->services = s && s->kind == ECS_NODE_MAPPING ? s : NULL;
	n = c->services ? c->services->map.n : 0;
	c->state = ecs_arena_zalloc(a, n + 1);
	c->resolved = ecs_arena_zalloc(a, (n + 1) * sizeof(*c->resolved));
	if (!c->state || !c->resolved || ecs_strtab_init(a, &c->names, n) < 0)
		return NULL;
	for (uint32_t i = 0; i < n; i++) {
		const char *k = ecs_node_text(c->services->map.pairs[i].key);
		if (k)
			ecs_strtab_get_or_put(&c->names, k, i);
	}
	return c;
}

static const char *label_of(struct ecs_loader *l, const struct ecs_ext_ctx *c, uint32_t i)
{
	const char *k = ecs_node_text(c->services->map.pairs[i].key);

	return ecs_arena_printf(&l->r->arena, "'%s' in %s", k ? k : "?", c->lf->src->path);
}

static struct ecs_node *resolve(struct ecs_loader *l, struct ecs_ext_ctx *c, uint32_t i);

/* The base service named by ext (a service name, or {service, file}); NULL when unusable (reported). */
static struct ecs_node *base_of(struct ecs_loader *l, struct ecs_ext_ctx *c, uint32_t i, const struct ecs_node *ext)
{
	struct ecs_run *r = l->r;
	const struct ecs_node *svc_node = ext, *file_node = NULL;
	struct ecs_ext_ctx *target = c;
	const char *name;
	uint32_t j;

	if (ext->kind == ECS_NODE_MAPPING) {
		svc_node = ecs_node_map_get(ext, "service");
		file_node = ecs_node_map_get(ext, "file");
		if (!svc_node) {
			struct ecs_diag *d = ecs_diag_add(&r->diags, &ECS121_rule, &ext->span, NULL,
							  "extends needs a 'service' to extend");
			ecs_diag_help(&r->diags, d, "write extends: {service: NAME} or extends: {file: F, service: NAME}");
			return NULL;
		}
	}
	name = ecs_node_text(svc_node);
	if (!name || (file_node && !ecs_node_text(file_node))) {
		const struct ecs_node *bad = name ? file_node : svc_node;
		struct ecs_diag *d = ecs_diag_add(&r->diags, &ECS121_rule, &bad->span, NULL,
						  "extends needs a %s here, not a collection", name ? "file name" : "service name");
		ecs_diag_help(&r->diags, d, "write extends: NAME or extends: {file: F, service: NAME}");
		return NULL;
	}
	if (file_node) {
		const char *path = ecs_loader_join(l, c->lf->base_dir, ecs_node_text(file_node));
		struct ecs_lfile *lf;
		if (!path)
			return NULL;
		/* Relative paths inside an extended file resolve against its own directory. */
		lf = ecs_loader_file(l, path, c->lf->env, ecs_loader_dirname(l, path), file_node);
		if (!lf || !lf->root)
			return NULL;
		if (!lf->ext && !(lf->ext = ctx_new(l, lf, lf->root)))
			return NULL;
		target = lf->ext;
		if (!target->services) {
			struct ecs_diag *d = ecs_diag_add(&r->diags, &ECS121_rule, &file_node->span, NULL,
							  "cannot extend service '%s': %s has no services mapping",
							  name, lf->src->path);
			ecs_diag_help(&r->diags, d, "point extends.file at a Compose file that defines '%s'", name);
			return NULL;
		}
	}
	j = target->services ? ecs_strtab_get(&target->names, name) : UINT32_MAX;
	if (j == UINT32_MAX) {
		struct ecs_diag *d = ecs_diag_add(&r->diags, &ECS121_rule, &svc_node->span, NULL,
						  "cannot extend service '%s': no service '%s' in %s",
						  ecs_node_text(c->services->map.pairs[i].key), name, target->lf->src->path);
		ecs_diag_help(&r->diags, d, "name a service defined in %s", target->lf->src->path);
		return NULL;
	}
	if (target->state[j] == 1) {
		uint32_t from = 0;
		for (uint32_t k = 0; k < l->n_chain; k++)
			if (l->chain[k].what == target && l->chain[k].index == j)
				from = k;
		ecs_loader_cycle(l, from, &ext->span, "extends", label_of(l, target, j));
		return NULL;
	}
	return resolve(l, target, j);
}

static struct ecs_node *resolve(struct ecs_loader *l, struct ecs_ext_ctx *c, uint32_t i)
{
	struct ecs_pair *p = &c->services->map.pairs[i];
	const struct ecs_node *svc = ecs_node_deref(p->value);
	const struct ecs_pair *ext = ecs_node_map_pair(svc, "extends");
	struct ecs_node *base, *local, *out;

	if (c->state[i] == 2)
		return c->resolved[i];
	if (!ext) {
		c->state[i] = 2;
		return c->resolved[i] = p->value;
	}
	c->state[i] = 1;
	if (ecs_loader_push(l, c, i, label_of(l, c, i), &ecs_node_deref(ext->value)->span) < 0)
		return NULL;
	base = base_of(l, c, i, ecs_node_deref(ext->value));
	ecs_loader_pop(l);
	local = ecs_loader_without(l, p->value, "extends");
	out = local;
	if (base && local)
		out = ecs_merge_service(l->r, base, local, ecs_node_text(p->key));
	c->state[i] = 2;
	c->resolved[i] = out ? out : p->value;
	return c->resolved[i];
}

struct ecs_node *ecs_loader_extends(struct ecs_loader *l, struct ecs_lfile *lf, struct ecs_node *doc)
{
	struct ecs_ext_ctx *c;
	const struct ecs_node *s = ecs_node_map_get(doc, "services");
	struct ecs_pair *pairs;
	bool any = false;

	if (!s || s->kind != ECS_NODE_MAPPING)
		return doc;
	for (uint32_t i = 0; i < s->map.n && !any; i++)
		any = ecs_node_map_pair(s->map.pairs[i].value, "extends") != NULL;
	if (!any)
		return doc;
	c = ctx_new(l, lf, doc);
	if (!c)
		return NULL;
	/* Other files extending this one see the same resolution when the document is the file itself. */
	if (!lf->ext && doc == lf->root)
		lf->ext = c;
	pairs = ecs_arena_alloc(&l->r->arena, (s->map.n + 1) * sizeof(*pairs));
	if (!pairs)
		return NULL;
	for (uint32_t i = 0; i < s->map.n; i++) {
		pairs[i] = s->map.pairs[i];
		pairs[i].value = resolve(l, c, i);
		if (!pairs[i].value)
			return NULL;
		if (pairs[i].value != s->map.pairs[i].value)
			pairs[i].from_merge = false;
	}
	struct ecs_node *ns = ecs_node_new_mapping(&l->r->arena, s, pairs, s->map.n);
	return ns ? ecs_loader_with(l, doc, "services", ns) : NULL;
}
