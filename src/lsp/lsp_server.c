/*
 * lsp_server.c - the JSON-RPC loop, the open documents and the dispatch.
 */
#include "lsp_server.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "../core/run.h"
#include "lsp_fix.h"
#include "lsp_io.h"
#include "lsp_lint.h"

/* JSON-RPC and LSP error codes. */
enum {
	RPC_PARSE_ERROR = -32700,
	RPC_INVALID_REQUEST = -32600,
	RPC_METHOD_NOT_FOUND = -32601,
	RPC_INVALID_PARAMS = -32602,
	RPC_INTERNAL_ERROR = -32603,
	LSP_SERVER_NOT_INITIALIZED = -32002,
};

/* Open buffers are few; a list keeps it simple.  Texts are malloc'd. */
struct document {
	char *uri;
	char *text;
	size_t len;
	int version;
	struct document *next;
};

struct server {
	FILE *out, *log;
	const char *version;
	struct document *docs;
	bool initialized, shut_down, exited, pull_diagnostics;
	bool write_failed;
};

struct method {
	const char *name;
	bool request;	/* expects a response */
	/* Returns the result (requests) or NULL; sets *code and *why for an error. */
	cJSON *(*handle)(struct server *s, const cJSON *params, int *code, const char **why);
};

static void send_message(struct server *s, cJSON *msg)
{
	if (!msg) {
		fprintf(s->log, "ecslint lsp: out of memory building a message\n");
		return;
	}
	if (ecs_lsp_write(s->out, msg) < 0)
		s->write_failed = true;
	cJSON_Delete(msg);
}

static cJSON *envelope(void)
{
	cJSON *m = cJSON_CreateObject();

	if (m && !cJSON_AddStringToObject(m, "jsonrpc", "2.0")) {
		cJSON_Delete(m);
		return NULL;
	}
	return m;
}

static void send_response(struct server *s, const cJSON *id, cJSON *result)
{
	cJSON *m = envelope();

	if (!m || !cJSON_AddItemToObject(m, "id", id ? cJSON_Duplicate(id, 1) : cJSON_CreateNull()) ||
	    !cJSON_AddItemToObject(m, "result", result ? result : cJSON_CreateNull())) {
		cJSON_Delete(m);
		m = NULL;
	}
	send_message(s, m);
}

static void send_error(struct server *s, const cJSON *id, int code, const char *message)
{
	cJSON *m = envelope(), *e = cJSON_CreateObject();

	if (!m || !e || !cJSON_AddNumberToObject(e, "code", code) || !cJSON_AddStringToObject(e, "message", message) ||
	    !cJSON_AddItemToObject(m, "id", id ? cJSON_Duplicate(id, 1) : cJSON_CreateNull())) {
		cJSON_Delete(m);
		cJSON_Delete(e);
		m = NULL;
	} else {
		cJSON_AddItemToObject(m, "error", e);
	}
	send_message(s, m);
}

static void send_notification(struct server *s, const char *method, cJSON *params)
{
	cJSON *m = envelope();

	if (!m || !cJSON_AddStringToObject(m, "method", method) || !cJSON_AddItemToObject(m, "params", params)) {
		cJSON_Delete(m);
		m = NULL;
	}
	send_message(s, m);
}

static struct document *doc_find(struct server *s, const char *uri)
{
	for (struct document *d = s->docs; d; d = d->next)
		if (strcmp(d->uri, uri) == 0)
			return d;
	return NULL;
}

static void doc_free(struct document *d)
{
	free(d->uri);
	free(d->text);
	free(d);
}

static const char *str_at(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static const cJSON *obj_at(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsObject(v) ? v : NULL;
}

/* Text as the client sent it: cJSON decoded the JSON string, so its length is strlen's unless it held \u0000. */
static bool text_of(const cJSON *obj, const char **text, size_t *len)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "text");

	if (!cJSON_IsString(v))
		return false;
	*text = v->valuestring;
	*len = strlen(v->valuestring);
	return true;
}

static void publish(struct server *s, const char *uri, const struct document *d)
{
	cJSON *params = cJSON_CreateObject(), *diags;

	if (!params)
		return;
	diags = d ? ecs_lsp_lint(uri, d->text, d->len) : cJSON_CreateArray();
	if (!diags || !cJSON_AddStringToObject(params, "uri", uri) ||
	    (d && !cJSON_AddNumberToObject(params, "version", d->version)) ||
	    !cJSON_AddItemToObject(params, "diagnostics", diags)) {
		fprintf(s->log, "ecslint lsp: out of memory linting %s\n", uri);
		cJSON_Delete(params);
		return;
	}
	send_notification(s, "textDocument/publishDiagnostics", params);
}

