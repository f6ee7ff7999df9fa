/*
 * build_deploy.c - deploy: replicas, resources (limits, reservations, GPU
 * device requests, generic resources), update/rollback config, restart
 * policy, placement and x-aws-autoscaling.
 */
#include <stdlib.h>
#include <string.h>

#include "build_internal.h"

#define N_OF(t) (sizeof(t) / sizeof((t)[0]))

/* count: an integer or "all" (-1). */
static int dev_count(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	struct ecs_device_request *d = obj;
	const struct ecs_node *v = ecs_node_deref(pr->value);

	if (mb_scalar_type(v) == MB_STRING && strcmp(v->scalar.text, "all") == 0) {
		d->count = (struct ecs_mint){ .present = true, .valid = true, .v = -1, .text = v->scalar.text,
					      .span = v->span, .node = v };
		d->count_all = true;
		return 0;
	}
	mb_int(b, v, &d->count);
	return 0;
}

#define RQ(k, kind, f) { k, kind, offsetof(struct ecs_device_request, f), NULL, NULL }
static const struct mb_field request_fields[] = {
	RQ("capabilities", MB_F_LIST, capabilities),
	{ "count", MB_F_CUSTOM, 0, dev_count, NULL },
	RQ("device_ids", MB_F_LIST, device_ids),
	RQ("driver", MB_F_STR, driver),
	RQ("options", MB_F_KVS, options),
};

int mb_build_device_requests(struct mb *b, const struct ecs_node *v, struct ecs_device_request **out, uint32_t *n)
{
	v = ecs_node_deref(v);
	if (!v || v->kind != ECS_NODE_SEQUENCE)
		return 0;
	*out = mb_array(b, v->seq.n, sizeof(**out));
	if (v->seq.n && !*out)
		return -1;
	for (uint32_t i = 0; i < v->seq.n; i++) {
		const struct ecs_node *item = ecs_node_deref(v->seq.items[i]);
		struct ecs_device_request *d = &(*out)[*n];
		size_t mark;

		if (!item || item->kind != ECS_NODE_MAPPING)
			continue;
		mark = mb_push_index(b, i);
		d->span = item->span;
		d->node = item;
		if (mb_fields(b, item, request_fields, N_OF(request_fields), d, NULL, NULL) < 0)
			return -1;
		if (d->count.present && d->device_ids.present) {
			size_t m2 = mb_push(b, "count");
			mb_invalid_at(b, &d->count.span, "'count' and 'device_ids' are exclusive: keep one");
			mb_pop(b, m2);
		}
		/* Compose: neither count nor device_ids means all devices. */
		if (d->count.present)
			d->effective_count = d->count.valid ? d->count.v : 0;
		else
			d->effective_count = d->device_ids.present ? 0 : -1;
		mb_pop(b, mark);
		(*n)++;
	}
	return b->a->failed ? -1 : 0;
}

static int res_devices(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	struct ecs_resources *r = obj;
	return mb_build_device_requests(b, pr->value, &r->devices, &r->n_devices);
}

static int res_generic(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	struct ecs_resources *r = obj;
	const struct ecs_node *v = ecs_node_deref(pr->value);

	if (!v || v->kind != ECS_NODE_SEQUENCE)
		return 0;
	r->generic_resources = mb_array(b, v->seq.n, sizeof(*r->generic_resources));
	if (v->seq.n && !r->generic_resources)
		return -1;
	for (uint32_t i = 0; i < v->seq.n; i++) {
		const struct ecs_node *spec = ecs_node_map_get(v->seq.items[i], "discrete_resource_spec");
		struct ecs_generic_resource *g = &r->generic_resources[r->n_generic_resources];
		const struct ecs_pair *pp;
		size_t mark;

		if (!spec || spec->kind != ECS_NODE_MAPPING)
			continue;
		mark = mb_push_index(b, i);
		g->span = spec->span;
		g->node = spec;
		if ((pp = ecs_node_map_pair(spec, "kind")))
			mb_str(b, pp->value, &g->kind);
		if ((pp = ecs_node_map_pair(spec, "value")))
			mb_int(b, pp->value, &g->value);
		mb_pop(b, mark);
		r->n_generic_resources++;
	}
	return b->a->failed ? -1 : 0;
}

