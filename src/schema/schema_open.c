/*
 * schema_open.c - compiles the combined schema document into struct sch
 * nodes once per context: properties sorted for binary search, each
 * distinct regex compiled (and JIT-compiled) once, $refs resolved.
 */
#include <stdlib.h>
#include <string.h>

#include "schema_internal.h"

struct compiler {
	struct ecs_schema *s;
	struct ecs_buf *err;
};

/* Keywords that only annotate; anything else unknown is a schema bug we refuse. */
static const char *const annotations[] = {
	"$comment", "$id", "$schema", "default", "deprecated", "description", "examples", "title",
	"definitions", "$defs", "x-ecslint-placement",
};

static bool is_annotation(const char *k)
{
	for (size_t i = 0; i < sizeof(annotations) / sizeof(annotations[0]); i++)
		if (strcmp(k, annotations[i]) == 0)
			return true;
	return false;
}

/* True when '|' appears outside every group and class: then `^` anchors only one branch. */
static bool has_top_level_alternation(const char *p)
{
	int depth = 0;
	bool in_class = false;

	for (; *p; p++) {
		if (*p == '\\' && p[1])
			p++;
		else if (in_class)
			in_class = *p != ']';
		else if (*p == '[')
			in_class = true;
		else if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		else if (*p == '|' && depth == 0)
			return true;
	}
	return false;
}

/*
 * The literal text every match must start with, for a pattern "^lit...":
 * most keys are rejected by one strncmp instead of a regex run.
 */
static void regex_prefix(struct sch_regex *re)
{
	const char *src = re->source;
	size_t n = 0;

	re->prefix_len = 0;
	if (src[0] != '^' || has_top_level_alternation(src))
		return;
	while (src[1 + n] && !strchr("\\.^$|?*+()[]{}", src[1 + n]))
		n++;
	/* a quantifier after the run makes its last character optional */
	if (n && src[1 + n] && strchr("?*{", src[1 + n]))
		n--;
	re->prefix = src + 1;
	re->prefix_len = n;
}

static struct sch_regex *regex_get(struct compiler *c, const char *source)
{
	struct ecs_schema *s = c->s;
	int code;
	PCRE2_SIZE at;
	pcre2_code *re;

	for (uint32_t i = 0; i < s->n_regexes; i++)
		if (strcmp(s->regexes[i].source, source) == 0)
			return &s->regexes[i];
	if (s->n_regexes == s->cap_regexes) {
		/* Regexes are referenced by address: size the table once, up front. */
		ecs_buf_addf(c->err, "schema uses more than %u distinct patterns", s->cap_regexes);
		return NULL;
	}
	/*
	 * ECMA-262 semantics as JSON Schema asks: a search, `$` only at the very
	 * end, \u escapes, and ASCII-only \d \w (no PCRE2_UCP).
	 */
	re = pcre2_compile((PCRE2_SPTR)source, PCRE2_ZERO_TERMINATED,
			   PCRE2_UTF | PCRE2_DOLLAR_ENDONLY | PCRE2_ALT_BSUX, &code, &at, NULL);
	if (!re) {
		PCRE2_UCHAR msg[160];
		pcre2_get_error_message(code, msg, sizeof(msg));
		ecs_buf_addf(c->err, "schema pattern '%s' does not compile at offset %zu: %s", source,
			     (size_t)at, (const char *)msg);
		return NULL;
	}
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);	/* the interpreter is the fallback */
	s->regexes[s->n_regexes].source = source;
	s->regexes[s->n_regexes].code = re;
	regex_prefix(&s->regexes[s->n_regexes]);
	return &s->regexes[s->n_regexes++];
}

bool sch_regex_match(const struct sch_regex *re, const char *text, size_t len, pcre2_match_data *md)
{
	if (re->prefix_len && (len < re->prefix_len || memcmp(text, re->prefix, re->prefix_len) != 0))
		return false;
	return pcre2_match(re->code, (PCRE2_SPTR)text, len, 0, 0, md, NULL) >= 0;
}

static struct sch *compile(struct compiler *c, const cJSON *j, const char *where);

static unsigned type_bit(const char *t)
{
	static const struct { const char *name; unsigned bits; } types[] = {
		{ "null", SCH_NULL }, { "boolean", SCH_BOOL }, { "integer", SCH_INT },
		{ "number", SCH_INT | SCH_NUM }, { "string", SCH_STR }, { "object", SCH_OBJ },
		{ "array", SCH_ARR },
	};
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(t, types[i].name) == 0)
			return types[i].bits;
	return 0;
}

