/*
 * arena.c - bump allocator in blocks; failure is sticky.
 */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

struct ecs_arena_block {
	struct ecs_arena_block *next;
	size_t size, used;
	max_align_t data[];
};

enum { ECS_ARENA_BLOCK = 64 * 1024 };
#define ECS_ARENA_HUGE ((size_t)2 * 1024 * 1024)

void ecs_arena_init(struct ecs_arena *a)
{
	memset(a, 0, sizeof(*a));
	/*
	 * The out-of-memory torture test sets this to make the Nth block
	 * allocation fail; reading it here keeps the variable out of globals.
	 */
	const char *fail = getenv("ECSLINT_FAIL_ALLOC_AT");
	if (fail)
		a->fail_at = strtol(fail, NULL, 10);
}

void ecs_arena_release(struct ecs_arena *a)
{
	struct ecs_arena_block *b = a->head;

	while (b) {
		struct ecs_arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
	a->used_total = 0;
}

void ecs_arena_reset(struct ecs_arena *a)
{
	struct ecs_arena_block *keep = a->head, *b = keep ? keep->next : NULL;

	while (b) {
		struct ecs_arena_block *next = b->next;
		free(b);
		b = next;
	}
	if (keep) {
		keep->next = NULL;
		keep->used = 0;
	}
	a->used_total = 0;
}

/* A block for need bytes; one_off blocks hold just that allocation. */
static struct ecs_arena_block *new_block(struct ecs_arena *a, size_t need, bool one_off)
{
	/*
	 * Blocks double every four, up to 4 MiB: a small file still costs one
	 * 64 KiB block, a 10 MB one a few dozen blocks instead of two thousand,
	 * and big blocks can be backed by huge pages, which on a 20,000-service
	 * file saves most of the page faults (profiled: a fifth of the run).
	 */
	size_t grown = (size_t)ECS_ARENA_BLOCK << (a->blocks / 4 < 6 ? a->blocks / 4 : 6);
	size_t size = need > grown || one_off ? need : grown;
	struct ecs_arena_block *b;

	/*
	 * Under torture every allocation gets a block of its own, so counting
	 * blocks counts allocations and N = 1, 2, ... fails each call site in
	 * turn, not only the few that happen to open a 64 KiB block.
	 */
	if (a->fail_at > 0)
		size = need;

	a->blocks++;
	if (a->fail_at > 0 && a->blocks == a->fail_at)
		return NULL;
	if (size >= ECS_ARENA_HUGE && !one_off) {
		/*
		 * Whole huge pages: a block that starts on a 2 MiB boundary and
		 * spans whole multiples of it can be backed by huge pages end to
		 * end (a plain malloc'd one holds at most one: mmap aligns to 4 KiB).
		 */
		size = ((sizeof(*b) + size + ECS_ARENA_HUGE - 1) & ~(ECS_ARENA_HUGE - 1)) - sizeof(*b);
		b = aligned_alloc(ECS_ARENA_HUGE, sizeof(*b) + size);
#ifdef MADV_HUGEPAGE
		if (b)
			madvise(b, sizeof(*b) + size, MADV_HUGEPAGE);	/* advice only: failure is fine */
#endif
	} else {
		b = malloc(sizeof(*b) + size);
	}
	if (!b)
		return NULL;
	b->size = size;
	b->used = 0;
	return b;
}

/*
 * Hands out size bytes at an offset aligned to align (a power of two).
 * Strings ask for 1: a scalar of a few bytes then costs its length, not 16,
 * which on a 20,000-service file is several megabytes.
 */
static void *arena_alloc_aligned(struct ecs_arena *a, size_t size, size_t align)
{
	struct ecs_arena_block *b = a->head;
	size_t off = 0;

	if (a->failed)
		return NULL;
	if (size > SIZE_MAX / 2) {
		a->failed = true;
		return NULL;
	}
	if (size == 0)
		size = 1;
	if (b)
		off = (b->used + align - 1) & ~(align - 1);
	if (!b || off > b->size || b->size - off < size) {
		bool one_off = a->head && size > ECS_ARENA_BLOCK / 4;

		b = new_block(a, size, one_off);
		if (!b) {
			a->failed = true;
			return NULL;
		}
		/*
		 * A big one-off allocation goes behind the current block so the
		 * space left in the current block is not wasted.
		 */
		if (one_off) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
		off = 0;
	}
	void *p = (char *)b->data + off;
	a->used_total += size + (off - b->used);
	b->used = off + size;
	return p;
}

void *ecs_arena_alloc(struct ecs_arena *a, size_t size)
{
	return arena_alloc_aligned(a, size, _Alignof(max_align_t));
}

void *ecs_arena_zalloc(struct ecs_arena *a, size_t size)
{
	void *p = ecs_arena_alloc(a, size);

	if (p)
		memset(p, 0, size);
	return p;
}

char *ecs_arena_strndup(struct ecs_arena *a, const char *s, size_t len)
{
	char *p;

	if (len >= SIZE_MAX / 2) {
		a->failed = true;
		return NULL;
	}
	p = arena_alloc_aligned(a, len + 1, 1);
	if (!p)
		return NULL;
	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *ecs_arena_strdup(struct ecs_arena *a, const char *s)
{
	return ecs_arena_strndup(a, s, strlen(s));
}

char *ecs_arena_vprintf(struct ecs_arena *a, const char *fmt, va_list ap)
{
	va_list copy;
	int n;
	char *p;

	/*
	 * Print straight into the current block when the text fits the room
	 * left: one formatting pass instead of measuring first (logical ids and
	 * messages are a tenth of a big check's time).  Nothing is claimed
	 * unless it fit.
	 */
	if (!a->failed && a->head && a->head->used < a->head->size) {
		char *room = (char *)a->head->data + a->head->used;
		size_t left = a->head->size - a->head->used;
		va_copy(copy, ap);
		n = vsnprintf(room, left, fmt, copy);
		va_end(copy);
		if (n < 0)
			return NULL;
		if ((size_t)n < left) {
			a->head->used += (size_t)n + 1;
			a->used_total += (size_t)n + 1;
			return room;
		}
	} else {
		va_copy(copy, ap);
		n = vsnprintf(NULL, 0, fmt, copy);
		va_end(copy);
		if (n < 0)
			return NULL;
	}
	p = arena_alloc_aligned(a, (size_t)n + 1, 1);
	if (!p)
		return NULL;
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *ecs_arena_printf(struct ecs_arena *a, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = ecs_arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void *ecs_arena_grow(struct ecs_arena *a, void *old, size_t n, size_t cap, size_t elem)
{
	void *p;

	if (elem && cap > SIZE_MAX / elem) {
		a->failed = true;
		return NULL;
	}
	p = ecs_arena_alloc(a, cap * elem);
	if (p && n)
		memcpy(p, old, n * elem);
	return p;
}
