/*
 * quantity.h - the scalar grammars Compose gives meaning to: durations,
 * byte sizes, CPU counts, integers (YAML 1.2 and Go base 10), file modes.
 *
 * Pure functions over (text, len): no allocation, no diagnostics.  On
 * failure they fill struct ecs_parse_error with the byte range of the
 * offending part (relative to text) and a message in our diagnostic style
 * (lowercase, subject quoted); the model turns that into a located ECS103.
 * Every parser rejects overflow instead of wrapping.
 */
#ifndef ECS_QUANTITY_H
#define ECS_QUANTITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ecs_parse_error {
	uint32_t start, end;	/* offending bytes [start, end) within the text */
	char message[160];
};

/*
 * Fills err (when not NULL) with the byte range and message of a parse
 * failure; returns -1 so parsers can `return ecs_parse_fail(...)`.
 */
int ecs_parse_fail(struct ecs_parse_error *err, size_t start, size_t end, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * Go duration syntax as Compose reads it (go-str2duration): optional sign,
 * then "0" or one or more <number><unit>, number = digits[.digits] or
 * .digits, unit = ns us µs μs ms s m h d w.  "1m30s", "1.5h", "500ms".
 * Result in nanoseconds.
 */
int ecs_parse_duration(const char *s, size_t len, int64_t *ns, struct ecs_parse_error *err);

/*
 * Byte sizes as Compose reads them: a plain (signed) integer is bytes;
 * else a non-negative decimal number, an optional space and an optional
 * suffix b, k, m, g, t, p optionally followed by b or ib, any case; all
 * multiples are binary ("512m", "2g", "2Gb", "1.5GiB" = 1.5 x 2^30).
 * Fractions are truncated to whole bytes, as docker/go-units does.
 */
int ecs_parse_bytes(const char *s, size_t len, int64_t *bytes, struct ecs_parse_error *err);

/*
 * A CPU count ("0.5", ".25", "2"): non-negative decimal with at most nine
 * fraction digits (Docker converts to nano-CPUs exactly and rejects more
 * precision).  millis = CPUs x 1000, truncated; value = the number.
 */
int ecs_parse_cpus(const char *s, size_t len, int64_t *millis, double *value, struct ecs_parse_error *err);

/* Go strconv.ParseInt(s, 10, 64): optional sign, decimal digits only. */
int ecs_parse_int10(const char *s, size_t len, int64_t *v, struct ecs_parse_error *err);

/*
 * A plain YAML scalar's integer value under the YAML 1.2 core schema as
 * Compose's go-yaml resolves it: decimal with sign and '_' separators,
 * 0x/0o/0b prefixes, and a leading 0 meaning octal ("0755" = 493).
 * Returns false (no error detail) when the text is not an integer.
 */
bool ecs_yaml_int(const char *s, size_t len, int64_t *v);

/* A file mode written as a string: octal digits ("0440", "440"). */
int ecs_parse_octal(const char *s, size_t len, int64_t *v, struct ecs_parse_error *err);

#endif