static void refresh(struct server *s, const char *uri, const struct document *d)
{
	/* With pull diagnostics the client asks; pushing too would show everything twice. */
	if (!s->pull_diagnostics || !d)
		publish(s, uri, d);
}

/* Quick fixes per finding, and "fix all" for codeActionsOnSave. */
static bool add_code_action_provider(cJSON *caps)
{
	cJSON *cap = cJSON_AddObjectToObject(caps, "codeActionProvider");
	cJSON *kinds = cap ? cJSON_AddArrayToObject(cap, "codeActionKinds") : NULL;

	return kinds && cJSON_AddItemToArray(kinds, cJSON_CreateString("quickfix")) &&
	       cJSON_AddItemToArray(kinds, cJSON_CreateString("source.fixAll.ecslint")) &&
	       cJSON_AddBoolToObject(cap, "resolveProvider", 0);
}

static cJSON *on_initialize(struct server *s, const cJSON *params, int *code, const char **why)
{
	cJSON *r = cJSON_CreateObject(), *caps, *sync, *save, *info, *diag;
	const cJSON *td = obj_at(obj_at(params, "capabilities"), "textDocument");

	if (s->initialized) {
		cJSON_Delete(r);
		*code = RPC_INVALID_REQUEST;
		*why = "initialize was already received";
		return NULL;
	}
	s->pull_diagnostics = obj_at(td, "diagnostic") != NULL;
	caps = r ? cJSON_AddObjectToObject(r, "capabilities") : NULL;
	sync = caps ? cJSON_AddObjectToObject(caps, "textDocumentSync") : NULL;
	save = sync ? cJSON_AddObjectToObject(sync, "save") : NULL;
	info = r ? cJSON_AddObjectToObject(r, "serverInfo") : NULL;
	if (!save || !info || !cJSON_AddStringToObject(caps, "positionEncoding", "utf-16") ||
	    !cJSON_AddBoolToObject(sync, "openClose", 1) || !cJSON_AddNumberToObject(sync, "change", 1) ||
	    !cJSON_AddBoolToObject(save, "includeText", 0) || !cJSON_AddStringToObject(info, "name", "ecslint") ||
	    !cJSON_AddStringToObject(info, "version", s->version))
		goto nomem;
	if (!add_code_action_provider(caps))
		goto nomem;
	if (s->pull_diagnostics) {
		diag = cJSON_AddObjectToObject(caps, "diagnosticProvider");
		if (!diag || !cJSON_AddStringToObject(diag, "identifier", "ecslint") ||
		    !cJSON_AddBoolToObject(diag, "interFileDependencies", 0) ||
		    !cJSON_AddBoolToObject(diag, "workspaceDiagnostics", 0))
			goto nomem;
	}
	s->initialized = true;
	return r;
nomem:
	cJSON_Delete(r);
	*code = RPC_INTERNAL_ERROR;
	*why = "out of memory";
	return NULL;
}

static cJSON *on_initialized(struct server *s, const cJSON *params, int *code, const char **why)
{
	(void)s, (void)params, (void)code, (void)why;
	return NULL;
}

static cJSON *on_shutdown(struct server *s, const cJSON *params, int *code, const char **why)
{
	(void)params, (void)code, (void)why;
	s->shut_down = true;
	return cJSON_CreateNull();
}

static cJSON *on_exit_notification(struct server *s, const cJSON *params, int *code, const char **why)
{
	(void)params, (void)code, (void)why;
	s->exited = true;
	return NULL;
}

/* Replaces or creates the document's text; false when out of memory or too large. */
static bool doc_set(struct server *s, const char *uri, const char *text, size_t len, int version)
{
	struct document *d = doc_find(s, uri);
	char *copy;

	if (len > ECS_DEFAULT_MAX_FILE_SIZE) {
		fprintf(s->log, "ecslint lsp: %s is larger than %u bytes: not linted\n", uri, ECS_DEFAULT_MAX_FILE_SIZE);
		return false;
	}
	copy = malloc(len + 1);
	if (!copy)
		return false;
	memcpy(copy, text, len);
	copy[len] = '\0';
	if (!d) {
		d = calloc(1, sizeof(*d));
		if (!d || !(d->uri = strdup(uri))) {
			free(d);
			free(copy);
			return false;
		}
		d->next = s->docs;
		s->docs = d;
	}
	free(d->text);
	d->text = copy;
	d->len = len;
	d->version = version;
	return true;
}

