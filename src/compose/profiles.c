/*
 * profiles.c - services whose `profiles` are all inactive are removed from
 * the model (kept aside in out->disabled_services).  A reference never
 * enables a disabled service: an enabled service's depends_on naming one
 * (without required: false) is ECS122, as Docker Compose refuses it.
 */
#include "loader.h"

#include <string.h>

#include "../../checks/rules.h"

static bool profile_active(struct ecs_loader *l, const char *p)
{
	for (size_t i = 0; i < l->out->n_profiles; i++)
		if (strcmp(l->out->profiles[i], p) == 0 || strcmp(l->out->profiles[i], "*") == 0)
			return true;
	return false;
}

static bool enabled(struct ecs_loader *l, const struct ecs_node *svc)
{
	const struct ecs_node *p = ecs_node_map_get(svc, "profiles");

	if (!p || p->kind != ECS_NODE_SEQUENCE || p->seq.n == 0)
		return true;
	for (uint32_t i = 0; i < p->seq.n; i++) {
		const char *t = ecs_node_text(p->seq.items[i]);
		if (t && profile_active(l, t))
			return true;
	}
	return false;
}

static void check_dependency(struct ecs_loader *l, const char *svc, const struct ecs_node *ref, const char *dep,
			     const struct ecs_node *disabled)
{
	const struct ecs_node *target = ecs_node_map_get(disabled, dep);
	const struct ecs_node *profiles = ecs_node_map_get(target, "profiles");
	struct ecs_diag *d;

	if (!target)
		return;
	d = ecs_diag_add(&l->r->diags, &ECS122_rule, &ref->span, NULL,
			 "service '%s' is required by '%s' but is disabled by its profiles", dep, svc);
	if (profiles) {
		const char *first = profiles->seq.n ? ecs_node_text(profiles->seq.items[0]) : NULL;
		ecs_diag_related(&l->r->diags, d, &profiles->span, "'%s' runs only with one of these profiles", dep);
		ecs_diag_help(&l->r->diags, d, "activate one of its profiles (--profile %s), or mark the dependency "
			      "required: false", first ? first : "NAME");
	}
}

static void check_dependencies(struct ecs_loader *l, const char *name, const struct ecs_node *svc,
			       const struct ecs_node *disabled)
{
	const struct ecs_node *deps = ecs_node_map_get(svc, "depends_on");

	if (!deps)
		return;
	if (deps->kind == ECS_NODE_SEQUENCE) {
		for (uint32_t i = 0; i < deps->seq.n; i++) {
			const char *t = ecs_node_text(deps->seq.items[i]);
			if (t)
				check_dependency(l, name, deps->seq.items[i], t, disabled);
		}
	} else if (deps->kind == ECS_NODE_MAPPING) {
		for (uint32_t i = 0; i < deps->map.n; i++) {
			const char *t = ecs_node_text(deps->map.pairs[i].key);
			const char *req = ecs_node_text(ecs_node_map_get(deps->map.pairs[i].value, "required"));
			if (t && !(req && strcmp(req, "false") == 0))
				check_dependency(l, name, deps->map.pairs[i].key, t, disabled);
		}
	}
}

struct ecs_node *ecs_loader_profiles(struct ecs_loader *l, struct ecs_node *doc)
{
	const struct ecs_node *s = ecs_node_map_get(doc, "services");
	struct ecs_pair *on, *off;
	uint32_t n_on = 0, n_off = 0;
	struct ecs_node *services, *disabled;

	if (!s || s->kind != ECS_NODE_MAPPING)
		return doc;
	on = ecs_arena_alloc(&l->r->arena, (s->map.n + 1) * sizeof(*on));
	off = ecs_arena_alloc(&l->r->arena, (s->map.n + 1) * sizeof(*off));
	if (!on || !off)
		return NULL;
	for (uint32_t i = 0; i < s->map.n; i++) {
		if (enabled(l, ecs_node_deref(s->map.pairs[i].value)))
			on[n_on++] = s->map.pairs[i];
		else
			off[n_off++] = s->map.pairs[i];
	}
	if (!n_off)
		return doc;
	disabled = ecs_node_new_mapping(&l->r->arena, s, off, n_off);
	services = ecs_node_new_mapping(&l->r->arena, s, on, n_on);
	if (!disabled || !services)
		return NULL;
	l->out->disabled_services = disabled;
	for (uint32_t i = 0; i < n_on; i++) {
		const char *name = ecs_node_text(on[i].key);
		check_dependencies(l, name ? name : "?", ecs_node_deref(on[i].value), disabled);
	}
	return ecs_loader_with(l, doc, "services", services);
}
