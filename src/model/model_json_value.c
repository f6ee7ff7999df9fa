/*
 * model_json_value.c - model values as JSON the way `docker compose config`
 * prints them, and raw YAML (extensions) as JSON.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build_internal.h"
#include "model_json_internal.h"

/* Adds item under key (or to an array when key is NULL); records failure. */
cJSON *mj_put(struct mj *o, cJSON *parent, const char *key, cJSON *item)
{
	bool ok;

	if (!item || !parent) {
		cJSON_Delete(item);
		o->failed = true;
		return NULL;
	}
	ok = key ? cJSON_AddItemToObject(parent, key, item) : cJSON_AddItemToArray(parent, item);
	if (!ok) {
		cJSON_Delete(item);
		o->failed = true;
		return NULL;
	}
	return item;
}

cJSON *mj_integer(int64_t v)
{
	char num[24];

	snprintf(num, sizeof(num), "%lld", (long long)v);
	return cJSON_CreateRaw(num);
}

const char *ecs_duration_format(int64_t ns, char *buf, size_t len)
{
	char tmp[40];
	size_t w = sizeof(tmp) - 1;
	uint64_t u = ns < 0 ? (uint64_t)0 - (uint64_t)ns : (uint64_t)ns;
	int prec = 9;
	bool print = false;

	tmp[w] = '\0';
	if (u == 0) {
		snprintf(buf, len, "0s");
		return buf;
	}
	tmp[--w] = 's';
	if (u < 1000000000ull) {
		if (u < 1000ull) {
			prec = 0;
			tmp[--w] = 'n';
		} else if (u < 1000000ull) {
			prec = 3;
			w -= 2;
			memcpy(tmp + w, "\xc2\xb5", 2);	/* µ, as Go prints it */
		} else {
			prec = 6;
			tmp[--w] = 'm';
		}
	}
	for (int i = 0; i < prec; i++) {
		unsigned digit = (unsigned)(u % 10);
		print = print || digit;
		if (print)
			tmp[--w] = (char)('0' + digit);
		u /= 10;
	}
	if (print)
		tmp[--w] = '.';
	if (prec == 9) {
		uint64_t secs = u % 60, mins = (u / 60) % 60, hours = u / 3600;
		do {
			tmp[--w] = (char)('0' + secs % 10);
			secs /= 10;
		} while (secs);
		if (u >= 60) {
			tmp[--w] = 'm';
			do {
				tmp[--w] = (char)('0' + mins % 10);
				mins /= 10;
			} while (mins);
			if (hours) {
				tmp[--w] = 'h';
				do {
					tmp[--w] = (char)('0' + hours % 10);
					hours /= 10;
				} while (hours);
			}
		}
	} else {
		do {
			tmp[--w] = (char)('0' + u % 10);
			u /= 10;
		} while (u);
	}
	if (ns < 0)
		tmp[--w] = '-';
	snprintf(buf, len, "%s", tmp + w);
	return buf;
}

void mj_str(struct mj *o, cJSON *obj, const char *key, const struct ecs_mstr *m)
{
	if (m->present)
		mj_put(o, obj, key, cJSON_CreateString(m->v));
}

void mj_bool(struct mj *o, cJSON *obj, const char *key, const struct ecs_mbool *m)
{
	if (m->present && m->valid)
		mj_put(o, obj, key, cJSON_CreateBool(m->v));
}

void mj_int(struct mj *o, cJSON *obj, const char *key, const struct ecs_mint *m)
{
	if (m->present && m->valid)
		mj_put(o, obj, key, mj_integer(m->v));
}

/* Compose prints byte sizes as decimal strings. */
void mj_bytes(struct mj *o, cJSON *obj, const char *key, const struct ecs_mint *m)
{
	char num[24];

	if (!m->present || !m->valid)
		return;
	snprintf(num, sizeof(num), "%lld", (long long)m->v);
	mj_put(o, obj, key, cJSON_CreateString(num));
}

void mj_duration(struct mj *o, cJSON *obj, const char *key, const struct ecs_mint *m)
{
	char text[48];

	if (m->present && m->valid)
		mj_put(o, obj, key, cJSON_CreateString(ecs_duration_format(m->v, text, sizeof(text))));
}

void mj_cpus(struct mj *o, cJSON *obj, const char *key, const struct ecs_mcpus *m)
{
	char num[40];

	if (!m->present || !m->valid)
		return;
	/* Compose stores cpus as float32 */
	snprintf(num, sizeof(num), "%g", (double)(float)m->value);
	mj_put(o, obj, key, cJSON_CreateRaw(num));
}

void mj_list(struct mj *o, cJSON *obj, const char *key, const struct ecs_mstrs *m)
{
	cJSON *arr;

	if (!m->present)
		return;
	arr = mj_put(o, obj, key, cJSON_CreateArray());
	for (uint32_t i = 0; arr && i < m->n; i++)
		mj_put(o, arr, NULL, cJSON_CreateString(m->v[i].v));
}

