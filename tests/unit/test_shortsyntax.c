/*
 * test_shortsyntax.c - port, volume and device strings, command splitting
 * and the YAML 1.1 shapes: accepted inputs with every part's offsets,
 * rejected inputs with the exact offending byte range.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "model/shortsyntax.h"

static char *part_text(const char *s, struct ecs_part p, char *buf, size_t len)
{
	snprintf(buf, len, "%.*s", (int)(p.end - p.start), s + p.start);
	return buf;
}

struct port_case {
	const char *text;
	const char *ip, *host, *container, *proto;	/* NULL: not written */
	uint32_t host_lo, host_hi, container_lo, container_hi;
};

static void ports_accepted(void **state)
{
	static const struct port_case cases[] = {
		{ "80", NULL, NULL, "80", "tcp", 0, 0, 80, 80 },
		{ "8080:80", NULL, "8080", "80", "tcp", 8080, 8080, 80, 80 },
		{ "8080:80/udp", NULL, "8080", "80", "udp", 8080, 8080, 80, 80 },
		{ "8080:80/UDP", NULL, "8080", "80", "udp", 8080, 8080, 80, 80 },
		{ "53:53/sctp", NULL, "53", "53", "sctp", 53, 53, 53, 53 },
		{ "127.0.0.1:8080:80", "127.0.0.1", "8080", "80", "tcp", 8080, 8080, 80, 80 },
		{ "127.0.0.1::80", "127.0.0.1", NULL, "80", "tcp", 0, 0, 80, 80 },
		{ "[::1]:6001:6001", "::1", "6001", "6001", "tcp", 6001, 6001, 6001, 6001 },
		{ "[2001:db8::1]:80:80/tcp", "2001:db8::1", "80", "80", "tcp", 80, 80, 80, 80 },
		{ "8000-8010:8000-8010", NULL, "8000-8010", "8000-8010", "tcp", 8000, 8010, 8000, 8010 },
		{ "9000-9010:90", NULL, "9000-9010", "90", "tcp", 9000, 9010, 90, 90 },
		{ "3000-3005", NULL, NULL, "3000-3005", "tcp", 0, 0, 3000, 3005 },
		{ "80/", NULL, NULL, "80", "tcp", 0, 0, 80, 80 },
		{ "80/tcp/extra", NULL, NULL, "80", "tcp", 0, 0, 80, 80 },
		{ ":8080:80", NULL, "8080", "80", "tcp", 8080, 8080, 80, 80 },
		{ "0:0", NULL, "0", "0", "tcp", 0, 0, 0, 0 },
		{ "65535:65535", NULL, "65535", "65535", "tcp", 65535, 65535, 65535, 65535 },
	};
	char buf[64];
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct port_case *c = &cases[i];
		struct ecs_port_spec p;
		struct ecs_parse_error e = { 0 };

		if (ecs_parse_port_spec(c->text, strlen(c->text), &p, &e) != 0)
			fail_msg("'%s' rejected: %s", c->text, e.message);
		if (c->ip) {
			assert_true(p.has_ip);
			assert_string_equal(part_text(c->text, p.ip, buf, sizeof(buf)), c->ip);
		} else {
			assert_false(p.has_ip);
		}
		assert_int_equal(p.has_host, c->host != NULL);
		if (c->host)
			assert_string_equal(part_text(c->text, p.host, buf, sizeof(buf)), c->host);
		assert_string_equal(part_text(c->text, p.container, buf, sizeof(buf)), c->container);
		assert_string_equal(p.proto_lower, c->proto);
		if (c->host) {
			assert_int_equal(p.host_lo, c->host_lo);
			assert_int_equal(p.host_hi, c->host_hi);
		}
		assert_int_equal(p.container_lo, c->container_lo);
		assert_int_equal(p.container_hi, c->container_hi);
	}
}

struct bad_case {
	const char *text;
	uint32_t start, end;
	const char *message_part;
};

