/*
 * rules.h - declares every rule of rules.def as ECSnnn_rule, so code that
 * reports a rule names it directly (&ECS002_rule) and a typo fails to link.
 */
#ifndef ECS_RULES_H
#define ECS_RULES_H

#include "../src/core/rule.h"

#define RULE(id, stem) extern const struct ecs_rule id##_rule;
#define RETIRED(id)
#include "rules.def"
#undef RULE
#undef RETIRED

/* Where the documentation pages are published (rule pages, the man page). */
#define ECS_RULE_DOCS_BASE "https://github.com/ecslint/ecslint/blob/main/checks/"

/* The file stem of rule's page and source ("ecs002_duplicate_key"), or NULL. */
const char *ecs_rule_stem(const struct ecs_rule *rule);
/* The public URL of that page, written into buf; returns buf, or NULL if unknown. */
const char *ecs_rule_doc_url(const struct ecs_rule *rule, char *buf, size_t len);

#endif
