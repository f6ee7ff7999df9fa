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
	ECS_TAG_TOOL = 1u << 6,		/* 9xx: ecslint's own directives and configuration */
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
struct ecs_port;
struct ecs_mount;
struct ecs_network;
struct ecs_volume;
struct ecs_file_object;
struct ecs_template_view;

enum ecs_option_type {
	ECS_OPT_BOOL,
	ECS_OPT_INT,
	ECS_OPT_STRING,
	ECS_OPT_STRING_LIST,
	ECS_OPT_INT_LIST,
};

/* One typed rule option, set in the configuration file under rules.<ID>.options. */
struct ecs_rule_option {
	const char *name;	/* kebab-case */
	enum ecs_option_type type;
	const char *summary;	/* one line, with the default */
};

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
	/*
	 * Findings about ecslint's own inputs (an unreadable configuration) that
	 * neither --ignore, configuration nor comments may hide.  Rules tagged
	 * ECS_TAG_INPUT are mandatory too.
	 */
	int mandatory;
	/* NULL or an array ended by an entry whose name is NULL. */
	const struct ecs_rule_option *options;
	/* Bytes of per-run state the engine zero-allocates for the rule. */
	size_t state_size;

	/* Hooks: NULL means "not interested".  The engine's walk is in src/engine/engine.c. */
	void (*on_project)(struct ecs_check *ck, const struct ecs_project *p);
	void (*on_service)(struct ecs_check *ck, const struct ecs_service *s);
	void (*on_port)(struct ecs_check *ck, const struct ecs_service *s, const struct ecs_port *port);
	void (*on_mount)(struct ecs_check *ck, const struct ecs_service *s, const struct ecs_mount *m);
	void (*on_network)(struct ecs_check *ck, const struct ecs_network *n);
	void (*on_volume)(struct ecs_check *ck, const struct ecs_volume *v);
	void (*on_secret)(struct ecs_check *ck, const struct ecs_file_object *secret);
	/* After the emitter: the template as a view mapped back to Compose spans. */
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
/* Position of rule in ecs_rules[] (rules index per-rule tables by it). */
size_t ecs_rule_index(const struct ecs_rule *rule);
/* Input and mandatory rules: never disabled, never suppressed. */
int ecs_rule_is_mandatory(const struct ecs_rule *rule);
/* The rule's embedded documentation page (checks/<stem>.md), or NULL. */
const char *ecs_rule_doc(const struct ecs_rule *rule, size_t *len);

#endif
