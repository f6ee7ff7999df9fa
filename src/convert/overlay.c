/*
 * overlay.c - the project's x-aws-cloudformation merged into the generated
 * template (ecs-mapping.md §11.3), for JSON and YAML output alike: mappings
 * merge key by key, an explicit null removes a key, anything else
 * (scalars, sequences) replaces what was generated.  kyaml's directive
 * `$patch: delete` (remove this mapping) and `$patch: replace` (take it
 * as written) are honoured.
 *
 * A Resources entry without Type patches a generated resource; when there
 * is none of that logical id it is likely a typo: ECS505, and it is left
 * out (merged, it would be a resource without Type, which fails the stack).
 *
 * Scalars are typed as Compose reads them (YAML 1.2 core schema: 80 is a
 * number, "80" a string).  CloudFormation's short intrinsic tags are
 * expanded: !Ref X, !GetAtt A.B, !Sub ..., !Join [...], any !Name -> Fn::Name.
 */
#include <string.h>

#include "../../checks/rules.h"
#include "../schema/schema.h"
#include "cvt.h"

static cJSON *value(struct cvt *c, const struct ecs_node *n);

static bool is_null(const struct ecs_node *n)
{
	n = ecs_node_deref(n);
	return !n || (ecs_node_is_null(n) && !(n->tag && n->tag[0] == '!' && n->tag[1] != '!'));
}

/* "$patch" directive of a mapping, or NULL. */
static const char *patch_directive(const struct ecs_node *map)
{
	return ecs_node_text(ecs_node_map_get(map, "$patch"));
}

static cJSON *scalar(struct cvt *c, const struct ecs_node *n)
{
	struct ecs_scalar_value sv;

	if (!ecs_scalar_resolve(n, &sv))
		return cvt_str(c, n->scalar.text);
	switch (sv.type) {
	case ECS_SCALAR_NULL:
		return cvt_null(c);
	case ECS_SCALAR_BOOL:
		return cvt_bool(c, sv.boolean);
	case ECS_SCALAR_INT:
	case ECS_SCALAR_FLOAT:
		return cvt_num(c, sv.number);
	default:
		return cvt_str(c, n->scalar.text);
	}
}

/* !Ref X -> {"Ref": "X"}; !GetAtt A.B -> {"Fn::GetAtt": ["A", "B"]}; !Name v -> {"Fn::Name": v}. */
static cJSON *intrinsic(struct cvt *c, const struct ecs_node *n)
{
	const char *name = n->tag + 1;
	cJSON *o = cvt_obj(c), *v;
	struct ecs_node untagged = *n;

	untagged.tag = NULL;
	if (strcmp(name, "GetAtt") == 0 && n->kind == ECS_NODE_SCALAR && strchr(n->scalar.text, '.')) {
		const char *dot = strchr(n->scalar.text, '.');
		v = cvt_arr(c);
		cvt_push(c, v, cvt_strn(c, n->scalar.text, (size_t)(dot - n->scalar.text)));
		cvt_push(c, v, cvt_str(c, dot + 1));
	} else {
		v = n->kind == ECS_NODE_SCALAR ? cvt_str(c, n->scalar.text) : value(c, &untagged);
	}
	if (strcmp(name, "Ref") == 0 || strcmp(name, "Condition") == 0)
		cvt_set(c, o, name, v);
	else
		cvt_set(c, o, ecs_arena_printf(&c->run->arena, "Fn::%s", name), v);
	return o;
}

/* The overlay value as JSON; nulls inside new mappings mean "absent" and are dropped. */
static cJSON *value(struct cvt *c, const struct ecs_node *n)
{
	cJSON *v;

	n = ecs_node_deref(n);
	if (!n)
		return cvt_str(c, "");
	if (n->tag && n->tag[0] == '!' && n->tag[1] && n->tag[1] != '!')
		return intrinsic(c, n);
	switch (n->kind) {
	case ECS_NODE_MAPPING:
		v = cvt_obj(c);
		for (uint32_t i = 0; i < n->map.n && v; i++) {
			const char *k = ecs_node_text(n->map.pairs[i].key);
			if (!k || strcmp(k, "$patch") == 0 || is_null(n->map.pairs[i].value))
				continue;
			cJSON_DetachItemFromObjectCaseSensitive(v, k);
			cvt_set(c, v, k, value(c, n->map.pairs[i].value));
		}
		return v;
	case ECS_NODE_SEQUENCE:
		v = cvt_arr(c);
		for (uint32_t i = 0; i < n->seq.n && v; i++)
			cvt_push(c, v, value(c, n->seq.items[i]));
		return v;
	default:
		return scalar(c, n);
	}
}

