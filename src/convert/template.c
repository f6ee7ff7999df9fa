/*
 * template.c - building the template tree: cJSON helpers that remember an
 * out-of-memory once (so families test one flag), resources, intrinsics,
 * tags and the offline VPC/subnet/cluster references.
 *
 * The template's nodes live in the run's arena, like everything else a run
 * makes: a big project's template has millions of them, and one malloc and
 * one free each was a third of check's time (and glibc's per-block header a
 * fifth of its memory).  cJSON reads, links and prints such nodes like its
 * own; only the calls that free or copy (cJSON_Delete, cJSON_Delete*,
 * cJSON_Replace*, cJSON_Duplicate) must never see them: detach instead.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../../checks/rules.h"
#include "cvt.h"

static cJSON *node(struct cvt *c, int type)
{
	cJSON *v = ecs_arena_zalloc(c->nodes, sizeof(*v));

	if (!v) {
		c->failed = true;
		return NULL;
	}
	v->type = type;
	return v;
}

cJSON *cvt_obj(struct cvt *c)
{
	return node(c, cJSON_Object);
}

cJSON *cvt_arr(struct cvt *c)
{
	return node(c, cJSON_Array);
}

cJSON *cvt_null(struct cvt *c)
{
	return node(c, cJSON_NULL);
}

cJSON *cvt_shared_list(struct cvt *c, const cJSON *list)
{
	cJSON *v = node(c, cJSON_Array | cJSON_IsReference);

	if (v)
		v->child = list ? list->child : NULL;
	return v;
}

/* A copy of v and of everything under it (keys and strings stay shared). */
static cJSON *copy(struct cvt *c, const cJSON *v)
{
	cJSON *out = node(c, v->type & ~cJSON_IsReference), *last = NULL;

	if (!out)
		return NULL;
	out->valuestring = v->valuestring;
	out->valueint = v->valueint;
	out->valuedouble = v->valuedouble;
	out->string = v->string;
	for (const cJSON *it = v->child; it; it = it->next) {
		cJSON *k = copy(c, it);
		if (!k)
			return NULL;
		if (last) {
			last->next = k;
			k->prev = last;
		} else {
			out->child = k;
		}
		last = k;
	}
	if (out->child)
		out->child->prev = last;
	return out;
}

void cvt_unshare(struct cvt *c, cJSON *v)
{
	for (cJSON *it = v ? v->child : NULL; it && !c->failed; it = it->next) {
		if (cJSON_IsArray(it) && (it->type & cJSON_IsReference)) {
			cJSON *own = copy(c, it);
			if (own) {
				it->child = own->child;
				it->type &= ~cJSON_IsReference;
			}
		} else {
			cvt_unshare(c, it);
		}
	}
}

/*
 * Strings and keys are referenced, not copied: every one is a literal or
 * lives in the run's arena, which outlives the template.  A template holds
 * about three strings per node, and copying them was a third of check's
 * time on big projects (malloc, then free at the end).
 */
cJSON *cvt_str(struct cvt *c, const char *s)
{
	cJSON *v = node(c, cJSON_String | cJSON_IsReference);

	if (v)
		v->valuestring = (char *)(s ? s : "");
	return v;
}

cJSON *cvt_strn(struct cvt *c, const char *s, size_t len)
{
	char *copy = ecs_arena_strndup(&c->run->arena, s, len);

	if (!copy) {
		c->failed = true;
		return NULL;
	}
	return cvt_str(c, copy);
}

cJSON *cvt_strf(struct cvt *c, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = ecs_arena_vprintf(&c->run->arena, fmt, ap);
	va_end(ap);
	if (!s) {
		c->failed = true;
		return NULL;
	}
	return cvt_str(c, s);
}

cJSON *cvt_num(struct cvt *c, double v)
{
	cJSON *n = node(c, cJSON_Number);

	if (!n)
		return NULL;
	n->valuedouble = v;
	/* cJSON_CreateNumber's valueint, which its printer compares against. */
	n->valueint = v >= INT_MAX ? INT_MAX : v <= (double)INT_MIN ? INT_MIN : (int)v;
	return n;
}

cJSON *cvt_bool(struct cvt *c, bool v)
{
	return node(c, v ? cJSON_True : cJSON_False);
}

cJSON *cvt_ref(struct cvt *c, const char *id)
{
	cJSON *o = cvt_obj(c);

	cvt_sets(c, o, "Ref", id);
	return o;
}

cJSON *cvt_getatt(struct cvt *c, const char *id, const char *attr)
{
	cJSON *o = cvt_obj(c), *a = cvt_arr(c);

	cvt_push(c, a, cvt_str(c, id));
	cvt_push(c, a, cvt_str(c, attr));
	cvt_set(c, o, "Fn::GetAtt", a);
	return o;
}

void cvt_set(struct cvt *c, cJSON *obj, const char *key, cJSON *val)
{
	if (!obj || !val || !cJSON_AddItemToObjectCS(obj, key, val))
		c->failed = true;
}

void cvt_sets(struct cvt *c, cJSON *obj, const char *key, const char *s)
{
	cvt_set(c, obj, key, cvt_str(c, s));
}

void cvt_push(struct cvt *c, cJSON *arr, cJSON *val)
{
	if (!arr || !val || !cJSON_AddItemToArray(arr, val))
		c->failed = true;
}

cJSON *cvt_list(struct cvt *c, cJSON **list)
{
	if (!*list)
		*list = cvt_arr(c);
	return *list;
}

void cvt_take(struct cvt *c, cJSON *obj, const char *key, cJSON **list)
{
	cJSON *l = *list;

	*list = NULL;
	if (l && l->child && obj)
		cvt_set(c, obj, key, l);
}

