/*
 * build_ports.c - a service's ports: short strings, bare integers and the
 * long mapping, normalised to one entry per container port as Compose
 * does, with every part of a short string located for diagnostics.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../checks/rules.h"
#include "build_internal.h"
#include "shortsyntax.h"

/*
 * Ranges multiply entries; a hostile file could ask for 65536 per item.
 * Compose would expand them all, but no ECS task can map that many ports
 * (the service quota is far lower), so past this budget per service an
 * item stays one entry and gets a diagnostic instead.
 */
#define PORT_ENTRY_BUDGET 65536u

static void sexagesimal_warning(struct mb *b, const struct ecs_node *n)
{
	struct ecs_diag *dg;
	char *quoted;

	if (n->style != ECS_STYLE_PLAIN || n->tag || !ecs_yaml11_sexagesimal(n->scalar.text, n->scalar.len))
		return;
	dg = ecs_diag_add(b->d, &ECS113_rule, &n->span, mb_path(b),
			  "port mapping '%s' is unquoted: YAML 1.1 readers take it as a base-60 number", n->scalar.text);
	if (!dg)
		return;
	ecs_diag_help(b->d, dg, "quote it: \"%s\"", n->scalar.text);
	quoted = ecs_arena_printf(b->a, "\"%s\"", n->scalar.text);
	if (quoted)
		ecs_diag_fix(b->d, dg, ECS_FIX_SAFE, "quote the port mapping", n->span.file, n->span.start.byte,
			     n->span.end.byte, quoted);
}

/* Compose orders the entries of a range by the text "<port>/<proto>". */
static int by_decimal_text(const void *x, const void *y)
{
	char a[8], c[8];

	snprintf(a, sizeof(a), "%u", *(const uint32_t *)x);
	snprintf(c, sizeof(c), "%u", *(const uint32_t *)y);
	return strcmp(a, c);
}

