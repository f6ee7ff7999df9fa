/*
 * build_value.c - reading typed values out of YAML nodes without trusting
 * their types: the schema validator owns type errors, so a value of the
 * wrong shape is skipped here, and only text that has the right type but
 * does not parse (a size "12 parsecs", a duration "10") becomes ECS103.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../checks/rules.h"
#include "build_internal.h"
#include "shortsyntax.h"

static bool text_is(const struct ecs_node *n, const char *const *words)
{
	for (; *words; words++)
		if (strcmp(n->scalar.text, *words) == 0)
			return true;
	return false;
}

/* Go's ParseFloat grammar as go-yaml's resolver applies it to plain scalars. */
static bool plain_float(const char *s, size_t len)
{
	static const char *const special[] = { ".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN", NULL };
	size_t i = 0;
	bool mant = false;

	if (len && (s[0] == '-' || s[0] == '+'))
		i = 1;
	for (const char *const *w = special; *w; w++)
		if (strlen(*w) == len - i && memcmp(*w, s + i, len - i) == 0)
			return true;
	for (; i < len && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'); i++)
		mant = true;
	if (i < len && s[i] == '.')
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			mant = true;
	if (!mant)
		return false;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		size_t d;
		i++;
		if (i < len && (s[i] == '-' || s[i] == '+'))
			i++;
		d = i;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
		if (d == i)
			return false;
	}
	return i == len;
}

enum mb_scalar mb_scalar_type(const struct ecs_node *n)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL", NULL };
	static const char *const bools[] = { "true", "True", "TRUE", "false", "False", "FALSE", NULL };
	int64_t v;

	n = ecs_node_deref(n);
	if (!n || n->kind != ECS_NODE_SCALAR)
		return MB_NOT_SCALAR;
	if (n->tag && strncmp(n->tag, "tag:yaml.org,2002:", 18) == 0) {
		const char *t = n->tag + 18;
		if (!strcmp(t, "str"))
			return MB_STRING;
		if (!strcmp(t, "null"))
			return MB_NULL;
		if (!strcmp(t, "bool"))
			return MB_BOOL;
		if (!strcmp(t, "int"))
			return MB_INT;
		if (!strcmp(t, "float"))
			return MB_FLOAT;
	}
	if (n->style != ECS_STYLE_PLAIN)
		return MB_STRING;
	if (text_is(n, nulls))
		return MB_NULL;
	if (text_is(n, bools))
		return MB_BOOL;
	if (ecs_yaml_int(n->scalar.text, n->scalar.len, &v))
		return MB_INT;
	if (plain_float(n->scalar.text, n->scalar.len))
		return MB_FLOAT;
	return MB_STRING;
}

struct ecs_span mb_part_span(struct mb *b, const struct ecs_node *n, uint32_t start, uint32_t end)
{
	const struct ecs_source *src = ecs_files_get(&b->r->files, n->span.file);
	uint32_t cs = n->scalar.content_start, ce = n->scalar.content_end, from = n->span.start.byte;
	struct ecs_span sp;

	if (!src || n->kind != ECS_NODE_SCALAR || ce < cs || ce - cs != n->scalar.len || ce > src->len ||
	    end > n->scalar.len || start > end || cs < from || memcmp(src->data + cs, n->scalar.text, n->scalar.len) != 0)
		return n->span;
	/* One line (the usual case): count columns from the node's start
	 * instead of searching the line table. */
	if (memchr(src->data + from, '\n', ce - from) || memchr(src->data + from, '\r', ce - from))
		return ecs_source_span(src, cs + start, cs + end);
	sp = n->span;
	sp.start.byte = cs + start;
	sp.start.col = n->span.start.col + ecs_utf8_codepoints(src->data + from, cs + start - from);
	sp.end.byte = cs + end;
	sp.end.line = sp.start.line;
	sp.end.col = sp.start.col + ecs_utf8_codepoints(src->data + cs + start, end - start);
	return sp;
}

struct ecs_diag *mb_invalid_at(struct mb *b, const struct ecs_span *span, const char *fmt, ...)
{
	struct ecs_diag *dg;
	va_list ap;

	va_start(ap, fmt);
	dg = ecs_diag_vadd(b->d, &ECS103_rule, span, mb_path(b), fmt, ap);
	va_end(ap);
	return dg;
}

void mb_invalid(struct mb *b, const struct ecs_node *n, const struct ecs_parse_error *e)
{
	struct ecs_span sp = mb_part_span(b, n, e->start, e->end);

	mb_invalid_at(b, &sp, "%s", e->message);
}