static void ports_rejected(void **state)
{
	static const struct bad_case cases[] = {
		{ "", 0, 0, "empty port mapping" },
		{ "8080:", 5, 5, "no container port" },
		{ "8080:80/tcpp", 8, 12, "invalid protocol 'tcpp'" },
		{ "8080:80/http", 8, 12, "invalid protocol" },
		{ "8080:abc", 5, 8, "invalid container port 'abc'" },
		{ "8080:65536", 5, 10, "invalid container port" },
		{ "x:80", 0, 1, "invalid host port 'x'" },
		{ "70000:80", 0, 5, "invalid host port" },
		{ "8010-8000:80", 0, 9, "invalid host port" },
		{ "8000-8001:80-82", 0, 15, "different lengths" },
		{ "80:8000-8001", 0, 12, "different lengths" },
		{ "::1:6000:6000", 0, 3, "needs brackets" },
		{ "1.2.3:80:80", 0, 5, "invalid IP address '1.2.3'" },
		{ "01.2.3.4:80:80", 0, 8, "invalid IP address" },
		{ "[::1:80:80", 0, 4, "missing ']'" },
		{ "[1.2.3.4]:80:80", 0, 9, "invalid IPv6 address" },
		{ "localhost:80:80", 0, 9, "invalid IP address 'localhost'" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct bad_case *c = &cases[i];
		struct ecs_port_spec p;
		struct ecs_parse_error e = { 0 };

		if (ecs_parse_port_spec(c->text, strlen(c->text), &p, &e) == 0)
			fail_msg("'%s' accepted", c->text);
		if (e.start != c->start || e.end != c->end || !strstr(e.message, c->message_part))
			fail_msg("'%s': [%u,%u) '%s', want [%u,%u) '%s'", c->text, e.start, e.end, e.message, c->start,
				 c->end, c->message_part);
	}
}

static void port_ranges_and_ips(void **state)
{
	uint32_t lo, hi;
	struct ecs_parse_error e;
	(void)state;
	assert_int_equal(ecs_parse_port_range("8080", 4, &lo, &hi, &e), 0);
	assert_int_equal(lo, 8080);
	assert_int_equal(hi, 8080);
	assert_int_equal(ecs_parse_port_range("8000-9000", 9, &lo, &hi, &e), 0);
	assert_int_equal(hi, 9000);
	assert_int_equal(ecs_parse_port_range("8080-", 5, &lo, &hi, &e), -1);
	assert_int_equal(e.end, 5);
	assert_int_equal(ecs_parse_port_range("", 0, &lo, &hi, &e), -1);
	assert_true(ecs_ip_address_valid("10.0.0.1", 8));
	assert_true(ecs_ip_address_valid("::1", 3));
	assert_true(ecs_ip_address_valid("fe80::1", 7));
	assert_false(ecs_ip_address_valid("fe80::1%eth0", 12));
	assert_false(ecs_ip_address_valid("256.0.0.1", 9));
	assert_false(ecs_ip_address_valid("", 0));
}

struct volume_case {
	const char *text;
	const char *source, *target, *options;	/* NULL: not written */
	bool bind, ro_set, ro, nocopy;
	const char *selinux, *propagation;
};

static void volumes_accepted(void **state)
{
	static const struct volume_case cases[] = {
		{ "/data", NULL, "/data", NULL, false, false, false, false, NULL, NULL },
		{ "db:/var/lib/db", "db", "/var/lib/db", NULL, false, false, false, false, NULL, NULL },
		{ "./data:/data", "./data", "/data", NULL, true, false, false, false, NULL, NULL },
		{ "./data:/data:ro", "./data", "/data", "ro", true, true, true, false, NULL, NULL },
		{ "/host:/c:rw,z", "/host", "/c", "rw,z", true, true, false, false, "z", NULL },
		{ "~/x:/x:Z,rshared", "~/x", "/x", "Z,rshared", true, false, false, false, "Z", "rshared" },
		{ "vol:/x:nocopy,cached", "vol", "/x", "nocopy,cached", false, false, false, true, NULL, NULL },
		{ "C:\\data:/data", "C:\\data", "/data", NULL, true, false, false, false, NULL, NULL },
		{ "\\\\host\\share:/s", "\\\\host\\share", "/s", NULL, true, false, false, false, NULL, NULL },
		{ "${HOME:-/x}:/y", "${HOME:-/x}", "/y", NULL, false, false, false, false, NULL, NULL },
		{ "ab", NULL, "ab", NULL, false, false, false, false, NULL, NULL },
		{ "a:/data", "a:/data", NULL, NULL, false, false, false, false, NULL, NULL },
	};
	char buf[64];
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct volume_case *c = &cases[i];
		struct ecs_volume_spec v;
		struct ecs_parse_error e = { 0 };

		if (ecs_parse_volume_spec(c->text, strlen(c->text), &v, &e) != 0)
			fail_msg("'%s' rejected: %s", c->text, e.message);
		if (!c->target) {
			/* "a:/data": a one-letter source is a drive letter, so the whole
			 * string is one field: a target, as in compose-go */
			assert_false(v.has_source);
			assert_string_equal(part_text(c->text, v.target, buf, sizeof(buf)), c->source);
			continue;
		}
		assert_int_equal(v.has_source, c->source != NULL);
		if (c->source)
			assert_string_equal(part_text(c->text, v.source, buf, sizeof(buf)), c->source);
		assert_string_equal(part_text(c->text, v.target, buf, sizeof(buf)), c->target);
		assert_int_equal(v.has_options, c->options != NULL);
		if (c->options)
			assert_string_equal(part_text(c->text, v.options, buf, sizeof(buf)), c->options);
		assert_int_equal(v.is_bind, c->bind);
		assert_int_equal(v.read_only_set, c->ro_set);
		assert_int_equal(v.read_only, c->ro);
		assert_int_equal(v.nocopy, c->nocopy);
		if (c->selinux)
			assert_string_equal(part_text(c->text, v.selinux, buf, sizeof(buf)), c->selinux);
		if (c->propagation)
			assert_string_equal(part_text(c->text, v.propagation, buf, sizeof(buf)), c->propagation);
	}
}

