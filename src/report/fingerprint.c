/*
 * fingerprint.c - the line hash GitHub's upload-sarif computes.
 *
 * The algorithm (codeql-action src/fingerprints.ts): read the file as UTF-16
 * code units; skip spaces, tabs and the LF of a CRLF; turn CR into LF; keep a
 * polynomial rolling hash (base 37, 64-bit wrap-around) of the last 100 kept
 * characters.  A line's hash is the value once the 100 characters starting at
 * that line have gone in (padding with 65535 at the end of the file, then
 * zeros), printed as unsigned hex, ":" and how often that value was seen.
 */
#include "fingerprint.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BLOCK = 100, FP_EOF = 65535 };

struct roller {
	uint32_t window[BLOCK];
	int64_t line_at[BLOCK];	/* line starting at this window slot, or -1 */
	uint64_t hash, first_mod;
	size_t index;
	int64_t line;
	int line_start, prev_cr;
	char **out;
	uint32_t n_lines;
	/* Occurrence counts per hash value: an open-addressing table. */
	uint64_t *keys;
	uint32_t *counts;
	size_t cap;
	int failed;
};

static uint32_t *count_slot(struct roller *r, uint64_t key)
{
	size_t i = (size_t)(key * 0x9E3779B97F4A7C15ull) & (r->cap - 1);

	while (r->counts[i] && r->keys[i] != key)
		i = (i + 1) & (r->cap - 1);
	r->keys[i] = key;
	return &r->counts[i];
}

static void output(struct roller *r)
{
	int64_t line = r->line_at[r->index];
	uint32_t *c = count_slot(r, r->hash);
	char buf[40];

	++*c;
	if (line >= 1 && line <= r->n_lines && !r->out[line - 1]) {
		snprintf(buf, sizeof(buf), "%" PRIx64 ":%" PRIu32, r->hash, *c);
		r->out[line - 1] = strdup(buf);
		if (!r->out[line - 1])
			r->failed = 1;
	}
	r->line_at[r->index] = -1;
}

static void update(struct roller *r, uint32_t c)
{
	uint32_t begin = r->window[r->index];

	r->window[r->index] = c;
	r->hash = 37 * r->hash + c - r->first_mod * begin;
	r->index = (r->index + 1) % BLOCK;
}

static void process(struct roller *r, uint32_t c)
{
	if (c == ' ' || c == '\t' || (r->prev_cr && c == '\n')) {
		r->prev_cr = 0;
		return;
	}
	if (c == '\r') {
		c = '\n';
		r->prev_cr = 1;
	} else {
		r->prev_cr = 0;
	}
	if (r->line_at[r->index] != -1)
		output(r);
	if (r->line_start) {
		r->line_start = 0;
		r->line++;
		r->line_at[r->index] = r->line;
	}
	if (c == '\n')
		r->line_start = 1;
	update(r, c);
}

/* Decodes one UTF-8 sequence; invalid bytes become U+FFFD, one per byte, as Node's decoder does for lone bytes. */
static size_t decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	unsigned char c = s[0];
	size_t n;
	uint32_t v;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		v = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		v = c & 0x07;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if (n > len) {
		*cp = 0xFFFD;
		return 1;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))) || (n == 4 && (v < 0x10000 || v > 0x10FFFF))) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = v;
	return n;
}

int ecs_line_hashes(const char *text, size_t len, char **hashes, uint32_t n_lines)
{
	struct roller r;
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;

	memset(&r, 0, sizeof(r));
	memset(hashes, 0, n_lines * sizeof(*hashes));
	r.out = hashes;
	r.n_lines = n_lines;
	r.first_mod = 1;
	for (int k = 0; k < BLOCK; k++) {
		r.first_mod *= 37;
		r.line_at[k] = -1;
	}
	r.line_start = 1;
	/* One hash per kept character at most: size the table from the input. */
	r.cap = 64;
	while (r.cap < 2 * (len + BLOCK + 2))
		r.cap <<= 1;
	r.keys = calloc(r.cap, sizeof(*r.keys));
	r.counts = calloc(r.cap, sizeof(*r.counts));
	if (!r.keys || !r.counts) {
		free(r.keys);
		free(r.counts);
		return -1;
	}
	while (i < len) {
		uint32_t cp;
		i += decode(s + i, len - i, &cp);
		if (cp >= 0x10000) {
			process(&r, 0xD800 + ((cp - 0x10000) >> 10));
			process(&r, 0xDC00 + ((cp - 0x10000) & 0x3FF));
		} else {
			process(&r, cp);
		}
	}
	process(&r, FP_EOF);
	for (int k = 0; k < BLOCK; k++) {
		if (r.line_at[r.index] != -1)
			output(&r);
		update(&r, 0);
	}
	free(r.keys);
	free(r.counts);
	if (r.failed) {
		for (uint32_t k = 0; k < n_lines; k++) {
			free(hashes[k]);
			hashes[k] = NULL;
		}
		return -1;
	}
	return 0;
}

uint64_t ecs_fnv1a(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ull;
	}
	return h;
}