static int cmp_prop(const void *a, const void *b)
{
	return strcmp(((const struct sch_prop *)a)->name, ((const struct sch_prop *)b)->name);
}

static int memo_add(struct compiler *c, const cJSON *j, struct sch *n)
{
	struct ecs_schema *s = c->s;

	if (s->n_memo == s->cap_memo) {
		uint32_t cap = s->cap_memo ? s->cap_memo * 2 : 256;
		const cJSON **mj = ecs_arena_grow(&s->arena, s->memo_json, s->n_memo, cap, sizeof(*mj));
		struct sch **ms = ecs_arena_grow(&s->arena, s->memo_sch, s->n_memo, cap, sizeof(*ms));
		if (!mj || !ms)
			return -1;
		s->memo_json = mj;
		s->memo_sch = ms;
		s->cap_memo = cap;
	}
	s->memo_json[s->n_memo] = j;
	s->memo_sch[s->n_memo++] = n;
	return 0;
}

static int compile_list(struct compiler *c, const cJSON *arr, const char *key, struct sch ***out,
			uint32_t *n)
{
	int count = cJSON_GetArraySize(arr), i = 0;
	const cJSON *e;

	if (!cJSON_IsArray(arr) || count == 0) {
		ecs_buf_addf(c->err, "schema keyword %s needs a non-empty array", key);
		return -1;
	}
	*out = ecs_arena_zalloc(&c->s->arena, (size_t)count * sizeof(**out));
	if (!*out)
		return -1;
	cJSON_ArrayForEach(e, arr) {
		if (!((*out)[i++] = compile(c, e, key)))
			return -1;
	}
	*n = (uint32_t)count;
	return 0;
}

static int compile_number(struct compiler *c, const cJSON *v, const char *key, double *out)
{
	if (!cJSON_IsNumber(v)) {
		ecs_buf_addf(c->err, "schema keyword %s needs a number", key);
		return -1;
	}
	*out = v->valuedouble;
	return 0;
}

static int compile_properties(struct compiler *c, struct sch *n, const cJSON *v)
{
	const cJSON *p;
	uint32_t i = 0;

	n->n_props = (uint32_t)cJSON_GetArraySize(v);
	n->props = ecs_arena_zalloc(&c->s->arena, (n->n_props + 1) * sizeof(*n->props));
	if (!n->props)
		return -1;
	cJSON_ArrayForEach(p, v) {
		n->props[i].name = p->string;
		if (!(n->props[i++].schema = compile(c, p, p->string)))
			return -1;
	}
	qsort(n->props, n->n_props, sizeof(*n->props), cmp_prop);
	return 0;
}

static int compile_pattern_properties(struct compiler *c, struct sch *n, const cJSON *v)
{
	const cJSON *p;
	uint32_t i = 0;

	n->n_pattern_props = (uint32_t)cJSON_GetArraySize(v);
	n->pattern_props = ecs_arena_zalloc(&c->s->arena, (n->n_pattern_props + 1) * sizeof(*n->pattern_props));
	if (!n->pattern_props)
		return -1;
	cJSON_ArrayForEach(p, v) {
		n->pattern_props[i].re = regex_get(c, p->string);
		n->pattern_props[i].schema = compile(c, p, p->string);
		if (!n->pattern_props[i].re || !n->pattern_props[i++].schema)
			return -1;
	}
	return 0;
}