static int version_of(const cJSON *td)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(td, "version");

	return cJSON_IsNumber(v) ? v->valueint : 0;
}

static cJSON *on_did_open(struct server *s, const cJSON *params, int *code, const char **why)
{
	const cJSON *td = obj_at(params, "textDocument");
	const char *uri = str_at(td, "uri"), *text;
	size_t len;

	if (!uri || !text_of(td, &text, &len)) {
		*code = RPC_INVALID_PARAMS;
		*why = "didOpen needs textDocument.uri and textDocument.text";
		return NULL;
	}
	if (doc_set(s, uri, text, len, version_of(td)))
		refresh(s, uri, doc_find(s, uri));
	return NULL;
}

static cJSON *on_did_change(struct server *s, const cJSON *params, int *code, const char **why)
{
	const cJSON *td = obj_at(params, "textDocument");
	const cJSON *changes = cJSON_GetObjectItemCaseSensitive(params, "contentChanges");
	const char *uri = str_at(td, "uri"), *text;
	size_t len;
	int n = cJSON_IsArray(changes) ? cJSON_GetArraySize(changes) : 0;

	/* Full sync: the last change holds the whole text. */
	if (!uri || n == 0 || !text_of(cJSON_GetArrayItem(changes, n - 1), &text, &len)) {
		*code = RPC_INVALID_PARAMS;
		*why = "didChange needs textDocument.uri and contentChanges[].text (full sync)";
		return NULL;
	}
	if (doc_set(s, uri, text, len, version_of(td)))
		refresh(s, uri, doc_find(s, uri));
	return NULL;
}

static cJSON *on_did_save(struct server *s, const cJSON *params, int *code, const char **why)
{
	const char *uri = str_at(obj_at(params, "textDocument"), "uri");
	struct document *d;

	if (!uri) {
		*code = RPC_INVALID_PARAMS;
		*why = "didSave needs textDocument.uri";
		return NULL;
	}
	d = doc_find(s, uri);
	if (d)
		refresh(s, uri, d);
	return NULL;
}

static cJSON *on_did_close(struct server *s, const cJSON *params, int *code, const char **why)
{
	const char *uri = str_at(obj_at(params, "textDocument"), "uri");
	struct document **p;

	if (!uri) {
		*code = RPC_INVALID_PARAMS;
		*why = "didClose needs textDocument.uri";
		return NULL;
	}
	for (p = &s->docs; *p; p = &(*p)->next) {
		if (strcmp((*p)->uri, uri) == 0) {
			struct document *d = *p;
			*p = d->next;
			doc_free(d);
			break;
		}
	}
	/* An empty set clears what the editor shows. */
	publish(s, uri, NULL);
	return NULL;
}

static cJSON *on_diagnostic(struct server *s, const cJSON *params, int *code, const char **why)
{
	const char *uri = str_at(obj_at(params, "textDocument"), "uri");
	struct document *d = uri ? doc_find(s, uri) : NULL;
	cJSON *r, *items;

	if (!uri) {
		*code = RPC_INVALID_PARAMS;
		*why = "textDocument/diagnostic needs textDocument.uri";
		return NULL;
	}
	items = d ? ecs_lsp_lint(uri, d->text, d->len) : cJSON_CreateArray();
	r = cJSON_CreateObject();
	if (!items || !r || !cJSON_AddStringToObject(r, "kind", "full") || !cJSON_AddItemToObject(r, "items", items)) {
		cJSON_Delete(items);
		cJSON_Delete(r);
		*code = RPC_INTERNAL_ERROR;
		*why = "out of memory";
		return NULL;
	}
	return r;
}

static cJSON *on_code_action(struct server *s, const cJSON *params, int *code, const char **why)
{
	const char *uri = str_at(obj_at(params, "textDocument"), "uri");
	struct document *d = uri ? doc_find(s, uri) : NULL;
	cJSON *actions;

	if (!uri || !obj_at(params, "range")) {
		*code = RPC_INVALID_PARAMS;
		*why = "textDocument/codeAction needs textDocument.uri and range";
		return NULL;
	}
	/* A buffer we were not sent has no findings, so no fixes. */
	actions = d ? ecs_lsp_code_actions(uri, d->text, d->len, params) : cJSON_CreateArray();
	if (!actions) {
		*code = RPC_INTERNAL_ERROR;
		*why = "out of memory";
	}
	return actions;
}

