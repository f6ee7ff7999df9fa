/*
 * fuzz_lsp.c - the language server's input side: any bytes as the stream
 * an editor writes to `ecslint lsp`.
 *
 * First the framing alone (ecs_lsp_read, src/lsp/lsp_io.h) reads the
 * stream to its end twice: with the server's limit, counting the frames,
 * and with a tiny limit, so the too-large path skips real frames.  Every
 * call must consume input (no loop can stall), a body must be exactly its
 * Content-Length and NUL-terminated, a refusal must say why.
 *
 * Then the whole server (ecs_lsp_serve) runs on the same bytes with
 * in-memory streams: no socket, no file written.  What it writes must be
 * well-formed frames of JSON-RPC 2.0 objects, at most one response per
 * frame read, and every published diagnostic range ordered.
 */
#include <string.h>

#include <cjson/cJSON.h>

#include "fuzz.h"
#include "lsp/lsp_io.h"
#include "lsp/lsp_server.h"

/* Reads every frame of in with limit max; returns the number of frames (good or refused). */
static size_t read_all(const uint8_t *data, size_t size, size_t max)
{
	FILE *in = fmemopen((void *)data, size, "r");
	size_t frames = 0;
	long before = 0, after;

	if (!in)
		return 0;
	for (;;) {
		char *body, err[128] = "";
		size_t len;
		enum ecs_lsp_read_status st = ecs_lsp_read(in, max, &body, &len, err, sizeof(err));

		after = ftell(in);
		if (st == ECS_LSP_READ_OK) {
			FUZZ_ASSERT(body != NULL && len <= max && body[len] == '\0');
			/* The body is the last len bytes read: the frame's own, nothing after it. */
			FUZZ_ASSERT(after >= 0 && (size_t)after <= size && (size_t)after >= len);
			FUZZ_ASSERT(memcmp(body, data + after - len, len) == 0);
			free(body);
		} else {
			FUZZ_ASSERT(body == NULL);
		}
		if (st == ECS_LSP_READ_EOF || st == ECS_LSP_READ_FATAL)
			break;
		if (st == ECS_LSP_READ_BAD)
			FUZZ_ASSERT(err[0] != '\0');
		/* A frame, good or bad, is at least its blank line: reading cannot stall. */
		FUZZ_ASSERT(after > before);
		before = after;
		frames++;
	}
	fclose(in);
	return frames;
}

static bool position_le(const cJSON *a, const cJSON *b)
{
	const cJSON *al = cJSON_GetObjectItemCaseSensitive(a, "line");
	const cJSON *ac = cJSON_GetObjectItemCaseSensitive(a, "character");
	const cJSON *bl = cJSON_GetObjectItemCaseSensitive(b, "line");
	const cJSON *bc = cJSON_GetObjectItemCaseSensitive(b, "character");

	FUZZ_ASSERT(cJSON_IsNumber(al) && cJSON_IsNumber(ac) && cJSON_IsNumber(bl) && cJSON_IsNumber(bc));
	FUZZ_ASSERT(al->valuedouble >= 0 && ac->valuedouble >= 0);
	return al->valuedouble < bl->valuedouble ||
	       (al->valuedouble == bl->valuedouble && ac->valuedouble <= bc->valuedouble);
}

static void check_diagnostics(const cJSON *list)
{
	const cJSON *d;

	FUZZ_ASSERT(cJSON_IsArray(list));
	cJSON_ArrayForEach(d, list) {
		const cJSON *range = cJSON_GetObjectItemCaseSensitive(d, "range");
		FUZZ_ASSERT(cJSON_IsObject(range));
		FUZZ_ASSERT(position_le(cJSON_GetObjectItemCaseSensitive(range, "start"),
					cJSON_GetObjectItemCaseSensitive(range, "end")));
		FUZZ_ASSERT(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(d, "message")));
	}
}

/* One message the server wrote; returns 1 for a response, 0 for a notification. */
static int check_message(const cJSON *m)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(m, "jsonrpc");
	const cJSON *method = cJSON_GetObjectItemCaseSensitive(m, "method");
	const cJSON *params, *result;

	FUZZ_ASSERT(cJSON_IsObject(m) && cJSON_IsString(v) && strcmp(v->valuestring, "2.0") == 0);
	if (method) {
		FUZZ_ASSERT(cJSON_IsString(method));
		params = cJSON_GetObjectItemCaseSensitive(m, "params");
		if (strcmp(method->valuestring, "textDocument/publishDiagnostics") == 0)
			check_diagnostics(cJSON_GetObjectItemCaseSensitive(params, "diagnostics"));
		return 0;
	}
	FUZZ_ASSERT(cJSON_HasObjectItem(m, "id"));
	result = cJSON_GetObjectItemCaseSensitive(m, "result");
	FUZZ_ASSERT((result != NULL) != cJSON_HasObjectItem(m, "error"));
	if (result && cJSON_HasObjectItem(result, "items") && cJSON_HasObjectItem(result, "kind"))
		check_diagnostics(cJSON_GetObjectItemCaseSensitive(result, "items"));
	return 1;
}

/* The server's output: only good frames of JSON-RPC messages; returns the number of responses. */
static size_t check_output(const char *out, size_t len)
{
	FILE *in;
	size_t responses = 0;

	if (!len)
		return 0;
	in = fmemopen((void *)out, len, "r");
	FUZZ_ASSERT(in != NULL);
	for (;;) {
		char *body, err[128];
		size_t n;
		enum ecs_lsp_read_status st = ecs_lsp_read(in, ECS_LSP_MAX_MESSAGE, &body, &n, err, sizeof(err));
		cJSON *m;

		if (st == ECS_LSP_READ_EOF)
			break;
		FUZZ_ASSERT(st == ECS_LSP_READ_OK);
		m = cJSON_ParseWithLength(body, n);
		FUZZ_ASSERT(m != NULL);
		responses += (size_t)check_message(m);
		cJSON_Delete(m);
		free(body);
	}
	fclose(in);
	return responses;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t frames;
	char *out = NULL, *log = NULL;
	size_t out_len = 0, log_len = 0;
	FILE *in, *out_f, *log_f;
	int status;

	frames = read_all(data, size, ECS_LSP_MAX_MESSAGE);
	(void)read_all(data, size, 16);
	in = fmemopen((void *)data, size, "r");
	out_f = open_memstream(&out, &out_len);
	log_f = open_memstream(&log, &log_len);
	FUZZ_ASSERT(out_f && log_f);
	if (in) {
		status = ecs_lsp_serve(in, out_f, log_f, "fuzz");
		FUZZ_ASSERT(status == 0 || status == 1);
		fclose(in);
	}
	fclose(out_f);
	fclose(log_f);
	/* Each frame read gets at most one answer (a request's response, or an error for a bad frame). */
	FUZZ_ASSERT(check_output(out, out_len) <= frames);
	free(out);
	free(log);
	return 0;
}
