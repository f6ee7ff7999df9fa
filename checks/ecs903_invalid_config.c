/*
 * ecs903_invalid_config.c - the .ecslint.yaml configuration is invalid.
 * Reported by the configuration loader (src/engine/config.c); this file
 * holds the metadata.  Mandatory: a broken configuration must never be able
 * to hide itself.
 */
#include "check.h"

const struct ecs_rule ECS903_rule = {
	.id = "ECS903",
	.name = "invalid-config",
	.summary = "the ecslint configuration file has an unknown key, rule or value",
	.source_url = "https://github.com/ecslint/ecslint/blob/main/checks/ecs903_invalid_config.md",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_TOOL,
	.fix = ECS_FIX_NONE,
	.mandatory = 1,
};
