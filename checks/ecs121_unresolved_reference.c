/*
 * ecs121_unresolved_reference.c - an extends or include names a file or service that does not exist, or is not written in one of its forms.
 * Reported by the project loader (src/compose/); this file holds the metadata.
 */
#include "check.h"

const struct ecs_rule ECS121_rule = {
	.id = "ECS121",
	.name = "unresolved-reference",
	.summary = "an extends or include names a file or service that does not exist, or is not written in one of its forms",
	.source_url = "https://docs.docker.com/reference/compose-file/include/",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_COMPOSE,
	.fix = ECS_FIX_NONE,
};
