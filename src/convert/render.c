/*
 * render.c - the template as text.  Keys are sorted the way the original
 * printed them (JSON: byte order; YAML: go-yaml's natural order, where
 * "Web9Service" comes before "Web10Service"), then JSON goes through
 * cJSON and YAML through libfyaml's emitter.
 *
 * YAML is emitted from a libfyaml document, not streamed as events:
 * libfyaml 0.7.12's event emitter writes a block sequence whose first item
 * is a mapping as a broken flow sequence, and scalar events lose leading
 * and trailing spaces.  The document costs a few hundred bytes per node,
 * which matters only far past CloudFormation's 500-resource limit.
 */
#include <ctype.h>
#include <libfyaml.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "convert.h"

typedef int (*key_cmp)(const char *a, const char *b);

static int byte_cmp(const char *a, const char *b)
{
	return strcmp(a, b);
}

static bool is_letter(unsigned char ch)
{
	/* go-yaml asks unicode.IsLetter; bytes of multi-byte UTF-8 count as letters. */
	return isalpha(ch) || ch >= 0x80;
}

/* go-yaml v2 keyList.Less for two strings. */
static int natural_cmp(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	bool digits = false;	/* the common prefix ends in a digit */

	for (size_t i = 0; i < la && i < lb; i++) {
		unsigned char ca = (unsigned char)a[i], cb = (unsigned char)b[i];
		bool al, bl;
		if (ca == cb) {
			digits = isdigit(ca);
			continue;
		}
		al = is_letter(ca);
		bl = is_letter(cb);
		if (al && bl)
			return ca < cb ? -1 : 1;
		/*
		 * After a digit, the side that goes on with a letter has the shorter
		 * number (Default80Ingress before Default8080Ingress); elsewhere
		 * the non-letter sorts first.  go-yaml's keyList.Less does both.
		 */
		if (al || bl) {
			if (digits)
				return al ? -1 : 1;
			return bl ? -1 : 1;
		}
		/* Both non-letters: compare the digit runs starting here as numbers. */
		long long an = 0, bn = 0;
		size_t ai, bi;
		if (ca == '0' || cb == '0') {
			for (size_t j = i; j-- > 0 && isdigit((unsigned char)a[j]);) {
				if (a[j] != '0') {
					an = bn = 1;
					break;
				}
			}
		}
		for (ai = i; ai < la && isdigit((unsigned char)a[ai]) && an < 100000000000000LL; ai++)
			an = an * 10 + (a[ai] - '0');
		for (bi = i; bi < lb && isdigit((unsigned char)b[bi]) && bn < 100000000000000LL; bi++)
			bn = bn * 10 + (b[bi] - '0');
		if (an != bn)
			return an < bn ? -1 : 1;
		if (ai != bi)
			return ai < bi ? -1 : 1;
		return ca < cb ? -1 : 1;
	}
	return la < lb ? -1 : la > lb ? 1 : 0;
}

/* Merge sort of n items by key, using tmp (n items) as scratch. */
static void sort_items(cJSON **v, cJSON **tmp, size_t n, key_cmp cmp)
{
	size_t half = n / 2, i = 0, j = half, k = 0;

	if (n < 2)
		return;
	sort_items(v, tmp, half, cmp);
	sort_items(v + half, tmp, n - half, cmp);
	while (i < half && j < n)
		tmp[k++] = cmp(v[j]->string, v[i]->string) < 0 ? v[j++] : v[i++];
	while (i < half)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof(*v));
}

/* Sorts every object's members by key, recursively; -1 when out of memory. */
static int sort_tree(cJSON *v, key_cmp cmp)
{
	cJSON *it, **items;
	int n = 0, i;

	cJSON_ArrayForEach(it, v)
		if (sort_tree(it, cmp) < 0)
			return -1;
	if (!cJSON_IsObject(v) || !v->child)
		return 0;
	cJSON_ArrayForEach(it, v)
		n++;
	if (!(items = malloc(2 * (size_t)n * sizeof(*items))))
		return -1;
	i = 0;
	cJSON_ArrayForEach(it, v)
		items[i++] = it;
	sort_items(items, items + n, (size_t)n, cmp);
	for (i = 0; i < n; i++) {
		items[i]->next = i + 1 < n ? items[i + 1] : NULL;
		items[i]->prev = i > 0 ? items[i - 1] : items[n - 1];
	}
	v->child = items[0];
	free(items);
	return 0;
}

