/*
 * build_volumes.c - a service's volumes (short `[SOURCE:]TARGET[:OPTIONS]`
 * and long mounts) and devices, in one form each.
 */
#include <string.h>

#include "build_internal.h"
#include "shortsyntax.h"

static enum ecs_mount_type mount_type(const char *t)
{
	static const struct {
		const char *name;
		enum ecs_mount_type type;
	} types[] = {
		{ "bind", ECS_MOUNT_BIND }, { "cluster", ECS_MOUNT_CLUSTER }, { "image", ECS_MOUNT_IMAGE },
		{ "npipe", ECS_MOUNT_NPIPE }, { "tmpfs", ECS_MOUNT_TMPFS }, { "volume", ECS_MOUNT_VOLUME },
	};

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(t, types[i].name) == 0)
			return types[i].type;
	return ECS_MOUNT_UNKNOWN;
}

static void short_volume(struct mb *b, struct ecs_mount *m, const struct ecs_node *n)
{
	struct ecs_volume_spec spec;
	struct ecs_parse_error e;

	m->span = n->span;
	m->node = n;
	if (ecs_parse_volume_spec(n->scalar.text, n->scalar.len, &spec, &e) < 0) {
		mb_invalid(b, n, &e);
		return;
	}
	m->valid = true;
	m->type = spec.is_bind ? ECS_MOUNT_BIND : ECS_MOUNT_VOLUME;
	if (spec.has_source)
		m->source = mb_part(b, n, spec.source.start, spec.source.end);
	m->target = mb_part(b, n, spec.target.start, spec.target.end);
	if (spec.has_options) {
		m->options = mb_part(b, n, spec.options.start, spec.options.end);
		if (spec.read_only_set) {
			m->read_only.present = m->read_only.valid = true;
			m->read_only.v = spec.read_only;
			m->read_only.span = m->options.span;
			m->read_only.node = n;
		}
		if (spec.nocopy) {
			m->nocopy.present = m->nocopy.valid = m->nocopy.v = true;
			m->nocopy.span = m->options.span;
			m->nocopy.node = n;
		}
		if (spec.selinux.end > spec.selinux.start)
			m->selinux = mb_part(b, n, spec.selinux.start, spec.selinux.end);
		if (spec.propagation.end > spec.propagation.start)
			m->propagation = mb_part(b, n, spec.propagation.start, spec.propagation.end);
		if (spec.consistency.end > spec.consistency.start)
			m->consistency = mb_part(b, n, spec.consistency.start, spec.consistency.end);
	}
}

static void sub_str(struct mb *b, const struct ecs_node *map, const char *key, struct ecs_mstr *out)
{
	const struct ecs_pair *pp = ecs_node_map_pair(map, key);

	if (pp) {
		size_t mark = mb_push(b, key);
		mb_str(b, pp->value, out);
		mb_pop(b, mark);
	}
}

static void sub_bool(struct mb *b, const struct ecs_node *map, const char *key, struct ecs_mbool *out)
{
	const struct ecs_pair *pp = ecs_node_map_pair(map, key);

	if (pp) {
		size_t mark = mb_push(b, key);
		mb_bool(b, pp->value, out);
		mb_pop(b, mark);
	}
}

/* A sub-mapping (bind:, volume:, tmpfs:, image:) with the path pushed. */
static const struct ecs_node *sub_map(struct mb *b, const struct ecs_node *map, const char *key, size_t *mark)
{
	const struct ecs_node *v = ecs_node_map_get(map, key);

	if (!v || v->kind != ECS_NODE_MAPPING)
		return NULL;
	*mark = mb_push(b, key);
	return v;
}

