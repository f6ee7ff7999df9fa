/*
 * build_env.c - a service's container environment as Compose computes it:
 * the env_file entries (files in order, later ones winning), overridden by
 * `environment`; a key written without a value takes the project
 * environment's value, and is dropped when that has none.
 *
 * Env files are parsed by the loader's dotenv reader (src/compose/env.h),
 * interpolated with the project environment.  Each file is read once per
 * project however many services name it.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../checks/rules.h"
#include "../compose/env.h"
#include "build_internal.h"

/* One env file's entries, kept for the next service that names it. */
struct parsed_file {
	const char *path;
	const struct ecs_env_entry **entries;	/* the file's own keys, sorted */
	uint32_t n;
	bool missing;
	struct parsed_file *next;
};

struct value_ref {
	const char *name;
	const char *value;
};

static int by_ref_name(const void *x, const void *y)
{
	return strcmp(((const struct value_ref *)x)->name, ((const struct value_ref *)y)->name);
}

static int by_entry_name(const void *x, const void *y)
{
	return strcmp((*(const struct ecs_env_entry *const *)x)->name, (*(const struct ecs_env_entry *const *)y)->name);
}

/*
 * The file's keys: the project environment is copied in first (so values
 * can refer to it) and every entry whose value string the parse replaced
 * came from the file (ecs_env_set always stores a fresh copy).
 */
static int parse_file(struct mb *b, struct parsed_file *pf, struct ecs_source *src)
{
	struct ecs_env table;
	struct value_ref *before = NULL;
	uint32_t n_before = 0;
	int rc = -1;

	ecs_env_init(&table, b->a);
	if (b->in->env) {
		const struct ecs_env *env = b->in->env;
		for (uint32_t i = 0; i < env->cap; i++) {
			const struct ecs_env_entry *s = &env->slots[i];
			if (s->name && ecs_env_set(&table, s->name, s->name_len, s->value, s->value_len, false) < 0)
				return -1;
		}
	}
	if (table.n) {
		before = malloc(table.n * sizeof(*before));
		if (!before)
			return -1;
		for (uint32_t i = 0; i < table.cap; i++)
			if (table.slots[i].name)
				before[n_before++] = (struct value_ref){ table.slots[i].name, table.slots[i].value };
		qsort(before, n_before, sizeof(*before), by_ref_name);
	}
	if (ecs_env_parse_file(b->r, src, &table) < 0)
		goto out;
	pf->entries = ecs_arena_alloc(b->a, (table.n ? table.n : 1) * sizeof(*pf->entries));
	if (!pf->entries)
		goto out;
	for (uint32_t i = 0; i < table.cap; i++) {
		const struct ecs_env_entry *s = &table.slots[i];
		struct value_ref key = { s->name, NULL }, *hit;

		if (!s->name)
			continue;
		hit = n_before ? bsearch(&key, before, n_before, sizeof(*before), by_ref_name) : NULL;
		if (!hit || hit->value != s->value)
			pf->entries[pf->n++] = s;
	}
	qsort(pf->entries, pf->n, sizeof(*pf->entries), by_entry_name);
	rc = 0;
out:
	free(before);
	return rc;
}

static struct parsed_file *env_file(struct mb *b, struct parsed_file **cache, const struct ecs_env_file *f)
{
	struct parsed_file *pf;
	struct ecs_source *src;

	for (pf = *cache; pf; pf = pf->next)
		if (strcmp(pf->path, f->resolved_path) == 0)
			return pf;
	pf = ecs_arena_zalloc(b->a, sizeof(*pf));
	if (!pf)
		return NULL;
	pf->path = f->resolved_path;
	pf->next = *cache;
	*cache = pf;
	if (access(f->resolved_path, F_OK) != 0) {
		pf->missing = true;
		return pf;
	}
	src = ecs_env_read(b->r, f->resolved_path, f->path.v);
	if (!src) {
		/* unreadable: ecs_run_read reported it */
		pf->missing = true;
		return b->a->failed ? NULL : pf;
	}
	return parse_file(b, pf, src) < 0 ? NULL : pf;
}

struct env_list {
	struct ecs_kv *v;
	uint32_t n, cap;
};

static struct ecs_kv *env_add(struct mb *b, struct env_list *l)
{
	if (l->n == l->cap) {
		uint32_t cap = l->cap ? l->cap * 2 : 16;
		struct ecs_kv *v = ecs_arena_grow(b->a, l->v, l->n, cap, sizeof(*v));
		if (!v)
			return NULL;
		l->v = v;
		l->cap = cap;
	}
	memset(&l->v[l->n], 0, sizeof(l->v[0]));
	return &l->v[l->n++];
}

int mb_build_environment(struct mb *b, struct ecs_service *s)
{
	struct ecs_kvs *out = &s->effective_environment;
	struct env_list l = { 0 };
	uint32_t kept = 0;
	bool bare = false;

	for (uint32_t i = 0; i < s->environment.n && !bare; i++)
		bare = !s->environment.v[i].has_value;
	if (!s->n_env_files && !bare) {
		*out = s->environment;	/* nothing to merge or resolve: share it */
		return 0;
	}
	for (uint32_t i = 0; i < s->n_env_files; i++) {
		const struct ecs_env_file *f = &s->env_files[i];
		struct parsed_file *pf = env_file(b, (struct parsed_file **)&b->env_files, f);

		if (!pf)
			return -1;
		if (pf->missing) {
			/* Compose: "env file %s not found"; required: false skips it */
			if (!f->required.present || !f->required.valid || f->required.v) {
				struct ecs_diag *dg = mb_invalid_at(b, &f->path.span, "env file '%s' not found",
								    f->path.v);
				ecs_diag_help(b->d, dg, "relative paths start at the directory of the Compose file; "
					      "mark optional files 'required: false'");
			}
			continue;
		}
		for (uint32_t j = 0; j < pf->n; j++) {
			struct ecs_kv *kv = env_add(b, &l);
			if (!kv)
				return -1;
			kv->key = mb_synthetic(pf->entries[j]->name);
			kv->value = mb_synthetic(pf->entries[j]->value);
			kv->key.span = kv->value.span = f->span;
			kv->key.node = kv->value.node = f->node;
			kv->has_value = true;
			kv->span = f->span;
			kv->node = f->node;
		}
	}
	for (uint32_t i = 0; i < s->environment.n; i++) {
		const struct ecs_kv *w = &s->environment.v[i];
		const char *from_env = NULL;
		struct ecs_kv *kv;

		if (!w->has_value) {
			from_env = b->in->env ? ecs_env_get(b->in->env, w->key.v) : NULL;
			if (!from_env) {
				/* unset: Compose drops the key, env_file's value included */
				for (uint32_t j = 0; j < l.n; j++)
					if (strcmp(l.v[j].key.v, w->key.v) == 0)
						l.v[j].key.v = NULL;
				continue;
			}
		}
		kv = env_add(b, &l);
		if (!kv)
			return -1;
		*kv = *w;
		if (from_env) {
			kv->value = mb_synthetic(from_env);
			kv->value.span = w->key.span;
			kv->value.node = w->node;
			kv->has_value = true;
		}
	}
	/* drop the keys unset above, keeping source order */
	for (uint32_t i = 0; i < l.n; i++)
		if (l.v[i].key.v)
			l.v[kept++] = l.v[i];
	out->v = l.v;
	out->n = kept;
	out->present = s->environment.present || kept > 0;
	out->list_form = s->environment.list_form;
	out->span = s->environment.span;
	out->node = s->environment.node;
	return mb_sort_kvs(b, out);
}
