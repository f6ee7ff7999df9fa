/*
 * yaml_spans.c - from libfyaml's marks and tokens to our positions and
 * scalar text: spans computed from byte offsets (so they always agree with
 * the file table), and each scalar's decoded text in the arena.
 */
#include <libfyaml.h>
#include <stdlib.h>
#include <string.h>

#include "yaml_internal.h"

/*
 * A libfyaml mark as our position, from its byte offset alone: libfyaml's
 * own line and column disagree with our line index in corners the fuzzer
 * found (">-" at the end of a file: column one too far; the end of a file
 * without a final newline: a line past the last).  Marks arrive almost in
 * file order, so the last position is a cache: moving forward on the same
 * line counts only the code points in between, which keeps the whole load
 * linear even for one very long line.
 */
static struct ecs_pos pos_at(struct ecs_yaml_builder *b, size_t byte)
{
	const struct ecs_source *src = b->src;
	struct ecs_pos *c = &b->last_pos;
	struct ecs_pos p;

	if (byte > src->len)
		byte = src->len;
	/* Byte 3 and on: the byte-order-mark correction is already in the cache. */
	if (c->line && byte >= c->byte && c->byte >= 3) {
		uint32_t line = c->line;	/* 1-based: line_starts[line] starts the next one */

		if (line == src->n_lines || byte < src->line_starts[line]) {
			p.byte = (uint32_t)byte;
			p.line = line;
			p.col = c->col + ecs_utf8_codepoints(src->data + c->byte, byte - c->byte);
			*c = p;
			return p;
		}
		/* A few lines further on: walk there instead of a binary search. */
		for (int steps = 0; steps < 16 && line < src->n_lines && src->line_starts[line] <= byte; steps++)
			line++;
		if (line == src->n_lines || byte < src->line_starts[line]) {
			size_t first = src->line_starts[line - 1];
			p.byte = (uint32_t)byte;
			p.line = line;
			p.col = 1 + ecs_utf8_codepoints(src->data + first, byte - first);
			*c = p;
			return p;
		}
	}
	p = ecs_source_pos(src, byte);
	*c = p;
	return p;
}

struct ecs_span ecs_yaml_span_of(struct ecs_yaml_builder *b, const struct fy_mark *s, const struct fy_mark *e)
{
	struct ecs_span span;

	span.file = b->src->index;
	span.start = pos_at(b, s->input_pos);
	span.end = e->input_pos > s->input_pos ? pos_at(b, e->input_pos) : span.start;
	return span;
}

/*
 * An event's span.  Implicit events (a document start with no `---`, an
 * empty collection libfyaml invents) have no marks: those get a zero-width
 * span right after what came before.
 */
struct ecs_span ecs_yaml_event_span(struct ecs_yaml_builder *b, struct fy_event *ev)
{
	const struct fy_mark *s = fy_event_start_mark(ev), *e = fy_event_end_mark(ev);
	struct ecs_span span;

	if (s && e)
		return ecs_yaml_span_of(b, s, e);
	span.file = b->src->index;
	span.start = span.end = b->last_end;
	return span;
}


/*
 * A scalar's decoded text, in the arena.  Read through libfyaml's token
 * iterator rather than fy_token_get_text(): in libfyaml 0.7.12 the latter
 * leaks its chunk buffer when a malformed scalar's text does not fit the
 * length it computed (found by fuzz_check).  The iterator is always finished.
 */
static const char *iterated_text(struct ecs_yaml_builder *b, struct fy_token *t, size_t *lenp)
{
	const struct fy_iter_chunk *ic = NULL;
	size_t n = 0;
	int err = 0;

	*lenp = 0;
	if (!t)
		return ecs_arena_strndup(b->arena, "", 0);
	fy_token_iter_start(t, b->text_iter);
	while ((ic = fy_token_iter_chunk_next(b->text_iter, ic, &err)) != NULL) {
		if (ic->len > b->cap_text - n) {
			size_t cap = b->cap_text ? b->cap_text : 256;
			while (cap - n < ic->len)
				cap *= 2;
			char *v = realloc(b->text, cap);
			if (!v) {
				fy_token_iter_finish(b->text_iter);
				b->arena->failed = true;
				return NULL;
			}
			b->text = v;
			b->cap_text = cap;
		}
		memcpy(b->text + n, ic->str, ic->len);
		n += ic->len;
	}
	fy_token_iter_finish(b->text_iter);
	/* A malformed scalar (err < 0) also ends the stream with an error, reported then. */
	*lenp = n;
	return ecs_arena_strndup(b->arena, n ? b->text : "", n);
}

/*
 * Nearly every scalar in a Compose file is one line with nothing to decode:
 * its text is its bytes, copied from the source without asking libfyaml
 * (whose token iterator costs more than the copy).  Returns NULL when the
 * scalar needs decoding: a line break (folding), an escape or a doubled
 * quote, or a block scalar.
 */
static const char *verbatim_text(struct ecs_yaml_builder *b, const struct ecs_node *n, size_t *lenp)
{
	const char *s = b->src->data + n->scalar.content_start;
	size_t len = n->scalar.content_end - n->scalar.content_start;
	int special;

	switch (n->style) {
	case ECS_STYLE_PLAIN: special = '\n'; break;
	case ECS_STYLE_SINGLE: special = '\''; break;
	case ECS_STYLE_DOUBLE: special = '\\'; break;
	default: return NULL;
	}
	if (n->scalar.content_end > b->src->len || n->scalar.content_end < n->scalar.content_start)
		return NULL;
	for (size_t i = 0; i < len; i++)
		if (s[i] == '\n' || s[i] == '\r' || s[i] == special)
			return NULL;
	*lenp = len;
	return ecs_arena_strndup(b->arena, s, len);
}


const char *ecs_yaml_scalar_text(struct ecs_yaml_builder *b, const struct ecs_node *n, struct fy_token *t,
				 size_t *lenp)
{
	const char *text = verbatim_text(b, n, lenp);

	if (text || b->arena->failed)
		return text;
	return iterated_text(b, t, lenp);
}
