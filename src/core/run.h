/*
 * run.h - one run of ecslint: owns the arena, the file table and the
 * diagnostics.  Nothing mutable lives outside it, so an LSP server can make
 * one run per request and a test can make many in one process.
 */
#ifndef ECS_RUN_H
#define ECS_RUN_H

#include <stdbool.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "source.h"

#define ECS_DEFAULT_MAX_FILE_SIZE (32u * 1024u * 1024u)

/*
 * Text that stands in for a path's contents: the fix engine re-lints its
 * edited text under the original paths (standard input included, which can
 * be read only once) without touching the disk.
 */
struct ecs_overlay {
	const char *path;	/* as passed to ecs_run_read ("-" for stdin) */
	const char *data;
	size_t len;
};

struct ecs_run {
	struct ecs_arena arena;
	struct ecs_files files;
	struct ecs_diags diags;
	size_t max_file_size;
	/* an input could not be read or parsed: exit status 2 */
	bool input_failed;
	/* consulted by ecs_run_read before the disk; not owned */
	const struct ecs_overlay *overlay;
	size_t n_overlay;
};

void ecs_run_init(struct ecs_run *r);
void ecs_run_release(struct ecs_run *r);

/*
 * Reads path into the file table as display (the name diagnostics show).
 * On failure reports ECS005 (unreadable) or ECS003 (too large) on a
 * placeholder source, sets input_failed, and returns NULL; *oom tells an
 * out-of-memory apart.  path "-" reads standard input.  An overlay entry
 * for path is used instead of the file.  The source's origin is path.
 */
struct ecs_source *ecs_run_read(struct ecs_run *r, const char *path, const char *display);
/* Adds text already in memory (editor buffers, tests). */
struct ecs_source *ecs_run_add_text(struct ecs_run *r, const char *display, const char *text, size_t len);

#endif
