/*
 * quantity.c - durations, byte sizes, CPU counts, integers and modes, with
 * the exact acceptance rules of the Go libraries Compose uses, so a value
 * we accept is one Docker accepts, and a value we reject is located.
 */
#include "quantity.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static char lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* Messages quote the subject; keep long inputs readable. */
static int shown(size_t len)
{
	return len > 60 ? 60 : (int)len;
}

struct unit {
	const char *name;
	uint64_t ns;
};

static const struct unit duration_units[] = {
	{ "ns", 1 },
	{ "us", 1000 },
	{ "\xc2\xb5s", 1000 },	/* U+00B5 micro sign */
	{ "\xce\xbcs", 1000 },	/* U+03BC Greek mu */
	{ "ms", 1000000 },
	{ "s", 1000000000ull },
	{ "m", 60ull * 1000000000ull },
	{ "h", 3600ull * 1000000000ull },
	{ "d", 24ull * 3600ull * 1000000000ull },
	{ "w", 7ull * 24ull * 3600ull * 1000000000ull },
};

static const struct unit *find_unit(const char *u, size_t n)
{
	for (size_t i = 0; i < sizeof(duration_units) / sizeof(duration_units[0]); i++)
		if (strlen(duration_units[i].name) == n && memcmp(duration_units[i].name, u, n) == 0)
			return &duration_units[i];
	return NULL;
}

int ecs_parse_duration(const char *s, size_t len, int64_t *ns, struct ecs_parse_error *err)
{
	const uint64_t limit = (uint64_t)1 << 63;
	size_t i = 0;
	uint64_t total = 0;
	bool neg = false;

	if (len && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i = 1;
	}
	if (len - i == 1 && s[i] == '0') {
		*ns = 0;
		return 0;
	}
	if (i == len)
		return ecs_parse_fail(err, 0, len, "invalid duration '%.*s': expected a number and a unit, like '30s' or '1m30s'",
			    shown(len), s);
	while (i < len) {
		size_t start = i, ustart;
		uint64_t v = 0, f = 0;
		double scale = 1;
		bool pre = false, post = false, overflow = false;
		const struct unit *u;

		if (!(s[i] == '.' || is_digit(s[i])))
			return ecs_parse_fail(err, i, i + 1, "invalid duration '%.*s': unexpected '%c'", shown(len), s, s[i]);
		for (; i < len && is_digit(s[i]); i++) {
			pre = true;
			if (v > (limit - 1) / 10 || v * 10 + (uint64_t)(s[i] - '0') > limit - 1)
				overflow = true;
			else
				v = v * 10 + (uint64_t)(s[i] - '0');
		}
		if (i < len && s[i] == '.') {
			bool stop = false;
			for (i++; i < len && is_digit(s[i]); i++) {
				post = true;
				if (stop)
					continue;
				if (f > (limit - 1) / 10) {
					stop = true;
					continue;
				}
				f = f * 10 + (uint64_t)(s[i] - '0');
				scale *= 10;
			}
		}
		if (!pre && !post)
			return ecs_parse_fail(err, start, i, "invalid duration '%.*s': '.' needs digits", shown(len), s);
		ustart = i;
		while (i < len && !(s[i] == '.' || is_digit(s[i])))
			i++;
		if (i == ustart)
			return ecs_parse_fail(err, start, i, "missing unit in duration '%.*s' (use ns, us, ms, s, m, h, d or w)",
				    shown(len), s);
		u = find_unit(s + ustart, i - ustart);
		if (!u)
			return ecs_parse_fail(err, ustart, i, "unknown unit '%.*s' in duration '%.*s' (use ns, us, ms, s, m, h, d or w)",
				    shown(i - ustart), s + ustart, shown(len), s);
		if (overflow || v > limit / u->ns)
			return ecs_parse_fail(err, start, i, "duration '%.*s' is too large", shown(len), s);
		v *= u->ns;
		if (f > 0) {
			v += (uint64_t)((double)f * ((double)u->ns / scale));
			if (v > limit)
				return ecs_parse_fail(err, start, i, "duration '%.*s' is too large", shown(len), s);
		}
		total += v;
		if (total > limit)
			return ecs_parse_fail(err, 0, len, "duration '%.*s' is too large", shown(len), s);
	}
	if (!neg && total > limit - 1)
		return ecs_parse_fail(err, 0, len, "duration '%.*s' is too large", shown(len), s);
	*ns = neg ? (int64_t)(0 - total) : (int64_t)total;
	return 0;
}

