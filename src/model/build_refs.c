/*
 * build_refs.c - what a service names elsewhere in the project: secret and
 * config references, depends_on, and network attachments, each from its
 * list form or its map/long form.
 */
#include <string.h>

#include "build_internal.h"

#define N_OF(t) (sizeof(t) / sizeof((t)[0]))

#define RF(k, kind, f) { k, kind, offsetof(struct ecs_file_ref, f), NULL, NULL }
static const struct mb_field ref_fields[] = {
	RF("gid", MB_F_STR, gid),
	RF("mode", MB_F_MODE, mode),
	RF("source", MB_F_STR, source),
	RF("target", MB_F_STR, target),
	RF("uid", MB_F_STR, uid),
};

static const char *ref_target(struct mb *b, const struct ecs_file_ref *r, bool secrets)
{
	if (secrets) {
		if (r->target.present && r->target.v[0] == '/')
			return r->target.v;
		return ecs_arena_printf(b->a, "/run/secrets/%s", r->target.present ? r->target.v : r->source.v);
	}
	if (r->target.present)
		return r->target.v;
	return ecs_arena_printf(b->a, "/%s", r->source.v);
}

int mb_build_refs(struct mb *b, struct ecs_service *s, const struct ecs_pair *pr, bool secrets)
{
	const struct ecs_node *v = ecs_node_deref(pr->value);
	struct ecs_file_ref *refs;
	uint32_t n = 0;

	if (!v || v->kind != ECS_NODE_SEQUENCE)
		return 0;
	refs = mb_array(b, v->seq.n, sizeof(*refs));
	if (v->seq.n && !refs)
		return -1;
	for (uint32_t i = 0; i < v->seq.n; i++) {
		const struct ecs_node *item = ecs_node_deref(v->seq.items[i]);
		struct ecs_file_ref *r = &refs[n];
		size_t mark = mb_push_index(b, i);

		if (item && item->kind == ECS_NODE_MAPPING) {
			r->long_syntax = true;
			if (mb_fields(b, item, ref_fields, N_OF(ref_fields), r, NULL, NULL) < 0)
				return -1;
		} else {
			mb_str(b, item, &r->source);
		}
		mb_pop(b, mark);
		if (!r->source.present)
			continue;	/* the schema reports a missing source or a wrong type */
		r->span = item->span;
		r->node = item;
		r->effective_target = ref_target(b, r, secrets);
		n++;
	}
	if (secrets) {
		s->secrets = refs;
		s->n_secrets = n;
	} else {
		s->configs = refs;
		s->n_configs = n;
	}
	return b->a->failed ? -1 : 0;
}

#define DF(k, kind, f) { k, kind, offsetof(struct ecs_depend, f), NULL, NULL }
static const struct mb_field depend_fields[] = {
	DF("condition", MB_F_STR, condition),
	DF("required", MB_F_BOOL, required),
	DF("restart", MB_F_BOOL, restart),
};

int mb_build_depends_on(struct mb *b, struct ecs_service *s, const struct ecs_pair *pr)
{
	const struct ecs_node *v = ecs_node_deref(pr->value);
	uint32_t n;

	if (!v || (v->kind != ECS_NODE_SEQUENCE && v->kind != ECS_NODE_MAPPING))
		return 0;
	n = v->kind == ECS_NODE_SEQUENCE ? v->seq.n : v->map.n;
	s->depends_on = mb_array(b, n, sizeof(*s->depends_on));
	if (n && !s->depends_on)
		return -1;
	for (uint32_t i = 0; i < n; i++) {
		struct ecs_depend *d = &s->depends_on[s->n_depends_on];
		size_t mark;

		if (v->kind == ECS_NODE_SEQUENCE) {
			const struct ecs_node *item = ecs_node_deref(v->seq.items[i]);
			mark = mb_push_index(b, i);
			if (mb_str(b, item, &d->service)) {
				d->span = item->span;
				d->node = item;
			}
		} else {
			const struct ecs_pair *dp = &v->map.pairs[i];
			const struct ecs_node *k = ecs_node_deref(dp->key);
			if (!k || k->kind != ECS_NODE_SCALAR)
				continue;
			mark = mb_push(b, k->scalar.text);
			if (mb_str(b, k, &d->service)) {
				d->span = k->span;
				d->node = ecs_node_deref(dp->value);
				if (mb_fields(b, dp->value, depend_fields, N_OF(depend_fields), d, NULL, NULL) < 0)
					return -1;
			}
		}
		mb_pop(b, mark);
		if (!d->service.present)
			continue;
		d->effective_condition = d->condition.present ? d->condition.v : "service_started";
		s->n_depends_on++;
	}
	return b->a->failed ? -1 : 0;
}

#define NF(k, kind, f) { k, kind, offsetof(struct ecs_service_network, f), NULL, NULL }
static const struct mb_field attach_fields[] = {
	NF("aliases", MB_F_LIST, aliases),
	NF("driver_opts", MB_F_KVS, driver_opts),
	NF("gw_priority", MB_F_INT, gw_priority),
	NF("interface_name", MB_F_STR, interface_name),
	NF("ipv4_address", MB_F_STR, ipv4_address),
	NF("ipv6_address", MB_F_STR, ipv6_address),
	NF("link_local_ips", MB_F_LIST, link_local_ips),
	NF("mac_address", MB_F_STR, mac_address),
	NF("priority", MB_F_INT, priority),
};

int mb_build_networks(struct mb *b, struct ecs_service *s, const struct ecs_pair *pr)
{
	const struct ecs_node *v = ecs_node_deref(pr->value);
	uint32_t n;

	if (!v || (v->kind != ECS_NODE_SEQUENCE && v->kind != ECS_NODE_MAPPING))
		return 0;
	n = v->kind == ECS_NODE_SEQUENCE ? v->seq.n : v->map.n;
	s->networks_list_form = v->kind == ECS_NODE_SEQUENCE;
	s->networks = mb_array(b, n, sizeof(*s->networks));
	if (n && !s->networks)
		return -1;
	for (uint32_t i = 0; i < n; i++) {
		struct ecs_service_network *sn = &s->networks[s->n_networks];
		size_t mark;

		if (v->kind == ECS_NODE_SEQUENCE) {
			const struct ecs_node *item = ecs_node_deref(v->seq.items[i]);
			mark = mb_push_index(b, i);
			if (mb_str(b, item, &sn->name))
				sn->span = item->span;
		} else {
			const struct ecs_pair *np = &v->map.pairs[i];
			const struct ecs_node *k = ecs_node_deref(np->key), *opts = ecs_node_deref(np->value);
			if (!k || k->kind != ECS_NODE_SCALAR)
				continue;
			mark = mb_push(b, k->scalar.text);
			if (mb_str(b, k, &sn->name)) {
				sn->span = k->span;
				if (opts && opts->kind == ECS_NODE_MAPPING) {
					sn->node = opts;
					if (mb_fields(b, opts, attach_fields, N_OF(attach_fields), sn, NULL, NULL) < 0)
						return -1;
				}
			}
		}
		mb_pop(b, mark);
		if (sn->name.present)
			s->n_networks++;
	}
	return b->a->failed ? -1 : 0;
}

bool mb_refs_tables_sorted(void)
{
	return mb_fields_sorted(ref_fields, N_OF(ref_fields)) && mb_fields_sorted(depend_fields, N_OF(depend_fields)) &&
	       mb_fields_sorted(attach_fields, N_OF(attach_fields));
}
