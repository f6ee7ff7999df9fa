/*
 * fy_quirks.c - inputs that crash libfyaml 0.7.12 (Debian 12's), caught
 * before libfyaml sees them, with the diagnostic libfyaml would have given.
 *
 * Why: fuzz_check found that an explicit key line whose value indicator is
 * followed by a tab and a block indicator, e.g. "? a:\t?" (6 bytes), makes
 * libfyaml report "cannot use tab for indentation of block entry" and then
 * free a simple key twice in fy_parser_destroy (a segfault, or a use after
 * free under valgrind; FYPCF_DISABLE_RECYCLING does not help).  The input is
 * invalid YAML either way, so refusing it here loses nothing.
 *
 * The check is by line, without YAML context: a line inside a block scalar
 * or a multi-line quoted scalar that has this exact shape would be refused
 * too.  Such a line in a Compose file is implausible; a crash is not.
 */
#include <stdbool.h>
#include <string.h>

#include "yaml_internal.h"

static bool is_blank_or_end(const char *s, size_t i, size_t end)
{
	return i >= end || s[i] == ' ' || s[i] == '\t';
}

static size_t skip_blanks(const char *s, size_t i, size_t end)
{
	while (i < end && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/* The offending tab on the line [start, end), or -1. */
static long check_line(const char *s, size_t start, size_t end)
{
	size_t i = start;
	bool explicit_key = false;

	while (i < end && s[i] == ' ')
		i++;
	/* Block indicators opening the line: "- ", "? ", in any nesting. */
	while (i < end && (s[i] == '?' || s[i] == '-') && is_blank_or_end(s, i + 1, end)) {
		explicit_key |= s[i] == '?';
		i = skip_blanks(s, i + 1, end);
	}
	if (!explicit_key)
		return -1;
	/*
	 * The key's value indicator: the first ':' followed by a blank, outside
	 * a quoted key and comments.  A quote opens a scalar only where the key
	 * starts; inside a plain scalar it is text.
	 */
	size_t key = i;
	for (; i < end; i++) {
		if (i == key && (s[i] == '"' || s[i] == '\'')) {
			char q = s[i];
			while (++i < end && s[i] != q)
				if (q == '"' && s[i] == '\\')
					i++;
			continue;
		}
		if (s[i] == '#' && i > start && (s[i - 1] == ' ' || s[i - 1] == '\t'))
			return -1;
		if (s[i] == ':' && is_blank_or_end(s, i + 1, end))
			break;
	}
	if (i >= end)
		return -1;
	size_t ws = i + 1, after = skip_blanks(s, ws, end);
	long tab = -1;
	for (size_t k = ws; k < after; k++)
		if (s[k] == '\t') {
			tab = (long)k;
			break;
		}
	if (tab < 0 || after >= end)
		return -1;
	char c = s[after];
	if (c == '?' || c == ':' || c == '|' || c == '>' || (c == '-' && is_blank_or_end(s, after + 1, end)))
		return tab;
	return -1;
}

long ecs_yaml_fy_crash_check(const char *s, size_t len)
{
	size_t start = 0;

	/* Only a tab can trigger it, and most files have none. */
	if (!memchr(s, '\t', len))
		return -1;
	while (start < len) {
		size_t end = start;
		while (end < len && s[end] != '\n' && s[end] != '\r')
			end++;
		long tab = check_line(s, start, end);
		if (tab >= 0)
			return tab;
		start = end + 1;
	}
	return -1;
}