static const char *lower_dup(struct mb *b, const char *s)
{
	char *d = ecs_arena_strdup(b->a, s);

	for (char *p = d; p && *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return d;
}

struct port_list {
	struct ecs_port *v;
	uint32_t n, cap;
	uint32_t expanded;	/* entries beyond one per item, against the budget */
	uint32_t items;		/* entries written: the first allocation's size (ranges grow it) */
};

static struct ecs_port *port_add(struct mb *b, struct port_list *l)
{
	if (l->n == l->cap) {
		uint32_t cap = l->cap ? l->cap * 2 : l->items ? l->items : 1;
		struct ecs_port *v = ecs_arena_grow(b->a, l->v, l->n, cap, sizeof(*v));
		if (!v)
			return NULL;
		l->v = v;
		l->cap = cap;
	}
	memset(&l->v[l->n], 0, sizeof(l->v[0]));
	return &l->v[l->n++];
}

static int short_port(struct mb *b, struct port_list *l, const struct ecs_node *n, uint32_t index, bool integer)
{
	struct ecs_port_spec spec;
	struct ecs_parse_error e;
	uint32_t count, *order;
	struct ecs_port *p;
	bool host_range;

	if (!integer)
		sexagesimal_warning(b, n);
	if (ecs_parse_port_spec(n->scalar.text, n->scalar.len, &spec, &e) < 0) {
		mb_invalid(b, n, &e);
		p = port_add(b, l);
		if (!p)
			return -1;
		p->item_index = index;
		p->from_integer = integer;
		p->span = n->span;
		p->node = n;
		p->effective_protocol = "tcp";
		return 0;
	}
	count = spec.container_hi - spec.container_lo + 1;
	if (count > 1 && l->expanded + count - 1 > PORT_ENTRY_BUDGET) {
		struct ecs_span sp = mb_part_span(b, n, spec.container.start, spec.container.end);
		mb_invalid_at(b, &sp, "port range '%.*s' expands to more ports than ecslint models (%u per service)",
			      (int)(spec.container.end - spec.container.start), n->scalar.text + spec.container.start,
			      PORT_ENTRY_BUDGET);
		count = 1;
	}
	l->expanded += count - 1;
	order = malloc(count * sizeof(*order));
	if (!order)
		return -1;
	for (uint32_t i = 0; i < count; i++)
		order[i] = spec.container_lo + i;
	if (count > 1)
		qsort(order, count, sizeof(*order), by_decimal_text);
	host_range = spec.has_host && spec.host_hi != spec.host_lo && spec.container_hi == spec.container_lo;
	for (uint32_t i = 0; i < count; i++) {
		uint32_t offset = order[i] - spec.container_lo;

		p = port_add(b, l);
		if (!p)
			break;
		p->item_index = index;
		p->from_range = count > 1;
		p->from_integer = integer;
		p->valid = true;
		p->span = n->span;
		p->node = n;
		p->target = order[i];
		p->target_span = mb_part_span(b, n, spec.container.start, spec.container.end);
		if (spec.has_host) {
			p->published = mb_part(b, n, spec.host.start, spec.host.end);
			p->published_start = host_range ? spec.host_lo : spec.host_lo + offset;
			p->published_end = host_range ? spec.host_hi : p->published_start;
			if (count > 1 || host_range)
				p->published.v = host_range ? ecs_arena_printf(b->a, "%u-%u", spec.host_lo, spec.host_hi)
							    : ecs_arena_printf(b->a, "%u", p->published_start);
			if (p->published.v)
				p->published.len = (uint32_t)strlen(p->published.v);
		}
		if (spec.has_ip)
			p->host_ip = mb_part(b, n, spec.ip.start, spec.ip.end);
		if (spec.has_proto && spec.proto.end > spec.proto.start)
			p->protocol = mb_part(b, n, spec.proto.start, spec.proto.end);
		p->effective_protocol = spec.has_proto && spec.proto.end > spec.proto.start ?
					lower_dup(b, spec.proto_lower) : "tcp";
	}
	free(order);
	return b->a->failed ? -1 : 0;
}

static int long_port(struct mb *b, struct port_list *l, const struct ecs_node *n, uint32_t index)
{
	struct ecs_port *p = port_add(b, l);
	struct ecs_mint target = { 0 };
	const struct ecs_pair *pp;
	size_t mark;

	if (!p)
		return -1;
	p->item_index = index;
	p->long_syntax = true;
	p->span = n->span;
	p->node = n;
	p->valid = true;
	if ((pp = ecs_node_map_pair(n, "target"))) {
		mark = mb_push(b, "target");
		if (mb_int(b, pp->value, &target) && target.valid && (target.v < 0 || target.v > 65535)) {
			mb_invalid_at(b, &target.span, "container port %lld is out of range (0-65535)", (long long)target.v);
			target.valid = false;
		}
		mb_pop(b, mark);
		p->target_span = target.span;
		p->valid = target.valid;
		p->target = target.valid ? (uint32_t)target.v : 0;
	} else {
		/* Compose: "service ports ... is missing a target port"; the schema
		 * does not require it, so say it here. */
		mb_invalid_at(b, &n->span, "port mapping has no 'target' (the container port)");
		p->valid = false;
	}
	if ((pp = ecs_node_map_pair(n, "published"))) {
		mark = mb_push(b, "published");
		struct ecs_parse_error e;

		if (mb_str(b, pp->value, &p->published) &&
		    ecs_parse_port_range(p->published.v, p->published.len, &p->published_start, &p->published_end,
					 &e) < 0) {
			mb_invalid(b, p->published.node, &e);
			p->valid = false;
		}
		mb_pop(b, mark);
	}
	if ((pp = ecs_node_map_pair(n, "host_ip"))) {
		mark = mb_push(b, "host_ip");
		if (mb_str(b, pp->value, &p->host_ip) && !ecs_ip_address_valid(p->host_ip.v, p->host_ip.len)) {
			mb_invalid_at(b, &p->host_ip.span, "invalid IP address '%s'", p->host_ip.v);
			p->valid = false;
		}
		mb_pop(b, mark);
	}
	if ((pp = ecs_node_map_pair(n, "protocol")))
		mb_str(b, pp->value, &p->protocol);
	if ((pp = ecs_node_map_pair(n, "mode")))
		mb_str(b, pp->value, &p->mode);
	if ((pp = ecs_node_map_pair(n, "app_protocol")))
		mb_str(b, pp->value, &p->app_protocol);
	if ((pp = ecs_node_map_pair(n, "name")))
		mb_str(b, pp->value, &p->name);
	if ((pp = ecs_node_map_pair(n, "x-aws-protocol")))
		mb_str(b, pp->value, &p->x_aws_protocol);
	p->effective_protocol = p->protocol.present && p->protocol.len ? lower_dup(b, p->protocol.v) : "tcp";
	return b->a->failed ? -1 : 0;
}

int mb_build_ports(struct mb *b, struct ecs_service *s, const struct ecs_pair *pr)
{
	const struct ecs_node *v = ecs_node_deref(pr->value);
	struct port_list l = { 0 };

	if (!v || v->kind != ECS_NODE_SEQUENCE)
		return 0;
	l.items = v->seq.n;
	for (uint32_t i = 0; i < v->seq.n; i++) {
		const struct ecs_node *item = ecs_node_deref(v->seq.items[i]);
		enum mb_scalar t = mb_scalar_type(item);
		size_t mark = mb_push_index(b, i);
		int rc = 0;

		if (t == MB_STRING || t == MB_INT) {
			const struct ecs_node *n = item;
			struct ecs_node copy;
			int64_t iv;

			if (t == MB_INT && ecs_yaml_int(item->scalar.text, item->scalar.len, &iv)) {
				/* a YAML integer is formatted as decimal first (0x50 is 80) */
				copy = *item;
				copy.scalar.text = ecs_arena_printf(b->a, "%lld", (long long)iv);
				if (!copy.scalar.text)
					return -1;
				copy.scalar.len = (uint32_t)strlen(copy.scalar.text);
				n = ecs_arena_alloc(b->a, sizeof(copy));
				if (!n)
					return -1;
				memcpy((struct ecs_node *)n, &copy, sizeof(copy));
			}
			uint32_t first = l.n;

			rc = short_port(b, &l, n, i, t == MB_INT);
			for (uint32_t j = first; j < l.n; j++)
				l.v[j].node = item;
		} else if (item && item->kind == ECS_NODE_MAPPING) {
			rc = long_port(b, &l, item, i);
		}
		mb_pop(b, mark);
		if (rc < 0)
			return -1;
	}
	s->ports = l.v;
	s->n_ports = l.n;
	return 0;
}
