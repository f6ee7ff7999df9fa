/*
 * node_edit.c - edit ranges over the source as written.
 */
#include "node_edit.h"

#include <string.h>

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool is_break(char c)
{
	return c == '\n' || c == '\r';
}

/* Past a line break at p (\n, \r\n or \r), or p itself at the end. */
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

	if (!key || value->span.end.byte > value->span.start.byte || value->kind != ECS_NODE_SCALAR)
		return value->span.end.byte;
	p = skip_blanks(src, key->span.end.byte);
	return p < src->len && src->data[p] == ':' ? p + 1 : key->span.end.byte;
}

/* The entry's first line holds only indentation (and "- " for an item) before it. */
static bool starts_its_line(const struct ecs_source *src, const struct ecs_node *first, bool item)
{
	size_t ls = line_start_of(src, first->span.start.line), p = skip_blanks(src, ls);

	if (item) {
		if (p >= first->span.start.byte || src->data[p] != '-')
			return false;
		p++;
		if (p >= first->span.start.byte || !is_blank(src->data[p]))
			return false;
	}
	return only_blanks(src, p, first->span.start.byte);
}

static bool block_range(const struct ecs_source *src, const struct ecs_node *key, const struct ecs_node *value,
			uint32_t *start, uint32_t *end)
{
	const struct ecs_node *first = key ? key : value;
	size_t ls = line_start_of(src, first->span.start.line);
	size_t e = entry_end(src, key, value);

	if (!starts_its_line(src, first, key == NULL))
		return false;
	if (value->kind == ECS_NODE_SCALAR &&
	    (value->style == ECS_STYLE_LITERAL || value->style == ECS_STYLE_FOLDED)) {
		/* A block scalar ends at the next line's first token: keep that line's indentation. */
		size_t vls = line_start_of(src, value->span.end.line);
		if (e < src->len && !only_blanks(src, vls, e))
			return false;
		*start = (uint32_t)ls;
		*end = (uint32_t)(e < src->len ? vls : e);
		return *end > ls;
	}
	e = skip_blanks(src, e);
	if (e < src->len && src->data[e] == '#')
		while (e < src->len && !is_break(src->data[e]))
			e++;
	if (e < src->len && !is_break(src->data[e]))
		return false;
	*start = (uint32_t)ls;
	*end = (uint32_t)after_break(src, e);
	return true;
}

static bool flow_range(const struct ecs_source *src, const struct ecs_node *key, const struct ecs_node *value,
		       const struct ecs_node *prev_value, uint32_t *start, uint32_t *end)
{
	const struct ecs_node *first = key ? key : value;
	size_t ks = first->span.start.byte, e = entry_end(src, key, value);
	size_t p = skip_blanks(src, e), commas = 0;

	if (p < src->len && src->data[p] == ',') {
		/* `a: 1, ` goes, up to whatever follows; alone on its line, the line goes. */
		size_t ls = line_start_of(src, first->span.start.line);
		size_t stop = skip_blanks(src, p + 1);
		if (only_blanks(src, ls, ks) && (stop == src->len || is_break(src->data[stop]))) {
			*start = (uint32_t)ls;
			*end = (uint32_t)after_break(src, stop);
		} else {
			*start = (uint32_t)ks;
			*end = (uint32_t)stop;
		}
		return true;
	}
	if (!prev_value) {
		/* The only entry: `[x]` becomes `[]`. */
		*start = (uint32_t)ks;
		*end = (uint32_t)e;
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
	*end = (uint32_t)e;
	return true;
}

bool ecs_edit_entry_removal(const struct ecs_source *src, const struct ecs_node *coll,
			    const struct ecs_node *key, const struct ecs_node *value,
			    const struct ecs_node *prev_value, uint32_t *start, uint32_t *end)
{
	if (!src || !coll || !value || value->span.file != src->index || value->span.end.byte > src->len)
		return false;
	if (coll->style == ECS_STYLE_FLOW)
		return flow_range(src, key, value, prev_value, start, end);
	return block_range(src, key, value, start, end);
}

bool ecs_edit_item_removal(const struct ecs_source *src, const struct ecs_node *seq, uint32_t i,
			   uint32_t *start, uint32_t *end)
{
	if (!seq || seq->kind != ECS_NODE_SEQUENCE || i >= seq->seq.n)
		return false;
	return ecs_edit_entry_removal(src, seq, NULL, seq->seq.items[i], i ? seq->seq.items[i - 1] : NULL,
				      start, end);
}

bool ecs_edit_pair_removal(const struct ecs_source *src, const struct ecs_node *map,
			   const struct ecs_node *key, uint32_t *start, uint32_t *end)
{
	if (!map || map->kind != ECS_NODE_MAPPING)
		return false;
	for (uint32_t i = 0; i < map->map.n; i++) {
		const struct ecs_pair *p = &map->map.pairs[i];

		if (p->key != key)
			continue;
		/* Merged pairs follow the written ones, so the one before a written pair is written too. */
		if (p->from_merge)
			return false;
		return ecs_edit_entry_removal(src, map, p->key, p->value, i ? map->map.pairs[i - 1].value : NULL,
					      start, end);
	}
	return false;
}

bool ecs_edit_text_range(const struct ecs_source *src, const struct ecs_span *span,
			 const struct ecs_node *n, const char *text, uint32_t *start, uint32_t *end)
{
	size_t len = strlen(text);

	if (!src || span->file != src->index || span->end.byte > src->len || span->start.byte > span->end.byte)
		return false;
	if (span->end.byte - span->start.byte == len && memcmp(src->data + span->start.byte, text, len) == 0) {
		*start = span->start.byte;
		*end = span->end.byte;
		return true;
	}
	n = n && n->kind == ECS_NODE_SCALAR ? n : NULL;
	if (n && n->span.file == src->index && n->scalar.content_end <= src->len &&
	    n->scalar.content_end - n->scalar.content_start == len &&
	    memcmp(src->data + n->scalar.content_start, text, len) == 0) {
		*start = n->scalar.content_start;
		*end = n->scalar.content_end;
		return true;
	}
	return false;
}
