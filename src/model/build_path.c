/*
 * build_path.c - paths the builder handles: the JSON pointer of the value
 * being read (for diagnostics), and file system paths Compose cleans or
 * makes absolute.
 */
#include <stdio.h>
#include <string.h>

#include "build_internal.h"

/* A segment that does not fit makes the path unknown until it is popped. */
#define MB_MARK_OVERFLOW ((size_t)-1)

static size_t push_raw(struct mb *b, const char *seg, size_t len)
{
	size_t mark = b->path_len;

	if (b->overflow_depth || b->path_len + 1 + 2 * len >= sizeof(b->path)) {
		b->overflow_depth++;
		return MB_MARK_OVERFLOW;
	}
	b->path[b->path_len++] = '/';
	for (size_t i = 0; i < len; i++) {
		/* JSON pointer escapes */
		if (seg[i] == '~' || seg[i] == '/') {
			b->path[b->path_len++] = '~';
			b->path[b->path_len++] = seg[i] == '~' ? '0' : '1';
		} else {
			b->path[b->path_len++] = seg[i];
		}
	}
	b->path[b->path_len] = '\0';
	return mark;
}

size_t mb_push(struct mb *b, const char *segment)
{
	return push_raw(b, segment, strlen(segment));
}

size_t mb_push_index(struct mb *b, uint32_t i)
{
	char num[12];
	size_t n = sizeof(num);

	/* by hand: this runs for every list item, printf would dominate */
	do {
		num[--n] = (char)('0' + i % 10);
		i /= 10;
	} while (i);
	return push_raw(b, num + n, sizeof(num) - n);
}

void mb_pop(struct mb *b, size_t mark)
{
	if (mark == MB_MARK_OVERFLOW) {
		b->overflow_depth--;
		return;
	}
	b->path_len = mark;
	b->path[mark] = '\0';
}

const char *mb_path(const struct mb *b)
{
	return b->overflow_depth || b->path_len == 0 ? NULL : b->path;
}

/* Go's path.Clean for the slash-separated paths containers use. */
const char *mb_path_clean(struct mb *b, const char *s)
{
	size_t n = strlen(s), out = 0, i = 0;
	bool rooted = n && s[0] == '/';
	char *d = ecs_arena_alloc(b->a, n + 2);
	size_t dotdot;

	if (!d)
		return NULL;
	if (rooted) {
		d[out++] = '/';
		i = 1;
	}
	dotdot = out;
	while (i < n) {
		if (s[i] == '/') {
			i++;
		} else if (s[i] == '.' && (i + 1 == n || s[i + 1] == '/')) {
			i++;
		} else if (s[i] == '.' && s[i + 1] == '.' && (i + 2 == n || s[i + 2] == '/')) {
			i += 2;
			if (out > dotdot) {
				out--;
				while (out > dotdot && d[out] != '/')
					out--;
			} else if (!rooted) {
				if (out > 0)
					d[out++] = '/';
				d[out++] = '.';
				d[out++] = '.';
				dotdot = out;
			}
		} else {
			if ((rooted && out != 1) || (!rooted && out != 0))
				d[out++] = '/';
			while (i < n && s[i] != '/')
				d[out++] = s[i++];
		}
	}
	if (out == 0)
		d[out++] = '.';
	d[out] = '\0';
	return d;
}

const char *mb_resolve_path(struct mb *b, const struct ecs_node *n, const char *path)
{
	const char *base;
	char *joined;

	if (!path || path[0] == '/' || path[0] == '~')
		return path;
	base = b->in ? ecs_project_base_dir(b->in, n ? n->span.file : 0) : NULL;
	if (!base)
		return path;
	joined = ecs_arena_printf(b->a, "%s/%s", base, path);
	return joined ? mb_path_clean(b, joined) : NULL;
}

