/*
 * fuzz_shortsyntax.c - the one-string parsers of src/model/shortsyntax.h
 * and quantity.h.  The first byte picks the parser (the letters below; any
 * other byte picks by its value), the rest is the string, read straight
 * from the fuzzer's buffer so a read past its end is an ASan report.
 *
 * Beyond "no crash": every part and error range lies inside the string and
 * in order, success means what the grammar says (ports 0-65535, ranges
 * ordered and of matching length, options that are the words they claim),
 * and results are checked against a second computation: a port mapping
 * rewritten canonically parses to the same ports, a command cut at ';'
 * splits like the text before the cut, integers agree with strtoll.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "core/buf.h"
#include "fuzz.h"
#include "model/quantity.h"
#include "model/shortsyntax.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static void check_part(const struct ecs_part *p, size_t len)
{
	FUZZ_ASSERT(p->start <= p->end && p->end <= len);
}

static void check_error(const struct ecs_parse_error *err, size_t len)
{
	FUZZ_ASSERT(err->start <= err->end && err->end <= len);
	FUZZ_ASSERT(memchr(err->message, '\0', sizeof(err->message)) != NULL && err->message[0] != '\0');
}

static bool part_equals(const char *s, const struct ecs_part *p, const char *word)
{
	return strlen(word) == p->end - p->start && memcmp(s + p->start, word, p->end - p->start) == 0;
}

/* "lo" or "lo-hi" into b. */
static void add_range(struct ecs_buf *b, uint32_t lo, uint32_t hi)
{
	if (lo == hi)
		ecs_buf_addf(b, "%" PRIu32, lo);
	else
		ecs_buf_addf(b, "%" PRIu32 "-%" PRIu32, lo, hi);
}

/* The mapping written back canonically (no leading zeros, protocol lowercase) must mean the same. */
static void port_roundtrip(const char *s, const struct ecs_port_spec *p)
{
	struct ecs_buf b = ECS_BUF_INIT;
	struct ecs_port_spec q;
	bool bracketed = p->has_ip && p->ip.start == 1;

	if (p->has_ip)
		ecs_buf_addf(&b, "%s%.*s%s:", bracketed ? "[" : "", (int)(p->ip.end - p->ip.start), s + p->ip.start,
			     bracketed ? "]" : "");
	if (p->has_host)
		add_range(&b, p->host_lo, p->host_hi);
	if (p->has_ip || p->has_host)
		ecs_buf_addc(&b, ':');
	add_range(&b, p->container_lo, p->container_hi);
	if (p->has_proto && p->proto.end > p->proto.start)
		ecs_buf_addf(&b, "/%s", p->proto_lower);
	FUZZ_ASSERT(!b.failed);
	FUZZ_ASSERT(ecs_parse_port_spec(b.data, b.len, &q, NULL) == 0);
	FUZZ_ASSERT(q.has_ip == p->has_ip && q.has_host == p->has_host);
	FUZZ_ASSERT(q.host_lo == p->host_lo && q.host_hi == p->host_hi);
	FUZZ_ASSERT(q.container_lo == p->container_lo && q.container_hi == p->container_hi);
	FUZZ_ASSERT(strcmp(q.proto_lower, p->proto_lower) == 0);
	ecs_buf_release(&b);
}

static void fuzz_port(const char *s, size_t len)
{
	struct ecs_port_spec p;
	struct ecs_parse_error err;

	if (ecs_parse_port_spec(s, len, &p, &err) < 0) {
		check_error(&err, len);
		return;
	}
	check_part(&p.container, len);
	FUZZ_ASSERT(p.container.start < p.container.end);
	FUZZ_ASSERT(p.container_lo <= p.container_hi && p.container_hi <= 65535);
	if (p.has_ip) {
		check_part(&p.ip, len);
		FUZZ_ASSERT(p.ip.end < p.host.start);
		FUZZ_ASSERT(ecs_ip_address_valid(s + p.ip.start, p.ip.end - p.ip.start));
	}
	if (p.has_host) {
		check_part(&p.host, len);
		FUZZ_ASSERT(p.host.start < p.host.end && p.host.end < p.container.start);
		FUZZ_ASSERT(p.host_lo <= p.host_hi && p.host_hi <= 65535);
		/* A host range maps one to one, or is a pool for one container port. */
		FUZZ_ASSERT(p.host_hi - p.host_lo == p.container_hi - p.container_lo ||
			    p.container_lo == p.container_hi);
	}
	if (p.has_proto) {
		check_part(&p.proto, len);
		FUZZ_ASSERT(p.container.end < p.proto.start && s[p.proto.start - 1] == '/');
	} else {
		FUZZ_ASSERT(p.container.end == len);
	}
	FUZZ_ASSERT(!strcmp(p.proto_lower, "tcp") || !strcmp(p.proto_lower, "udp") || !strcmp(p.proto_lower, "sctp"));
	port_roundtrip(s, &p);
}

