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
/* ASCII letters, digits and " ._/:@=+-()$*^~!%": what a plain scalar may hold here. */
static bool plain_char(unsigned char c)
{
	switch (c) {
	case ' ': case '.': case '_': case '/': case ':': case '@': case '=': case '+': case '-':
	case '(': case ')': case '$': case '*': case '^': case '~': case '!': case '%':
		return true;
	default:
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	}
}

static bool plain_safe(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len;

	if (!(isalpha(p[0]) || p[0] == '_' || p[0] == '/'))
		return false;
	for (; *p; p++) {
		if (!plain_char(*p))
			return false;
		if ((p[0] == ':' || p[0] == ' ') && p[1] == ' ')
			return false;
	}
	len = (size_t)((const char *)p - s);
	/* The words are five letters at most: most strings skip the comparisons. */
	return s[len - 1] != ' ' && s[len - 1] != ':' && !(len <= 5 && yaml_word(s));
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
 * Sizes counted from the tree, without printing (which costs a malloc per
 * scalar and the whole text at once).  They follow cJSON's printer: strings
 * escape '"', '\\' and \b \f \n \r \t in two bytes and other control
 * characters as \uXXXX; whole numbers are their digits, other numbers are
 * printed by cJSON itself into a stack buffer (their format is cJSON's
 * business).  Debug builds compare every count with the real rendering.
 */

/* Bytes each byte adds beyond itself when cJSON escapes it in a string. */
#define JSON_U(c) [c] = 5
static const unsigned char json_escape_extra[256] = {
	JSON_U(0x00), JSON_U(0x01), JSON_U(0x02), JSON_U(0x03), JSON_U(0x04), JSON_U(0x05), JSON_U(0x06),
	JSON_U(0x07), JSON_U(0x0b), JSON_U(0x0e), JSON_U(0x0f), JSON_U(0x10), JSON_U(0x11), JSON_U(0x12),
	JSON_U(0x13), JSON_U(0x14), JSON_U(0x15), JSON_U(0x16), JSON_U(0x17), JSON_U(0x18), JSON_U(0x19),
	JSON_U(0x1a), JSON_U(0x1b), JSON_U(0x1c), JSON_U(0x1d), JSON_U(0x1e), JSON_U(0x1f),
	['\b'] = 1, ['\f'] = 1, ['\n'] = 1, ['\r'] = 1, ['\t'] = 1, ['"'] = 1, ['\\'] = 1,
};
#undef JSON_U

static size_t quoted_size(const char *s, const unsigned char *extra)
{
	size_t n = 2;

	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++)
		n += 1u + extra[*p];
	return n;
}

/* Bytes of one character libfyaml writes when it escapes a double-quoted scalar itself. */
static size_t yaml_escaped_char(uint32_t cp, size_t utf8_len)
{
	if (cp == '"' || cp == '\\' || cp == 7 || (cp >= 8 && cp <= 13) || cp == 27)
		return 2;			/* \" \\ \a \b \t \n \v \f \r \e */
	if (cp < 0x20 || cp == 0x7f)
		return 4;			/* \xXX */
	if (cp == 0x85 || cp == 0xa0 || cp == 0x2028 || cp == 0x2029)
		return 2;			/* \N \_ \L \P */
	if (cp >= 0x80 && cp <= 0x9f)
		return 4;
	if (cp == 0xfeff || cp == 0xfffe || cp == 0xffff)
		return 6;			/* \uXXXX */
	if (cp >= 0x10000)
		return 10;			/* \UXXXXXXXX */
	return utf8_len;
}

/*
 * A string that is not plain_safe() is handed to libfyaml as its JSON text
 * (a valid double-quoted scalar).  Without an escape in that text libfyaml
 * writes it as it is; with one, it writes the value again with its own
 * escapes (tests/unit/test_convert.c compares every class with libfyaml).
 */
static size_t yaml_quoted_size(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n = 2;

	if (quoted_size(s, json_escape_extra) == strlen((const char *)p) + 2)
		return n + strlen((const char *)p);
	while (*p) {
		size_t len = *p < 0x80 ? 1 : *p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 : *p >= 0xc0 ? 2 : 1;
		uint32_t cp = len == 1 ? *p : *p & (0x7f >> len);
		for (size_t i = 1; i < len; i++) {
			if ((p[i] & 0xc0) != 0x80) {	/* not UTF-8: counted as bytes */
				len = 1;
				cp = *p;
				break;
			}
			cp = cp << 6 | (p[i] & 0x3f);
		}
		n += yaml_escaped_char(cp, len);
		p += len;
	}
	return n;
}

static size_t json_string_size(const char *s)
{
	return quoted_size(s, json_escape_extra);
}

