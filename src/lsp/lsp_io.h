/*
 * lsp_io.h - JSON-RPC framing over a byte stream, as LSP defines it:
 * "Content-Length: N\r\n" (other headers ignored) "\r\n", then N bytes of
 * UTF-8 JSON.  Reading is bounded: header lines, header count and body size
 * all have limits, so a hostile or broken client cannot make us allocate
 * without bound; a bad frame is skipped and reported, never fatal.
 */
#ifndef ECS_LSP_IO_H
#define ECS_LSP_IO_H

#include <stdio.h>

#include <cjson/cJSON.h>

#define ECS_LSP_MAX_MESSAGE (64u * 1024u * 1024u)

enum ecs_lsp_read_status {
	ECS_LSP_READ_OK,	/* *body holds a malloc'd, NUL-terminated message */
	ECS_LSP_READ_EOF,	/* the stream ended between messages */
	ECS_LSP_READ_BAD,	/* a frame was malformed or too large; err says why; reading may go on */
	ECS_LSP_READ_FATAL,	/* the stream ended inside a frame, or out of memory */
};

enum ecs_lsp_read_status ecs_lsp_read(FILE *in, size_t max, char **body, size_t *len, char *err, size_t err_len);

/* Writes msg as one frame and flushes; returns 0, or -1 when the stream failed. */
int ecs_lsp_write(FILE *out, const cJSON *msg);

#endif