static void yaml11_boolean(struct mb *b, const struct ecs_node *n)
{
	struct ecs_diag *dg;
	char *quoted;

	if (n->style != ECS_STYLE_PLAIN || n->tag || !ecs_yaml11_bool_word(n->scalar.text, n->scalar.len))
		return;
	dg = ecs_diag_add(b->d, &ECS114_rule, &n->span, mb_path(b),
			  "'%s' is a string for Compose but a boolean for YAML 1.1 tools", n->scalar.text);
	if (!dg)
		return;
	ecs_diag_help(b->d, dg, "quote it (\"%s\") so every YAML reader sees the same string", n->scalar.text);
	quoted = ecs_arena_printf(b->a, "\"%s\"", n->scalar.text);
	if (quoted)
		ecs_diag_fix(b->d, dg, ECS_FIX_SAFE, "quote the value", n->span.file, n->span.start.byte,
			     n->span.end.byte, quoted);
}

static void fill(struct ecs_mstr *out, const struct ecs_node *v, const char *text,
		 uint32_t len)
{
	out->present = true;
	out->v = text;
	out->len = len;
	out->span = v->span;
	out->node = v;
}

bool mb_str(struct mb *b, const struct ecs_node *v, struct ecs_mstr *out)
{
	int64_t iv;
	char *text;

	v = ecs_node_deref(v);
	switch (mb_scalar_type(v)) {
	case MB_STRING:
		yaml11_boolean(b, v);
		fill(out, v, v->scalar.text, v->scalar.len);
		return true;
	case MB_BOOL:
		text = (v->scalar.text[0] == 't' || v->scalar.text[0] == 'T') ? "true" : "false";
		fill(out, v, text, (uint32_t)strlen(text));
		return true;
	case MB_INT:
		if (!ecs_yaml_int(v->scalar.text, v->scalar.len, &iv))
			iv = 0;
		text = ecs_arena_printf(b->a, "%lld", (long long)iv);
		if (!text)
			return false;
		fill(out, v, text, (uint32_t)strlen(text));
		return true;
	case MB_FLOAT:
		fill(out, v, v->scalar.text, v->scalar.len);
		return true;
	default:
		return false;
	}
}

struct ecs_mstr mb_part(struct mb *b, const struct ecs_node *n, uint32_t start, uint32_t end)
{
	struct ecs_mstr m = { 0 };

	m.present = true;
	m.v = ecs_arena_strndup(b->a, n->scalar.text + start, end - start);
	if (!m.v)
		return (struct ecs_mstr){ 0 };
	m.len = end - start;
	m.span = mb_part_span(b, n, start, end);
	m.node = n;
	return m;
}

struct ecs_mstr mb_synthetic(const char *v)
{
	struct ecs_mstr m = { 0 };

	m.v = v;
	m.len = (uint32_t)strlen(v);
	return m;
}

static void head(const struct ecs_node *v, bool *present, struct ecs_span *span, const struct ecs_node **node)
{
	*present = true;
	*span = v->span;
	*node = v;
}

bool mb_bool(struct mb *b, const struct ecs_node *v, struct ecs_mbool *out)
{
	static const char *const yes[] = { "y", "yes", "on" }, *const no[] = { "n", "no", "off" };
	enum mb_scalar t;
	const char *s;

	v = ecs_node_deref(v);
	t = mb_scalar_type(v);
	if (t != MB_BOOL && t != MB_STRING)
		return false;
	head(v, &out->present, &out->span, &out->node);
	s = v->scalar.text;
	out->valid = true;
	if (!strcasecmp(s, "true") || !strcasecmp(s, "false")) {
		out->v = (s[0] | 0x20) == 't';
		return true;
	}
	for (size_t i = 0; i < 3; i++) {
		if (!strcasecmp(s, yes[i]) || !strcasecmp(s, no[i])) {
			out->v = !strcasecmp(s, yes[i]);
			out->yaml11 = true;
			return true;
		}
	}
	out->valid = false;
	mb_invalid_at(b, &v->span, "invalid boolean '%s' (use true or false)", s);
	return true;
}

bool mb_int(struct mb *b, const struct ecs_node *v, struct ecs_mint *out)
{
	struct ecs_parse_error e;
	enum mb_scalar t;

	v = ecs_node_deref(v);
	t = mb_scalar_type(v);
	if (t != MB_INT && t != MB_STRING && t != MB_FLOAT)
		return false;
	head(v, &out->present, &out->span, &out->node);
	out->text = v->scalar.text;
	if (t == MB_INT) {
		out->valid = ecs_yaml_int(v->scalar.text, v->scalar.len, &out->v);
		if (!out->valid)
			mb_invalid_at(b, &v->span, "'%s' is out of range", v->scalar.text);
	} else if (t == MB_STRING) {
		out->valid = ecs_parse_int10(v->scalar.text, v->scalar.len, &out->v, &e) == 0;
		if (!out->valid)
			mb_invalid(b, v, &e);
	}
	/* a float: the schema's type error */
	return true;
}

