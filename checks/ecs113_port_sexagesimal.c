/*
 * ecs113_port_sexagesimal.c - an unquoted port mapping shaped like HH:MM
 * ("22:22") that YAML 1.1 readers take as a base-60 integer.  Reported by
 * the model builder (src/model/build_ports.c) with a safe fix that quotes it.
 */
#include "check.h"

const struct ecs_rule ECS113_rule = {
	.id = "ECS113",
	.name = "port-sexagesimal",
	.summary = "an unquoted HH:MM-shaped port mapping is a base-60 number to YAML 1.1 readers",
	.source_url = "https://docs.docker.com/reference/compose-file/services/#ports",
	.since = "0.1.0",
	.severity = ECS_SEV_WARNING,
	.tags = ECS_TAG_COMPOSE,
	.fix = ECS_FIX_SAFE,
};
