/*
 * buf.c - growable byte buffer.
 */
#include "buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool reserve(struct ecs_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (b->failed)
		return false;
	if (extra > SIZE_MAX - b->len - 1) {
		b->failed = true;
		return false;
	}
	need = b->len + extra + 1;
	if (need <= b->cap)
		return true;
	cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	p = realloc(b->data, cap);
	if (!p) {
		b->failed = true;
		return false;
	}
	b->data = p;
	b->cap = cap;
	return true;
}

void ecs_buf_add(struct ecs_buf *b, const void *data, size_t len)
{
	if (!reserve(b, len))
		return;
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void ecs_buf_adds(struct ecs_buf *b, const char *s)
{
	ecs_buf_add(b, s, strlen(s));
}

void ecs_buf_addc(struct ecs_buf *b, char c)
{
	ecs_buf_add(b, &c, 1);
}

void ecs_buf_vaddf(struct ecs_buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0 || !reserve(b, (size_t)n))
		return;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void ecs_buf_addf(struct ecs_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ecs_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void ecs_buf_reserve(struct ecs_buf *b, size_t extra)
{
	if (reserve(b, extra))
		b->data[b->len] = '\0';
}

void ecs_buf_reset(struct ecs_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void ecs_buf_release(struct ecs_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->failed = false;
}

char *ecs_buf_detach(struct ecs_buf *b, size_t *len)
{
	char *p = b->data;

	if (len)
		*len = b->len;
	if (!p)
		p = calloc(1, 1);
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}