/* cJSON indents with tabs and writes "key":<TAB>value; the original used two
 * spaces.  Strings never hold a raw tab (cJSON escapes it), so every tab is layout. */
static void add_json(struct ecs_buf *out, const char *s)
{
	bool line_start = true;

	/* cJSON indents with tabs: copy runs between tabs whole, tabs become spaces. */
	while (*s) {
		size_t run = strcspn(s, "\t");
		if (run) {
			ecs_buf_add(out, s, run);
			line_start = s[run - 1] == '\n';
			s += run;
			continue;
		}
		ecs_buf_adds(out, line_start ? "  " : " ");
		s++;
	}
	ecs_buf_addc(out, '\n');
}

static bool yaml_word(const char *s)
{
	static const char *const words[] = { "y", "n", "yes", "no", "true", "false", "on", "off", "null" };

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcasecmp(s, words[i]) == 0)
			return true;
	return false;
}

/*
 * Whether s can be written plain and read back as the same string by any
 * YAML 1.1 or 1.2 reader.  Deliberately narrow: anything else is written
 * double-quoted.
 */
static bool plain_safe(const char *s)
{
	size_t len = strlen(s);

	if (!len || !(isalpha((unsigned char)s[0]) || s[0] == '_' || s[0] == '/'))
		return false;
	if (s[len - 1] == ' ' || s[len - 1] == ':' || yaml_word(s))
		return false;
	for (const char *p = s; *p; p++) {
		if (!isalnum((unsigned char)*p) && !strchr(" ._/:@=+-()$*^~!%", *p))
			return false;
		if (p[0] == ':' && p[1] == ' ')
			return false;
		if (p[0] == ' ' && p[1] == ' ')
			return false;
	}
	return true;
}

static struct fy_node *yaml_scalar(struct fy_document *fyd, const cJSON *v)
{
	char *text;
	struct fy_node *n;

	if (cJSON_IsString(v) && plain_safe(v->valuestring))
		return fy_node_create_scalar_copy(fyd, v->valuestring, strlen(v->valuestring));
	/* Numbers, booleans and null print the same in JSON and YAML; a JSON
	 * string is a valid YAML double-quoted scalar, so cJSON does the escaping. */
	if (!(text = cJSON_PrintUnformatted(v)))
		return NULL;
	/* The built node points into its source text: the document frees it. */
	if (cJSON_IsString(v))
		return fy_node_build_from_malloc_string(fyd, text, FY_NT);
	n = fy_node_create_scalar_copy(fyd, text, strlen(text));
	free(text);
	return n;
}

static struct fy_node *yaml_key(struct fy_document *fyd, const char *key)
{
	cJSON tmp = { .type = cJSON_String, .valuestring = (char *)key };

	return yaml_scalar(fyd, &tmp);
}

static struct fy_node *yaml_node(struct fy_document *fyd, const cJSON *v)
{
	struct fy_node *n;
	const cJSON *it;

	if (cJSON_IsObject(v)) {
		if (!(n = fy_node_create_mapping(fyd)))
			return NULL;
		cJSON_ArrayForEach(it, v) {
			struct fy_node *k = yaml_key(fyd, it->string), *val = yaml_node(fyd, it);
			if (!k || !val || fy_node_mapping_append(n, k, val) != 0)
				return NULL;
		}
		return n;
	}
	if (cJSON_IsArray(v)) {
		if (!(n = fy_node_create_sequence(fyd)))
			return NULL;
		cJSON_ArrayForEach(it, v) {
			struct fy_node *item = yaml_node(fyd, it);
			if (!item || fy_node_sequence_append(n, item) != 0)
				return NULL;
		}
		return n;
	}
	return yaml_scalar(fyd, v);
}


