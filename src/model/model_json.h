/*
 * model_json.h - the model as the JSON tree `docker compose config` prints:
 * normalised (long syntax everywhere, defaults filled in), names sorted,
 * attribute order as Compose prints it.  `ecslint config` renders it as
 * JSON (cJSON) or YAML (libfyaml's emitter); other tools may reuse it.
 */
#ifndef ECS_MODEL_JSON_H
#define ECS_MODEL_JSON_H

#include <cjson/cJSON.h>

#include "model.h"

/*
 * Returns a new cJSON tree (free with cJSON_Delete), or NULL when out of
 * memory.  Integers are cJSON raw numbers so 64-bit values stay exact.
 */
cJSON *ecs_model_to_json(const struct ecs_project *p);

/* Go's time.Duration.String() of ns ("1m30s", "500ms", "0s") into buf. */
const char *ecs_duration_format(int64_t ns, char *buf, size_t len);

#endif
