/*
 * shortsyntax.c - port, volume and device strings, command splitting and
 * the YAML 1.1 shapes, following the readers Docker Compose uses, so what
 * we accept and reject matches `docker compose` and every refusal is
 * located on the part of the string at fault.
 */
#include "shortsyntax.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>


static int shown(size_t len)
{
	return len > 60 ? 60 : (int)len;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static struct ecs_part part(size_t start, size_t end)
{
	return (struct ecs_part){ (uint32_t)start, (uint32_t)end };
}

/* Go strconv.ParseUint(s, 10, 16). */
static bool port_number(const char *s, size_t start, size_t end, uint32_t *v)
{
	uint32_t acc = 0;

	if (start == end)
		return false;
	for (size_t i = start; i < end; i++) {
		if (!is_digit(s[i]))
			return false;
		acc = acc * 10 + (uint32_t)(s[i] - '0');
		if (acc > 65535)
			return false;
	}
	*v = acc;
	return true;
}

/* "N" or "N-M" with N <= M (text after a second '-' makes it invalid). */
static bool port_range(const char *s, size_t start, size_t end, uint32_t *lo, uint32_t *hi)
{
	const char *dash = memchr(s + start, '-', end - start);

	if (!dash)
		return port_number(s, start, end, lo) && (*hi = *lo, true);
	if (!port_number(s, start, (size_t)(dash - s), lo) || !port_number(s, (size_t)(dash - s) + 1, end, hi))
		return false;
	return *lo <= *hi;
}

static bool valid_ip(const char *s, size_t start, size_t end, int family)
{
	char buf[64];
	unsigned char addr[16];

	/*
	 * inet_pton stops at a NUL, and a YAML "\0" escape puts one in a scalar:
	 * "127.0.0.1\0junk" is not an address (found by fuzz_shortsyntax).
	 */
	if (end - start >= sizeof(buf) || end == start || memchr(s + start, '\0', end - start))
		return false;
	memcpy(buf, s + start, end - start);
	buf[end - start] = '\0';
	if (family)
		return inet_pton(family, buf, addr) == 1;
	return inet_pton(AF_INET, buf, addr) == 1 || inet_pton(AF_INET6, buf, addr) == 1;
}

int ecs_parse_port_range(const char *s, size_t len, uint32_t *lo, uint32_t *hi, struct ecs_parse_error *err)
{
	if (!port_range(s, 0, len, lo, hi))
		return ecs_parse_fail(err, 0, len, "invalid port '%.*s' (use a number 0-65535 or a range like '8000-8010')",
			    shown(len), s);
	return 0;
}

bool ecs_ip_address_valid(const char *s, size_t len)
{
	return valid_ip(s, 0, len, 0);
}

/* The IP part [0, end) of a port mapping: IPv4, or IPv6 in brackets. */
static int parse_ip(const char *s, size_t end, struct ecs_port_spec *out, struct ecs_parse_error *err)
{
	size_t start = 0;

	if (s[0] == '[') {
		if (s[end - 1] != ']' || end < 2)
			return ecs_parse_fail(err, 0, end, "invalid IP address '%.*s': missing ']'", shown(end), s);
		start = 1;
		end--;
		if (!valid_ip(s, start, end, AF_INET6))
			return ecs_parse_fail(err, 0, end + 1, "invalid IPv6 address '%.*s'", shown(end - start), s + start);
	} else if (!valid_ip(s, 0, end, AF_INET)) {
		/* Docker splits "IP:" as host:port, so an unbracketed IPv6 fails */
		if (memchr(s, ':', end))
			return ecs_parse_fail(err, 0, end,
				    "invalid IP address '%.*s': an IPv6 host address needs brackets, like '[::1]:8080:80'",
				    shown(end), s);
		return ecs_parse_fail(err, 0, end, "invalid IP address '%.*s'", shown(end), s);
	}
	out->has_ip = true;
	out->ip = part(start, end);
	return 0;
}

int ecs_parse_port_spec(const char *s, size_t len, struct ecs_port_spec *out, struct ecs_parse_error *err)
{
	size_t colons[3] = { 0 }, n_colons = 0, last, ctr_start, ctr_end, slash;
	const char *p;

	memset(out, 0, sizeof(*out));
	strcpy(out->proto_lower, "tcp");
	if (!len)
		return ecs_parse_fail(err, 0, 0, "empty port mapping (use 'CONTAINER' or 'HOST:CONTAINER', like '8080:80')");
	/* Only the last two colons split: the rest belongs to the IP. */
	for (size_t i = len; i > 0 && n_colons < 2; i--)
		if (s[i - 1] == ':')
			colons[n_colons++] = i - 1;
	last = n_colons ? colons[0] + 1 : 0;
	ctr_start = last;
	ctr_end = len;
	p = memchr(s + ctr_start, '/', len - ctr_start);
	if (p) {
		const char *second;

		slash = (size_t)(p - s);
		ctr_end = slash;
		out->has_proto = true;
		second = memchr(p + 1, '/', len - slash - 1);
		out->proto = part(slash + 1, second ? (size_t)(second - s) : len);
	}
	out->container = part(ctr_start, ctr_end);
	if (n_colons == 2) {
		out->host = part(colons[1] + 1, colons[0]);
		/* ":8080:80" has no IP, as in Docker */
		if (colons[1] > 0 && parse_ip(s, colons[1], out, err) < 0)
			return -1;
	} else if (n_colons == 1) {
		out->host = part(0, colons[0]);
	}
	if (ctr_start == ctr_end)
		return ecs_parse_fail(err, ctr_start, ctr_end, "no container port in '%.*s'", shown(len), s);
	if (!port_range(s, ctr_start, ctr_end, &out->container_lo, &out->container_hi))
		return ecs_parse_fail(err, ctr_start, ctr_end, "invalid container port '%.*s' (use a number 0-65535 or a range like '8000-8010')",
			    shown(ctr_end - ctr_start), s + ctr_start);
	out->has_host = out->host.end > out->host.start;
	if (out->has_host) {
		if (!port_range(s, out->host.start, out->host.end, &out->host_lo, &out->host_hi))
			return ecs_parse_fail(err, out->host.start, out->host.end,
				    "invalid host port '%.*s' (use a number 0-65535 or a range like '8000-8010')",
				    shown(out->host.end - out->host.start), s + out->host.start);
		if (out->host_hi - out->host_lo != out->container_hi - out->container_lo &&
		    out->container_hi != out->container_lo)
			return ecs_parse_fail(err, out->host.start, ctr_end,
				    "host range '%.*s' and container range '%.*s' have different lengths",
				    shown(out->host.end - out->host.start), s + out->host.start,
				    shown(ctr_end - ctr_start), s + ctr_start);
	}
	if (out->has_proto && out->proto.end > out->proto.start) {
		size_t n = out->proto.end - out->proto.start;
		char lower[8];

		if (n >= sizeof(lower))
			goto bad_proto;
		for (size_t i = 0; i < n; i++) {
			char c = s[out->proto.start + i];
			lower[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
		}
		lower[n] = '\0';
		if (strcmp(lower, "tcp") && strcmp(lower, "udp") && strcmp(lower, "sctp"))
			goto bad_proto;
		strcpy(out->proto_lower, lower);
	}
	return 0;
bad_proto:
	return ecs_parse_fail(err, out->proto.start, out->proto.end, "invalid protocol '%.*s' (use tcp, udp or sctp)",
		    shown(out->proto.end - out->proto.start), s + out->proto.start);
}

bool ecs_volume_source_is_path(const char *s, size_t len)
{
	if (!len)
		return false;
	if (s[0] == '.' || s[0] == '/' || s[0] == '~')
		return true;
	if (len >= 2 && s[0] == '\\' && s[1] == '\\')
		return true;
	return len >= 2 && is_alpha(s[0]) && s[1] == ':';
}

static bool part_is(const char *s, size_t start, size_t end, const char *word)
{
	return strlen(word) == end - start && memcmp(s + start, word, end - start) == 0;
}

static void volume_option(const char *s, size_t start, size_t end, struct ecs_volume_spec *out)
{
	static const char *const propagation[] = { "shared", "rshared", "slave", "rslave", "private", "rprivate" };
	static const char *const consistency[] = { "cached", "delegated", "consistent" };

	if (part_is(s, start, end, "ro") || part_is(s, start, end, "rw")) {
		out->read_only_set = true;
		out->read_only = s[start + 1] == 'o';
	} else if (part_is(s, start, end, "nocopy")) {
		out->nocopy = true;
	} else if (part_is(s, start, end, "z") || part_is(s, start, end, "Z")) {
		out->selinux = part(start, end);
	} else {
		for (size_t i = 0; i < 6; i++)
			if (part_is(s, start, end, propagation[i]))
				out->propagation = part(start, end);
		for (size_t i = 0; i < 3; i++)
			if (part_is(s, start, end, consistency[i]))
				out->consistency = part(start, end);
	}
	/* Other options are ignored, as Compose ignores them. */
}

int ecs_parse_volume_spec(const char *s, size_t len, struct ecs_volume_spec *out, struct ecs_parse_error *err)
{
	size_t fields[4][2], n = 0, start = 0;
	int depth = 0;

	memset(out, 0, sizeof(*out));
	if (!len)
		return ecs_parse_fail(err, 0, 0, "empty volume (use 'SOURCE:TARGET[:OPTIONS]' or a target path)");
	if (len <= 2) {
		out->target = part(0, len);
		return 0;
	}
	for (size_t i = 0; i <= len; i++) {
		char c = i < len ? s[i] : ':';

		if (i < len && c == ':' && i - start == 1 && is_alpha(s[start]))
			continue;	/* a Windows drive letter */
		if (c == '$' && i + 1 < len && s[i + 1] == '{') {
			depth++;
			continue;
		}
		if (c == '}' && depth > 0) {
			depth--;
			continue;
		}
		if (c != ':' || (depth > 0 && i < len))
			continue;
		if (i == start)
			return ecs_parse_fail(err, start, i < len ? i + 1 : i, "invalid volume '%.*s': empty section between colons",
				    shown(len), s);
		if (n == 3)
			return ecs_parse_fail(err, start - 1, len, "invalid volume '%.*s': too many colons (use SOURCE:TARGET[:OPTIONS])",
				    shown(len), s);
		fields[n][0] = start;
		fields[n][1] = i;
		n++;
		start = i + 1;
	}
	if (n == 1) {
		out->target = part(fields[0][0], fields[0][1]);
		return 0;
	}
	out->has_source = true;
	out->source = part(fields[0][0], fields[0][1]);
	out->target = part(fields[1][0], fields[1][1]);
	out->is_bind = ecs_volume_source_is_path(s + fields[0][0], fields[0][1] - fields[0][0]);
	if (n == 3) {
		size_t o = fields[2][0];

		out->has_options = true;
		out->options = part(fields[2][0], fields[2][1]);
		for (size_t i = o; i <= fields[2][1]; i++) {
			if (i == fields[2][1] || s[i] == ',') {
				volume_option(s, o, i, out);
				o = i + 1;
			}
		}
	}
	return 0;
}

int ecs_parse_device_spec(const char *s, size_t len, struct ecs_device_spec *out, struct ecs_parse_error *err)
{
	size_t c1, c2;
	const char *p;

	memset(out, 0, sizeof(*out));
	if (!len)
		return ecs_parse_fail(err, 0, 0, "empty device (use 'HOST[:CONTAINER[:PERMISSIONS]]')");
	p = memchr(s, ':', len);
	if (!p) {
		const char *eq = memchr(s, '=', len), *slash = memchr(s, '/', len);
		/* CDI names are vendor/class=name; device paths start with '/'. */
		out->cdi = eq && slash && s[0] != '/' && slash < eq;
		out->source = part(0, len);
		return 0;
	}
	c1 = (size_t)(p - s);
	out->source = part(0, c1);
	p = memchr(s + c1 + 1, ':', len - c1 - 1);
	if (!p) {
		out->target = part(c1 + 1, len);
	} else {
		c2 = (size_t)(p - s);
		if (memchr(s + c2 + 1, ':', len - c2 - 1))
			return ecs_parse_fail(err, 0, len, "confusing device mapping '%.*s' (use the long syntax)", shown(len), s);
		out->target = part(c1 + 1, c2);
		out->permissions = part(c2 + 1, len);
		for (size_t i = c2 + 1; i < len; i++)
			if (s[i] != 'r' && s[i] != 'w' && s[i] != 'm')
				return ecs_parse_fail(err, c2 + 1, len, "invalid device permissions '%.*s' (use a combination of r, w and m)",
					    shown(len - c2 - 1), s + c2 + 1);
	}
	if (out->source.start == out->source.end)
		return ecs_parse_fail(err, 0, 1, "device mapping '%.*s' has no host device", shown(len), s);
	return 0;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int ecs_shell_split(const char *s, size_t len, char *buf, uint32_t *starts, size_t max_words, size_t *n,
		    long *cut, struct ecs_parse_error *err)
{
	bool escaped = false, dq = false, sq = false, bq = false, dollar = false, got = false;
	/* word_in: where the current word starts in s, for a cut that drops it */
	size_t out = 0, word = 0, words = 0, open = 0, word_in = 0;

	*cut = -1;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (escaped) {
			buf[out++] = c;
			escaped = false;
			got = true;
			continue;
		}
		if (c == '\\') {
			if (sq)
				buf[out++] = c;
			else
				escaped = true;
			open = i;
			continue;
		}
		if (is_blank(c)) {
			if (!(sq || dq || bq || dollar))
				word_in = i + 1;
			if (sq || dq || bq || dollar) {
				buf[out++] = c;
			} else if (got) {
				if (words == max_words)
					return ecs_parse_fail(err, 0, len, "command has too many words");
				buf[out++] = '\0';
				starts[words++] = (uint32_t)word;
				word = out;
				got = false;
			}
			continue;
		}
		switch (c) {
		case '`':
			if (!sq && !dq && !dollar) {
				bq = !bq;
				open = i;
			}
			break;
		case ')':
			if (!sq && !dq && !bq) {
				dollar = !dollar;
				open = i;
			}
			break;
		case '(':
			if (!sq && !dq && !bq) {
				if (!dollar && out > word && buf[out - 1] == '$') {
					dollar = true;
					buf[out++] = c;
					open = i;
					continue;
				}
				return ecs_parse_fail(err, i, i + 1,
					    "'(' in a command string must be quoted (Compose splits the string itself, "
					    "without a shell)");
			}
			break;
		case '"':
			if (!sq && !dollar) {
				if (dq)
					got = true;
				else
					open = i;
				dq = !dq;
				continue;
			}
			break;
		case '\'':
			if (!dq && !dollar) {
				if (sq)
					got = true;
				else
					open = i;
				sq = !sq;
				continue;
			}
			break;
		case ';': case '&': case '|': case '<': case '>':
			if (!(sq || dq || bq || dollar)) {
				size_t at = i;
				/*
				 * "2>" is a redirection of fd 2: the digit goes too.  go-shellwords
				 * drops the whole word when it starts with a digit ("12>", "1a>"),
				 * so the cut is where that word starts, not the byte before '>'
				 * (found by fuzz_shortsyntax: the kept words must be what the text
				 * before the cut splits into).
				 */
				if (c == '>' && got && out > word && is_digit(buf[word])) {
					out = word;
					got = false;
					at = word_in;
				}
				*cut = (long)at;
				goto done;
			}
			break;
		default:
			break;
		}
		got = true;
		buf[out++] = c;
	}
done:
	if (escaped || sq || dq || bq || dollar) {
		const char *what = escaped ? "a trailing backslash" : sq ? "an unclosed single quote" :
				   dq ? "an unclosed double quote" : bq ? "an unclosed backquote" : "an unbalanced ')'";
		return ecs_parse_fail(err, open, len, "invalid command string: %s", what);
	}
	if (got) {
		if (words == max_words)
			return ecs_parse_fail(err, 0, len, "command has too many words");
		buf[out++] = '\0';
		starts[words++] = (uint32_t)word;
	}
	*n = words;
	return 0;
}

bool ecs_yaml11_sexagesimal(const char *s, size_t len)
{
	size_t i = 0;
	bool groups = false;

	/* [-+]?[1-9][0-9_]*(:[0-5]?[0-9])+ */
	if (i < len && (s[i] == '-' || s[i] == '+'))
		i++;
	if (i >= len || s[i] < '1' || s[i] > '9')
		return false;
	for (i++; i < len && (is_digit(s[i]) || s[i] == '_'); i++)
		;
	while (i < len && s[i] == ':') {
		size_t d = ++i;
		while (i < len && is_digit(s[i]))
			i++;
		if (i - d == 0 || i - d > 2 || (i - d == 2 && s[d] > '5'))
			return false;
		groups = true;
	}
	return groups && i == len;
}

bool ecs_yaml11_bool_word(const char *s, size_t len)
{
	static const char *const words[] = { "yes", "no", "on", "off" };

	for (size_t w = 0; w < 4; w++) {
		if (strlen(words[w]) != len)
			continue;
		size_t i = 0;
		for (; i < len; i++) {
			char c = s[i];
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c != words[w][i])
				break;
		}
		if (i == len)
			return true;
	}
	return false;
}
