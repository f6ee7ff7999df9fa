/*
 * atomic_write.h - write a whole file or nothing: a temporary file in the
 * target's directory, fsync, then rename over the target.  A failed run
 * never leaves a partial or truncated file, and an existing file keeps its
 * permission bits.
 */
#ifndef ECS_ATOMIC_WRITE_H
#define ECS_ATOMIC_WRITE_H

#include <stddef.h>

#include "buf.h"

/* Returns 0, or -1 with a message in err. */
int ecs_write_atomic(const char *path, const char *data, size_t len, struct ecs_buf *err);

#endif