bool mb_yaml_int(struct mb *b, const struct ecs_node *v, struct ecs_mint *out)
{
	enum mb_scalar t;

	v = ecs_node_deref(v);
	t = mb_scalar_type(v);
	if (t == MB_INT)
		return mb_int(b, v, out);
	if (t != MB_STRING && t != MB_FLOAT)
		return false;
	head(v, &out->present, &out->span, &out->node);
	out->text = v->scalar.text;
	return true;
}

bool mb_bytes(struct mb *b, const struct ecs_node *v, struct ecs_mint *out)
{
	struct ecs_parse_error e;
	enum mb_scalar t;

	v = ecs_node_deref(v);
	t = mb_scalar_type(v);
	if (t != MB_INT && t != MB_STRING && t != MB_FLOAT)
		return false;
	head(v, &out->present, &out->span, &out->node);
	out->text = v->scalar.text;
	if (t == MB_INT) {
		out->valid = ecs_yaml_int(v->scalar.text, v->scalar.len, &out->v);
		if (!out->valid)
			mb_invalid_at(b, &v->span, "'%s' is out of range", v->scalar.text);
	} else if (t == MB_FLOAT) {
		mb_invalid_at(b, &v->span, "'%s' is a YAML float: Compose reads it as 0 bytes (write '1.5g' or an integer)",
			      v->scalar.text);
	} else {
		out->valid = ecs_parse_bytes(v->scalar.text, v->scalar.len, &out->v, &e) == 0;
		if (!out->valid)
			mb_invalid(b, v, &e);
	}
	return true;
}

bool mb_duration(struct mb *b, const struct ecs_node *v, struct ecs_mint *out)
{
	struct ecs_parse_error e;
	enum mb_scalar t;

	v = ecs_node_deref(v);
	t = mb_scalar_type(v);
	if (t != MB_STRING && t != MB_INT && t != MB_FLOAT)
		return false;
	head(v, &out->present, &out->span, &out->node);
	out->text = v->scalar.text;
	/* durations are strings: a number is the schema's type error */
	if (t != MB_STRING)
		return true;
	out->valid = ecs_parse_duration(v->scalar.text, v->scalar.len, &out->v, &e) == 0;
	if (!out->valid)
		mb_invalid(b, v, &e);
	return true;
}

bool mb_cpus(struct mb *b, const struct ecs_node *v, struct ecs_mcpus *out)
{
	struct ecs_parse_error e;
	enum mb_scalar t;

	v = ecs_node_deref(v);
	t = mb_scalar_type(v);
	if (t != MB_STRING && t != MB_INT && t != MB_FLOAT)
		return false;
	head(v, &out->present, &out->span, &out->node);
	out->text = v->scalar.text;
	out->valid = ecs_parse_cpus(v->scalar.text, v->scalar.len, &out->millis, &out->value, &e) == 0;
	if (!out->valid)
		mb_invalid(b, v, &e);
	return true;
}

bool mb_mode(struct mb *b, const struct ecs_node *v, struct ecs_mint *out)
{
	struct ecs_parse_error e;
	enum mb_scalar t;

	v = ecs_node_deref(v);
	t = mb_scalar_type(v);
	if (t != MB_STRING && t != MB_INT)
		return false;
	head(v, &out->present, &out->span, &out->node);
	out->text = v->scalar.text;
	if (t == MB_INT)
		out->valid = ecs_yaml_int(v->scalar.text, v->scalar.len, &out->v);
	else
		out->valid = ecs_parse_octal(v->scalar.text, v->scalar.len, &out->v, &e) == 0;
	if (!out->valid && t == MB_STRING)
		mb_invalid(b, v, &e);
	return true;
}

void *mb_array(struct mb *b, size_t n, size_t elem)
{
	if (n == 0)
		return NULL;
	return ecs_arena_zalloc(b->a, n * elem);
}

bool mb_strs(struct mb *b, const struct ecs_node *v, bool from_string,
	     struct ecs_mstrs *out)
{
	v = ecs_node_deref(v);
	if (!v)
		return false;
	if (v->kind == ECS_NODE_SCALAR) {
		if (!from_string || mb_scalar_type(v) == MB_NULL)
			return false;
		out->v = mb_array(b, 1, sizeof(*out->v));
		if (!out->v || !mb_str(b, v, &out->v[0]))
			return false;
		out->n = 1;
		out->from_string = true;
	} else if (v->kind == ECS_NODE_SEQUENCE) {
		out->v = mb_array(b, v->seq.n, sizeof(*out->v));
		if (v->seq.n && !out->v)
			return false;
		for (uint32_t i = 0; i < v->seq.n; i++) {
			size_t mark = mb_push_index(b, i);
			if (mb_str(b, v->seq.items[i], &out->v[out->n]))
				out->n++;
			mb_pop(b, mark);
		}
	} else {
		return false;
	}
	out->present = true;
	out->span = v->span;
	out->node = v;
	return true;
}

