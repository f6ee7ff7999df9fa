/*
 * logical_id.c - CloudFormation logical ids: the normaliser N(s) of
 * ecs-mapping.md §2.1 and the table of ids already used, which turns the
 * original's silent overwrite of colliding ids into ECS301.
 */
#include <string.h>

#include "../../checks/rules.h"
#include "cvt.h"
#include "logical_id.h"

struct cvt_id {
	const char *id;
	uint64_t hash;		/* of id: probing compares it before touching the string */
	const char *owner_kind, *owner;
	struct ecs_span span;
	void *data;		/* the emitter's resource object */
};

/* Open addressing over arena memory; grows at half load. */
struct cvt_id_table {
	struct ecs_arena *arena;
	struct cvt_id *slots;
	size_t cap, n;
	/* owner pairs already reported, so one clash gives one diagnostic */
	const char **reported;
	size_t n_reported, cap_reported;
};

char *ecs_logical_id(struct ecs_arena *a, const char *s)
{
	size_t n = 0, len = s ? strlen(s) : 0;
	char *out = ecs_arena_alloc(a, len + 1);

	if (!out)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		char ch = s[i];
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'))
			out[n++] = ch;
	}
	out[n] = 0;
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
	return out;
}

const char *cvt_normalise(struct cvt *c, const char *s)
{
	const char *id = ecs_logical_id(&c->run->arena, s);

	if (!id)
		c->failed = true;
	return id;
}

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603u;	/* FNV-1a */

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

struct cvt_id_table *cvt_ids_new(struct ecs_arena *a)
{
	struct cvt_id_table *t = ecs_arena_zalloc(a, sizeof(*t));

	if (!t)
		return NULL;
	t->arena = a;
	t->cap = 64;
	t->slots = ecs_arena_zalloc(a, t->cap * sizeof(*t->slots));
	return t->slots ? t : NULL;
}

static struct cvt_id *slot(struct cvt_id *slots, size_t cap, const char *id, uint64_t h)
{
	size_t i = h & (cap - 1);

