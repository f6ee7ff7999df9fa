/*
 * test_quantity.c - durations, byte sizes, CPU counts, integers and modes:
 * tables of accepted inputs with their values, and rejected inputs with the
 * exact offending byte range.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "model/quantity.h"

#define NS 1LL
#define US 1000LL
#define MS 1000000LL
#define SEC 1000000000LL
#define MIN (60 * SEC)
#define HOUR (60 * MIN)

struct good {
	const char *text;
	int64_t value;
};

struct bad {
	const char *text;
	uint32_t start, end;
	const char *message_part;
};

static void check_good(int (*parse)(const char *, size_t, int64_t *, struct ecs_parse_error *),
		       const struct good *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct ecs_parse_error e = { 0 };
		int64_t v = -12345;
		int rc = parse(t[i].text, strlen(t[i].text), &v, &e);

		if (rc != 0 || v != t[i].value)
			fail_msg("'%s': rc %d value %lld (want %lld): %s", t[i].text, rc, (long long)v,
				 (long long)t[i].value, e.message);
	}
}

static void check_bad(int (*parse)(const char *, size_t, int64_t *, struct ecs_parse_error *),
		      const struct bad *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct ecs_parse_error e = { 0 };
		int64_t v;
		int rc = parse(t[i].text, strlen(t[i].text), &v, &e);

		if (rc == 0)
			fail_msg("'%s' was accepted as %lld", t[i].text, (long long)v);
		if (e.start != t[i].start || e.end != t[i].end)
			fail_msg("'%s': error at [%u,%u), want [%u,%u): %s", t[i].text, e.start, e.end, t[i].start,
				 t[i].end, e.message);
		if (!strstr(e.message, t[i].message_part))
			fail_msg("'%s': message '%s' lacks '%s'", t[i].text, e.message, t[i].message_part);
	}
}

static void durations(void **state)
{
	static const struct good good[] = {
		{ "0", 0 },
		{ "-0", 0 },
		{ "1m30s", MIN + 30 * SEC },
		{ "1h", HOUR },
		{ "500ms", 500 * MS },
		{ "1.5h", HOUR + 30 * MIN },
		{ "1h5m30s20ms", HOUR + 5 * MIN + 30 * SEC + 20 * MS },
		{ ".5s", 500 * MS },
		{ "1.s", SEC },
		{ "10us", 10 * US },
		{ "10\xc2\xb5s", 10 * US },
		{ "10\xce\xbcs", 10 * US },
		{ "7ns", 7 * NS },
		{ "2d", 48 * HOUR },
		{ "1w", 7 * 24 * HOUR },
		{ "-1m", -MIN },
		{ "+30s", 30 * SEC },
		{ "2562047h47m16.854775807s", INT64_MAX },
	};
	static const struct bad bad[] = {
		{ "", 0, 0, "invalid duration" },
		{ "10", 0, 2, "missing unit" },
		{ "1m30", 2, 4, "missing unit" },
		{ "10x", 2, 3, "unknown unit 'x'" },
		{ "5 s", 1, 3, "unknown unit ' s'" },
		{ "s", 0, 1, "unexpected 's'" },
		{ "-", 0, 1, "invalid duration" },
		{ "1.5.5s", 0, 3, "missing unit" },
		{ ".s", 0, 1, "'.' needs digits" },
		{ "3000000h", 0, 8, "too large" },
		{ "2562047h47m16.854775808s", 0, 24, "too large" },
		{ "99999999999999999999s", 0, 21, "too large" },
	};
	(void)state;
	check_good(ecs_parse_duration, good, sizeof(good) / sizeof(good[0]));
	check_bad(ecs_parse_duration, bad, sizeof(bad) / sizeof(bad[0]));
}

static void byte_sizes(void **state)
{
	static const struct good good[] = {
		{ "0", 0 },
		{ "1024", 1024 },
		{ "-1", -1 },
		{ "512m", 512LL << 20 },
		{ "512M", 512LL << 20 },
		{ "2g", 2LL << 30 },
		{ "2Gb", 2LL << 30 },
		{ "2GB", 2LL << 30 },
		{ "1.5GiB", 3LL << 29 },
		{ "1.5g", 1610612736 },
		{ "100k", 102400 },
		{ "100 kb", 102400 },
		{ "10b", 10 },
		{ "1t", 1LL << 40 },
		{ "1p", 1LL << 50 },
		{ "0.5k", 512 },
		{ "1.0001k", 1024 },
		{ "792Mb", 792LL << 20 },
		{ "2048M", 2048LL << 20 },
		{ "9223372036854775807", INT64_MAX },
	};
	static const struct bad bad[] = {
		{ "", 0, 0, "invalid size" },
		{ "m", 0, 1, "invalid size" },
		{ "12 parsecs", 3, 10, "invalid size unit 'parsecs'" },
		{ "10x", 2, 3, "invalid size unit 'x'" },
		{ "10kib2", 0, 6, "invalid size" },
		{ "10mx", 2, 4, "invalid size unit 'mx'" },
		{ "10bb", 2, 4, "invalid size unit 'bb'" },
		{ "10kbb", 2, 5, "invalid size unit 'kbb'" },
		{ "1.5.5g", 0, 5, "invalid size" },
		{ "-1.5g", 0, 5, "cannot be negative" },
		{ "9999999p", 0, 8, "too large" },
		{ "9223372036854775808", 0, 19, "too large" },
	};
	(void)state;
	check_good(ecs_parse_bytes, good, sizeof(good) / sizeof(good[0]));
	check_bad(ecs_parse_bytes, bad, sizeof(bad) / sizeof(bad[0]));
}

static int cpus_millis(const char *s, size_t len, int64_t *v, struct ecs_parse_error *e)
{
	double d;
	return ecs_parse_cpus(s, len, v, &d, e);
}

static void cpus(void **state)
{
	static const struct good good[] = {
		{ "0.5", 500 },
		{ ".25", 250 },
		{ "2", 2000 },
		{ "4.1", 4100 },
		{ "0.0005", 0 },
		{ "1.000000000", 1000 },
		{ "0.123456789", 123 },
		{ "+1", 1000 },
		{ "1.", 1000 },
	};
	static const struct bad bad[] = {
		{ "", 0, 0, "invalid cpus" },
		{ "abc", 0, 3, "invalid cpus" },
		{ "0.5x", 3, 4, "invalid cpus" },
		{ "-1", 0, 2, "cannot be negative" },
		{ "0.1234567891", 11, 12, "too precise" },
		{ "1e3", 1, 3, "invalid cpus" },
		{ "99999999999", 0, 11, "too large" },
	};
	double d = 0;
	int64_t m = 0;
	(void)state;
	check_good(cpus_millis, good, sizeof(good) / sizeof(good[0]));
	check_bad(cpus_millis, bad, sizeof(bad) / sizeof(bad[0]));
	assert_int_equal(ecs_parse_cpus("0.25", 4, &m, &d, NULL), 0);
	assert_true(d == 0.25);
	/* Leading zeros past the 63-byte copy must not change the value (fuzz_shortsyntax). */
	static const char zeros[] = "+0000000000000000000000000000000000000000000000000000000000000000000002.5";
	assert_int_equal(ecs_parse_cpus(zeros, sizeof(zeros) - 1, &m, &d, NULL), 0);
	assert_int_equal(m, 2500);
	assert_true(d == 2.5);
}