int ecs_parse_int10(const char *s, size_t len, int64_t *v, struct ecs_parse_error *err)
{
	size_t i = 0;
	uint64_t acc = 0, limit;
	bool neg = false;

	if (len && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i = 1;
	}
	if (i == len)
		return ecs_parse_fail(err, 0, len, "'%.*s' is not an integer", shown(len), s);
	limit = neg ? (uint64_t)1 << 63 : ((uint64_t)1 << 63) - 1;
	for (; i < len; i++) {
		if (!is_digit(s[i]))
			return ecs_parse_fail(err, 0, len, "'%.*s' is not an integer", shown(len), s);
		if (acc > (limit - (uint64_t)(s[i] - '0')) / 10)
			return ecs_parse_fail(err, 0, len, "'%.*s' is out of range", shown(len), s);
		acc = acc * 10 + (uint64_t)(s[i] - '0');
	}
	*v = neg ? (int64_t)(0 - acc) : (int64_t)acc;
	return 0;
}

/* Digits of base with optional '_' separators (YAML 1.2 / Go base-0 style). */
static bool digits_in_base(const char *s, size_t len, unsigned base, bool neg, int64_t *v)
{
	uint64_t acc = 0, limit = neg ? (uint64_t)1 << 63 : ((uint64_t)1 << 63) - 1;
	bool any = false;

	for (size_t i = 0; i < len; i++) {
		unsigned d;
		char c = lower(s[i]);

		if (c == '_')
			continue;
		if (is_digit(c))
			d = (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (unsigned)(c - 'a' + 10);
		else
			return false;
		if (d >= base)
			return false;
		if (acc > (limit - d) / base)
			return false;
		acc = acc * base + d;
		any = true;
	}
	if (!any)
		return false;
	*v = neg ? (int64_t)(0 - acc) : (int64_t)acc;
	return true;
}

bool ecs_yaml_int(const char *s, size_t len, int64_t *v)
{
	size_t i = 0;
	bool neg = false;

	if (len && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i = 1;
	}
	if (i == len || s[i] == '_')
		return false;
	if (len - i > 2 && s[i] == '0') {
		char p = lower(s[i + 1]);
		if (p == 'x')
			return digits_in_base(s + i + 2, len - i - 2, 16, neg, v);
		if (p == 'o')
			return digits_in_base(s + i + 2, len - i - 2, 8, neg, v);
		if (p == 'b')
			return digits_in_base(s + i + 2, len - i - 2, 2, neg, v);
	}
	if (len - i > 1 && s[i] == '0')
		return digits_in_base(s + i + 1, len - i - 1, 8, neg, v);
	return digits_in_base(s + i, len - i, 10, neg, v);
}

int ecs_parse_octal(const char *s, size_t len, int64_t *v, struct ecs_parse_error *err)
{
	uint64_t acc = 0;

	if (!len)
		return ecs_parse_fail(err, 0, 0, "empty file mode (use octal digits like '0440')");
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '7')
			return ecs_parse_fail(err, i, i + 1, "invalid file mode '%.*s' (use octal digits like '0440')", shown(len), s);
		if (acc > 0xffffffffull / 8)
			return ecs_parse_fail(err, 0, len, "file mode '%.*s' is out of range", shown(len), s);
		acc = acc * 8 + (uint64_t)(s[i] - '0');
	}
	*v = (int64_t)acc;
	return 0;
}

/* Go's strconv.ParseFloat on a decimal: digits, optional fraction, optional exponent. */
static bool decimal_number(const char *s, size_t len)
{
	size_t i = 0;
	bool mant = false;

	while (i < len && is_digit(s[i])) {
		i++;
		mant = true;
	}
	if (i < len && s[i] == '.') {
		i++;
		while (i < len && is_digit(s[i])) {
			i++;
			mant = true;
		}
	}
	if (!mant)
		return false;
	if (i < len && lower(s[i]) == 'e') {
		bool exp = false;
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		while (i < len && is_digit(s[i])) {
			i++;
			exp = true;
		}
		if (!exp)
			return false;
	}
	return i == len;
}

