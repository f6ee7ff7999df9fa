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

#endif