static size_t json_scalar_size(const cJSON *v)
{
	char buf[64];

	if (cJSON_IsString(v))
		return json_string_size(v->valuestring);
	if (cJSON_IsRaw(v))
		return v->valuestring ? strlen(v->valuestring) : 0;
	if (cJSON_IsTrue(v))
		return 4;
	if (cJSON_IsFalse(v))
		return 5;
	if (cJSON_IsNull(v))
		return 4;
	/* Whole numbers print as their digits either way cJSON formats them
	 * ("%d" or "%1.15g"); only others need cJSON's own printer. */
	if (cJSON_IsNumber(v) && v->valuedouble == (double)(long long)v->valuedouble &&
	    v->valuedouble > -1e15 && v->valuedouble < 1e15) {
		long long i = (long long)v->valuedouble;
		size_t n = i < 0 ? 2 : 1;
		for (i = i < 0 ? -i : i; i >= 10; i /= 10)
			n++;
		return n;
	}
	if (cJSON_IsNumber(v) && cJSON_PrintPreallocated((cJSON *)v, buf, sizeof(buf), false))
		return strlen(buf);
	return 0;
}

/* cJSON_PrintUnformatted(v)'s length. */
static size_t json_compact_size(const cJSON *v)
{
	const cJSON *it;
	size_t n = 2;

	if (cJSON_IsObject(v)) {
		cJSON_ArrayForEach(it, v)
			n += json_string_size(it->string) + 1 + json_compact_size(it) + (it->next != NULL);
		return n;
	}
	if (cJSON_IsArray(v)) {
		cJSON_ArrayForEach(it, v)
			n += json_compact_size(it) + (it->next != NULL);
		return n;
	}
	return json_scalar_size(v);
}

/*
 * The length add_json() makes of cJSON_Print(v) at nesting depth: cJSON
 * writes "{\n", each member on its own line after depth+1 tabs as
 * "key":<TAB>value, then depth tabs and "}"; arrays on one line with ", "
 * between items, one level deeper.  add_json() turns indentation tabs into
 * two spaces and the tab after a colon into one.
 */
static size_t json_pretty_size(const cJSON *v, size_t depth);

/* One member's line of an object at depth: indent, "key":<TAB>value, newline (its comma aside). */
static size_t json_member_line(size_t depth, size_t key, size_t value)
{
	return 2 * (depth + 1) + key + 2 + value + 1;
}

static size_t json_member_size(const cJSON *it, size_t depth)
{
	return json_member_line(depth, json_string_size(it->string), json_pretty_size(it, depth + 1));
}

static size_t json_pretty_size(const cJSON *v, size_t depth)
{
	const cJSON *it;
	size_t n = 2;

	if (cJSON_IsObject(v)) {
		cJSON_ArrayForEach(it, v)
			n += json_member_size(it, depth) + (it->next != NULL);
		return n + 2 * depth + 1;
	}
	if (cJSON_IsArray(v)) {
		cJSON_ArrayForEach(it, v)
			n += json_pretty_size(it, depth + 1) + (it->next != NULL ? 2 : 0);
		return n;
	}
	return json_scalar_size(v);
}

size_t ecs_template_entry_size(const cJSON *v)
{
	return json_compact_size(v);
}

/*
 * The byte size of render_yaml()'s output, counted from the tree without
 * building a libfyaml document (which costs most of a small check run).
 * It follows the emitter's block layout for the only shapes we produce:
 * "key: scalar", "key:" + nested mapping indented by 2, "key:" + sequence
 * items at the key's own indentation, "- " + a mapping's first entry inline,
 * "{}"/"[]" when empty; scalars plain when plain_safe(), else the JSON text.
 */
static size_t yaml_scalar_size(const cJSON *v)
{
	if (cJSON_IsString(v))
		return plain_safe(v->valuestring) ? strlen(v->valuestring) : yaml_quoted_size(v->valuestring);
	return json_compact_size(v);
}

static size_t yaml_key_size(const char *key)
{
	cJSON tmp = { .type = cJSON_String, .valuestring = (char *)key };

	return yaml_scalar_size(&tmp);
}

static size_t yaml_seq_size(const cJSON *seq, size_t indent);

static size_t yaml_map_size(const cJSON *map, size_t indent);

