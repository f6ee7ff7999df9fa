/*
 * report_common.c - helpers shared by the machine-readable reporters.
 */
#include "report_common.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../yaml/yaml_load.h"

void ecs_uri_encode(struct ecs_buf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
			ecs_buf_addc(out, (char)c);
		} else {
			ecs_buf_addc(out, '%');
			ecs_buf_addc(out, hex[c >> 4]);
			ecs_buf_addc(out, hex[c & 15]);
		}
	}
}

/*
 * Lexical clean-up of an absolute path for names that do not exist (stdin
 * under --stdin-filename): drops "." and empty segments, applies "..".
 */
static void normalise_abs(char *p)
{
	char *out = p, *seg = p;

	while (*seg) {
		char *end;
		size_t n;

		while (*seg == '/')
			seg++;
		end = seg;
		while (*end && *end != '/')
			end++;
		n = (size_t)(end - seg);
		if (n == 0)
			break;
		if (n == 1 && seg[0] == '.') {
			/* nothing */
		} else if (n == 2 && seg[0] == '.' && seg[1] == '.') {
			while (out > p && *--out != '/')
				;
		} else {
			*out++ = '/';
			memmove(out, seg, n);
			out += n;
		}
		seg = end;
	}
	if (out == p)
		*out++ = '/';
	*out = '\0';
}

static char *absolute_path(const char *path)
{
	char resolved[PATH_MAX], cwd[PATH_MAX];
	struct ecs_buf b = ECS_BUF_INIT;
	char *s;

	if (realpath(path, resolved))
		return strdup(resolved);
	if (path[0] != '/') {
		if (!getcwd(cwd, sizeof(cwd)))
			return NULL;
		/* The working directory may itself be reached through a link. */
		if (realpath(cwd, resolved))
			ecs_buf_adds(&b, resolved);
		else
			ecs_buf_adds(&b, cwd);
		ecs_buf_addc(&b, '/');
	}
	ecs_buf_adds(&b, path);
	if (b.failed) {
		ecs_buf_release(&b);
		return NULL;
	}
	s = ecs_buf_detach(&b, NULL);
	normalise_abs(s);
	return s;
}

char *ecs_report_uri(const char *path, const char *base, bool *relative)
{
	char *abs = absolute_path(path), *root = absolute_path(base ? base : ".");
	struct ecs_buf b = ECS_BUF_INIT;
	size_t n;

	*relative = false;
	if (!abs || !root) {
		free(abs);
		free(root);
		return NULL;
	}
	n = strlen(root);
	if (n == 1)
		n = 0;	/* base is "/" */
	if (strncmp(abs, root, n) == 0 && abs[n] == '/' && abs[n + 1]) {
		*relative = true;
		ecs_uri_encode(&b, abs + n + 1, strlen(abs + n + 1));
	} else {
		ecs_buf_adds(&b, "file://");
		ecs_uri_encode(&b, abs, strlen(abs));
	}
	free(abs);
	free(root);
	if (b.failed) {
		ecs_buf_release(&b);
		return NULL;
	}
	return ecs_buf_detach(&b, NULL);
}

cJSON *ecs_json_text(const char *s, size_t len)
{
	struct ecs_buf b = ECS_BUF_INIT;
	const char *why;
	cJSON *item;
	size_t i = 0;

	if (!s)
		return cJSON_CreateNull();
	if (ecs_utf8_check(s, len, &why) < 0 && !memchr(s, '\0', len)) {
		if (s[len] == '\0')
			return cJSON_CreateString(s);
		char *copy = strndup(s, len);
		if (!copy)
			return NULL;
		item = cJSON_CreateString(copy);
		free(copy);
		return item;
	}
	/* Copy the valid runs, replacing each offending byte with U+FFFD. */
	while (i < len) {
		long bad = ecs_utf8_check(s + i, len - i, &why);
		size_t good = bad < 0 ? len - i : (size_t)bad;

		ecs_buf_add(&b, s + i, good);
		i += good;
		if (i < len) {
			ecs_buf_adds(&b, "\xEF\xBF\xBD");
			i++;
		}
	}
	if (b.failed) {
		ecs_buf_release(&b);
		return NULL;
	}
	item = cJSON_CreateString(b.data ? b.data : "");
	ecs_buf_release(&b);
	return item;
}

bool ecs_json_add_text(cJSON *obj, const char *key, const char *s)
{
	cJSON *item = ecs_json_text(s, s ? strlen(s) : 0);

	if (!item)
		return false;
	return cJSON_AddItemToObject(obj, key, item);
}

const char *ecs_page_section(const char *page, const char *heading, size_t *len)
{
	size_t hl = strlen(heading);
	const char *p = page, *start, *end;

	if (!page)
		return NULL;
	for (;;) {
		p = strstr(p, "## ");
		if (!p)
			return NULL;
		if ((p == page || p[-1] == '\n') && strncmp(p + 3, heading, hl) == 0 &&
		    (p[3 + hl] == '\n' || p[3 + hl] == '\r'))
			break;
		p += 3;
	}
	start = strchr(p, '\n');
	if (!start)
		return NULL;
	while (*start == '\n' || *start == '\r')
		start++;
	end = start;
	while (*end && !(end[0] == '#' && end[1] == '#' && end[2] == ' ' && end[-1] == '\n'))
		end++;
	while (end > start && (end[-1] == '\n' || end[-1] == '\r' || end[-1] == ' '))
		end--;
	*len = (size_t)(end - start);
	return start;
}

static int cmp_rule(const void *a, const void *b)
{
	const struct ecs_rule *ra = *(const struct ecs_rule *const *)a;
	const struct ecs_rule *rb = *(const struct ecs_rule *const *)b;

	return strcmp(ra->id, rb->id);
}

size_t ecs_report_rules(const struct ecs_diags *diags, bool skip_suppressed, const struct ecs_rule ***out)
{
	const struct ecs_rule **v = malloc((diags->n ? diags->n : 1) * sizeof(*v));
	size_t n = 0, kept = 0;

	*out = NULL;
	if (!v)
		return (size_t)-1;
	for (size_t i = 0; i < diags->n; i++)
		if (!skip_suppressed || !diags->v[i]->suppressed)
			v[n++] = diags->v[i]->rule;
	qsort(v, n, sizeof(*v), cmp_rule);
	for (size_t i = 0; i < n; i++)
		if (kept == 0 || v[kept - 1] != v[i])
			v[kept++] = v[i];
	*out = v;
	return kept;
}

long ecs_report_rule_index(const struct ecs_rule *const *rules, size_t n, const struct ecs_rule *rule)
{
	for (size_t i = 0; i < n; i++)
		if (rules[i] == rule)
			return (long)i;
	return -1;
}

void ecs_pascal_case(struct ecs_buf *out, const char *kebab)
{
	bool up = true;

	for (const char *p = kebab; *p; p++) {
		if (*p == '-' || *p == '_' || *p == ' ') {
			up = true;
			continue;
		}
		ecs_buf_addc(out, up && *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p);
		up = false;
	}
}

const char *ecs_span_text(const struct ecs_files *files, const struct ecs_span *sp, size_t max, size_t *len)
{
	const struct ecs_source *src = ecs_files_get(files, sp->file);
	const char *why;
	size_t n;

	if (!src || sp->end.byte <= sp->start.byte || sp->end.byte > src->len)
		return NULL;
	n = sp->end.byte - sp->start.byte;
	if (n > max || memchr(src->data + sp->start.byte, '\0', n) ||
	    ecs_utf8_check(src->data + sp->start.byte, n, &why) >= 0)
		return NULL;
	*len = n;
	return src->data + sp->start.byte;
}