cJSON *cvt_from_node(struct cvt *c, const struct ecs_node *n)
{
	cJSON *v;

	n = ecs_node_deref(n);
	if (!n || ecs_node_is_null(n))
		return cvt_null(c);
	switch (n->kind) {
	case ECS_NODE_MAPPING:
		v = cvt_obj(c);
		for (uint32_t i = 0; i < n->map.n && v; i++) {
			const char *k = ecs_node_text(n->map.pairs[i].key);
			/* A later duplicate key wins, as it does in Compose. */
			if (!k)
				continue;
			cJSON_DetachItemFromObjectCaseSensitive(v, k);
			cvt_set(c, v, k, cvt_from_node(c, n->map.pairs[i].value));
		}
		return v;
	case ECS_NODE_SEQUENCE:
		v = cvt_arr(c);
		for (uint32_t i = 0; i < n->seq.n && v; i++)
			cvt_push(c, v, cvt_from_node(c, n->seq.items[i]));
		return v;
	default:
		return cvt_str(c, n->scalar.text);
	}
}

cJSON *cvt_tag_list(struct cvt *c, const char *const *kv, size_t n_pairs)
{
	cJSON *l = cvt_arr(c);

	for (size_t i = 0; i < n_pairs; i++) {
		cJSON *t = cvt_obj(c);
		cvt_sets(c, t, "Key", kv[2 * i]);
		cvt_sets(c, t, "Value", kv[2 * i + 1]);
		cvt_push(c, l, t);
	}
	return l;
}

cJSON *cvt_project_tags(struct cvt *c)
{
	const char *kv[] = { "com.docker.compose.project", c->p->name };

	return cvt_tag_list(c, kv, 1);
}

cJSON *cvt_service_tags(struct cvt *c, const char *svc)
{
	const char *kv[] = { "com.docker.compose.project", c->p->name, "com.docker.compose.service", svc };

	return cvt_tag_list(c, kv, 2);
}

cJSON *cvt_vpc(struct cvt *c)
{
	return cvt_ref(c, CVT_PARAM_VPC);
}

cJSON *cvt_subnets(struct cvt *c)
{
	return cvt_ref(c, CVT_PARAM_SUBNETS);
}

cJSON *cvt_cluster_arn(struct cvt *c)
{
	if (cvt_external_cluster(c))
		return cvt_str(c, c->p->x_aws_cluster.v);
	return cvt_getatt(c, "Cluster", "Arn");
}

cJSON *cvt_cluster_id(struct cvt *c)
{
	if (cvt_external_cluster(c)) {
		/* arn:aws:ecs:region:account:cluster/NAME -> NAME */
		const char *v = c->p->x_aws_cluster.v, *slash = strrchr(v, '/');
		return cvt_str(c, strncmp(v, "arn:", 4) == 0 && slash ? slash + 1 : v);
	}
	return cvt_ref(c, "Cluster");
}

cJSON *cvt_resource(struct cvt *c, const char *id, const char *type, const char *owner_kind,
		    const char *owner, const struct ecs_span *owner_span)
{
	cJSON *res, *props;

	if (c->failed || !id)
		return NULL;
	int claim = cvt_id_claim(c, id, owner_kind, owner, owner_span);
	if (claim == -2)
		c->failed = true;
	if (claim != 1)
		return NULL;
	res = cvt_obj(c);
	props = cvt_obj(c);
	cvt_sets(c, res, "Type", type);
	cvt_set(c, res, "Properties", props);
	cvt_set(c, c->resources, id, res);
	if (c->failed)
		return NULL;
	*cvt_id_data(c->ids, id) = res;
	return props;
}

cJSON *cvt_resource_get(struct cvt *c, const char *id)
{
	void **data = cvt_id_data(c->ids, id);

	return data ? *data : NULL;
}

void cvt_depends_on(struct cvt *c, cJSON *resource, const char *id)
{
	cJSON *d, *it;

	if (!resource)
		return;
	d = cJSON_GetObjectItemCaseSensitive(resource, "DependsOn");
	if (!d) {
		d = cvt_arr(c);
		cvt_set(c, resource, "DependsOn", d);
		if (c->failed)
			return;
	}
	cJSON_ArrayForEach(it, d)
		if (cJSON_IsString(it) && strcmp(it->valuestring, id) == 0)
			return;
	cvt_push(c, d, cvt_str(c, id));
}

static struct ecs_diag *cvt_vreport(struct cvt *c, const struct ecs_rule *rule, const struct ecs_span *span,
				    const char *path, const char *help, const char *fmt, va_list ap)
	__attribute__((format(printf, 6, 0)));

static struct ecs_diag *cvt_vreport(struct cvt *c, const struct ecs_rule *rule, const struct ecs_span *span,
				    const char *path, const char *help, const char *fmt, va_list ap)
{
	struct ecs_diag *d = ecs_diag_vadd(&c->run->diags, rule, span, path, fmt, ap);

	if (d && help)
		ecs_diag_help(&c->run->diags, d, "%s", help);
	return d;
}

struct ecs_diag *cvt_error(struct cvt *c, const struct ecs_span *span, const char *path, const char *help,
			  const char *fmt, ...)
{
	va_list ap;
	struct ecs_diag *d;

	va_start(ap, fmt);
	d = cvt_vreport(c, &ECS310_rule, span, path, help, fmt, ap);
	va_end(ap);
	return d;
}

struct ecs_diag *cvt_report(struct cvt *c, const struct ecs_rule *rule, const struct ecs_span *span, const char *path,
			   const char *help, const char *fmt, ...)
{
	va_list ap;
	struct ecs_diag *d;

	va_start(ap, fmt);
	d = cvt_vreport(c, rule, span, path, help, fmt, ap);
	va_end(ap);
	return d;
}
