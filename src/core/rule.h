/*
 * rule.h - what every rule is: stable id, name, default severity, summary,
 * documentation, and the hooks the engine calls during its one walk.
 *
 * Rules are const tables registered by one line in checks/rules.def.
 */
#ifndef ECS_RULE_H
#define ECS_RULE_H

#include <stddef.h>

enum ecs_severity {
	ECS_SEV_INFO = 1,
	ECS_SEV_WARNING = 2,
	ECS_SEV_ERROR = 3,
};

/* Areas, from the hundreds digit of the id. */
enum ecs_rule_tag {
	ECS_TAG_INPUT = 1u << 0,
	ECS_TAG_COMPOSE = 1u << 1,
	ECS_TAG_FARGATE = 1u << 2,
	ECS_TAG_CFN = 1u << 3,
	ECS_TAG_SECURITY = 1u << 4,
	ECS_TAG_XAWS = 1u << 5,
};

enum ecs_fix_kind {
	ECS_FIX_NONE,
	ECS_FIX_HINT,
	ECS_FIX_SAFE,
	ECS_FIX_UNSAFE,
};

struct ecs_check;
struct ecs_project;
struct ecs_service;
struct ecs_template_view;

struct ecs_rule {
	const char *id;		/* "ECS201": stable, never reused */
	const char *name;	/* kebab-case: "fargate-size" */
	const char *summary;	/* one line */
	const char *source_url;	/* where the constraint is documented */
	const char *since;	/* version that introduced it */
	enum ecs_severity severity;
	unsigned tags;
	enum ecs_fix_kind fix;
	/* Opinionated rules are off unless selected or enabled by configuration. */
	int off_by_default;

	/* Hooks: NULL means "not interested". */
	void (*on_project)(struct ecs_check *ck, const struct ecs_project *p);
	void (*on_service)(struct ecs_check *ck, const struct ecs_service *s);
	void (*on_template)(struct ecs_check *ck, const struct ecs_template_view *t);
	void (*finish)(struct ecs_check *ck);
};

const char *ecs_severity_name(enum ecs_severity s);
/* Parses "error", "warning", "info" (and "note" as info); returns 0 if unknown. */
enum ecs_severity ecs_severity_parse(const char *s);

/* The registry: all rules sorted by id. */
extern const struct ecs_rule *const ecs_rules[];
extern const size_t ecs_rules_count;
const struct ecs_rule *ecs_rule_find(const char *id_or_name);

#endif
