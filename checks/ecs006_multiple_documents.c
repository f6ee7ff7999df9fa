/*
 * ecs006_multiple_documents.c - a Compose file holds more than one YAML document.
 * Reported by the YAML front end (src/yaml/, src/pipeline/); this file holds the metadata.
 */
#include "check.h"

const struct ecs_rule ECS006_rule = {
	.id = "ECS006",
	.name = "multiple-documents",
	.summary = "a Compose file holds more than one YAML document",
	.source_url = "https://docs.docker.com/reference/compose-file/",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_INPUT,
	.fix = ECS_FIX_NONE,
};
