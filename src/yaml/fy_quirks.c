/*
 * fy_quirks.c - inputs that crash libfyaml 0.7.12 (Debian 12's), caught
 * before libfyaml sees them, with the diagnostic libfyaml would have given.
 *
 * Why: fuzz_check found that a value indicator followed by a tab and a
 * block indicator while an explicit key is pending, e.g. "? a:\t?" (6 bytes)
 * or "? :\n b:\t- c", makes libfyaml report "cannot use tab for indentation
 * of block entry" and then free a simple key twice in fy_parser_destroy (a
 * segfault, or a use after free under valgrind; FYPCF_DISABLE_RECYCLING does
 * not help).  The input is invalid YAML either way, so refusing it here with
 * libfyaml's own message loses nothing.
 *
 * The check is by line, without YAML context: in a file that has an explicit
 * key, a line inside a block scalar or a quoted scalar with this shape would
 * be refused too.  Such a file is implausible as Compose; a crash is not.
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

/*
 * Could an explicit key be pending anywhere?  Any '?' followed by a blank
 * and preceded by a line start, a blank or the byte-order mark: the fuzzer
 * found the crash with "? " after a value indicator (": ? ::\t>") and after
 * a BOM, so no narrower test is safe.
 */
static bool has_explicit_key(const char *s, size_t len)
{
	for (const char *p = s; (p = memchr(p, '?', len - (size_t)(p - s))) != NULL; p++) {
		size_t i = (size_t)(p - s);
		bool before = i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t' || s[i - 1] == '\n' ||
			      s[i - 1] == '\r' || (i == 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0);
		bool after = i + 1 >= len || s[i + 1] == ' ' || s[i + 1] == '\t' || s[i + 1] == '\n' ||
			     s[i + 1] == '\r';
		if (before && after)
			return true;
	}
	return false;
}

/*
 * The offending tab on the line [start, end), or -1: a value indicator
 * (':' and a blank) followed by blanks that include a tab, then a block
 * indicator (? : | > or "- ").  A quote opens a scalar only where the line's
 * content starts; inside a plain scalar it is text.
 */
static long check_line(const char *s, size_t start, size_t end)
{
	size_t i = start;

	while (i < end && (s[i] == ' ' || ((s[i] == '?' || s[i] == '-') && is_blank_or_end(s, i + 1, end))))
		i++;
	for (size_t key = i; i < end; i++) {
		if (i == key && (s[i] == '"' || s[i] == '\'')) {
			char q = s[i];
			while (++i < end && s[i] != q)
				if (q == '"' && s[i] == '\\')
					i++;
			continue;
		}
		if (s[i] == '#' && i > start && (s[i - 1] == ' ' || s[i - 1] == '\t'))
			return -1;
		if (s[i] != ':' || !is_blank_or_end(s, i + 1, end))
			continue;
		size_t after = skip_blanks(s, i + 1, end);
		const char *tab = memchr(s + i + 1, '\t', after - (i + 1));
		if (!tab || after >= end)
			continue;
		char c = s[after];
		if (c == '?' || c == ':' || c == '|' || c == '>' || (c == '-' && is_blank_or_end(s, after + 1, end)))
			return (long)(tab - s);
	}
	return -1;
}

/*
 * The crash needs an explicit key pending, so the check runs only in files
 * that have one ("? "); Compose files practically never do.
 * Without one, "key:<TAB>|" is valid YAML and is left alone.
 */
long ecs_yaml_fy_crash_check(const char *s, size_t len)
{
	size_t start;
	bool explicit_key;

	/* Only a tab can trigger it, and most files have none. */
	if (!memchr(s, '\t', len))
		return -1;
	explicit_key = has_explicit_key(s, len);
	if (!explicit_key)
		return -1;
	for (start = 0; start < len;) {
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