#define RF(k, kind, f) { k, kind, offsetof(struct ecs_resources, f), NULL, NULL }
static const struct mb_field resource_fields[] = {
	RF("cpus", MB_F_CPUS, cpus),
	{ "devices", MB_F_CUSTOM, 0, res_devices, NULL },
	{ "generic_resources", MB_F_CUSTOM, 0, res_generic, NULL },
	RF("memory", MB_F_BYTES, memory),
	RF("pids", MB_F_INT, pids),
};

static const struct ecs_resources empty_resources;

static int resources_of(struct mb *b, const struct ecs_pair *pr, const struct ecs_resources **out)
{
	const struct ecs_node *v = ecs_node_deref(pr->value);
	struct ecs_resources *r;

	if (!v || v->kind != ECS_NODE_MAPPING)
		return 0;
	r = ecs_arena_zalloc(b->a, sizeof(*r));
	if (!r)
		return -1;
	*out = r;
	r->present = true;
	r->span = v->span;
	r->node = v;
	r->key = pr->key;
	return mb_fields(b, v, resource_fields, N_OF(resource_fields), r, NULL, NULL);
}

static int dep_resources(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	struct ecs_deploy *d = obj;
	const struct ecs_node *v = ecs_node_deref(pr->value);
	const struct ecs_pair *lp, *rp;

	size_t mark;

	if (!v || v->kind != ECS_NODE_MAPPING)
		return 0;
	if ((lp = ecs_node_map_pair(v, "limits"))) {
		mark = mb_push(b, "limits");
		if (resources_of(b, lp, &d->limits) < 0)
			return -1;
		mb_pop(b, mark);
	}
	if ((rp = ecs_node_map_pair(v, "reservations"))) {
		mark = mb_push(b, "reservations");
		if (resources_of(b, rp, &d->reservations) < 0)
			return -1;
		mb_pop(b, mark);
	}
	return 0;
}

static int uc_ratio(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	struct ecs_update_config *u = obj;
	char *end;

	if (mb_str(b, pr->value, &u->max_failure_ratio)) {
		u->max_failure_ratio_value = strtod(u->max_failure_ratio.v, &end);
		if (end == u->max_failure_ratio.v || *end)
			mb_invalid_at(b, &u->max_failure_ratio.span, "max_failure_ratio '%s' is not a number",
				      u->max_failure_ratio.v);
	}
	return 0;
}

#define UF(k, kind, f) { k, kind, offsetof(struct ecs_update_config, f), NULL, NULL }
static const struct mb_field update_fields[] = {
	UF("delay", MB_F_DURATION, delay),
	UF("failure_action", MB_F_STR, failure_action),
	{ "max_failure_ratio", MB_F_CUSTOM, 0, uc_ratio, NULL },
	UF("monitor", MB_F_DURATION, monitor),
	UF("order", MB_F_STR, order),
	UF("parallelism", MB_F_INT, parallelism),
	UF("x-aws-max_percent", MB_F_YAML_INT, x_aws_max_percent),
	UF("x-aws-min_percent", MB_F_YAML_INT, x_aws_min_percent),
};

/* rollback_config: the same keys without the ECS extensions */
static const struct mb_field rollback_fields[] = {
	UF("delay", MB_F_DURATION, delay),
	UF("failure_action", MB_F_STR, failure_action),
	{ "max_failure_ratio", MB_F_CUSTOM, 0, uc_ratio, NULL },
	UF("monitor", MB_F_DURATION, monitor),
	UF("order", MB_F_STR, order),
	UF("parallelism", MB_F_INT, parallelism),
};

