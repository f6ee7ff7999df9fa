/*
 * output.c - report destination and colour decision.
 */
#include "output.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/atomic_write.h"

bool ecs_output_color(const struct ecs_options *o, int fd)
{
	const char *no_color = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	if (o->color == ECS_COLOR_ALWAYS)
		return true;
	if (o->color == ECS_COLOR_NEVER || o->output)
		return false;
	/* no-color.org: present and non-empty disables colour. */
	if (no_color && *no_color)
		return false;
	if (!term || strcmp(term, "dumb") == 0)
		return false;
	return isatty(fd);
}

int ecs_output_write(const struct ecs_options *o, const struct ecs_buf *buf)
{
	struct ecs_buf err = ECS_BUF_INIT;
	const char *data = buf->data ? buf->data : "";

	if (buf->failed) {
		fprintf(stderr, "ecslint: out of memory while formatting the report\n");
		return 3;
	}
	if (!o->output || strcmp(o->output, "-") == 0) {
		if (buf->len && fwrite(data, 1, buf->len, stdout) != buf->len) {
			fprintf(stderr, "ecslint: cannot write to standard output\n");
			return 3;
		}
		return fflush(stdout) == 0 ? 0 : 3;
	}
	if (ecs_write_atomic(o->output, data, buf->len, &err) != 0) {
		fprintf(stderr, "ecslint: %s\n", err.data ? err.data : "cannot write the output");
		ecs_buf_release(&err);
		return 3;
	}
	return 0;
}