/* One mapping entry at indent: "key:" and its value's lines. */
static size_t yaml_member_size(const cJSON *it, size_t indent)
{
	size_t n = indent + yaml_key_size(it->string) + 1;

	/*
	 * A key with a line break is written as an explicit key: "? KEY\n",
	 * then ":" on a line of its own at the key's indentation, a nested
	 * mapping's first entry after ": ".
	 */
	if (strpbrk(it->string, "\n\r"))
		n += cJSON_IsObject(it) && it->child ? 1 : indent + 3;
	if (cJSON_IsObject(it) && it->child)
		return n + 1 + yaml_map_size(it, indent + 2);
	if (cJSON_IsArray(it) && it->child)
		return n + 1 + yaml_seq_size(it, indent);
	if (cJSON_IsObject(it) || cJSON_IsArray(it))
		return n + 4;			/* " {}\n" */
	return n + 1 + yaml_scalar_size(it) + 1;
}

static size_t yaml_map_size(const cJSON *map, size_t indent)
{
	const cJSON *it;
	size_t n = 0;

	cJSON_ArrayForEach(it, map)
		n += yaml_member_size(it, indent);
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

/* Debug builds verify counts up to this size: hostile inputs go far beyond. */
#define DEBUG_VERIFY_MAX (8u << 20)

/*
 * Neither size depends on key order, so the tree is not sorted here; debug
 * builds render (which sorts) and compare.
 */
/*
 * json_pretty_size(v, depth) and, in *compact, json_compact_size(v), in one
 * walk: check measures every resource both ways, and the strings are what
 * costs.
 */
static size_t json_both_sizes(const cJSON *v, size_t depth, size_t *compact)
{
	const cJSON *it;
	size_t n = 2, c = 2, k, child;

	if (cJSON_IsObject(v)) {
		cJSON_ArrayForEach(it, v) {
			size_t key = json_string_size(it->string);
			size_t pretty = json_both_sizes(it, depth + 1, &k);
			n += json_member_line(depth, key, pretty) + (it->next != NULL);
			c += key + 1 + k + (it->next != NULL);
		}
		*compact = c;
		return n + 2 * depth + 1;
	}
	if (cJSON_IsArray(v)) {
		cJSON_ArrayForEach(it, v) {
			child = json_both_sizes(it, depth + 1, &k);
			n += child + (it->next != NULL ? 2 : 0);
			c += k + (it->next != NULL);
		}
		*compact = c;
		return n;
	}
	return *compact = json_scalar_size(v);
}

/* Resources sit at depth 1 of the JSON and their entries at indent 2 of the YAML. */
void ecs_template_member_sizes(const cJSON *member, size_t *json, size_t *compact, size_t *yaml)
{
	*json = json_member_line(1, json_string_size(member->string), json_both_sizes(member, 2, compact));
	if (yaml)
		*yaml = yaml_member_size(member, 2);
}

/*
 * Adds the retired resources to a size counted without them.  n members in
 * a pretty JSON object take n - 1 commas; an empty YAML mapping is written
 * " {}" on its key's line, a full one "\n" and its entries.
 */
static size_t add_retired(const cJSON *tpl, enum ecs_template_format f, const struct ecs_retired *retired,
			  size_t bytes)
{
	const cJSON *res = cJSON_GetObjectItemCaseSensitive(tpl, "Resources");
	bool empty = !res || !res->child;

	if (!retired || !retired->n)
		return bytes;
	/* yaml_unknown: ecs_template_size refuses that case before getting here. */
	if (f == ECS_TEMPLATE_JSON)
		return bytes + retired->json_members + (empty ? retired->n - 1 : retired->n);
	return bytes + retired->yaml_members + (empty ? 1 : 4) - 4;
}

int ecs_template_size(cJSON *tpl, enum ecs_template_format f, const struct ecs_retired *retired, size_t *bytes,
		      struct ecs_buf *err)
{
#ifndef NDEBUG
	struct ecs_buf out = ECS_BUF_INIT;
#endif

	if (f == ECS_TEMPLATE_YAML && retired && retired->yaml_unknown) {
		ecs_buf_adds(err, "the YAML size of resources past the JSON limit was not counted");
		return -1;
	}
	if (f == ECS_TEMPLATE_YAML)
		*bytes = cJSON_IsObject(tpl) && tpl->child ? yaml_map_size(tpl, 0) : 3;
	else
		*bytes = json_pretty_size(tpl, 0) + 1;
#ifndef NDEBUG
	/* The counter must agree with the renderer byte for byte (up to a size
	 * the sanitizer builds render quickly). */
	if (*bytes <= DEBUG_VERIFY_MAX && ecs_template_render(tpl, f, &out, err) == 0 && out.len != *bytes) {
		fprintf(stderr, "ecslint: BUG: %s size %zu counted, %zu rendered\n",
			f == ECS_TEMPLATE_YAML ? "YAML" : "JSON", *bytes, out.len);
		abort();
	}
	ecs_buf_release(&out);
#else
	(void)err;
#endif
	*bytes = add_retired(tpl, f, retired, *bytes);
	return 0;
}