static void volumes_rejected(void **state)
{
	static const struct bad_case cases[] = {
		{ "", 0, 0, "empty volume" },
		{ "/a::/b", 3, 4, "empty section between colons" },
		{ ":/b", 0, 1, "empty section" },
		{ "/a:/b:", 6, 6, "empty section" },
		{ "/a:/b:ro:x", 8, 10, "too many colons" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct bad_case *c = &cases[i];
		struct ecs_volume_spec v;
		struct ecs_parse_error e = { 0 };

		if (ecs_parse_volume_spec(c->text, strlen(c->text), &v, &e) == 0)
			fail_msg("'%s' accepted", c->text);
		if (e.start != c->start || e.end != c->end || !strstr(e.message, c->message_part))
			fail_msg("'%s': [%u,%u) '%s', want [%u,%u) '%s'", c->text, e.start, e.end, e.message, c->start,
				 c->end, c->message_part);
	}
}

static void devices(void **state)
{
	struct ecs_device_spec d;
	struct ecs_parse_error e;
	char buf[64];
	const char *s;
	(void)state;

	s = "/dev/sda";
	assert_int_equal(ecs_parse_device_spec(s, strlen(s), &d, &e), 0);
	assert_false(d.cdi);
	assert_int_equal(d.target.end, d.target.start);
	s = "/dev/sda:/dev/xvda:rwm";
	assert_int_equal(ecs_parse_device_spec(s, strlen(s), &d, &e), 0);
	assert_string_equal(part_text(s, d.target, buf, sizeof(buf)), "/dev/xvda");
	assert_string_equal(part_text(s, d.permissions, buf, sizeof(buf)), "rwm");
	s = "nvidia.com/gpu=all";
	assert_int_equal(ecs_parse_device_spec(s, strlen(s), &d, &e), 0);
	assert_true(d.cdi);
	s = "/dev/a:/dev/b:rx";
	assert_int_equal(ecs_parse_device_spec(s, strlen(s), &d, &e), -1);
	assert_int_equal(e.start, 14);
	assert_int_equal(e.end, 16);
	s = "/a:/b:r:x";
	assert_int_equal(ecs_parse_device_spec(s, strlen(s), &d, &e), -1);
	assert_non_null(strstr(e.message, "confusing device mapping"));
}

struct split_case {
	const char *text;
	const char *words[6];
	long cut;
};

static void shell_split(void **state)
{
	static const struct split_case cases[] = {
		{ "echo hello", { "echo", "hello" }, -1 },
		{ "  a\tb\n c  ", { "a", "b", "c" }, -1 },
		{ "sh -c 'echo $HOME && ls'", { "sh", "-c", "echo $HOME && ls" }, -1 },
		{ "echo \"a \\\"b\\\" c\"", { "echo", "a \"b\" c" }, -1 },
		{ "echo 'a\\b'", { "echo", "a\\b" }, -1 },
		{ "echo a\\ b", { "echo", "a b" }, -1 },
		{ "x \"\" ''", { "x", "", "" }, -1 },
		{ "echo a && echo b", { "echo", "a" }, 7 },
		{ "echo a;b", { "echo", "a" }, 6 },
		{ "cat < in", { "cat" }, 4 },
		{ "run 2>err", { "run" }, 4 },
		/* The whole word starting with a digit is dropped: the cut is its start (fuzz_shortsyntax). */
		{ "run 12>err", { "run" }, 4 },
		{ "run \"1\"x>err", { "run" }, 4 },
		{ "echo $(date)", { "echo", "$(date)" }, -1 },
		{ "", { NULL }, -1 },
	};
	char buf[128];
	uint32_t starts[16];
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct split_case *c = &cases[i];
		struct ecs_parse_error e = { 0 };
		size_t n = 99, want = 0;
		long cut;

		if (ecs_shell_split(c->text, strlen(c->text), buf, starts, 16, &n, &cut, &e) != 0)
			fail_msg("'%s' rejected: %s", c->text, e.message);
		while (want < 6 && c->words[want])
			want++;
		if (n != want)
			fail_msg("'%s': %zu words, want %zu", c->text, n, want);
		for (size_t w = 0; w < n; w++)
			assert_string_equal(buf + starts[w], c->words[w]);
		assert_int_equal(cut, c->cut);
	}
}