/*
 * The bytes one code point takes in a double-quoted scalar libfyaml
 * 0.7.12 writes again from its content (measured over every code point):
 * \a \b \t \n \v \f \r \e \" \\ \N \L \P in two bytes, other controls,
 * DEL and C1 as \xXX, BOM and U+FFFE/U+FFFF as \uXXXX, planes above the
 * first as \UXXXXXXXX; the rest as its UTF-8.
 */
static size_t yaml_escaped_width(uint32_t cp, size_t utf8_len)
{
	if (cp == '"' || cp == '\\' || (cp >= 0x07 && cp <= 0x0d) || cp == 0x1b || cp == 0x85 ||
	    cp == 0x2028 || cp == 0x2029)
		return 2;
	if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
		return 4;
	if (cp == 0xfeff || cp == 0xfffe || cp == 0xffff)
		return 6;
	if (cp >= 0x10000)
		return 10;
	return utf8_len;
}

/*
 * Size of a string libfyaml got as cJSON's double-quoted text.  Text
 * without an escape is written back as it came; one escape makes libfyaml
 * write the whole scalar again with its own escapes (found by fuzz_emitter:
 * cJSON's \u001c became \x1C, and a DEL next to a '"' became \x7F).
 */
static size_t yaml_quoted_size(const char *s, const char *json)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 2;

	if (!strchr(json, '\\'))
		return strlen(json);
	while (*p) {
		size_t len = *p < 0x80 ? 1 : *p < 0xe0 ? 2 : *p < 0xf0 ? 3 : 4;
		uint32_t cp = len == 1 ? *p : *p & (0x7f >> len);

		for (size_t i = 1; i < len; i++) {
			if ((p[i] & 0xc0) != 0x80) {
				len = i;
				break;
			}
			cp = cp << 6 | (p[i] & 0x3f);
		}
		n += yaml_escaped_width(cp, len);
		p += len;
	}
	return n;
}

/*
 * The byte size of render_yaml()'s output, counted from the tree without
 * building a libfyaml document (which costs most of a small check run).
 * It follows the emitter's block layout for the only shapes we produce:
 * "key: scalar", "key:" + nested mapping indented by 2, "key:" + sequence
 * items at the key's own indentation, "- " + a mapping's first entry inline,
 * "{}"/"[]" when empty, "? key" for a key with a line break; scalars plain
 * when plain_safe(), else double-quoted (yaml_quoted_size()).
 * Debug builds compare it with the real rendering on every use.
 */
static size_t yaml_scalar_size(const cJSON *v)
{
	char *text;
	size_t n;

	if (cJSON_IsString(v) && plain_safe(v->valuestring))
		return strlen(v->valuestring);
	text = cJSON_PrintUnformatted(v);
	n = !text ? 0 : cJSON_IsString(v) ? yaml_quoted_size(v->valuestring, text) : strlen(text);
	free(text);
	return n;
}

static size_t yaml_key_size(const char *key)
{
	cJSON tmp = { .type = cJSON_String, .valuestring = (char *)key };

	return yaml_scalar_size(&tmp);
}

static size_t yaml_seq_size(const cJSON *seq, size_t indent);

static size_t yaml_map_size(const cJSON *map, size_t indent)
{
	const cJSON *it;
	size_t n = 0;

	cJSON_ArrayForEach(it, map) {
		n += indent + yaml_key_size(it->string) + 1;
		if (cJSON_IsObject(it) && it->child)
			n += 1 + yaml_map_size(it, indent + 2);
		else if (cJSON_IsArray(it) && it->child)
			n += 1 + yaml_seq_size(it, indent);
		else if (cJSON_IsObject(it) || cJSON_IsArray(it))
			n += 4;			/* " {}\n" */
		else
			n += 1 + yaml_scalar_size(it) + 1;
		/*
		 * A key with a line break is written as an explicit key: "? KEY\n",
		 * then ":" on a line of its own at the key's indentation, a nested
		 * mapping's first entry after ": " (found by fuzz_emitter).
		 */
		if (strpbrk(it->string, "\n\r"))
			n += cJSON_IsObject(it) && it->child ? 1 : indent + 3;
	}
	return n;
}

