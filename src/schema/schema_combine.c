/*
 * schema_combine.c - joins the embedded Compose schema and the x-aws-*
 * extension schema into the one document that ecslint validates with and
 * that `ecslint schema` prints.
 *
 * Each extension becomes a property of the levels x-ecslint-placement names.
 * Then every object that accepts `^x-` extension keys also gets a pattern
 * property rejecting the x-aws-* keys it does not know, so a typo such as
 * x-aws-autoscalling fails validation instead of being silently ignored
 * (the ECS integration ignores it too).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/embed.h"
#include "schema_internal.h"

#define XAWS_PREFIX "x-aws-"

static cJSON *parse_embedded(const char *name, struct ecs_buf *err)
{
	const struct ecs_embedded *e = ecs_embedded_find(name);
	const char *end = NULL;
	cJSON *doc;

	if (!e) {
		ecs_buf_addf(err, "schema %s is not embedded in this build", name);
		return NULL;
	}
	doc = cJSON_ParseWithOpts((const char *)e->data, &end, 1);
	if (!doc)
		ecs_buf_addf(err, "embedded %s does not parse as JSON near byte %ld", name,
			     end ? (long)(end - (const char *)e->data) : 0L);
	return doc;
}

const cJSON *sch_pointer_get(const cJSON *doc, const char *ref)
{
	char part[256];
	const char *p;

	if (ref[0] != '#')
		return NULL;
	p = ref + 1;
	while (*p == '/') {
		size_t n = 0;

		p++;
		while (*p && *p != '/' && n + 1 < sizeof(part)) {
			if (p[0] == '~' && p[1] == '0')
				part[n++] = '~', p += 2;
			else if (p[0] == '~' && p[1] == '1')
				part[n++] = '/', p += 2;
			else
				part[n++] = *p++;
		}
		part[n] = '\0';
		if (*p && *p != '/')
			return NULL;
		if (cJSON_IsArray(doc)) {
			char *end;
			long i = strtol(part, &end, 10);
			if (*end || i < 0)
				return NULL;
			doc = cJSON_GetArrayItem(doc, (int)i);
		} else {
			doc = cJSON_GetObjectItemCaseSensitive(doc, part);
		}
		if (!doc)
			return NULL;
	}
	return *p ? NULL : doc;
}

static int place_extensions(cJSON *compose, const cJSON *placement, struct ecs_buf *err)
{
	const cJSON *entry;

	cJSON_ArrayForEach(entry, placement) {
		const cJSON *at = cJSON_GetObjectItemCaseSensitive(entry, "at");
		const cJSON *names = cJSON_GetObjectItemCaseSensitive(entry, "extensions");
		const cJSON *name;
		cJSON *target, *props;

		if (!cJSON_IsString(at) || !cJSON_IsArray(names)) {
			ecs_buf_adds(err, "x-aws.schema.json: a placement lacks 'at' or 'extensions'");
			return -1;
		}
		target = (cJSON *)sch_pointer_get(compose, at->valuestring);
		if (!cJSON_IsObject(target)) {
			ecs_buf_addf(err, "x-aws.schema.json: placement %s names no schema object", at->valuestring);
			return -1;
		}
		props = cJSON_GetObjectItemCaseSensitive(target, "properties");
		if (!props && !(props = cJSON_AddObjectToObject(target, "properties")))
			goto nomem;
		cJSON_ArrayForEach(name, names) {
			char ref[128];
			cJSON *prop;

			if (!cJSON_IsString(name) || strlen(name->valuestring) > 100) {
				ecs_buf_adds(err, "x-aws.schema.json: extension names must be strings");
				return -1;
			}
			snprintf(ref, sizeof(ref), "#/definitions/%s", name->valuestring);
			if (!sch_pointer_get(compose, ref)) {
				ecs_buf_addf(err, "x-aws.schema.json: %s has no definition", name->valuestring);
				return -1;
			}
			if (cJSON_GetObjectItemCaseSensitive(props, name->valuestring))
				continue;
			prop = cJSON_AddObjectToObject(props, name->valuestring);
			if (!prop || !cJSON_AddStringToObject(prop, "$ref", ref))
				goto nomem;
		}
	}
	return 0;
nomem:
	ecs_buf_adds(err, "out of memory");
	return -1;
}

/* Adds the pattern property rejecting unknown x-aws-* keys where `^x-` is accepted. */
static int guard_extensions(cJSON *node, struct ecs_buf *err)
{
	cJSON *child, *pp = cJSON_IsObject(node) ? cJSON_GetObjectItemCaseSensitive(node, "patternProperties") : NULL;

	if (cJSON_IsObject(pp) && cJSON_GetObjectItemCaseSensitive(pp, "^x-")) {
		struct ecs_buf pat = ECS_BUF_INIT;
		const cJSON *props = cJSON_GetObjectItemCaseSensitive(node, "properties"), *p;
		size_t known = 0;

		ecs_buf_adds(&pat, "^" XAWS_PREFIX);
		cJSON_ArrayForEach(p, props) {
			if (strncmp(p->string, XAWS_PREFIX, strlen(XAWS_PREFIX)) != 0)
				continue;
			ecs_buf_adds(&pat, known++ ? "|" : "(?!(?:");
			ecs_buf_adds(&pat, p->string + strlen(XAWS_PREFIX));
		}
		if (known)
			ecs_buf_adds(&pat, ")$)");
		if (pat.failed || !cJSON_AddFalseToObject(pp, pat.data)) {
			ecs_buf_release(&pat);
			ecs_buf_adds(err, "out of memory");
			return -1;
		}
		ecs_buf_release(&pat);
	}
	for (child = node ? node->child : NULL; child; child = child->next)
		if ((cJSON_IsObject(child) || cJSON_IsArray(child)) && child != pp &&
		    guard_extensions(child, err) < 0)
			return -1;
	return 0;
}