static void shell_split_rejected(void **state)
{
	static const struct bad_case cases[] = {
		{ "echo \"open", 5, 10, "unclosed double quote" },
		{ "echo 'open", 5, 10, "unclosed single quote" },
		{ "echo x\\", 6, 7, "trailing backslash" },
		{ "Label(`a`)", 5, 6, "'(' in a command string must be quoted" },
		{ "echo a)", 6, 7, "unbalanced ')'" },
	};
	char buf[64];
	uint32_t starts[16];
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct bad_case *c = &cases[i];
		struct ecs_parse_error e = { 0 };
		size_t n;
		long cut;

		if (ecs_shell_split(c->text, strlen(c->text), buf, starts, 16, &n, &cut, &e) == 0)
			fail_msg("'%s' accepted", c->text);
		if (e.start != c->start || e.end != c->end || !strstr(e.message, c->message_part))
			fail_msg("'%s': [%u,%u) '%s', want [%u,%u) '%s'", c->text, e.start, e.end, e.message, c->start,
				 c->end, c->message_part);
	}
}

static void yaml11_shapes(void **state)
{
	static const char *const sexagesimal[] = { "22:22", "1:30", "190:20:30", "+1:00", "1_0:59", NULL };
	static const char *const not_sexagesimal[] = { "8080:80", "80:80", "22:60", "0:22", "22:", ":22", "22:2:",
						       "22:22/udp", "127.0.0.1:22:22", "22", "a:22", NULL };
	static const char *const bools[] = { "yes", "no", "on", "off", "Yes", "NO", "oN", "OFF", NULL };
	static const char *const not_bools[] = { "y", "n", "true", "false", "yess", "", "o", NULL };
	(void)state;
	for (const char *const *s = sexagesimal; *s; s++)
		if (!ecs_yaml11_sexagesimal(*s, strlen(*s)))
			fail_msg("'%s' should be sexagesimal", *s);
	for (const char *const *s = not_sexagesimal; *s; s++)
		if (ecs_yaml11_sexagesimal(*s, strlen(*s)))
			fail_msg("'%s' should not be sexagesimal", *s);
	for (const char *const *s = bools; *s; s++)
		assert_true(ecs_yaml11_bool_word(*s, strlen(*s)));
	for (const char *const *s = not_bools; *s; s++)
		assert_false(ecs_yaml11_bool_word(*s, strlen(*s)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ports_accepted),
		cmocka_unit_test(ports_rejected),
		cmocka_unit_test(port_ranges_and_ips),
		cmocka_unit_test(volumes_accepted),
		cmocka_unit_test(volumes_rejected),
		cmocka_unit_test(devices),
		cmocka_unit_test(shell_split),
		cmocka_unit_test(shell_split_rejected),
		cmocka_unit_test(yaml11_shapes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