static int compile_keyword(struct compiler *c, struct sch *n, const cJSON *v)
{
	const char *k = v->string;

	if (strcmp(k, "type") == 0) {
		const cJSON *t;
		n->types = 0;
		if (cJSON_IsString(v))
			n->types = type_bit(v->valuestring);
		else
			cJSON_ArrayForEach(t, v)
				n->types |= cJSON_IsString(t) ? type_bit(t->valuestring) : 0;
		if (!n->types) {
			ecs_buf_adds(c->err, "schema keyword type names no known type");
			return -1;
		}
	} else if (strcmp(k, "properties") == 0 && cJSON_IsObject(v)) {
		return compile_properties(c, n, v);
	} else if (strcmp(k, "patternProperties") == 0 && cJSON_IsObject(v)) {
		return compile_pattern_properties(c, n, v);
	} else if (strcmp(k, "additionalProperties") == 0) {
		if (cJSON_IsTrue(v))
			return 0;
		return (n->additional = compile(c, v, k)) ? 0 : -1;
	} else if (strcmp(k, "required") == 0 && cJSON_IsArray(v)) {
		const cJSON *r;
		n->required = ecs_arena_zalloc(&c->s->arena, ((size_t)cJSON_GetArraySize(v) + 1) * sizeof(char *));
		if (!n->required)
			return -1;
		cJSON_ArrayForEach(r, v) {
			if (!cJSON_IsString(r)) {
				ecs_buf_adds(c->err, "schema keyword required needs strings");
				return -1;
			}
			n->required[n->n_required++] = r->valuestring;
		}
	} else if (strcmp(k, "enum") == 0 && cJSON_IsArray(v)) {
		n->enum_values = v;
	} else if (strcmp(k, "const") == 0) {
		n->const_value = v;
	} else if (strcmp(k, "pattern") == 0 && cJSON_IsString(v)) {
		return (n->pattern = regex_get(c, v->valuestring)) ? 0 : -1;
	} else if (strcmp(k, "minimum") == 0 || strcmp(k, "exclusiveMinimum") == 0) {
		n->has_min = true;
		n->min_exclusive = k[0] == 'e';
		return compile_number(c, v, k, &n->minimum);
	} else if (strcmp(k, "maximum") == 0 || strcmp(k, "exclusiveMaximum") == 0) {
		n->has_max = true;
		n->max_exclusive = k[0] == 'e';
		return compile_number(c, v, k, &n->maximum);
	} else if (strcmp(k, "minLength") == 0 || strcmp(k, "maxLength") == 0 ||
		   strcmp(k, "minItems") == 0 || strcmp(k, "maxItems") == 0) {
		double d;
		if (compile_number(c, v, k, &d) < 0)
			return -1;
		*(k[1] == 'i' ? (k[3] == 'L' ? &n->min_length : &n->min_items)
			      : (k[3] == 'L' ? &n->max_length : &n->max_items)) = (long)d;
	} else if (strcmp(k, "uniqueItems") == 0) {
		n->unique_items = cJSON_IsTrue(v);
	} else if (strcmp(k, "items") == 0 && (cJSON_IsObject(v) || cJSON_IsBool(v))) {
		return (n->items = compile(c, v, k)) ? 0 : -1;
	} else if (strcmp(k, "oneOf") == 0) {
		return compile_list(c, v, k, &n->one_of, &n->n_one_of);
	} else if (strcmp(k, "anyOf") == 0) {
		return compile_list(c, v, k, &n->any_of, &n->n_any_of);
	} else if (strcmp(k, "allOf") == 0) {
		return compile_list(c, v, k, &n->all_of, &n->n_all_of);
	} else if (strcmp(k, "$ref") == 0 && cJSON_IsString(v)) {
		const cJSON *target = sch_pointer_get(c->s->doc, v->valuestring);
		if (!target) {
			ecs_buf_addf(c->err, "schema $ref %s resolves to nothing", v->valuestring);
			return -1;
		}
		return (n->ref = compile(c, target, v->valuestring)) ? 0 : -1;
	} else if (!is_annotation(k)) {
		ecs_buf_addf(c->err, "schema keyword %s is not supported by the validator", k);
		return -1;
	}
	return 0;
}

static struct sch *compile(struct compiler *c, const cJSON *j, const char *where)
{
	struct sch *n;
	const cJSON *v;

	for (uint32_t i = 0; i < c->s->n_memo; i++)
		if (c->s->memo_json[i] == j)
			return c->s->memo_sch[i];
	if (!cJSON_IsObject(j) && !cJSON_IsBool(j)) {
		ecs_buf_addf(c->err, "schema for %s is neither an object nor a boolean", where);
		return NULL;
	}
	n = ecs_arena_zalloc(&c->s->arena, sizeof(*n));
	if (!n || memo_add(c, j, n) < 0) {
		ecs_buf_adds(c->err, "out of memory");
		return NULL;
	}
	n->json = j;
	n->types = SCH_ANY;
	n->min_length = n->max_length = n->min_items = n->max_items = -1;
	if (cJSON_IsBool(j)) {
		n->never = cJSON_IsFalse(j);
		n->trivial = !n->never;
		return n;
	}
	cJSON_ArrayForEach(v, j)
		if (compile_keyword(c, n, v) < 0)
			return NULL;
	n->trivial = n->types == SCH_ANY && !n->n_props && !n->n_pattern_props && !n->additional &&
		     !n->n_required && !n->enum_values && !n->const_value && !n->pattern && !n->has_min &&
		     !n->has_max && n->min_length < 0 && n->max_length < 0 && n->min_items < 0 &&
		     n->max_items < 0 && !n->unique_items && !n->items && !n->n_one_of && !n->n_any_of &&
		     !n->n_all_of && !n->ref;
	return n;
}