static const struct method methods[] = {
	{ "exit", false, on_exit_notification },
	{ "initialize", true, on_initialize },
	{ "initialized", false, on_initialized },
	{ "shutdown", true, on_shutdown },
	{ "textDocument/codeAction", true, on_code_action },
	{ "textDocument/diagnostic", true, on_diagnostic },
	{ "textDocument/didChange", false, on_did_change },
	{ "textDocument/didClose", false, on_did_close },
	{ "textDocument/didOpen", false, on_did_open },
	{ "textDocument/didSave", false, on_did_save },
};

static void dispatch(struct server *s, const cJSON *msg)
{
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(msg, "id");
	const cJSON *params = cJSON_GetObjectItemCaseSensitive(msg, "params");
	const char *name = str_at(msg, "method");
	const struct method *m = NULL;
	bool is_request;
	int code = 0;
	const char *why = NULL;
	cJSON *result;

	if (id && !cJSON_IsNumber(id) && !cJSON_IsString(id)) {
		send_error(s, NULL, RPC_INVALID_REQUEST, "id must be a number or a string");
		return;
	}
	is_request = id != NULL;
	if (!name) {
		/* A response to a request of ours (we send none) or garbage. */
		if (!cJSON_GetObjectItemCaseSensitive(msg, "result") && !cJSON_GetObjectItemCaseSensitive(msg, "error"))
			send_error(s, id, RPC_INVALID_REQUEST, "a message needs a method");
		return;
	}
	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
		if (strcmp(methods[i].name, name) == 0)
			m = &methods[i];
	if (!m || m->request != is_request) {
		/* Unknown notifications ($/cancelRequest, $/setTrace, ...) are ignored. */
		if (is_request)
			send_error(s, id, RPC_METHOD_NOT_FOUND, "method not supported by ecslint");
		return;
	}
	if (!s->initialized && strcmp(name, "initialize") != 0 && strcmp(name, "exit") != 0) {
		if (is_request)
			send_error(s, id, LSP_SERVER_NOT_INITIALIZED, "initialize first");
		return;
	}
	if (s->shut_down && strcmp(name, "exit") != 0) {
		if (is_request)
			send_error(s, id, RPC_INVALID_REQUEST, "the server is shutting down");
		return;
	}
	if (params && !cJSON_IsObject(params) && !cJSON_IsArray(params)) {
		if (is_request)
			send_error(s, id, RPC_INVALID_PARAMS, "params must be an object");
		return;
	}
	result = m->handle(s, params, &code, &why);
	if (!is_request) {
		if (code)
			fprintf(s->log, "ecslint lsp: %s: %s\n", name, why);
		cJSON_Delete(result);
		return;
	}
	if (code)
		send_error(s, id, code, why);
	else
		send_response(s, id, result);
}

int ecs_lsp_serve(FILE *in, FILE *out, FILE *log, const char *version)
{
	struct server s = { .out = out, .log = log, .version = version };
	char err[256];

	while (!s.exited && !s.write_failed) {
		char *body = NULL;
		size_t len = 0;
		enum ecs_lsp_read_status st = ecs_lsp_read(in, ECS_LSP_MAX_MESSAGE, &body, &len, err, sizeof(err));
		cJSON *msg;

		if (st == ECS_LSP_READ_EOF)
			break;
		if (st == ECS_LSP_READ_FATAL) {
			fprintf(log, "ecslint lsp: the input ended inside a message\n");
			break;
		}
		if (st == ECS_LSP_READ_BAD) {
			fprintf(log, "ecslint lsp: bad frame: %s\n", err);
			send_error(&s, NULL, RPC_INVALID_REQUEST, err);
			continue;
		}
		msg = cJSON_ParseWithLength(body, len);
		free(body);
		if (!msg) {
			send_error(&s, NULL, RPC_PARSE_ERROR, "the message is not valid JSON");
			continue;
		}
		if (!cJSON_IsObject(msg))
			send_error(&s, NULL, RPC_INVALID_REQUEST, "a message must be a JSON object");
		else
			dispatch(&s, msg);
		cJSON_Delete(msg);
	}
	while (s.docs) {
		struct document *d = s.docs;
		s.docs = d->next;
		doc_free(d);
	}
	return s.exited && s.shut_down ? 0 : 1;
}
