/*
 * shortsyntax.h - parsers for Compose's one-string forms: port mappings,
 * volume mounts, device mappings and shell-split commands, plus the YAML
 * 1.1 shapes that other readers would type differently.
 *
 * Pure functions over (text, len): no allocation, no diagnostics.  Results
 * are byte offsets into the text, so the model can point at the exact part
 * of the scalar (the host port, the protocol, the options).
 */
#ifndef ECS_SHORTSYNTAX_H
#define ECS_SHORTSYNTAX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quantity.h"

/* A byte range [start, end) inside the parsed text; empty when start == end. */
struct ecs_part {
	uint32_t start, end;
};

/*
 * [[IP:][HOST[-HOST]]:]CONTAINER[-CONTAINER][/PROTO] as docker/go-connections
 * reads it: IPv6 addresses need brackets ("[::1]:80:80"); an empty HOST
 * ("127.0.0.1::80") is an ephemeral port; a host range with one container
 * port is "any free port of the range"; otherwise the ranges must have the
 * same length.  PROTO is tcp, udp or sctp in any case (empty = tcp).
 */
struct ecs_port_spec {
	bool has_ip;
	struct ecs_part ip;		/* without the brackets */
	bool has_host;			/* a non-empty host part */
	struct ecs_part host;
	uint32_t host_lo, host_hi;
	struct ecs_part container;
	uint32_t container_lo, container_hi;
	bool has_proto;			/* "/..." written */
	struct ecs_part proto;
	char proto_lower[8];		/* "tcp" when not written */
};

int ecs_parse_port_spec(const char *s, size_t len, struct ecs_port_spec *out, struct ecs_parse_error *err);
/* A port "N" or range "N-M" (0-65535, N <= M): long syntax published. */
int ecs_parse_port_range(const char *s, size_t len, uint32_t *lo, uint32_t *hi, struct ecs_parse_error *err);
/* An IPv4 or IPv6 address (no brackets, no zone), as Go's net.ParseIP. */
bool ecs_ip_address_valid(const char *s, size_t len);

/*
 * [SOURCE:]TARGET[:OPTIONS] as compose-go reads it: a one-letter field
 * followed by ':' is a Windows drive, colons inside ${...} do not split, a
 * 1-2 character spec is a target only.  is_bind: the source looks like a
 * path (., /, ~, \\ or a drive letter); otherwise a named volume (or an
 * anonymous one without source).
 */
struct ecs_volume_spec {
	bool has_source;
	struct ecs_part source;
	struct ecs_part target;
	bool has_options;
	struct ecs_part options;
	bool is_bind;
	bool read_only_set, read_only;	/* "ro" / "rw" option */
	bool nocopy;
	struct ecs_part selinux;	/* "z" or "Z" option */
	struct ecs_part propagation;	/* shared, rshared, slave, rslave, private, rprivate */
	struct ecs_part consistency;	/* cached, delegated, consistent */
};

int ecs_parse_volume_spec(const char *s, size_t len, struct ecs_volume_spec *out, struct ecs_parse_error *err);

/* True when source names a host path rather than a volume (see above). */
bool ecs_volume_source_is_path(const char *s, size_t len);

/* HOST[:CONTAINER[:PERMISSIONS]] or a CDI device name (vendor.com/class=name). */
struct ecs_device_spec {
	bool cdi;
	struct ecs_part source, target, permissions;	/* target/permissions empty when not written */
};

int ecs_parse_device_spec(const char *s, size_t len, struct ecs_device_spec *out, struct ecs_parse_error *err);

/*
 * Splits a command string as go-shellwords does for Compose (no variable
 * expansion, no backticks): blanks separate words outside quotes; '...' is
 * literal; in "..." and outside quotes a backslash escapes the next
 * character; "" and '' make empty words.  An unquoted ; & | < > ends the
 * command and the rest is dropped (*cut = its offset, else -1).  Unbalanced
 * quotes, a trailing backslash or a '(' not after '$' are errors.
 *
 * Words are written NUL-separated into buf (at most len + 1 bytes per word
 * boundary: size it len * 2 + 2); starts[i] is the offset of word i in buf.
 * *n receives the number of words (at most max_words; extra words fail).
 */
int ecs_shell_split(const char *s, size_t len, char *buf, uint32_t *starts, size_t max_words, size_t *n,
		    long *cut, struct ecs_parse_error *err);

/* YAML 1.1 reads this plain scalar as a base-60 number ("22:22" = 1342). */
bool ecs_yaml11_sexagesimal(const char *s, size_t len);
/* YAML 1.1 reads this plain scalar as a boolean: yes/no/on/off, any case. */
bool ecs_yaml11_bool_word(const char *s, size_t len);

#endif
