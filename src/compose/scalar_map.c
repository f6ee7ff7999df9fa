/*
 * scalar_map.c - walks the raw scalar and its decoded text in lockstep.
 *
 * Decoding only ever drops or folds whitespace and line breaks, rewrites
 * escapes (double quotes) and '' (single quotes): every other raw byte
 * appears in the decoded text in order.  So a non-blank decoded byte is
 * matched to the next equal raw byte after skipping raw whitespace, and a
 * decoded blank that has no raw counterpart was made by folding.
 */
#include "scalar_map.h"

#include <stdbool.h>

static bool ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static uint32_t utf8_len_of(uint32_t cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

static uint32_t hexval(const char *s, uint32_t n)
{
	uint32_t v = 0;

	for (uint32_t i = 0; i < n; i++) {
		char c = s[i];
		v = v * 16 + (uint32_t)(c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
				       c >= 'A' && c <= 'F' ? c - 'A' + 10 : 0);
	}
	return v;
}

/* Raw length and decoded length of the escape at raw[i] == '\\' (double quotes). */
static void escape_size(const char *raw, uint32_t i, uint32_t end, uint32_t *rlen, uint32_t *dlen)
{
	char c = i + 1 < end ? raw[i + 1] : 0;
	uint32_t digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;

	if (digits && i + 2 + digits <= end) {
		*rlen = 2 + digits;
		*dlen = utf8_len_of(hexval(raw + i + 2, digits));
		return;
	}
	*rlen = 2;
	*dlen = c == 'N' || c == '_' ? 2 : c == 'L' || c == 'P' ? 3 : 1;
}

void ecs_scalar_map(const struct ecs_source *src, const struct ecs_node *n, const uint32_t *dec,
		    size_t count, uint32_t *raw_start, uint32_t *raw_end)
{
	const char *raw = src->data, *text = n->scalar.text;
	uint32_t i = n->scalar.content_start, end = n->scalar.content_end, j = 0, tlen = n->scalar.len;
	size_t k = 0;

	while (k < count && j < tlen) {
		uint32_t rs = i, re, dl = 1;

		if (i >= end) {
			/* Decoded bytes beyond the raw text (chomping, folding at the end). */
			rs = re = end;
		} else if (n->style == ECS_STYLE_DOUBLE && raw[i] == '\\') {
			uint32_t rl;
			if (i + 1 < end && (raw[i + 1] == '\n' || raw[i + 1] == '\r')) {
				i += 2;	/* escaped line break: produces nothing */
				continue;
			}
			escape_size(raw, i, end, &rl, &dl);
			re = i + rl;
			i = re;
		} else if (n->style == ECS_STYLE_SINGLE && raw[i] == '\'' && i + 1 < end && raw[i + 1] == '\'') {
			re = i + 2;
			i = re;
		} else if (raw[i] == text[j]) {
			re = ++i;
		} else if (ws(raw[i])) {
			i++;	/* indentation, folded break or trimmed blank: produces nothing */
			continue;
		} else if (ws(text[j])) {
			re = rs;	/* made by folding: no raw byte of its own */
		} else {
			re = ++i;	/* should not happen; stay monotonic */
		}
		while (dl-- > 0 && j < tlen) {
			while (k < count && dec[k] == j) {
				raw_start[k] = rs;
				raw_end[k] = re > rs ? re : rs;
				k++;
			}
			j++;
		}
	}
	for (; k < count; k++)
		raw_start[k] = raw_end[k] = end;
}