static void integers(void **state)
{
	static const struct good good10[] = {
		{ "0", 0 }, { "42", 42 }, { "-7", -7 }, { "+7", 7 }, { "0755", 755 },
		{ "9223372036854775807", INT64_MAX }, { "-9223372036854775808", INT64_MIN },
	};
	static const struct bad bad10[] = {
		{ "", 0, 0, "not an integer" },
		{ "x", 0, 1, "not an integer" },
		{ "12a", 0, 3, "not an integer" },
		{ "1_000", 0, 5, "not an integer" },
		{ "9223372036854775808", 0, 19, "out of range" },
	};
	static const struct good octal[] = { { "0440", 288 }, { "440", 288 }, { "0", 0 }, { "777", 511 } };
	static const struct bad bad_octal[] = {
		{ "", 0, 0, "empty file mode" },
		{ "0448", 3, 4, "invalid file mode" },
		{ "rw", 0, 1, "invalid file mode" },
	};
	struct {
		const char *text;
		bool ok;
		int64_t v;
	} yaml[] = {
		{ "12", true, 12 }, { "-5", true, -5 }, { "+1", true, 1 }, { "1_000", true, 1000 }, { "0x1F", true, 31 },
		{ "0o17", true, 15 }, { "0b101", true, 5 }, { "0755", true, 493 }, { "08", false, 0 }, { "1.5", false, 0 },
		{ "_1", false, 0 }, { "0x", false, 0 }, { "abc", false, 0 }, { "9223372036854775808", false, 0 },
		{ "22:22", false, 0 },
	};
	(void)state;
	check_good(ecs_parse_int10, good10, sizeof(good10) / sizeof(good10[0]));
	check_bad(ecs_parse_int10, bad10, sizeof(bad10) / sizeof(bad10[0]));
	check_good(ecs_parse_octal, octal, sizeof(octal) / sizeof(octal[0]));
	check_bad(ecs_parse_octal, bad_octal, sizeof(bad_octal) / sizeof(bad_octal[0]));
	for (size_t i = 0; i < sizeof(yaml) / sizeof(yaml[0]); i++) {
		int64_t v = 0;
		bool ok = ecs_yaml_int(yaml[i].text, strlen(yaml[i].text), &v);
		if (ok != yaml[i].ok || (ok && v != yaml[i].v))
			fail_msg("yaml int '%s': %d %lld", yaml[i].text, ok, (long long)v);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(durations),
		cmocka_unit_test(byte_sizes),
		cmocka_unit_test(cpus),
		cmocka_unit_test(integers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
