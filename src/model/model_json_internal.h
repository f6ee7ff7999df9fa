/*
 * model_json_internal.h - the helpers model_json*.c share: adding model
 * values to cJSON objects with Compose's output conventions, and raw YAML
 * (extensions) as JSON.  Every helper records an allocation failure in
 * struct mj instead of returning it, so callers check once at the end.
 */
#ifndef ECS_MODEL_JSON_INTERNAL_H
#define ECS_MODEL_JSON_INTERNAL_H

#include "model_json.h"

struct mj {
	bool failed;
};

/* Adds item under key (or to an array when key is NULL); NULL on failure. */
cJSON *mj_put(struct mj *o, cJSON *parent, const char *key, cJSON *item);
/* An exact 64-bit integer (a cJSON raw number). */
cJSON *mj_integer(int64_t v);
/* Each adds key only when the value is present (and valid). */
void mj_str(struct mj *o, cJSON *obj, const char *key, const struct ecs_mstr *m);
void mj_bool(struct mj *o, cJSON *obj, const char *key, const struct ecs_mbool *m);
void mj_int(struct mj *o, cJSON *obj, const char *key, const struct ecs_mint *m);
/* Byte sizes as decimal strings, durations as Go prints them, cpus as float32: Compose's forms. */
void mj_bytes(struct mj *o, cJSON *obj, const char *key, const struct ecs_mint *m);
void mj_duration(struct mj *o, cJSON *obj, const char *key, const struct ecs_mint *m);
void mj_cpus(struct mj *o, cJSON *obj, const char *key, const struct ecs_mcpus *m);
void mj_list(struct mj *o, cJSON *obj, const char *key, const struct ecs_mstrs *m);
/* A list_or_dict as a sorted map; null_value: what a key without value becomes (NULL: JSON null). */
void mj_kvs(struct mj *o, cJSON *obj, const char *key, const struct ecs_kvs *m, const char *null_value);
/* A raw YAML value (scalars typed as YAML 1.2 core) as plain JSON. */
cJSON *mj_raw(struct mj *o, const struct ecs_node *n, unsigned depth);
/* Orders an object's members by key (Compose prints Go maps sorted); of a
 * key added twice the last one stays. */
void mj_sort_keys(struct mj *o, cJSON *obj);
void mj_extensions(struct mj *o, cJSON *obj, const struct ecs_pair *const *ext, uint32_t n);
/* One service, attributes in Compose's order. */
cJSON *mj_service(struct mj *o, const struct ecs_service *s);

#endif
