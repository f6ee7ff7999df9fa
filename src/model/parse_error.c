/*
 * parse_error.c - the one way the short-syntax and quantity parsers
 * describe a failure: the bytes at fault and a message.
 */
#include <stdarg.h>
#include <stdio.h>

#include "quantity.h"

int ecs_parse_fail(struct ecs_parse_error *err, size_t start, size_t end, const char *fmt, ...)
{
	va_list ap;

	if (err) {
		err->start = (uint32_t)start;
		err->end = (uint32_t)end;
		va_start(ap, fmt);
		vsnprintf(err->message, sizeof(err->message), fmt, ap);
		va_end(ap);
	}
	return -1;
}