static void fuzz_port_range(const char *s, size_t len)
{
	struct ecs_parse_error err;
	uint32_t lo, hi;

	if (ecs_parse_port_range(s, len, &lo, &hi, &err) < 0) {
		check_error(&err, len);
		return;
	}
	FUZZ_ASSERT(lo <= hi && hi <= 65535);
	/* The same text is a valid container part of a short-syntax mapping. */
	struct ecs_port_spec p;
	FUZZ_ASSERT(ecs_parse_port_spec(s, len, &p, NULL) == 0);
	FUZZ_ASSERT(p.container_lo == lo && p.container_hi == hi && !p.has_host);
}

static void fuzz_ip(const char *s, size_t len)
{
	/* inet_pton's longest text is 45 bytes: a longer string cannot be an address. */
	if (ecs_ip_address_valid(s, len))
		FUZZ_ASSERT(len > 0 && len < 64 && memchr(s, '\0', len) == NULL);
}

static bool is_option_word(const char *s, const struct ecs_part *p, const char *const *words)
{
	for (; *words; words++)
		if (part_equals(s, p, *words))
			return true;
	return false;
}

static void fuzz_volume(const char *s, size_t len)
{
	static const char *const selinux[] = { "z", "Z", NULL };
	static const char *const propagation[] = { "shared", "rshared", "slave", "rslave", "private", "rprivate", NULL };
	static const char *const consistency[] = { "cached", "delegated", "consistent", NULL };
	struct ecs_volume_spec v;
	struct ecs_parse_error err;
	const struct ecs_part *opts[] = { &v.selinux, &v.propagation, &v.consistency };
	const char *const *words[] = { selinux, propagation, consistency };

	(void)ecs_volume_source_is_path(s, len);
	if (ecs_parse_volume_spec(s, len, &v, &err) < 0) {
		check_error(&err, len);
		return;
	}
	check_part(&v.target, len);
	FUZZ_ASSERT(v.target.start < v.target.end);
	if (v.has_source) {
		check_part(&v.source, len);
		FUZZ_ASSERT(v.source.start < v.source.end && v.source.end < v.target.start);
		FUZZ_ASSERT(s[v.source.end] == ':');
	}
	FUZZ_ASSERT(v.is_bind == (v.has_source && ecs_volume_source_is_path(s + v.source.start,
									 v.source.end - v.source.start)));
	if (v.has_options) {
		check_part(&v.options, len);
		FUZZ_ASSERT(v.has_source && v.target.end < v.options.start && v.options.start < v.options.end);
		FUZZ_ASSERT(s[v.target.end] == ':');
	}
	FUZZ_ASSERT(!v.read_only_set || v.has_options);
	FUZZ_ASSERT(!v.nocopy || v.has_options);
	for (size_t i = 0; i < 3; i++) {
		if (opts[i]->start == opts[i]->end)
			continue;
		FUZZ_ASSERT(v.has_options && v.options.start <= opts[i]->start && opts[i]->end <= v.options.end);
		FUZZ_ASSERT(is_option_word(s, opts[i], words[i]));
	}
}