bool mb_kvs(struct mb *b, const struct ecs_node *v, char sep, struct ecs_kvs *out)
{
	v = ecs_node_deref(v);
	if (!v || (v->kind != ECS_NODE_MAPPING && v->kind != ECS_NODE_SEQUENCE))
		return false;
	out->present = true;
	out->span = v->span;
	out->node = v;
	if (v->kind == ECS_NODE_MAPPING) {
		out->v = mb_array(b, v->map.n, sizeof(*out->v));
		if (v->map.n && !out->v)
			return false;
		for (uint32_t i = 0; i < v->map.n; i++) {
			const struct ecs_pair *pr = &v->map.pairs[i];
			const struct ecs_node *k = ecs_node_deref(pr->key);
			struct ecs_kv *kv = &out->v[out->n];
			size_t mark;

			if (!k || k->kind != ECS_NODE_SCALAR)
				continue;
			mark = mb_push(b, k->scalar.text);
			fill(&kv->key, k, k->scalar.text, k->scalar.len);
			kv->has_value = mb_str(b, pr->value, &kv->value);
			kv->node = ecs_node_deref(pr->value);
			kv->span = k->span;
			if (kv->node && kv->node->span.file == k->span.file && kv->node->span.end.byte > k->span.end.byte)
				kv->span.end = kv->node->span.end;
			out->n++;
			mb_pop(b, mark);
		}
	} else {
		out->list_form = true;
		out->v = mb_array(b, v->seq.n, sizeof(*out->v));
		if (v->seq.n && !out->v)
			return false;
		for (uint32_t i = 0; i < v->seq.n; i++) {
			const struct ecs_node *item = ecs_node_deref(v->seq.items[i]);
			struct ecs_kv *kv = &out->v[out->n];
			const char *eq;
			uint32_t klen;

			if (mb_scalar_type(item) != MB_STRING)
				continue;
			eq = memchr(item->scalar.text, sep, item->scalar.len);
			klen = eq ? (uint32_t)(eq - item->scalar.text) : item->scalar.len;
			kv->key = mb_part(b, item, 0, klen);
			if (eq) {
				kv->value = mb_part(b, item, klen + 1, item->scalar.len);
				kv->has_value = true;
			}
			kv->node = item;
			kv->span = item->span;
			out->n++;
		}
	}
	return mb_sort_kvs(b, out) == 0;
}

int mb_name_cmp(const char *x, const char *y)
{
	return strcmp(x, y);	/* strcmp compares as unsigned char: byte order */
}

struct kv_ref {
	const struct ecs_kv *kv;
	uint32_t index;
};

static int kv_ref_cmp(const void *x, const void *y)
{
	const struct kv_ref *a = x, *b = y;
	int c = mb_name_cmp(a->kv->key.v, b->kv->key.v);

	if (c)
		return c;
	return a->index < b->index ? -1 : a->index > b->index;
}

int mb_sort_kvs(struct mb *b, struct ecs_kvs *kvs)
{
	struct kv_ref *refs;
	uint32_t n = 0;

	if (!kvs->n)
		return 0;
	refs = malloc(kvs->n * sizeof(*refs));
	kvs->sorted = ecs_arena_alloc(b->a, kvs->n * sizeof(*kvs->sorted));
	if (!refs || !kvs->sorted) {
		free(refs);
		b->a->failed = true;
		return -1;
	}
	for (uint32_t i = 0; i < kvs->n; i++)
		refs[i] = (struct kv_ref){ &kvs->v[i], i };
	qsort(refs, kvs->n, sizeof(*refs), kv_ref_cmp);
	/* keep the last of each run of equal keys: the one Compose keeps */
	for (uint32_t i = 0; i < kvs->n; i++)
		if (i + 1 == kvs->n || mb_name_cmp(refs[i].kv->key.v, refs[i + 1].kv->key.v) != 0)
			kvs->sorted[n++] = refs[i].kv;
	kvs->n_sorted = n;
	free(refs);
	return 0;
}

static int kv_key_cmp(const void *key, const void *elem)
{
	const struct ecs_kv *const *kv = elem;
	return mb_name_cmp(key, (*kv)->key.v);
}

const struct ecs_kv *ecs_kvs_get(const struct ecs_kvs *kvs, const char *key)
{
	const struct ecs_kv *const *hit;

	if (!kvs->n_sorted)
		return NULL;
	hit = bsearch(key, kvs->sorted, kvs->n_sorted, sizeof(*kvs->sorted), kv_key_cmp);
	return hit ? *hit : NULL;
}
