/*
 * duplicate_fix.c - deciding whether a repeated key can simply go, and the
 * edit that removes it while every other byte stays as written.
 */
#include "duplicate_fix.h"

#include "node_edit.h"

#include <stdio.h>
#include <string.h>

/* Nodes compared or walked before giving up (alias bombs share nodes). */
#define WALK_BUDGET 100000

static bool same_tag(const struct ecs_node *a, const struct ecs_node *b)
{
	if (!a->tag || !b->tag)
		return a->tag == b->tag;
	return strcmp(a->tag, b->tag) == 0;
}

static bool equal_in(const struct ecs_node *a, const struct ecs_node *b, size_t *budget)
{
	a = ecs_node_deref(a);
	b = ecs_node_deref(b);
	if (a == b)
		return a != NULL;
	if (!a || !b || *budget == 0)
		return false;
	(*budget)--;
	if (ecs_node_is_null(a) && ecs_node_is_null(b))
		return true;
	if (a->kind != b->kind || !same_tag(a, b))
		return false;
	switch (a->kind) {
	case ECS_NODE_SCALAR:
		/* A plain 1 is a number and a quoted "1" a string: plainness is part of the value. */
		return (a->style == ECS_STYLE_PLAIN) == (b->style == ECS_STYLE_PLAIN) &&
		       a->scalar.len == b->scalar.len && memcmp(a->scalar.text, b->scalar.text, a->scalar.len) == 0;
	case ECS_NODE_SEQUENCE:
		if (a->seq.n != b->seq.n)
			return false;
		for (uint32_t i = 0; i < a->seq.n; i++)
			if (!equal_in(a->seq.items[i], b->seq.items[i], budget))
				return false;
		return true;
	case ECS_NODE_MAPPING:
		if (a->map.n != b->map.n)
			return false;
		/* Keys are unique within each, so matching every pair of a in b is a bijection. */
		for (uint32_t i = 0; i < a->map.n; i++) {
			bool found = false;
			for (uint32_t j = 0; j < b->map.n && !found; j++)
				found = equal_in(a->map.pairs[i].key, b->map.pairs[j].key, budget) &&
					equal_in(a->map.pairs[i].value, b->map.pairs[j].value, budget);
			if (!found)
				return false;
		}
		return true;
	default:
		return false;
	}
}

bool ecs_yaml_values_equal(const struct ecs_node *a, const struct ecs_node *b)
{
	size_t budget = WALK_BUDGET;

	return equal_in(a, b, &budget);
}

/* Does the subtree as written (aliases not followed) define an anchor?  True when unsure. */
static bool defines_anchor(const struct ecs_node *n, size_t *budget)
{
	if (!n || n->kind == ECS_NODE_ALIAS)
		return false;
	if (n->anchor || *budget == 0)
		return true;
	(*budget)--;
	if (n->kind == ECS_NODE_SEQUENCE) {
		for (uint32_t i = 0; i < n->seq.n; i++)
			if (defines_anchor(n->seq.items[i], budget))
				return true;
	} else if (n->kind == ECS_NODE_MAPPING) {
		for (uint32_t i = 0; i < n->map.n; i++)
			if (defines_anchor(n->map.pairs[i].key, budget) ||
			    defines_anchor(n->map.pairs[i].value, budget))
				return true;
	}
	return false;
}

void ecs_yaml_duplicate_fix(struct ecs_yaml_builder *b, const struct ecs_node *map,
			    struct ecs_node *const *kids, size_t i, const struct ecs_pair *first,
			    struct ecs_diag *dg)
{
	const struct ecs_node *key = kids[2 * i], *value = kids[2 * i + 1];
	const struct ecs_source *src = b->src;
	size_t budget = WALK_BUDGET;
	uint32_t start = 0, end = 0;
	const char *name = ecs_node_deref(key)->scalar.text;

	if (!ecs_yaml_values_equal(value, first->value)) {
		ecs_diag_help(b->diags, dg, "YAML forbids repeated keys; readers disagree on which value wins. "
			      "The values differ, so there is no automatic fix: keep the one you mean");
		return;
	}
	if (defines_anchor(key, &budget) || defines_anchor(value, &budget)) {
		ecs_diag_help(b->diags, dg, "YAML forbids repeated keys; both values are equal, but this entry "
			      "defines an anchor: delete the other one, or move the anchor, by hand");
		return;
	}
	/* The repeat is never the first entry: the first occurrence comes before it. */
	if (i == 0 || !ecs_edit_entry_removal(src, map, key, value, kids[2 * i - 1], &start, &end)) {
		ecs_diag_help(b->diags, dg, "YAML forbids repeated keys; both values are equal: delete this entry");
		return;
	}
	ecs_diag_help(b->diags, dg, "YAML forbids repeated keys; both values are equal, so this entry can go "
		      "(ecslint check --fix removes it)");
	char title[160];
	snprintf(title, sizeof(title), "remove the repeated '%.100s' entry", name);
	ecs_diag_fix(b->diags, dg, ECS_FIX_SAFE, title, src->index, start, end, "");
}
