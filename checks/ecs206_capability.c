/*
 * ecs206_capability.c - cap_add with a capability other than SYS_PTRACE.
 * Fargate adds only SYS_PTRACE, and the integration refuses the rest
 * ("ECS doesn't allow to add capability <cap>").
 */
#include <string.h>

#include "../src/core/run.h"
#include "../src/yaml/node_edit.h"
#include "check.h"

/* A YAML number where a capability name belongs is the schema's type error (ECS102). */
static bool is_number(const struct ecs_mstr *c)
{
	if (!c->node || c->node->style != ECS_STYLE_PLAIN || !*c->v)
		return false;
	for (const char *p = c->v; *p; p++)
		if ((*p < '0' || *p > '9') && *p != '.' && *p != '-')
			return false;
	return true;
}

/* Numbers are left to the schema; Fargate adds only SYS_PTRACE. */
static bool refused(const struct ecs_mstr *c)
{
	return c->present && !is_number(c) && strcmp(c->v, "SYS_PTRACE") != 0 && strcmp(c->v, "CAP_SYS_PTRACE") != 0;
}

/*
 * The unsafe fix: drop the item, or the whole cap_add when Fargate refuses
 * every item (an empty block list would be null, which Compose rejects).
 * Only when the list is written in this service itself: editing an anchor
 * would change every service that uses it.
 */
static void offer_removal(struct ecs_check *ck, const struct ecs_service *s, const struct ecs_mstr *c,
			  bool all_refused, struct ecs_diag *d)
{
	const struct ecs_pair *svc = s->pair;
	const struct ecs_pair *pair = ecs_node_map_pair(s->node, "cap_add");
	const struct ecs_node *seq = pair ? pair->value : NULL;
	const struct ecs_source *src = ecs_files_get(&ck->run->files, c->span.file);
	uint32_t start, end, item = UINT32_MAX;
	bool ok;

	if (!d || !src || !svc || svc->from_merge || svc->value->kind == ECS_NODE_ALIAS || !pair ||
	    pair->from_merge || !seq || seq->kind != ECS_NODE_SEQUENCE)
		return;
	for (uint32_t j = 0; j < seq->seq.n && item == UINT32_MAX; j++)
		if (seq->seq.items[j] == c->node)
			item = j;
	if (all_refused)
		ok = ecs_edit_pair_removal(src, s->node, pair->key, &start, &end);
	else
		ok = item != UINT32_MAX && ecs_edit_item_removal(src, seq, item, &start, &end);
	if (!ok)
		return;
	ecs_diag_fix(&ck->run->diags, d, ECS_FIX_UNSAFE,
		     all_refused ? "remove cap_add (Fargate refuses all of it)"
				 : ecs_check_printf(ck, "remove '%s' from cap_add", c->v),
		     src->index, start, end, "");
}

static void check_service(struct ecs_check *ck, const struct ecs_service *s)
{
	bool all_refused = s->cap_add.n > 0;

	for (uint32_t i = 0; i < s->cap_add.n; i++)
		if (!refused(&s->cap_add.v[i]))
			all_refused = false;
	for (uint32_t i = 0; i < s->cap_add.n; i++) {
		const struct ecs_mstr *c = &s->cap_add.v[i];
		struct ecs_diag *d;

		if (!refused(c))
			continue;
		d = ecs_check_report(ck, &c->span, ecs_check_printf(ck, "/services/%s/cap_add/%u", s->name, i),
				     "capability '%s' cannot be added on Fargate", c->v);
		ecs_check_help(ck, d, "Fargate lets tasks add only SYS_PTRACE: remove '%s'", c->v);
		offer_removal(ck, s, c, all_refused, d);
	}
}

const struct ecs_rule ECS206_rule = {
	.id = "ECS206",
	.name = "capability",
	.summary = "cap_add other than SYS_PTRACE (not allowed on Fargate)",
	.source_url = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_linuxparameters",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_FARGATE,
	.fix = ECS_FIX_UNSAFE,
	.on_service = check_service,
};