/* null_value: what a key without value becomes (NULL: JSON null). */
void mj_kvs(struct mj *o, cJSON *obj, const char *key, const struct ecs_kvs *m, const char *null_value)
{
	cJSON *map;

	if (!m->present)
		return;
	map = mj_put(o, obj, key, cJSON_CreateObject());
	for (uint32_t i = 0; map && i < m->n_sorted; i++) {
		const struct ecs_kv *kv = m->sorted[i];
		cJSON *v = kv->has_value ? cJSON_CreateString(kv->value.v) :
			   null_value ? cJSON_CreateString(null_value) : cJSON_CreateNull();
		mj_put(o, map, kv->key.v, v);
	}
}

static cJSON *raw_scalar(const struct ecs_node *n)
{
	char num[40];
	double d;
	int64_t v;

	switch (mb_scalar_type(n)) {
	case MB_NULL:
		return cJSON_CreateNull();
	case MB_BOOL:
		return cJSON_CreateBool(n->scalar.text[0] == 't' || n->scalar.text[0] == 'T');
	case MB_INT:
		return ecs_yaml_int(n->scalar.text, n->scalar.len, &v) ? mj_integer(v) : cJSON_CreateString(n->scalar.text);
	case MB_FLOAT:
		d = strtod(n->scalar.text, NULL);
		if (!isfinite(d))
			return cJSON_CreateString(n->scalar.text);
		snprintf(num, sizeof(num), "%.17g", d);
		return cJSON_CreateRaw(num);
	default:
		return cJSON_CreateString(n->scalar.text);
	}
}

/* A raw YAML value (extensions, x-aws-role, ipam...) as plain JSON. */
cJSON *mj_raw(struct mj *o, const struct ecs_node *n, unsigned depth)
{
	cJSON *c;

	n = ecs_node_deref(n);
	/* Aliases make trees exponential; the loader bounds expansion, and
	 * depth keeps this walk's stack bounded too. */
	if (!n || depth > 1024)
		return cJSON_CreateNull();
	if (n->kind == ECS_NODE_SCALAR)
		return raw_scalar(n);
	if (n->kind == ECS_NODE_SEQUENCE) {
		c = cJSON_CreateArray();
		for (uint32_t i = 0; c && i < n->seq.n; i++)
			mj_put(o, c, NULL, mj_raw(o, n->seq.items[i], depth + 1));
		return c;
	}
	c = cJSON_CreateObject();
	for (uint32_t i = 0; c && i < n->map.n; i++) {
		const char *k = ecs_node_text(n->map.pairs[i].key);
		/* keys are unique: the loader drops duplicates (ECS002) */
		if (k)
			mj_put(o, c, k, mj_raw(o, n->map.pairs[i].value, depth + 1));
	}
	return c;
}

void mj_extensions(struct mj *o, cJSON *obj, const struct ecs_pair *const *ext, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		const char *k = ecs_node_text(ext[i]->key);
		/* x-* keys are unique (the loader drops repeats) and never among
		 * the attributes printed before them */
		if (k)
			mj_put(o, obj, k, mj_raw(o, ext[i]->value, 0));
	}
}


struct member {
	cJSON *item;
	size_t index;
};

static int by_key(const void *x, const void *y)
{
	const struct member *a = x, *b = y;
	int c = strcmp(a->item->string, b->item->string);

	return c ? c : (a->index > b->index) - (a->index < b->index);
}

void mj_sort_keys(struct mj *o, cJSON *obj)
{
	struct member *items;
	size_t n = 0, i = 0, kept = 0;
	cJSON *c;

	if (!obj)
		return;
	for (c = obj->child; c; c = c->next)
		n++;
	if (n < 2)
		return;
	items = malloc(n * sizeof(*items));
	if (!items) {
		o->failed = true;
		return;
	}
	for (c = obj->child; c; c = c->next, i++)
		items[i] = (struct member){ c, i };
	qsort(items, n, sizeof(*items), by_key);
	/* a key written twice (list forms) keeps its last value, as in Compose */
	for (i = 0; i < n; i++) {
		if (i + 1 < n && strcmp(items[i].item->string, items[i + 1].item->string) == 0) {
			items[i].item->next = items[i].item->prev = NULL;
			cJSON_Delete(items[i].item);
			continue;
		}
		items[kept++] = items[i];
	}
	/* relink: cJSON keeps child->prev pointing at the last member */
	for (i = 0; i < kept; i++) {
		items[i].item->next = i + 1 < kept ? items[i + 1].item : NULL;
		items[i].item->prev = i ? items[i - 1].item : items[kept - 1].item;
	}
	obj->child = items[0].item;
	free(items);
}
