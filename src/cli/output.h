/*
 * output.h - where a command's report goes: stdout, or a file written
 * atomically with -o, and whether colour is on.
 */
#ifndef ECS_OUTPUT_H
#define ECS_OUTPUT_H

#include <stdbool.h>

#include "../core/buf.h"
#include "options.h"

/* --color, NO_COLOR, TERM and whether stdout is a terminal, decided once. */
bool ecs_output_color(const struct ecs_options *o, int fd);
/* Writes buf to o->output (atomically) or stdout; returns 0 or 3 after a message. */
int ecs_output_write(const struct ecs_options *o, const struct ecs_buf *buf);

#endif
