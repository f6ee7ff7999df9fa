/*
 * source.h - the file table: every input's bytes, its display name and a
 * line-start index, so a byte offset becomes (line, column) when needed.
 *
 * Positions: byte offsets are 0-based; lines and columns are 1-based and
 * columns count Unicode code points (a tab is one column), as libfyaml and
 * our text output do.  Other units (UTF-16 for LSP) are converted at the edge.
 */
#ifndef ECS_SOURCE_H
#define ECS_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

struct ecs_pos {
	uint32_t byte;
	uint32_t line;
	uint32_t col;
};

/* end is exclusive; file indexes ecs_files.v */
struct ecs_span {
	uint32_t file;
	struct ecs_pos start, end;
};

struct ecs_source {
	const char *path;	/* as shown in diagnostics */
	const char *origin;	/* the path it was read from ("-": stdin), NULL for in-memory text */
	const char *data;	/* arena-owned, NUL-terminated */
	size_t len;
	uint32_t *line_starts;	/* byte offset of each line's first byte */
	uint32_t n_lines;
	uint32_t index;		/* position in the file table */
	bool env_reported;	/* parsed as a .env file once: its problems are reported */
};

struct ecs_files {
	struct ecs_source **v;
	uint32_t n, cap;
};

/*
 * Adds a copy of data to the table.  Returns NULL when out of memory.
 * The copy is NUL-terminated; line starts treat "\n", "\r\n" and a lone "\r"
 * as line breaks, as YAML does.
 */
struct ecs_source *ecs_files_add(struct ecs_files *files, struct ecs_arena *a,
				 const char *path, const char *data, size_t len);
/* Adds data that already lives in the arena a, NUL-terminated at data[len], without copying it. */
struct ecs_source *ecs_files_adopt(struct ecs_files *files, struct ecs_arena *a,
				   const char *path, const char *data, size_t len);
const struct ecs_source *ecs_files_get(const struct ecs_files *files, uint32_t index);

/* Position of a byte offset (clamped to the file's end). */
struct ecs_pos ecs_source_pos(const struct ecs_source *src, size_t byte);
/* Span of bytes [start, end) in src. */
struct ecs_span ecs_source_span(const struct ecs_source *src, size_t start, size_t end);
/* The text of line (1-based) without its line break. */
const char *ecs_source_line(const struct ecs_source *src, uint32_t line, size_t *len);

/* Number of UTF-16 code units in the first bytes of s (for LSP positions). */
uint32_t ecs_utf16_units(const char *s, size_t bytes);
/* Number of code points in the first bytes of s. */
uint32_t ecs_utf8_codepoints(const char *s, size_t bytes);

#endif
