/*
 * duplicate_fix.c - deciding whether a repeated key can simply go, and the
 * edit that removes it while every other byte stays as written.
 */
#include "duplicate_fix.h"

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

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool is_break(char c)
{
	return c == '\n' || c == '\r';
}

/* Past a line break at p (\n, \r\n or \r), or p at the end. */
static size_t after_break(const struct ecs_source *src, size_t p)
{
	if (p < src->len && src->data[p] == '\r') {
		p++;
		if (p < src->len && src->data[p] == '\n')
			p++;
	} else if (p < src->len && src->data[p] == '\n') {
		p++;
	}
	return p;
}

static size_t skip_blanks(const struct ecs_source *src, size_t p)
{
	while (p < src->len && is_blank(src->data[p]))
		p++;
	return p;
}

static size_t line_start_of(const struct ecs_source *src, uint32_t line)
{
	return line >= 1 && line <= src->n_lines ? src->line_starts[line - 1] : 0;
}

static bool only_blanks(const struct ecs_source *src, size_t from, size_t to)
{
	for (size_t p = from; p < to; p++)
		if (!is_blank(src->data[p]))
			return false;
	return true;
}

/*
 * Where the entry's text ends.  An empty value (`key:`) has a zero-width
 * span at the key, so the colon after the key is the end.
 */
static size_t entry_end(const struct ecs_source *src, const struct ecs_node *key, const struct ecs_node *value)
{
	size_t p;

	if (value->span.end.byte > value->span.start.byte || value->kind != ECS_NODE_SCALAR)
		return value->span.end.byte;
	p = skip_blanks(src, key->span.end.byte);
	return p < src->len && src->data[p] == ':' ? p + 1 : key->span.end.byte;
}

/* [*start, *end) covering the block entry's whole lines, or false. */
static bool block_entry_range(const struct ecs_source *src, const struct ecs_node *key,
			      const struct ecs_node *value, size_t *start, size_t *end)
{
	size_t ls = line_start_of(src, key->span.start.line);
	size_t e = entry_end(src, key, value);

	if (!only_blanks(src, ls, key->span.start.byte))
		return false;
	if (value->kind == ECS_NODE_SCALAR &&
	    (value->style == ECS_STYLE_LITERAL || value->style == ECS_STYLE_FOLDED)) {
		/* A block scalar ends at the next line's first token: keep that line's indentation. */
		size_t vls = line_start_of(src, value->span.end.line);
		if (e < src->len && !only_blanks(src, vls, e))
			return false;
		*start = ls;
		*end = e < src->len ? vls : e;
		return *end > ls;
	}
	e = skip_blanks(src, e);
	if (e < src->len && src->data[e] == '#')
		while (e < src->len && !is_break(src->data[e]))
			e++;
	if (e < src->len && !is_break(src->data[e]))
		return false;
	*start = ls;
	*end = after_break(src, e);
	return true;
}

/* The flow entry plus one separating comma, or false. */
static bool flow_entry_range(const struct ecs_source *src, const struct ecs_node *key,
			     const struct ecs_node *value, const struct ecs_node *prev_value,
			     size_t *start, size_t *end)
{
	size_t ks = key->span.start.byte, e = entry_end(src, key, value);
	size_t p = skip_blanks(src, e), commas = 0;

	if (p < src->len && src->data[p] == ',') {
		/* `a: 1, ` goes, up to whatever follows; alone on its line, the line goes. */
		size_t ls = line_start_of(src, key->span.start.line);
		*start = ks;
		*end = skip_blanks(src, p + 1);
		if (only_blanks(src, ls, ks) && (*end == src->len || is_break(src->data[*end]))) {
			*start = ls;
			*end = after_break(src, *end);
		}
		return true;
	}
	/* The last entry: the comma before it goes, if nothing but blanks surrounds it. */
	for (size_t q = prev_value->span.end.byte; q < ks; q++) {
		char c = src->data[q];
		if (c == ',')
			commas++;
		else if (!is_blank(c) && !is_break(c))
			return false;
	}
	if (commas != 1)
		return false;
	*start = prev_value->span.end.byte;
	*end = e;
	return true;
}

void ecs_yaml_duplicate_fix(struct ecs_yaml_builder *b, const struct ecs_node *map,
			    struct ecs_node *const *kids, size_t i, const struct ecs_pair *first,
			    struct ecs_diag *dg)
{
	const struct ecs_node *key = kids[2 * i], *value = kids[2 * i + 1];
	const struct ecs_source *src = b->src;
	size_t budget = WALK_BUDGET, start = 0, end = 0;
	const char *name = ecs_node_deref(key)->scalar.text;
	bool placed;

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
	if (map->style == ECS_STYLE_FLOW)
		placed = i > 0 && flow_entry_range(src, key, value, kids[2 * i - 1], &start, &end);
	else
		placed = block_entry_range(src, key, value, &start, &end);
	if (!placed) {
		ecs_diag_help(b->diags, dg, "YAML forbids repeated keys; both values are equal: delete this entry");
		return;
	}
	ecs_diag_help(b->diags, dg, "YAML forbids repeated keys; both values are equal, so this entry can go "
		      "(ecslint check --fix removes it)");
	char title[160];
	snprintf(title, sizeof(title), "remove the repeated '%.100s' entry", name);
	ecs_diag_fix(b->diags, dg, ECS_FIX_SAFE, title, src->index, (uint32_t)start, (uint32_t)end, "");
}