static const struct ecs_update_config empty_update;

static int update_config_of(struct mb *b, const struct ecs_pair *pr, const struct ecs_update_config **out,
			    bool rollback)
{
	const struct ecs_node *v = ecs_node_deref(pr->value);
	struct ecs_update_config *u;

	if (!v || v->kind != ECS_NODE_MAPPING)
		return 0;
	u = ecs_arena_zalloc(b->a, sizeof(*u));
	if (!u)
		return -1;
	*out = u;
	u->present = true;
	u->span = v->span;
	u->node = v;
	u->key = pr->key;
	if (rollback)
		return mb_fields(b, v, rollback_fields, N_OF(rollback_fields), u, NULL, NULL);
	return mb_fields(b, v, update_fields, N_OF(update_fields), u, NULL, NULL);
}

static int dep_update(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	return update_config_of(b, pr, &((struct ecs_deploy *)obj)->update_config, false);
}

static int dep_rollback(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	return update_config_of(b, pr, &((struct ecs_deploy *)obj)->rollback_config, true);
}

#define XF(k, kind, f) { k, kind, offsetof(struct ecs_restart_policy, f), NULL, NULL }
static const struct mb_field restart_fields[] = {
	XF("condition", MB_F_STR, condition),
	XF("delay", MB_F_DURATION, delay),
	XF("max_attempts", MB_F_INT, max_attempts),
	XF("window", MB_F_DURATION, window),
};

static const struct ecs_restart_policy empty_restart;

static int dep_restart(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	const struct ecs_node *v = ecs_node_deref(pr->value);
	struct ecs_restart_policy *r;

	if (!v || v->kind != ECS_NODE_MAPPING)
		return 0;
	r = ecs_arena_zalloc(b->a, sizeof(*r));
	if (!r)
		return -1;
	((struct ecs_deploy *)obj)->restart_policy = r;
	r->present = true;
	r->span = v->span;
	r->node = v;
	r->key = pr->key;
	return mb_fields(b, v, restart_fields, N_OF(restart_fields), r, NULL, NULL);
}

/* preferences: [{spread: node.labels.zone}] -> the spread values */
static int pl_preferences(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	struct ecs_placement *p = obj;
	const struct ecs_node *v = ecs_node_deref(pr->value);

	if (!v || v->kind != ECS_NODE_SEQUENCE)
		return 0;
	p->preferences.present = true;
	p->preferences.span = v->span;
	p->preferences.node = v;
	p->preferences.v = mb_array(b, v->seq.n, sizeof(*p->preferences.v));
	if (v->seq.n && !p->preferences.v)
		return -1;
	for (uint32_t i = 0; i < v->seq.n; i++) {
		const struct ecs_pair *sp = ecs_node_map_pair(v->seq.items[i], "spread");
		size_t mark = mb_push_index(b, i);

		if (sp && mb_str(b, sp->value, &p->preferences.v[p->preferences.n]))
			p->preferences.n++;
		mb_pop(b, mark);
	}
	return 0;
}

#define PF(k, kind, f) { k, kind, offsetof(struct ecs_placement, f), NULL, NULL }
static const struct mb_field placement_fields[] = {
	PF("constraints", MB_F_LIST, constraints),
	PF("max_replicas_per_node", MB_F_INT, max_replicas_per_node),
	{ "preferences", MB_F_CUSTOM, 0, pl_preferences, NULL },
};

static const struct ecs_placement empty_placement;

static int dep_placement(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	const struct ecs_node *v = ecs_node_deref(pr->value);
	struct ecs_placement *p;

	if (!v || v->kind != ECS_NODE_MAPPING)
		return 0;
	p = ecs_arena_zalloc(b->a, sizeof(*p));
	if (!p)
		return -1;
	((struct ecs_deploy *)obj)->placement = p;
	p->present = true;
	p->span = v->span;
	p->node = v;
	p->key = pr->key;
	return mb_fields(b, v, placement_fields, N_OF(placement_fields), p, NULL, NULL);
}

