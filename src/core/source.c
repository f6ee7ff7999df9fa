/*
 * source.c - file table and byte-offset to line/column conversion.
 */
#include "source.h"

#include <string.h>

/* Line breaks: "\n", "\r\n" and a lone "\r", as YAML counts them. */
static uint32_t count_breaks(const char *d, size_t len)
{
	uint32_t n = 0;
	const char *p = d, *end = d + len;

	/* memchr is many times faster than a byte loop, and most files have no CR. */
	if (!memchr(d, '\r', len)) {
		while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
			n++;
			p++;
		}
		return n;
	}
	for (size_t i = 0; i < len; i++) {
		if (d[i] == '\r' && i + 1 < len && d[i + 1] == '\n')
			i++;
		else if (d[i] != '\n' && d[i] != '\r')
			continue;
		n++;
	}
	return n;
}

/* Counts first so the index is allocated once, at its exact size. */
static int index_lines(struct ecs_source *src, struct ecs_arena *a)
{
	const char *d = src->data;
	uint32_t n = 0, cap = count_breaks(d, src->len) + 1;
	uint32_t *starts = ecs_arena_alloc(a, (size_t)cap * sizeof(*starts));

	if (!starts)
		return -1;
	starts[n++] = 0;
	if (!memchr(d, '\r', src->len)) {
		for (const char *p = d; (p = memchr(p, '\n', src->len - (size_t)(p - d))) != NULL; p++)
			starts[n++] = (uint32_t)(p - d + 1);
		src->line_starts = starts;
		src->n_lines = n;
		return 0;
	}
	for (size_t i = 0; i < src->len; i++) {
		if (d[i] != '\n' && d[i] != '\r')
			continue;
		if (d[i] == '\r' && i + 1 < src->len && d[i + 1] == '\n')
			i++;
		starts[n++] = (uint32_t)(i + 1);
	}
	src->line_starts = starts;
	src->n_lines = n;
	return 0;
}

struct ecs_source *ecs_files_adopt(struct ecs_files *files, struct ecs_arena *a,
				   const char *path, const char *data, size_t len)
{
	struct ecs_source *src;

	if (len > UINT32_MAX - 1)
		return NULL;
	if (files->n == files->cap) {
		uint32_t cap = files->cap ? files->cap * 2 : 8;
		struct ecs_source **v = ecs_arena_grow(a, files->v, files->n, cap, sizeof(*v));
		if (!v)
			return NULL;
		files->v = v;
		files->cap = cap;
	}
	src = ecs_arena_zalloc(a, sizeof(*src));
	if (!src)
		return NULL;
	src->path = ecs_arena_strdup(a, path);
	if (!src->path)
		return NULL;
	src->data = data;
	src->len = len;
	if (index_lines(src, a) < 0)
		return NULL;
	src->index = files->n;
	files->v[files->n++] = src;
	return src;
}

struct ecs_source *ecs_files_add(struct ecs_files *files, struct ecs_arena *a,
				 const char *path, const char *data, size_t len)
{
	char *copy;

	if (len > UINT32_MAX - 1)
		return NULL;
	copy = ecs_arena_strndup(a, data, len);
	return copy ? ecs_files_adopt(files, a, path, copy, len) : NULL;
}

const struct ecs_source *ecs_files_get(const struct ecs_files *files, uint32_t index)
{
	return index < files->n ? files->v[index] : NULL;
}

uint32_t ecs_utf8_codepoints(const char *s, size_t bytes)
{
	uint32_t n = 0;

	/* Continuation bytes (10xxxxxx) do not start a code point. */
	for (size_t i = 0; i < bytes; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

uint32_t ecs_utf16_units(const char *s, size_t bytes)
{
	uint32_t n = 0;

	for (size_t i = 0; i < bytes; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c & 0xC0) == 0x80)
			continue;
		/* Four-byte sequences are outside the BMP: a surrogate pair. */
		n += c >= 0xF0 ? 2 : 1;
	}
	return n;
}

struct ecs_pos ecs_source_pos(const struct ecs_source *src, size_t byte)
{
	struct ecs_pos pos;
	uint32_t lo = 0, hi = src->n_lines;

	if (byte > src->len)
		byte = src->len;
	/* Last line start <= byte. */
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (src->line_starts[mid] <= byte)
			lo = mid;
		else
			hi = mid;
	}
	pos.byte = (uint32_t)byte;
	pos.line = lo + 1;
	pos.col = 1 + ecs_utf8_codepoints(src->data + src->line_starts[lo],
					  byte - src->line_starts[lo]);
	/* A byte-order mark is not a column, as libfyaml also counts it. */
	if (lo == 0 && byte >= 3 && src->len >= 3 && memcmp(src->data, "\xEF\xBB\xBF", 3) == 0)
		pos.col--;
	return pos;
}

struct ecs_span ecs_source_span(const struct ecs_source *src, size_t start, size_t end)
{
	struct ecs_span span;

	span.file = src->index;
	span.start = ecs_source_pos(src, start);
	span.end = ecs_source_pos(src, end < start ? start : end);
	return span;
}

const char *ecs_source_line(const struct ecs_source *src, uint32_t line, size_t *len)
{
	size_t start, end;

	if (line == 0 || line > src->n_lines) {
		*len = 0;
		return "";
	}
	start = src->line_starts[line - 1];
	end = start;
	while (end < src->len && src->data[end] != '\n' && src->data[end] != '\r')
		end++;
	*len = end - start;
	return src->data + start;
}