static void fuzz_device(const char *s, size_t len)
{
	struct ecs_device_spec d;
	struct ecs_parse_error err;

	if (ecs_parse_device_spec(s, len, &d, &err) < 0) {
		check_error(&err, len);
		return;
	}
	check_part(&d.source, len);
	FUZZ_ASSERT(d.source.start == 0 && d.source.start < d.source.end);
	if (d.target.end > d.target.start || d.target.start) {
		check_part(&d.target, len);
		FUZZ_ASSERT(d.source.end < d.target.start && s[d.target.start - 1] == ':');
	}
	if (d.permissions.end > d.permissions.start) {
		check_part(&d.permissions, len);
		FUZZ_ASSERT(d.target.end < d.permissions.start && d.permissions.end == len);
		for (uint32_t i = d.permissions.start; i < d.permissions.end; i++)
			FUZZ_ASSERT(s[i] == 'r' || s[i] == 'w' || s[i] == 'm');
	}
	FUZZ_ASSERT(!d.cdi || memchr(s, ':', len) == NULL);
}

struct words {
	char *buf;
	uint32_t *starts;
	size_t n;
	long cut;
};

/* Splits s as build_service.c does (buffer and word cap as the header says); -1 on a parse error. */
static int split(const char *s, size_t len, struct words *w, struct ecs_parse_error *err)
{
	w->buf = malloc(len * 2 + 2);
	w->starts = malloc((len + 1) * sizeof(*w->starts));
	w->n = 0;
	FUZZ_ASSERT(w->buf && w->starts);
	return ecs_shell_split(s, len, w->buf, w->starts, len + 1, &w->n, &w->cut, err);
}

static void words_free(struct words *w)
{
	free(w->buf);
	free(w->starts);
}

static void fuzz_command(const char *s, size_t len)
{
	struct words w, before;
	struct ecs_parse_error err;
	size_t used = 0;

	if (split(s, len, &w, &err) < 0) {
		check_error(&err, len);
		words_free(&w);
		return;
	}
	/* A word takes at least one byte of the input and a separator (or the end). */
	FUZZ_ASSERT(w.n <= (len + 1) / 2);
	for (size_t i = 0; i < w.n; i++) {
		FUZZ_ASSERT(i == 0 ? w.starts[0] == 0 : w.starts[i] > w.starts[i - 1]);
		FUZZ_ASSERT(w.starts[i] == used);
		used = w.starts[i] + strlen(w.buf + w.starts[i]) + 1;
		/* NUL bytes of the input stay inside words; count them as the words' own. */
		while (i + 1 < w.n && used < w.starts[i + 1])
			used += strlen(w.buf + used) + 1;
	}
	FUZZ_ASSERT(used <= len + 1);
	if (w.cut >= 0) {
		FUZZ_ASSERT((size_t)w.cut < len);
		/* What was kept is what the text before the cut says on its own. */
		FUZZ_ASSERT(split(s, (size_t)w.cut, &before, NULL) == 0);
		FUZZ_ASSERT(before.cut == -1 && before.n == w.n);
		FUZZ_ASSERT(used == 0 || memcmp(before.buf, w.buf, used) == 0);
		words_free(&before);
	}
	words_free(&w);
}

static void fuzz_yaml11(const char *s, size_t len)
{
	if (ecs_yaml11_bool_word(s, len))
		FUZZ_ASSERT(len == 2 || len == 3);
	if (ecs_yaml11_sexagesimal(s, len))
		FUZZ_ASSERT(memchr(s, ':', len) != NULL && is_digit(s[len - 1]));
}

static void fuzz_duration(const char *s, size_t len)
{
	struct ecs_parse_error err;
	int64_t ns, again;
	char text[32];
	int n;

	if (ecs_parse_duration(s, len, &ns, &err) < 0) {
		check_error(&err, len);
		return;
	}
	FUZZ_ASSERT(len > 0);
	if (s[0] == '-')
		FUZZ_ASSERT(ns <= 0);
	else
		FUZZ_ASSERT(ns >= 0);
	/* The value in nanoseconds reads back as itself. */
	n = snprintf(text, sizeof(text), "%s%" PRIu64 "ns", ns < 0 ? "-" : "",
		     ns < 0 ? (uint64_t)0 - (uint64_t)ns : (uint64_t)ns);
	FUZZ_ASSERT(ecs_parse_duration(text, (size_t)n, &again, NULL) == 0 && again == ns);
}