int ecs_parse_bytes(const char *s, size_t len, int64_t *bytes, struct ecs_parse_error *err)
{
	static const char units[] = "kmgtp";
	char num[64];
	size_t sep = len, nlen, sfx;
	double size;

	if (ecs_parse_int10(s, len, bytes, NULL) == 0)
		return 0;
	/* The number ends at the last digit, '.' or space, as in go-units. */
	for (size_t i = len; i > 0; i--) {
		char c = s[i - 1];
		if (is_digit(c) || c == '.' || c == ' ') {
			sep = i - 1;
			break;
		}
	}
	if (sep == len)
		return ecs_parse_fail(err, 0, len, "invalid size '%.*s' (use a number and an optional unit, like '512m' or '2g')",
			    shown(len), s);
	nlen = s[sep] == ' ' ? sep : sep + 1;
	sfx = sep + 1;
	if (nlen == 0 || nlen >= sizeof(num) || !decimal_number(s, nlen)) {
		if (nlen && s[0] == '-')
			return ecs_parse_fail(err, 0, len, "invalid size '%.*s': sizes cannot be negative", shown(len), s);
		return ecs_parse_fail(err, 0, nlen ? nlen : len, "invalid size '%.*s' (use a number and an optional unit, like '512m' or '2g')",
			    shown(len), s);
	}
	memcpy(num, s, nlen);
	num[nlen] = '\0';
	size = strtod(num, NULL);
	if (sfx < len) {
		size_t n = len - sfx;
		const char *u = s + sfx;
		const char *m;

		if (n > 3)
			goto bad_suffix;
		if (lower(u[0]) == 'b') {
			if (n > 1)
				goto bad_suffix;
		} else {
			m = strchr(units, lower(u[0]));
			if (!m || !u[0])
				goto bad_suffix;
			size *= ldexp(1.0, 10 * (int)(m - units + 1));
			if (n == 2 && lower(u[1]) != 'b')
				goto bad_suffix;
			if (n == 3 && !(lower(u[1]) == 'i' && lower(u[2]) == 'b'))
				goto bad_suffix;
		}
	}
	if (!(size < 9223372036854775808.0))
		return ecs_parse_fail(err, 0, len, "size '%.*s' is too large", shown(len), s);
	*bytes = (int64_t)size;
	return 0;
bad_suffix:
	return ecs_parse_fail(err, sfx, len, "invalid size unit '%.*s' in '%.*s' (use b, k, m, g, t or p, optionally followed by b or ib)",
		    shown(len - sfx), s + sfx, shown(len), s);
}

int ecs_parse_cpus(const char *s, size_t len, int64_t *millis, double *value, struct ecs_parse_error *err)
{
	const uint64_t max_int = 9223372036ull;	/* whole CPUs whose nano count fits int64 */
	uint64_t whole = 0, frac = 0;
	size_t i = 0, nfrac = 0;
	bool any = false;
	char num[64];

	if (len && s[0] == '+')
		i = 1;
	if (len && s[0] == '-')
		return ecs_parse_fail(err, 0, len, "cpus '%.*s' cannot be negative", shown(len), s);
	for (; i < len && is_digit(s[i]); i++) {
		any = true;
		if (whole > max_int)
			continue;
		whole = whole * 10 + (uint64_t)(s[i] - '0');
	}
	if (i < len && s[i] == '.') {
		for (i++; i < len && is_digit(s[i]); i++) {
			any = true;
			if (nfrac < 9) {
				frac = frac * 10 + (uint64_t)(s[i] - '0');
				nfrac++;
			} else if (s[i] != '0') {
				return ecs_parse_fail(err, i, len, "cpus '%.*s' is too precise (at most 9 decimal places)",
					    shown(len), s);
			}
		}
	}
	if (!any || i != len)
		return ecs_parse_fail(err, any ? i : 0, len, "invalid cpus value '%.*s' (use a decimal number like '0.5' or '2')",
			    shown(len), s);
	if (whole > max_int)
		return ecs_parse_fail(err, 0, len, "cpus '%.*s' is too large", shown(len), s);
	while (nfrac < 9) {
		frac *= 10;
		nfrac++;
	}
	*millis = (int64_t)((whole * 1000000000ull + frac) / 1000000ull);
	/*
	 * Leading zeros (and '+') go before the copy is cut to fit num: what
	 * is left is at most 10 whole digits, 9 fraction digits and zeros, so
	 * the cut drops only zeros.  Cutting first read "000...0002" as 0
	 * while millis said 2000 (found by fuzz_shortsyntax).
	 */
	i = s[0] == '+';
	while (i < len && s[i] == '0')
		i++;
	len -= i;
	if (len >= sizeof(num))
		len = sizeof(num) - 1;
	memcpy(num, s + i, len);
	num[len] = '\0';
	*value = strtod(num, NULL);
	return 0;
}