static void merge(struct cvt *c, cJSON *dst, const struct ecs_node *map)
{
	for (uint32_t i = 0; i < map->map.n && !c->failed; i++) {
		const char *k = ecs_node_text(map->map.pairs[i].key);
		const struct ecs_node *v = ecs_node_deref(map->map.pairs[i].value);
		cJSON *cur;
		const char *patch;

		if (!k || strcmp(k, "$patch") == 0)
			continue;
		cur = cJSON_GetObjectItemCaseSensitive(dst, k);
		patch = v && v->kind == ECS_NODE_MAPPING && !v->tag ? patch_directive(v) : NULL;
		if (is_null(v) || (patch && strcmp(patch, "delete") == 0)) {
			cJSON_DetachItemFromObjectCaseSensitive(dst, k);
			continue;
		}
		bool replace = patch && strcmp(patch, "replace") == 0;
		if (cJSON_IsObject(cur) && v->kind == ECS_NODE_MAPPING && !v->tag && !replace) {
			merge(c, cur, v);
			continue;
		}
		cJSON_DetachItemFromObjectCaseSensitive(dst, k);
		cvt_set(c, dst, k, value(c, v));
	}
}

/* Reports Resources entries that patch nothing, and says whether entry i is one. */
static bool unknown_resource(struct cvt *c, const cJSON *resources, const struct ecs_pair *pr)
{
	const char *k = ecs_node_text(pr->key);
	const struct ecs_node *v = ecs_node_deref(pr->value);
	const char **ids;
	const cJSON *it;
	size_t n = 0;
	struct ecs_diag *d;
	const char *near;

	if (!k || cJSON_GetObjectItemCaseSensitive(resources, k))
		return false;
	/* With a Type it adds a resource. */
	if (v && v->kind == ECS_NODE_MAPPING && ecs_node_map_get(v, "Type"))
		return false;
	ids = ecs_arena_alloc(&c->run->arena, ((size_t)cJSON_GetArraySize(resources) + 1) * sizeof(*ids));
	if (!ids) {
		c->failed = true;
		return true;
	}
	cJSON_ArrayForEach(it, resources)
		ids[n++] = it->string;
	d = ecs_diag_add(&c->run->diags, &ECS505_rule, &pr->key->span, NULL,
			 "x-aws-cloudformation patches resource '%s', which the template does not have", k);
	near = ecs_suggest(k, ids, n);
	if (d && near)
		ecs_diag_help(&c->run->diags, d, "did you mean '%s'? (`ecslint convert` prints the logical ids)", near);
	else if (d)
		ecs_diag_help(&c->run->diags, d, "patch a logical id `ecslint convert` prints, or add Type: to create "
			      "a new resource");
	return true;
}

static int overlay_finish(struct cvt *c)
{
	const struct ecs_node *o = ecs_node_deref(c->p->x_aws_cloudformation);
	const struct ecs_node *res = o ? ecs_node_map_get(o, "Resources") : NULL;
	cJSON *resources = cJSON_GetObjectItemCaseSensitive(c->tpl, "Resources");

	if (!o || o->kind != ECS_NODE_MAPPING)
		return 0;
	/* The overlay may delete the resource that owns a shared list. */
	cvt_unshare(c, c->tpl);
	for (uint32_t i = 0; i < o->map.n && !c->failed; i++) {
		const char *k = ecs_node_text(o->map.pairs[i].key);
		const struct ecs_node *v = ecs_node_deref(o->map.pairs[i].value);
		if (!k || strcmp(k, "Resources") != 0 || !res || res->kind != ECS_NODE_MAPPING || !resources) {
			struct ecs_pair one = o->map.pairs[i];
			struct ecs_node single = { .kind = ECS_NODE_MAPPING, .map = { .pairs = &one, .n = 1 } };
			merge(c, c->tpl, &single);
			continue;
		}
		for (uint32_t j = 0; j < v->map.n && !c->failed; j++) {
			struct ecs_pair one = v->map.pairs[j];
			struct ecs_node single = { .kind = ECS_NODE_MAPPING, .map = { .pairs = &one, .n = 1 } };
			if (!unknown_resource(c, resources, &v->map.pairs[j]))
				merge(c, resources, &single);
		}
	}
	return c->failed ? -1 : 0;
}

const struct cvt_family cvt_family_overlay = {
	.name = "overlay",
	.finish = overlay_finish,
};