/* What types a value may have and still pass: decides which oneOf branch a value meant. */
static unsigned accepts(struct sch *n)
{
	unsigned a;

	if (n->accepts_done || n->accepts_busy)
		return n->accepts_done ? n->accepts : SCH_ANY;
	n->accepts_busy = true;
	a = n->never ? 0 : n->types;
	if (n->ref)
		a &= accepts(n->ref);
	for (uint32_t i = 0; i < n->n_all_of; i++)
		a &= accepts(n->all_of[i]);
	if (n->n_one_of || n->n_any_of) {
		unsigned u = 0;
		for (uint32_t i = 0; i < n->n_one_of; i++)
			u |= accepts(n->one_of[i]);
		for (uint32_t i = 0; i < n->n_any_of; i++)
			u |= accepts(n->any_of[i]);
		a &= u;
	}
	n->accepts = a;
	n->accepts_busy = false;
	n->accepts_done = true;
	return a;
}

static int load_extensions(struct ecs_schema *s)
{
	const cJSON *placement = cJSON_GetObjectItemCaseSensitive(s->doc, "x-ecslint-placement"), *e, *name;
	uint32_t n = 0;

	cJSON_ArrayForEach(e, placement)
		n += (uint32_t)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(e, "extensions"));
	s->extensions = ecs_arena_zalloc(&s->arena, (n + 1) * sizeof(*s->extensions));
	if (!s->extensions)
		return -1;
	cJSON_ArrayForEach(e, placement) {
		const cJSON *where = cJSON_GetObjectItemCaseSensitive(e, "where");
		cJSON_ArrayForEach(name, cJSON_GetObjectItemCaseSensitive(e, "extensions")) {
			s->extensions[s->n_extensions].name = name->valuestring;
			s->extensions[s->n_extensions++].where =
				cJSON_IsString(where) ? where->valuestring : "at another level";
		}
	}
	return 0;
}

/* Compiles doc (the context takes it over, even on failure). */
static int open_doc(struct ecs_schema **out, cJSON *doc, struct ecs_buf *err)
{
	struct ecs_schema *s = calloc(1, sizeof(*s));
	struct compiler c = { s, err };

	*out = NULL;
	if (!s) {
		cJSON_Delete(doc);
		ecs_buf_adds(err, "out of memory");
		return -1;
	}
	ecs_arena_init(&s->arena);
	s->doc = doc;
	if (!s->doc)
		goto fail;
	s->cap_regexes = 64;
	s->regexes = ecs_arena_zalloc(&s->arena, s->cap_regexes * sizeof(*s->regexes));
	if (!s->regexes || load_extensions(s) < 0) {
		ecs_buf_adds(err, "out of memory");
		goto fail;
	}
	s->root = compile(&c, s->doc, "the root");
	if (!s->root)
		goto fail;
	for (uint32_t i = 0; i < s->n_memo; i++)
		accepts(s->memo_sch[i]);
	*out = s;
	return 0;
fail:
	ecs_schema_close(s);
	return -1;
}

int ecs_schema_open(struct ecs_schema **out, struct ecs_buf *err)
{
	return open_doc(out, ecs_schema_combine(err), err);
}

int ecs_schema_open_json(struct ecs_schema **out, const char *json, struct ecs_buf *err)
{
	const char *end = NULL;
	cJSON *doc = cJSON_ParseWithOpts(json, &end, 1);

	if (!doc) {
		*out = NULL;
		ecs_buf_addf(err, "schema does not parse as JSON near byte %ld", end ? (long)(end - json) : 0L);
		return -1;
	}
	return open_doc(out, doc, err);
}

void ecs_schema_close(struct ecs_schema *s)
{
	if (!s)
		return;
	for (uint32_t i = 0; i < s->n_regexes; i++)
		pcre2_code_free(s->regexes[i].code);
	cJSON_Delete(s->doc);
	ecs_arena_release(&s->arena);
	free(s);
}