static size_t yaml_seq_size(const cJSON *seq, size_t indent)
{
	const cJSON *it;
	size_t n = 0;

	cJSON_ArrayForEach(it, seq) {
		/* "- " replaces the indentation of the item's first line. */
		if (cJSON_IsObject(it) && it->child)
			n += yaml_map_size(it, indent + 2);
		else if (cJSON_IsArray(it) && it->child)
			n += yaml_seq_size(it, indent + 2);
		else if (cJSON_IsObject(it) || cJSON_IsArray(it))
			n += indent + 2 + 3;	/* "{}\n" */
		else
			n += indent + 2 + yaml_scalar_size(it) + 1;
	}
	return n;
}

static int render_yaml(const cJSON *tpl, struct ecs_buf *out)
{
	/* Keys are unique already (cJSON objects): skip libfyaml's per-append
	 * duplicate search, which is quadratic in the number of resources. */
	struct fy_parse_cfg cfg = { .flags = FYPCF_ALLOW_DUPLICATE_KEYS };
	struct fy_document *fyd = fy_document_create(&cfg);
	struct fy_node *root;
	char *text = NULL;

	if (!fyd)
		return -1;
	root = yaml_node(fyd, tpl);
	if (root && fy_document_set_root(fyd, root) == 0)
		text = fy_emit_document_to_string(fyd, FYECF_MODE_BLOCK | FYECF_INDENT_2 | FYECF_WIDTH_INF |
							       FYECF_DOC_START_MARK_OFF | FYECF_DOC_END_MARK_OFF);
	fy_document_destroy(fyd);
	if (!text)
		return -1;
	ecs_buf_adds(out, text);
	free(text);
	return 0;
}

int ecs_template_render(cJSON *tpl, enum ecs_template_format f, struct ecs_buf *out, struct ecs_buf *err)
{
	char *text;

	if (sort_tree(tpl, f == ECS_TEMPLATE_YAML ? natural_cmp : byte_cmp) < 0) {
		ecs_buf_adds(err, "out of memory while sorting the template");
		return -1;
	}
	if (f == ECS_TEMPLATE_YAML) {
		if (render_yaml(tpl, out) < 0) {
			ecs_buf_adds(err, "libfyaml could not emit the template");
			return -1;
		}
		return out->failed ? -1 : 0;
	}
	if (!(text = cJSON_Print(tpl))) {
		ecs_buf_adds(err, "out of memory while printing the template");
		return -1;
	}
	add_json(out, text);
	free(text);
	return out->failed ? -1 : 0;
}

int ecs_template_size(cJSON *tpl, enum ecs_template_format f, size_t *bytes, struct ecs_buf *err)
{
#ifndef NDEBUG
	struct ecs_buf out = ECS_BUF_INIT;
#endif
	char *text;
	size_t n = 0;
	bool line_start = true;

	if (f == ECS_TEMPLATE_YAML) {
		if (sort_tree(tpl, natural_cmp) < 0) {
			ecs_buf_adds(err, "out of memory while sorting the template");
			return -1;
		}
		*bytes = cJSON_IsObject(tpl) && tpl->child ? yaml_map_size(tpl, 0) : 3;
#ifndef NDEBUG
		/* The counter must agree with libfyaml byte for byte. */
		if (ecs_template_render(tpl, f, &out, err) == 0 && out.len != *bytes) {
			fprintf(stderr, "ecslint: BUG: YAML size %zu counted, %zu rendered\n", *bytes, out.len);
			abort();
		}
		ecs_buf_release(&out);
#endif
		return 0;
	}
	if (sort_tree(tpl, byte_cmp) < 0 || !(text = cJSON_Print(tpl))) {
		ecs_buf_adds(err, "out of memory while printing the template");
		return -1;
	}
	/* The length add_json() would produce, without building the text. */
	for (const char *s = text; *s; s++) {
		if (*s == '\t') {
			n += line_start ? 2 : 1;
			continue;
		}
		line_start = *s == '\n';
		n++;
	}
	free(text);
	*bytes = n + 1;
	return 0;
}