cJSON *ecs_schema_combine(struct ecs_buf *err)
{
	cJSON *compose = parse_embedded("compose.schema.json", err), *xaws = NULL;
	cJSON *defs, *xdefs, *d, *placement;

	if (!compose)
		return NULL;
	xaws = parse_embedded("x-aws.schema.json", err);
	if (!xaws)
		goto fail;
	defs = cJSON_GetObjectItemCaseSensitive(compose, "definitions");
	xdefs = cJSON_GetObjectItemCaseSensitive(xaws, "definitions");
	placement = cJSON_GetObjectItemCaseSensitive(xaws, "x-ecslint-placement");
	if (!cJSON_IsObject(defs) || !cJSON_IsObject(xdefs) || !cJSON_IsArray(placement)) {
		ecs_buf_adds(err, "embedded schemas lack 'definitions' or 'x-ecslint-placement'");
		goto fail;
	}
	for (d = xdefs->child; d; d = d->next) {
		cJSON *copy = cJSON_Duplicate(d, 1);
		if (!copy || !cJSON_AddItemToObject(defs, d->string, copy)) {
			cJSON_Delete(copy);
			ecs_buf_adds(err, "out of memory");
			goto fail;
		}
	}
	if (place_extensions(compose, placement, err) < 0 || guard_extensions(compose, err) < 0)
		goto fail;
	/* The placement table travels along: the validator names the right level in its help. */
	cJSON_DetachItemViaPointer(xaws, placement);
	if (!cJSON_AddItemToObject(compose, "x-ecslint-placement", placement)) {
		cJSON_Delete(placement);
		ecs_buf_adds(err, "out of memory");
		goto fail;
	}
	cJSON_Delete(xaws);
	return compose;
fail:
	cJSON_Delete(xaws);
	cJSON_Delete(compose);
	return NULL;
}

int ecs_schema_print(struct ecs_buf *out, struct ecs_buf *err)
{
	cJSON *doc = ecs_schema_combine(err);
	char *text;

	if (!doc)
		return -1;
	text = cJSON_Print(doc);
	cJSON_Delete(doc);
	if (!text) {
		ecs_buf_adds(err, "out of memory");
		return -1;
	}
	ecs_buf_adds(out, text);
	ecs_buf_addc(out, '\n');
	cJSON_free(text);
	return out->failed ? -1 : 0;
}
