/*
 * model_types.h - the value types the Compose model is made of.
 *
 * Owner: the model (src/model/).  Built once per project by ecs_model_build()
 * from the loader's merged, interpolated YAML tree; read-only afterwards.
 * Every pointer is arena-owned (the run's arena) and lives as long as the run.
 *
 * Conventions shared by every type here:
 *  - present: the value was written in the file (after merging).  Defaults
 *    the builder fills in are never "present"; they live in separate,
 *    documented "effective" fields, or, where a comment says so, in a value
 *    whose v is set while present is false (the "CMD-SHELL" of a string
 *    healthcheck test, a device's default target).
 *  - span: where the value is written.  For a part of a short-syntax scalar
 *    ("8080" inside "127.0.0.1:8080:80/tcp") the span covers just that part
 *    when the scalar's source text maps 1:1 to its decoded text (plain, or
 *    quoted without escapes), else the whole scalar.  A span of a value that
 *    is not present is all zeros: never report on it.
 *  - node: the YAML value node (aliases looked through); for parts of a
 *    short-syntax scalar, the whole scalar.  The key an attribute was
 *    written under is in the parent's raw mapping (ecs_node_map_pair(
 *    s->node, "image")->key) and in the key field of the group structs.
 *  - Size matters: a 20,000-service project holds 20,000 of each service
 *    struct, so values carry no redundant pointers and fields are ordered
 *    for packing.
 *  - valid: for parsed quantities, the text parsed.  present && !valid means
 *    a diagnostic was already reported (ECS103 by the model, or a type error
 *    by the schema validator); rules should not report it again.
 *  - Wrong YAML types are skipped, never guessed: a mapping where a string
 *    belongs leaves the field not present (the schema validator reports it).
 */
#ifndef ECS_MODEL_TYPES_H
#define ECS_MODEL_TYPES_H

#include <stdbool.h>
#include <stdint.h>

#include "../core/source.h"
#include "../yaml/node.h"

/* A string.  Numbers and booleans written where a string is expected are
 * kept as their text (Compose stringifies them); v is never NULL when present. */
struct ecs_mstr {
	const char *v;
	const struct ecs_node *node;
	struct ecs_span span;
	uint32_t len;
	bool present;
};

/* A boolean: true/false, and the YAML 1.1 words Compose still casts with a
 * warning (yes/no/on/off/y/n, any case).  yaml11 marks those words. */
struct ecs_mbool {
	const struct ecs_node *node;
	struct ecs_span span;
	bool present, valid;
	bool v;
	bool yaml11;
};

/*
 * An integer quantity.  The unit of v is the field's: plain count, bytes
 * (memory, sizes), nanoseconds (durations), or as the field says.  text is
 * the value as written ("1.5G", "1m30s", "0440"), for messages and output.
 */
struct ecs_mint {
	int64_t v;
	const char *text;
	const struct ecs_node *node;
	struct ecs_span span;
	bool present, valid;
};

/* CPUs ("0.5", 0.25, "2"): millis = CPUs x 1000, truncated the way Docker
 * does it (nano-CPUs / 10^6); value is the decimal number as parsed. */
struct ecs_mcpus {
	int64_t millis;
	double value;
	const char *text;
	const struct ecs_node *node;
	struct ecs_span span;
	bool present, valid;
};

/* A list of strings.  from_string: written as one string (dns: 8.8.8.8,
 * tmpfs: /run, a shell-split command) instead of a sequence. */
struct ecs_mstrs {
	struct ecs_mstr *v;
	const struct ecs_node *node;
	struct ecs_span span;
	uint32_t n;
	bool present;
	bool from_string;
};

/*
 * One entry of a list_or_dict (environment, labels, sysctls, driver_opts,
 * logging options, annotations, build args, extra_hosts...).  Map form
 * `K: V` or list form `- K=V`.  has_value is false for `K:`/`K: null` and a
 * bare list item `- K` (for environment: "take it from the project
 * environment, else unset"; elsewhere: the empty string).
 */
struct ecs_kv {
	struct ecs_mstr key;		/* span: the key node, or the part before '=' */
	struct ecs_mstr value;		/* present iff has_value */
	const struct ecs_node *node;	/* list item scalar, or the map value node */
	struct ecs_span span;		/* the whole pair or list item */
	bool has_value;
};

/*
 * A list_or_dict.  v holds the entries in source order (duplicates
 * included, so rules can report them); sorted holds each key once, the last
 * written winning as in Compose, ordered by key bytes (memcmp): deterministic
 * output (CloudFormation Environment, DockerLabels) iterates sorted.
 */
struct ecs_kvs {
	struct ecs_kv *v;
	const struct ecs_kv **sorted;
	const struct ecs_node *node;
	struct ecs_span span;
	uint32_t n;
	uint32_t n_sorted;
	bool present;
	bool list_form;
};

/* Lookup in kvs->sorted (binary search); NULL when absent. */
const struct ecs_kv *ecs_kvs_get(const struct ecs_kvs *kvs, const char *key);

#endif
