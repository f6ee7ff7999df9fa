/*
 * run.c - run lifetime and reading inputs safely: regular files only, a
 * size cap, every failure a located diagnostic.
 */
#include "run.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../checks/rules.h"

void ecs_run_init(struct ecs_run *r)
{
	memset(r, 0, sizeof(*r));
	ecs_arena_init(&r->arena);
	ecs_diags_init(&r->diags, &r->arena);
	r->max_file_size = ECS_DEFAULT_MAX_FILE_SIZE;
}

void ecs_run_release(struct ecs_run *r)
{
	ecs_arena_release(&r->arena);
	memset(&r->files, 0, sizeof(r->files));
	ecs_diags_init(&r->diags, &r->arena);
}

static void report_unreadable(struct ecs_run *r, const struct ecs_rule *rule, const char *display,
			      const char *help, const char *fmt, const char *detail)
	__attribute__((format(printf, 5, 0)));

static void report_unreadable(struct ecs_run *r, const struct ecs_rule *rule, const char *display,
			      const char *help, const char *fmt, const char *detail)
{
	char message[512];

	struct ecs_source *src = ecs_files_add(&r->files, &r->arena, display, "", 0);
	struct ecs_span sp;
	struct ecs_diag *dg;

	r->input_failed = true;
	if (!src)
		return;
	sp = ecs_source_span(src, 0, 0);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	snprintf(message, sizeof(message), fmt, detail);
#pragma GCC diagnostic pop
	dg = ecs_diag_add(&r->diags, rule, &sp, NULL, "%s", message);
	if (help)
		ecs_diag_help(&r->diags, dg, "%s", help);
}

/*
 * Reads all of a pipe or terminal, refusing more than max bytes as soon as
 * they arrive (a 100 MB stream is not read in full first).  Returns malloc'd
 * data or NULL.
 */
static char *read_stream(int fd, size_t max, size_t *len, int *err, bool *too_big)
{
	size_t cap = 64 * 1024, n = 0;
	char *data = malloc(cap + 1);

	*too_big = false;
	if (!data) {
		*err = ENOMEM;
		return NULL;
	}
	for (;;) {
		if (n == cap) {
			char *p = realloc(data, cap * 2 + 1);
			if (!p) {
				free(data);
				*err = ENOMEM;
				return NULL;
			}
			data = p;
			cap *= 2;
		}
		ssize_t got = read(fd, data + n, cap - n);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			*err = errno;
			free(data);
			return NULL;
		}
		if (got == 0)
			break;
		n += (size_t)got;
		if (n > max) {
			*too_big = true;
			free(data);
			return NULL;
		}
	}
	*len = n;
	return data;
}

/*
 * Reads a regular file of size bytes straight into the arena, so the bytes
 * are stored once (the parse of a 10 MB file does not need 20 MB for it).
 * A file that grows while read is taken at the size it had; one that shrinks
 * at what was there.  Returns NULL with *err set, or with the arena failed.
 */
static char *read_regular(struct ecs_arena *a, int fd, size_t size, size_t *len, int *err)
{
	char *data = ecs_arena_alloc(a, size + 1);
	size_t n = 0;

	if (!data) {
		*err = ENOMEM;
		return NULL;
	}
	while (n < size) {
		ssize_t got = read(fd, data + n, size - n);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			*err = errno;
			return NULL;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	data[n] = '\0';
	*len = n;
	return data;
}

/* A stream of unknown size (stdin, a pseudo-file) into the file table. */
static struct ecs_source *read_unsized(struct ecs_run *r, int fd, const char *display, const char *limit)
{
	int err = 0;
	bool too_big = false;
	size_t len = 0;
	char *data = read_stream(fd, r->max_file_size, &len, &err, &too_big);
	struct ecs_source *src;

	if (!data) {
		if (too_big)
			report_unreadable(r, &ECS003_rule, display,
					  "Compose files are kilobytes; split the input or raise --max-file-size",
					  "the input is larger than the limit of %s bytes", limit);
		else
			report_unreadable(r, &ECS005_rule, display, NULL, "cannot read the file: %s",
					  strerror(err));
		return NULL;
	}
	src = ecs_files_add(&r->files, &r->arena, display, data, len);
	free(data);
	return src;
}

/* Reads path from the disk, or standard input for "-". */
static struct ecs_source *read_input(struct ecs_run *r, const char *path, const char *display)
{
	struct stat st;
	int fd, err = 0;
	size_t len = 0;
	char *data;
	struct ecs_source *src;
	char limit[64];

	memset(&st, 0, sizeof(st));	/* a failed fstat reads as "not a regular file" */
	snprintf(limit, sizeof(limit), "%zu", r->max_file_size);
	if (strcmp(path, "-") == 0)
		return read_unsized(r, STDIN_FILENO, display, limit);
	/* O_NONBLOCK: opening a FIFO must not hang waiting for a writer. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		report_unreadable(r, &ECS005_rule, display, NULL, "cannot open the file: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		const char *what = S_ISDIR(st.st_mode) ? "a directory" : "not a regular file";
		close(fd);
		report_unreadable(r, &ECS005_rule, display,
				  "pass a Compose file; ecslint reads regular files only",
				  "cannot read the input: it is %s", what);
		return NULL;
	}
	if ((size_t)st.st_size > r->max_file_size) {
		close(fd);
		report_unreadable(r, &ECS003_rule, display,
				  "Compose files are kilobytes; split the input or raise --max-file-size",
				  "the file is larger than the limit of %s bytes", limit);
		return NULL;
	}
	/* Back to blocking reads for a regular file. */
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	/* Files in /proc and /sys say they are empty and are not: read them as streams. */
	if (st.st_size == 0) {
		src = read_unsized(r, fd, display, limit);
		close(fd);
		return src;
	}
	data = read_regular(&r->arena, fd, (size_t)st.st_size, &len, &err);
	close(fd);
	if (!data) {
		if (r->arena.failed)
			return NULL;
		report_unreadable(r, &ECS005_rule, display, NULL, "cannot read the file: %s", strerror(err));
		return NULL;
	}
	return ecs_files_adopt(&r->files, &r->arena, display, data, len);
}

struct ecs_source *ecs_run_read(struct ecs_run *r, const char *path, const char *display)
{
	struct ecs_source *src = NULL;
	bool overlaid = false;

	for (size_t i = 0; i < r->n_overlay && !overlaid; i++) {
		if (strcmp(r->overlay[i].path, path) == 0) {
			src = ecs_run_add_text(r, display, r->overlay[i].data, r->overlay[i].len);
			overlaid = true;
		}
	}
	if (!overlaid)
		src = read_input(r, path, display);
	if (src)
		src->origin = ecs_arena_strdup(&r->arena, path);
	return src;
}

struct ecs_source *ecs_run_add_text(struct ecs_run *r, const char *display, const char *text, size_t len)
{
	if (len > r->max_file_size) {
		report_unreadable(r, &ECS003_rule, display, NULL,
				  "the input is larger than the limit of %s bytes", "the configured");
		return NULL;
	}
	return ecs_files_add(&r->files, &r->arena, display, text, len);
}