/* decoded through JSON into Go ints by the ECS code: YAML integers only */
#define AF(k, f) { k, MB_F_YAML_INT, offsetof(struct ecs_autoscaling, f), NULL, NULL }
static const struct mb_field autoscaling_fields[] = {
	AF("cpu", cpu),
	AF("max", max),
	AF("memory", memory),
	AF("min", min),
};

static const struct ecs_autoscaling empty_autoscaling;

static int dep_autoscaling(struct mb *b, void *obj, const struct ecs_pair *pr)
{
	const struct ecs_node *v = ecs_node_deref(pr->value);
	struct ecs_autoscaling *a;

	if (!v || v->kind != ECS_NODE_MAPPING)
		return 0;
	a = ecs_arena_zalloc(b->a, sizeof(*a));
	if (!a)
		return -1;
	((struct ecs_deploy *)obj)->x_aws_autoscaling = a;
	a->present = true;
	a->span = v->span;
	a->node = v;
	a->key = pr->key;
	return mb_fields(b, v, autoscaling_fields, N_OF(autoscaling_fields), a, NULL, NULL);
}

#define DF(k, kind, f) { k, kind, offsetof(struct ecs_deploy, f), NULL, NULL }
static const struct mb_field deploy_fields[] = {
	DF("endpoint_mode", MB_F_STR, endpoint_mode),
	DF("labels", MB_F_KVS, labels),
	DF("mode", MB_F_STR, mode),
	{ "placement", MB_F_CUSTOM, 0, dep_placement, NULL },
	DF("replicas", MB_F_INT, replicas),
	{ "resources", MB_F_CUSTOM, 0, dep_resources, NULL },
	{ "restart_policy", MB_F_CUSTOM, 0, dep_restart, NULL },
	{ "rollback_config", MB_F_CUSTOM, 0, dep_rollback, NULL },
	{ "update_config", MB_F_CUSTOM, 0, dep_update, NULL },
	{ "x-aws-autoscaling", MB_F_CUSTOM, 0, dep_autoscaling, NULL },
};

static const struct ecs_deploy empty_deploy = {
	.update_config = &empty_update,
	.rollback_config = &empty_update,
	.limits = &empty_resources,
	.reservations = &empty_resources,
	.restart_policy = &empty_restart,
	.placement = &empty_placement,
	.x_aws_autoscaling = &empty_autoscaling,
};

const struct ecs_deploy *mb_empty_deploy(void)
{
	return &empty_deploy;
}

int mb_build_deploy(struct mb *b, const struct ecs_deploy **out, const struct ecs_pair *pr)
{
	const struct ecs_node *v = ecs_node_deref(pr->value);
	struct ecs_deploy *d;

	if (!v || v->kind != ECS_NODE_MAPPING)
		return 0;
	d = ecs_arena_alloc(b->a, sizeof(*d));
	if (!d)
		return -1;
	*d = empty_deploy;
	*out = d;
	d->present = true;
	d->span = v->span;
	d->node = v;
	d->key = pr->key;
	return mb_fields(b, v, deploy_fields, N_OF(deploy_fields), d, NULL, NULL);
}

bool mb_deploy_tables_sorted(void)
{
	return mb_fields_sorted(request_fields, N_OF(request_fields)) &&
	       mb_fields_sorted(resource_fields, N_OF(resource_fields)) &&
	       mb_fields_sorted(update_fields, N_OF(update_fields)) &&
	       mb_fields_sorted(rollback_fields, N_OF(rollback_fields)) &&
	       mb_fields_sorted(restart_fields, N_OF(restart_fields)) &&
	       mb_fields_sorted(placement_fields, N_OF(placement_fields)) &&
	       mb_fields_sorted(autoscaling_fields, N_OF(autoscaling_fields)) &&
	       mb_fields_sorted(deploy_fields, N_OF(deploy_fields));
}
