/*
 * buf.h - growable byte buffer for output and messages (malloc-owned).
 *
 * Ownership: the buffer owns ->data; ecs_buf_release() frees it and leaves an
 * empty buffer.  ->data is always NUL-terminated when non-NULL.  A failed
 * growth sets ->failed and later appends are ignored, so a chain of appends
 * needs one check at the end.
 */
#ifndef ECS_BUF_H
#define ECS_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct ecs_buf {
	char *data;
	size_t len, cap;
	bool failed;
};

#define ECS_BUF_INIT { NULL, 0, 0, false }

void ecs_buf_add(struct ecs_buf *b, const void *data, size_t len);
void ecs_buf_adds(struct ecs_buf *b, const char *s);
void ecs_buf_addc(struct ecs_buf *b, char c);
void ecs_buf_addf(struct ecs_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ecs_buf_vaddf(struct ecs_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Makes room for extra more bytes up front (one allocation instead of many). */
void ecs_buf_reserve(struct ecs_buf *b, size_t extra);
void ecs_buf_reset(struct ecs_buf *b);
void ecs_buf_release(struct ecs_buf *b);
/* Hands ->data to the caller (free() it) and leaves the buffer empty. */
char *ecs_buf_detach(struct ecs_buf *b, size_t *len);

#endif