static void long_volume(struct mb *b, struct ecs_mount *m, const struct ecs_node *n)
{
	const struct ecs_node *sub;
	const struct ecs_pair *pp;
	size_t mark;

	m->long_syntax = true;
	m->valid = true;
	m->span = n->span;
	m->node = n;
	sub_str(b, n, "type", &m->type_text);
	m->type = m->type_text.present ? mount_type(m->type_text.v) : ECS_MOUNT_UNKNOWN;
	sub_str(b, n, "source", &m->source);
	sub_str(b, n, "target", &m->target);
	sub_bool(b, n, "read_only", &m->read_only);
	sub_str(b, n, "consistency", &m->consistency);
	if ((sub = sub_map(b, n, "bind", &mark))) {
		sub_str(b, sub, "propagation", &m->propagation);
		sub_str(b, sub, "selinux", &m->selinux);
		sub_bool(b, sub, "create_host_path", &m->create_host_path);
		mb_pop(b, mark);
	}
	if ((sub = sub_map(b, n, "volume", &mark))) {
		sub_bool(b, sub, "nocopy", &m->nocopy);
		sub_str(b, sub, "subpath", &m->subpath);
		mb_pop(b, mark);
	}
	if ((sub = sub_map(b, n, "image", &mark))) {
		sub_str(b, sub, "subpath", &m->subpath);
		mb_pop(b, mark);
	}
	if ((sub = sub_map(b, n, "tmpfs", &mark))) {
		if ((pp = ecs_node_map_pair(sub, "size"))) {
			size_t m2 = mb_push(b, "size");
			mb_bytes(b, pp->value, &m->tmpfs_size);
			mb_pop(b, m2);
		}
		if ((pp = ecs_node_map_pair(sub, "mode"))) {
			size_t m2 = mb_push(b, "mode");
			mb_mode(b, pp->value, &m->tmpfs_mode);
			mb_pop(b, m2);
		}
		mb_pop(b, mark);
	}
	/* Compose refuses these at load time; the schema does not require them. */
	if (!m->target.present && m->type != ECS_MOUNT_UNKNOWN) {
		mb_invalid_at(b, &n->span, "volume has no 'target' (the path in the container)");
		m->valid = false;
	}
	if (m->type == ECS_MOUNT_BIND && (!m->source.present || !m->source.len)) {
		mb_invalid_at(b, &n->span, "bind mount has no 'source' (the path on the host)");
		m->valid = false;
	}
}

int mb_build_volumes(struct mb *b, struct ecs_service *s, const struct ecs_pair *pr)
{
	const struct ecs_node *v = ecs_node_deref(pr->value);

	if (!v || v->kind != ECS_NODE_SEQUENCE)
		return 0;
	s->volumes = mb_array(b, v->seq.n, sizeof(*s->volumes));
	if (v->seq.n && !s->volumes)
		return -1;
	for (uint32_t i = 0; i < v->seq.n; i++) {
		const struct ecs_node *item = ecs_node_deref(v->seq.items[i]);
		struct ecs_mount *m = &s->volumes[s->n_volumes];
		size_t mark = mb_push_index(b, i);

		if (mb_scalar_type(item) == MB_STRING) {
			short_volume(b, m, item);
			s->n_volumes++;
		} else if (item && item->kind == ECS_NODE_MAPPING) {
			long_volume(b, m, item);
			s->n_volumes++;
		}
		if (m->target.present)
			m->target_clean = mb_path_clean(b, m->target.v);
		/* Compose makes relative bind sources absolute ("~" stays for the engine) */
		if (m->type == ECS_MOUNT_BIND && m->source.present && m->source.v[0] == '.')
			m->resolved_source = mb_resolve_path(b, m->source.node, m->source.v);
		mb_pop(b, mark);
	}
	return b->a->failed ? -1 : 0;
}

int mb_build_devices(struct mb *b, struct ecs_service *s, const struct ecs_pair *pr)
{
	const struct ecs_node *v = ecs_node_deref(pr->value);

	if (!v || v->kind != ECS_NODE_SEQUENCE)
		return 0;
	s->devices = mb_array(b, v->seq.n, sizeof(*s->devices));
	if (v->seq.n && !s->devices)
		return -1;
	for (uint32_t i = 0; i < v->seq.n; i++) {
		const struct ecs_node *item = ecs_node_deref(v->seq.items[i]);
		struct ecs_device *d = &s->devices[s->n_devices];
		size_t mark = mb_push_index(b, i);

		if (mb_scalar_type(item) == MB_STRING) {
			struct ecs_device_spec spec;
			struct ecs_parse_error e;

			d->span = item->span;
			d->node = item;
			s->n_devices++;
			if (ecs_parse_device_spec(item->scalar.text, item->scalar.len, &spec, &e) < 0) {
				mb_invalid(b, item, &e);
			} else {
				d->valid = true;
				d->cdi = spec.cdi;
				d->source = mb_part(b, item, spec.source.start, spec.source.end);
				if (spec.target.end > spec.target.start)
					d->target = mb_part(b, item, spec.target.start, spec.target.end);
				if (spec.permissions.end > spec.permissions.start)
					d->permissions = mb_part(b, item, spec.permissions.start, spec.permissions.end);
			}
		} else if (item && item->kind == ECS_NODE_MAPPING) {
			d->long_syntax = true;
			d->valid = true;
			d->span = item->span;
			d->node = item;
			sub_str(b, item, "source", &d->source);
			sub_str(b, item, "target", &d->target);
			sub_str(b, item, "permissions", &d->permissions);
			s->n_devices++;
		}
		/* Docker's defaults: the same path inside, full access. */
		if (!d->target.present && d->source.present && !d->cdi)
			d->target = mb_synthetic(d->source.v);
		if (!d->permissions.present && d->source.present && !d->cdi)
			d->permissions = mb_synthetic("rwm");
		mb_pop(b, mark);
	}
	return b->a->failed ? -1 : 0;
}
