/*
 * registry.c - expands rules.def into the sorted rule table and looks rules
 * up by id or by name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/core/embed.h"
#include "rules.h"

const struct ecs_rule *const ecs_rules[] = {
#define RULE(id, stem) &id##_rule,
#define RETIRED(id)
#include "rules.def"
#undef RULE
#undef RETIRED
};

const size_t ecs_rules_count = sizeof(ecs_rules) / sizeof(ecs_rules[0]);

/* The page names come from the same X-macro, so a rule and its page cannot drift apart. */
static const char *const rule_pages[] = {
#define RULE(id, stem) #stem ".md",
#define RETIRED(id)
#include "rules.def"
#undef RULE
#undef RETIRED
};

static int cmp_id(const void *key, const void *elem)
{
	const struct ecs_rule *const *r = elem;
	return strcmp(key, (*r)->id);
}

const struct ecs_rule *ecs_rule_find(const char *id_or_name)
{
	const struct ecs_rule *const *hit;

	hit = bsearch(id_or_name, ecs_rules, ecs_rules_count, sizeof(ecs_rules[0]), cmp_id);
	if (hit)
		return *hit;
	for (size_t i = 0; i < ecs_rules_count; i++)
		if (strcmp(ecs_rules[i]->name, id_or_name) == 0)
			return ecs_rules[i];
	return NULL;
}

size_t ecs_rule_index(const struct ecs_rule *rule)
{
	const struct ecs_rule *const *hit;

	hit = bsearch(rule->id, ecs_rules, ecs_rules_count, sizeof(ecs_rules[0]), cmp_id);
	return hit ? (size_t)(hit - ecs_rules) : ecs_rules_count;
}

int ecs_rule_is_mandatory(const struct ecs_rule *rule)
{
	return (rule->tags & ECS_TAG_INPUT) || rule->mandatory;
}

const char *ecs_rule_doc(const struct ecs_rule *rule, size_t *len)
{
	size_t i = ecs_rule_index(rule);
	const struct ecs_embedded *e;

	if (i == ecs_rules_count)
		return NULL;
	e = ecs_embedded_find(rule_pages[i]);
	if (!e)
		return NULL;
	if (len)
		*len = e->len;
	return (const char *)e->data;
}

/* Same order as ecs_rules[]: both expand rules.def. */
static const char *const rule_stems[] = {
#define RULE(id, stem) #stem,
#define RETIRED(id)
#include "rules.def"
#undef RULE
#undef RETIRED
};

const char *ecs_rule_stem(const struct ecs_rule *rule)
{
	size_t i = ecs_rule_index(rule);

	return i < ecs_rules_count && ecs_rules[i] == rule ? rule_stems[i] : NULL;
}

const char *ecs_rule_doc_url(const struct ecs_rule *rule, char *buf, size_t len)
{
	const char *stem = ecs_rule_stem(rule);

	if (!stem || (size_t)snprintf(buf, len, "%s%s.md", ECS_RULE_DOCS_BASE, stem) >= len)
		return NULL;
	return buf;
}

const char *ecs_severity_name(enum ecs_severity s)
{
	switch (s) {
	case ECS_SEV_ERROR: return "error";
	case ECS_SEV_WARNING: return "warning";
	case ECS_SEV_INFO: return "info";
	}
	return "unknown";
}

enum ecs_severity ecs_severity_parse(const char *s)
{
	if (strcmp(s, "error") == 0)
		return ECS_SEV_ERROR;
	if (strcmp(s, "warning") == 0)
		return ECS_SEV_WARNING;
	if (strcmp(s, "info") == 0 || strcmp(s, "note") == 0)
		return ECS_SEV_INFO;
	return (enum ecs_severity)0;
}
