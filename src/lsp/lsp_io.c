/*
 * lsp_io.c - Content-Length framing (see lsp_io.h).
 */
#include "lsp_io.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { MAX_HEADER_LINE = 1024, MAX_HEADERS = 32 };

/* One header line without its CRLF; -1 at EOF before any byte, -2 if too long (the rest is skipped). */
static int read_line(FILE *in, char *buf, size_t cap, size_t *n)
{
	int c, too_long = 0;

	*n = 0;
	while ((c = getc(in)) != EOF) {
		if (c == '\n')
			break;
		if (*n + 1 < cap)
			buf[(*n)++] = (char)c;
		else
			too_long = 1;
	}
	if (c == EOF && *n == 0 && !too_long)
		return -1;
	if (*n && buf[*n - 1] == '\r')
		(*n)--;
	buf[*n] = '\0';
	return too_long ? -2 : (c == EOF ? -3 : 0);
}

/* Reads and drops n bytes; returns 0, or -1 at EOF. */
static int skip_bytes(FILE *in, size_t n)
{
	char chunk[4096];

	while (n) {
		size_t want = n < sizeof(chunk) ? n : sizeof(chunk);
		size_t got = fread(chunk, 1, want, in);
		if (got == 0)
			return -1;
		n -= got;
	}
	return 0;
}

enum ecs_lsp_read_status ecs_lsp_read(FILE *in, size_t max, char **body, size_t *len, char *err, size_t err_len)
{
	char line[MAX_HEADER_LINE];
	size_t n, length = 0;
	int have_length = 0, bad_length = 0, headers = 0, r;

	*body = NULL;
	*len = 0;
	for (;;) {
		r = read_line(in, line, sizeof(line), &n);
		if (r == -1)
			return headers ? ECS_LSP_READ_FATAL : ECS_LSP_READ_EOF;
		if (r == -3)
			return ECS_LSP_READ_FATAL;
		if (r == -2) {
			snprintf(err, err_len, "header line longer than %d bytes", MAX_HEADER_LINE);
			bad_length = 1;
			continue;
		}
		if (n == 0) {
			/* Blank lines before any header are noise between frames. */
			if (headers == 0 && !bad_length)
				continue;
			break;
		}
		if (++headers > MAX_HEADERS) {
			snprintf(err, err_len, "more than %d header lines", MAX_HEADERS);
			bad_length = 1;
			continue;
		}
		if (strncasecmp(line, "Content-Length:", 15) == 0) {
			const char *p = line + 15;
			char *end;
			unsigned long long v;

			while (*p == ' ' || *p == '\t')
				p++;
			if (!isdigit((unsigned char)*p)) {
				snprintf(err, err_len, "Content-Length is not a number");
				bad_length = 1;
				continue;
			}
			v = strtoull(p, &end, 10);
			while (*end == ' ' || *end == '\t')
				end++;
			if (*end) {
				snprintf(err, err_len, "Content-Length is not a number");
				bad_length = 1;
				continue;
			}
			have_length = 1;
			length = v > (unsigned long long)SIZE_MAX / 2 ? SIZE_MAX / 2 : (size_t)v;
		} else if (!strchr(line, ':')) {
			snprintf(err, err_len, "malformed header line");
			bad_length = 1;
		}
	}
	if (bad_length && !have_length)
		return ECS_LSP_READ_BAD;
	if (!have_length) {
		snprintf(err, err_len, "missing Content-Length header");
		return ECS_LSP_READ_BAD;
	}
	if (length > max) {
		snprintf(err, err_len, "message of %zu bytes exceeds the limit of %zu", length, max);
		return skip_bytes(in, length) == 0 ? ECS_LSP_READ_BAD : ECS_LSP_READ_FATAL;
	}
	if (bad_length) {
		/* The length is known: drop the frame and stay in sync. */
		return skip_bytes(in, length) == 0 ? ECS_LSP_READ_BAD : ECS_LSP_READ_FATAL;
	}
	*body = malloc(length + 1);
	if (!*body)
		return ECS_LSP_READ_FATAL;
	if (fread(*body, 1, length, in) != length) {
		free(*body);
		*body = NULL;
		return ECS_LSP_READ_FATAL;
	}
	(*body)[length] = '\0';
	*len = length;
	return ECS_LSP_READ_OK;
}

int ecs_lsp_write(FILE *out, const cJSON *msg)
{
	char *text = cJSON_PrintUnformatted(msg);
	size_t n;
	int rc = 0;

	if (!text)
		return -1;
	n = strlen(text);
	if (fprintf(out, "Content-Length: %zu\r\n\r\n", n) < 0 || fwrite(text, 1, n, out) != n || fflush(out) != 0)
		rc = -1;
	cJSON_free(text);
	return rc;
}
