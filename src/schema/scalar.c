/*
 * scalar.c - YAML 1.2 core-schema typing of scalars.  Compose's YAML reader
 * types plain scalars this way (so `yes` is a string and `22:22` is not a
 * base-60 number), and everything quoted is a string.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"

#define YAML_TAG "tag:yaml.org,2002:"

static bool is_digits(const char *s, const char *end, const char *set)
{
	if (s == end)
		return false;
	for (; s < end; s++)
		if (!strchr(set, *s))
			return false;
	return true;
}

static bool parse_int(const char *s, size_t len, double *out)
{
	const char *end = s + len, *p = s;
	bool neg = false;

	if (len > 2 && s[0] == '0' && s[1] == 'o' && is_digits(s + 2, end, "01234567")) {
		*out = (double)strtoull(s + 2, NULL, 8);
		return true;
	}
	if (len > 2 && s[0] == '0' && s[1] == 'x' && is_digits(s + 2, end, "0123456789abcdefABCDEF")) {
		*out = (double)strtoull(s + 2, NULL, 16);
		return true;
	}
	if (p < end && (*p == '-' || *p == '+'))
		neg = *p++ == '-';
	if (!is_digits(p, end, "0123456789"))
		return false;
	*out = strtod(p, NULL);
	if (neg)
		*out = -*out;
	return true;
}

static bool parse_float(const char *s, size_t len, double *out)
{
	const char *end = s + len, *p = s;
	bool neg = false, digits = false;

	if (p < end && (*p == '-' || *p == '+'))
		neg = *p++ == '-';
	if (strcmp(p, ".inf") == 0 || strcmp(p, ".Inf") == 0 || strcmp(p, ".INF") == 0) {
		*out = neg ? -INFINITY : INFINITY;
		return true;
	}
	if (p == s && (strcmp(p, ".nan") == 0 || strcmp(p, ".NaN") == 0 || strcmp(p, ".NAN") == 0)) {
		*out = NAN;
		return true;
	}
	/* [0-9]+(\.[0-9]*)? | \.[0-9]+ , then an optional exponent */
	while (p < end && *p >= '0' && *p <= '9')
		p++, digits = true;
	if (p < end && *p == '.') {
		p++;
		while (p < end && *p >= '0' && *p <= '9')
			p++, digits = true;
	}
	if (!digits)
		return false;
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '-' || *p == '+'))
			p++;
		if (p == end || !is_digits(p, end, "0123456789"))
			return false;
		p = end;
	}
	if (p != end)
		return false;
	*out = strtod(s, NULL);
	return true;
}

static bool resolve_plain(const char *s, size_t len, struct ecs_scalar_value *v)
{
	/* Most scalars are words: one look at the first byte settles them. */
	if (len && !strchr("~nNtTfF0123456789+-.", s[0]))
		return false;
	if (len == 0 || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 || strcmp(s, "Null") == 0 ||
	    strcmp(s, "NULL") == 0) {
		v->type = ECS_SCALAR_NULL;
		return true;
	}
	if (strcmp(s, "true") == 0 || strcmp(s, "True") == 0 || strcmp(s, "TRUE") == 0 ||
	    strcmp(s, "false") == 0 || strcmp(s, "False") == 0 || strcmp(s, "FALSE") == 0) {
		v->type = ECS_SCALAR_BOOL;
		v->boolean = s[0] == 't' || s[0] == 'T';
		return true;
	}
	if (parse_int(s, len, &v->number)) {
		v->type = ECS_SCALAR_INT;
		v->integral = true;
		return true;
	}
	if (parse_float(s, len, &v->number)) {
		v->type = ECS_SCALAR_FLOAT;
		v->integral = isfinite(v->number) && v->number == floor(v->number);
		return true;
	}
	return false;
}

bool ecs_scalar_resolve(const struct ecs_node *n, struct ecs_scalar_value *v)
{
	const char *tag;

	n = ecs_node_deref(n);
	memset(v, 0, sizeof(*v));
	v->type = ECS_SCALAR_STRING;
	if (!n || n->kind != ECS_NODE_SCALAR)
		return false;
	tag = n->tag;
	if (tag && strncmp(tag, YAML_TAG, strlen(YAML_TAG)) == 0) {
		struct ecs_scalar_value typed;
		const char *t = tag + strlen(YAML_TAG);

		if (strcmp(t, "str") == 0)
			return true;
		/* An explicit core tag on text that does not fit it stays a string. */
		if (resolve_plain(n->scalar.text, n->scalar.len, &typed) &&
		    ((strcmp(t, "null") == 0 && typed.type == ECS_SCALAR_NULL) ||
		     (strcmp(t, "bool") == 0 && typed.type == ECS_SCALAR_BOOL) ||
		     (strcmp(t, "int") == 0 && typed.type == ECS_SCALAR_INT) ||
		     (strcmp(t, "float") == 0 &&
		      (typed.type == ECS_SCALAR_FLOAT || typed.type == ECS_SCALAR_INT))))
			*v = typed;
		if (strcmp(t, "null") == 0 && n->scalar.len == 0)
			v->type = ECS_SCALAR_NULL;
		return true;
	}
	/* "!" forces a string; other local tags (!reset, !override) type by content. */
	if (tag && strcmp(tag, "!") == 0)
		return true;
	if (n->style != ECS_STYLE_PLAIN)
		return true;
	if (!resolve_plain(n->scalar.text, n->scalar.len, v))
		v->type = ECS_SCALAR_STRING;
	return true;
}
