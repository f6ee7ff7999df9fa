/*
 * arena.h - bump allocator that owns everything one run creates.
 *
 * Ownership: every pointer returned here belongs to the arena and is freed
 * only by ecs_arena_release(), all at once.  Callers never free() them.
 * A failed allocation returns NULL and sets arena->failed, which stays set:
 * callers check the return value beside each call, and the run checks
 * ->failed once at the end to turn an out-of-memory into exit status 3.
 */
#ifndef ECS_ARENA_H
#define ECS_ARENA_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct ecs_arena_block;

struct ecs_arena {
	struct ecs_arena_block *head;
	size_t used_total;	/* bytes handed out, for benchmarks */
	bool failed;
	long fail_at;		/* debug: fail the Nth block allocation (0 = never) */
	long blocks;
};

#define ECS_MALLOC_LIKE __attribute__((malloc, warn_unused_result))

void ecs_arena_init(struct ecs_arena *a);
void ecs_arena_release(struct ecs_arena *a);
/*
 * Frees everything handed out, keeping the newest block for reuse: a
 * scratch arena reset per unit of work stays in warm memory.
 */
void ecs_arena_reset(struct ecs_arena *a);

void *ecs_arena_alloc(struct ecs_arena *a, size_t size) ECS_MALLOC_LIKE;
void *ecs_arena_zalloc(struct ecs_arena *a, size_t size) ECS_MALLOC_LIKE;
/* Returns a NUL-terminated copy of the first len bytes of s. */
char *ecs_arena_strndup(struct ecs_arena *a, const char *s, size_t len) ECS_MALLOC_LIKE;
char *ecs_arena_strdup(struct ecs_arena *a, const char *s) ECS_MALLOC_LIKE;
char *ecs_arena_printf(struct ecs_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), warn_unused_result));
char *ecs_arena_vprintf(struct ecs_arena *a, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0), warn_unused_result));
/* Grows an arena array: returns a copy of old (n elements) with room for cap. */
void *ecs_arena_grow(struct ecs_arena *a, void *old, size_t n, size_t cap, size_t elem) ECS_MALLOC_LIKE;

#endif