	while (slots[i].id && (slots[i].hash != h || strcmp(slots[i].id, id) != 0))
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

static int grow(struct cvt_id_table *t)
{
	size_t cap = t->cap * 2;
	struct cvt_id *slots = ecs_arena_zalloc(t->arena, cap * sizeof(*slots));

	if (!slots)
		return -1;
	for (size_t i = 0; i < t->cap; i++)
		if (t->slots[i].id)
			*slot(slots, cap, t->slots[i].id, t->slots[i].hash) = t->slots[i];
	t->slots = slots;
	t->cap = cap;
	return 0;
}

static bool same_owner(const struct cvt_id *e, const char *kind, const char *owner)
{
	return strcmp(e->owner_kind, kind) == 0 && strcmp(e->owner, owner) == 0;
}

/* One diagnostic per pair of clashing names. */
static int first_report(struct cvt_id_table *t, const struct cvt_id *e, const char *kind, const char *owner)
{
	char *key = ecs_arena_printf(t->arena, "%s\x1f%s\x1f%s\x1f%s", e->owner_kind, e->owner, kind, owner);

	if (!key)
		return -1;
	for (size_t i = 0; i < t->n_reported; i++)
		if (strcmp(t->reported[i], key) == 0)
			return 0;
	if (t->n_reported == t->cap_reported) {
		size_t cap = t->cap_reported ? 2 * t->cap_reported : 8;
		const char **v = ecs_arena_grow(t->arena, t->reported, t->n_reported, cap, sizeof(*v));
		if (!v)
			return -1;
		t->reported = v;
		t->cap_reported = cap;
	}
	t->reported[t->n_reported++] = key;
	return 1;
}

static void report(struct ecs_diags *diags, const struct cvt_id *first, const char *id, const char *kind, const char *owner,
		   const struct ecs_span *span)
{
	static const struct ecs_span none;
	struct ecs_diag *d;
	const struct ecs_span *at = span, *rel = &first->span;

	/* An implicit name (the default network) has no span: point at the other one. */
	if (!span || span->end.byte == 0) {
		at = &first->span;
		rel = &none;
	}
	d = ecs_diag_add(diags, &ECS301_rule, at, NULL,
			 "%s '%s' and %s '%s' both become the CloudFormation logical id '%s'",
			 kind, owner, first->owner_kind, first->owner, id);
	if (!d)
		return;
	ecs_diag_help(diags, d,
		      "logical ids keep only letters and digits of the name: rename one of them so they differ in a letter or digit");
	if (rel->end.byte)
		ecs_diag_related(diags, d, rel, "%s '%s' is here", first->owner_kind, first->owner);
}

int ecs_ids_claim(struct cvt_id_table *t, struct ecs_diags *diags, const char *id, const char *owner_kind,
		  const char *owner, const struct ecs_span *owner_span)
{
	uint64_t h = hash(id);
	struct cvt_id *e;

	if (2 * (t->n + 1) > t->cap && grow(t) < 0)
		return -2;
	e = slot(t->slots, t->cap, id, h);
	if (!e->id) {
		e->id = id;
		e->hash = h;
		e->owner_kind = owner_kind;
		e->owner = owner;
		if (owner_span)
			e->span = *owner_span;
		t->n++;
		return 1;
	}
	if (same_owner(e, owner_kind, owner))
		return 0;
	int first = first_report(t, e, owner_kind, owner);
	if (first < 0)
		return -2;
	if (first)
		report(diags, e, id, owner_kind, owner, owner_span);
	return -1;
}

void **cvt_id_data(struct cvt_id_table *t, const char *id)
{
	struct cvt_id *e = slot(t->slots, t->cap, id, hash(id));

	return e->id ? &e->data : NULL;
}

int cvt_id_claim(struct cvt *c, const char *id, const char *owner_kind, const char *owner,
		 const struct ecs_span *owner_span)
{
	return ecs_ids_claim(c->ids, &c->run->diags, id, owner_kind, owner, owner_span);
}

/* Claims name's id (N(name) + suffix) in t; true when it collides. */
static int claim_name(struct cvt_id_table *t, struct ecs_run *r, const char *kind, const char *name,
		      const char *suffix, const struct ecs_span *span)
{
	char *n = ecs_logical_id(&r->arena, name);
	char *id = n ? ecs_arena_printf(&r->arena, "%s%s", n, suffix) : NULL;

	if (!id)
		return -2;
	return ecs_ids_claim(t, &r->diags, id, kind, name, span);
}

int ecs_logical_id_check(struct ecs_run *r, const struct ecs_project *p, bool *service_clash)
{
	struct cvt_id_table *t = cvt_ids_new(&r->arena);
	int st;

	if (!t)
		return -1;
	/* Source order, so the diagnostic lands on the name written second. */
	for (uint32_t i = 0; i < p->n_services; i++) {
		const struct ecs_service *s = &p->services[i];
		if ((st = claim_name(t, r, "service", s->name, "Service", &s->name_span)) == -2)
			return -1;
		if (service_clash)
			service_clash[i] = st == -1;
	}
	for (uint32_t i = 0; i < p->n_networks; i++) {
		const struct ecs_network *n = &p->networks[i];
		if (claim_name(t, r, "network", n->key, "Network", &n->key_span) == -2)
			return -1;
	}
	for (uint32_t i = 0; i < p->n_volumes; i++) {
		const struct ecs_volume *v = &p->volumes[i];
		if (claim_name(t, r, "volume", v->key, "AccessPoint", &v->key_span) == -2)
			return -1;
	}
	for (uint32_t i = 0; i < p->n_secrets; i++) {
		const struct ecs_file_object *s = &p->secrets[i];
		const char *name = s->effective_name ? s->effective_name : s->key;
		if (s->external.present && s->external.v)
			continue;
		if (claim_name(t, r, "secret", name, "Secret", &s->key_span) == -2)
			return -1;
	}
	return 0;
}