/* s as strtoll reads it when s is [+-]?[0-9]+; false otherwise or on overflow. */
static bool reference_int10(const char *s, size_t len, int64_t *v)
{
	char text[64];
	size_t i = len && (s[0] == '+' || s[0] == '-'), n;

	if (i == len)
		return false;
	for (size_t k = i; k < len; k++)
		if (!is_digit(s[k]))
			return false;
	/* Leading zeros do not count; what is left fits text or overflows anyway. */
	text[0] = i ? s[0] : '+';
	while (i + 1 < len && s[i] == '0')
		i++;
	n = len - i;
	if (n + 2 > sizeof(text))
		return false;
	memcpy(text + 1, s + i, n);
	text[n + 1] = '\0';
	errno = 0;
	*v = strtoll(text, NULL, 10);
	return errno == 0;
}

static void fuzz_bytes(const char *s, size_t len)
{
	struct ecs_parse_error err;
	int64_t bytes, plain;

	if (ecs_parse_bytes(s, len, &bytes, &err) < 0) {
		check_error(&err, len);
		FUZZ_ASSERT(!reference_int10(s, len, &plain));
		return;
	}
	/* A plain integer is bytes, sign and all; anything with a unit is a size. */
	if (reference_int10(s, len, &plain))
		FUZZ_ASSERT(bytes == plain);
	else
		FUZZ_ASSERT(bytes >= 0);
}

static void fuzz_cpus(const char *s, size_t len)
{
	struct ecs_parse_error err;
	int64_t millis;
	double value;

	if (ecs_parse_cpus(s, len, &millis, &value, &err) < 0) {
		check_error(&err, len);
		return;
	}
	FUZZ_ASSERT(millis >= 0 && value >= 0);
	/* The two readings of one number agree (millis is truncated). */
	FUZZ_ASSERT(fabs(value * 1000.0 - (double)millis) <= 1.0 + value * 1e-9);
}

static void fuzz_int10(const char *s, size_t len)
{
	struct ecs_parse_error err;
	int64_t v, ref;
	bool ok = reference_int10(s, len, &ref);

	if (ecs_parse_int10(s, len, &v, &err) < 0) {
		check_error(&err, len);
		FUZZ_ASSERT(!ok);
		return;
	}
	FUZZ_ASSERT(ok && v == ref);
}

static void fuzz_yaml_int(const char *s, size_t len)
{
	int64_t v, ref;
	size_t i = len && (s[0] == '+' || s[0] == '-');

	if (!ecs_yaml_int(s, len, &v))
		return;
	/* Plain decimals without a leading zero are Go's base-10 integers. */
	if (i < len && s[i] != '0' && reference_int10(s, len, &ref))
		FUZZ_ASSERT(v == ref);
	if (s[0] == '-')
		FUZZ_ASSERT(v <= 0);
	else
		FUZZ_ASSERT(v >= 0);
}

static void fuzz_octal(const char *s, size_t len)
{
	struct ecs_parse_error err;
	int64_t v;
	uint64_t ref = 0;

	if (ecs_parse_octal(s, len, &v, &err) < 0) {
		check_error(&err, len);
		return;
	}
	for (size_t i = 0; i < len; i++) {
		FUZZ_ASSERT(s[i] >= '0' && s[i] <= '7');
		ref = ref * 8 + (uint64_t)(s[i] - '0');
		FUZZ_ASSERT(ref <= 0xffffffffu);
	}
	FUZZ_ASSERT(v == (int64_t)ref);
}

static const struct parser {
	char letter;
	void (*run)(const char *s, size_t len);
} parsers[] = {
	{ 'p', fuzz_port },	{ 'r', fuzz_port_range }, { 'i', fuzz_ip },	{ 'v', fuzz_volume },
	{ 'd', fuzz_device },	{ 'c', fuzz_command },	  { 'y', fuzz_yaml11 }, { 't', fuzz_duration },
	{ 'b', fuzz_bytes },	{ 'u', fuzz_cpus },	  { 'n', fuzz_int10 },	{ 'Y', fuzz_yaml_int },
	{ 'o', fuzz_octal },
};

#define N_PARSERS (sizeof(parsers) / sizeof(parsers[0]))

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct parser *p = NULL;

	if (size == 0)
		return 0;
	for (size_t i = 0; i < N_PARSERS && !p; i++)
		if (parsers[i].letter == (char)data[0])
			p = &parsers[i];
	if (!p)
		p = &parsers[data[0] % N_PARSERS];
	p->run((const char *)data + 1, size - 1);
	return 0;
}
