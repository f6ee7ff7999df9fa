/*
 * model_json.c - the model as `docker compose config` shows it: name,
 * services, networks, volumes, secrets, configs, then the top-level x-*
 * extensions; every map of names sorted.  Services are in
 * model_json_service.c, values in model_json_value.c.
 */
#include "model_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_json_internal.h"

static void add_external(struct mj *o, cJSON *e, const struct ecs_mbool *ext)
{
	if (ext->present && ext->valid && ext->v)
		mj_put(o, e, "external", cJSON_CreateTrue());
}

static cJSON *network_json(struct mj *o, const struct ecs_network *n)
{
	cJSON *e = cJSON_CreateObject();

	if (!e)
		return NULL;
	mj_put(o, e, "name", cJSON_CreateString(n->external_name.present ? n->external_name.v : n->effective_name));
	mj_str(o, e, "driver", &n->driver);
	mj_kvs(o, e, "driver_opts", &n->driver_opts, "");
	if (n->ipam)
		mj_put(o, e, "ipam", mj_raw(o, n->ipam, 0));
	add_external(o, e, &n->external);
	mj_bool(o, e, "internal", &n->internal);
	mj_bool(o, e, "attachable", &n->attachable);
	mj_kvs(o, e, "labels", &n->labels, "");
	mj_bool(o, e, "enable_ipv4", &n->enable_ipv4);
	mj_bool(o, e, "enable_ipv6", &n->enable_ipv6);
	mj_extensions(o, e, n->extensions, n->n_extensions);
	return e;
}

static cJSON *volume_json(struct mj *o, const struct ecs_volume *v)
{
	cJSON *e = cJSON_CreateObject();

	if (!e)
		return NULL;
	mj_put(o, e, "name", cJSON_CreateString(v->external_name.present ? v->external_name.v : v->effective_name));
	mj_str(o, e, "driver", &v->driver);
	mj_kvs(o, e, "driver_opts", &v->driver_opts, "");
	add_external(o, e, &v->external);
	mj_kvs(o, e, "labels", &v->labels, "");
	mj_extensions(o, e, v->extensions, v->n_extensions);
	return e;
}

static cJSON *object_json(struct mj *o, const struct ecs_file_object *f)
{
	cJSON *e = cJSON_CreateObject();

	if (!e)
		return NULL;
	mj_put(o, e, "name", cJSON_CreateString(f->external_name.present ? f->external_name.v : f->effective_name));
	if (f->resolved_file)
		mj_put(o, e, "file", cJSON_CreateString(f->resolved_file));
	mj_str(o, e, "environment", &f->environment);
	mj_str(o, e, "content", &f->content);
	add_external(o, e, &f->external);
	mj_kvs(o, e, "labels", &f->labels, "");
	mj_str(o, e, "driver", &f->driver);
	mj_kvs(o, e, "driver_opts", &f->driver_opts, "");
	mj_str(o, e, "template_driver", &f->template_driver);
	mj_extensions(o, e, f->extensions, f->n_extensions);
	return e;
}

cJSON *ecs_model_to_json(const struct ecs_project *p)
{
	struct mj o = { false };
	cJSON *root = cJSON_CreateObject(), *map;

	if (!root)
		return NULL;
	if (p->name && *p->name)
		mj_put(&o, root, "name", cJSON_CreateString(p->name));
	map = mj_put(&o, root, "services", cJSON_CreateObject());
	for (uint32_t i = 0; map && i < p->n_services; i++) {
		const struct ecs_service *s = p->services_sorted[i];
		mj_put(&o, map, s->name, mj_service(&o, s));
	}
	if (p->n_networks) {
		map = mj_put(&o, root, "networks", cJSON_CreateObject());
		for (uint32_t i = 0; map && i < p->n_networks; i++) {
			mj_put(&o, map, p->networks_sorted[i]->key, network_json(&o, p->networks_sorted[i]));
		}
	}
	if (p->n_volumes) {
		map = mj_put(&o, root, "volumes", cJSON_CreateObject());
		for (uint32_t i = 0; map && i < p->n_volumes; i++) {
			mj_put(&o, map, p->volumes_sorted[i]->key, volume_json(&o, p->volumes_sorted[i]));
		}
	}
	if (p->n_secrets) {
		map = mj_put(&o, root, "secrets", cJSON_CreateObject());
		for (uint32_t i = 0; map && i < p->n_secrets; i++) {
			mj_put(&o, map, p->secrets_sorted[i]->key, object_json(&o, p->secrets_sorted[i]));
		}
	}
	if (p->n_configs) {
		map = mj_put(&o, root, "configs", cJSON_CreateObject());
		for (uint32_t i = 0; map && i < p->n_configs; i++) {
			mj_put(&o, map, p->configs_sorted[i]->key, object_json(&o, p->configs_sorted[i]));
		}
	}
	mj_extensions(&o, root, p->extensions, p->n_extensions);
	if (o.failed) {
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}
