/*
 * schema.h - the Compose JSON Schema (plus the x-aws-* extensions the ECS
 * integration reads) and its validator over our YAML tree.
 *
 * The schemas are the embedded copies of schemas/compose.schema.json and
 * schemas/x-aws.schema.json.  ecs_schema_open() parses and combines them
 * and compiles every pattern once; the context is read-only afterwards, so
 * one context serves any number of validations (cache it per process or
 * per run).  Validation is linear in the document size and reports every
 * finding on the exact YAML span: ECS101 unknown attribute, ECS102 wrong
 * type, ECS103 invalid value, ECS104 missing required attribute, ECS501
 * unknown x-aws-* extension.
 */
#ifndef ECS_SCHEMA_H
#define ECS_SCHEMA_H

#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/diag.h"
#include "../yaml/node.h"

struct ecs_schema;

/*
 * Builds the context.  Returns 0, or -1 with a reason in err (an embedded
 * schema that does not parse or compile, or out of memory).
 */
int ecs_schema_open(struct ecs_schema **out, struct ecs_buf *err);
/*
 * A context for any other JSON Schema text, for tests and tools.  Supported:
 * type, properties, patternProperties, additionalProperties, required,
 * enum, const, pattern, minimum, maximum, exclusiveMinimum/Maximum,
 * minLength, maxLength, minItems, maxItems, uniqueItems, items, oneOf,
 * anyOf, allOf and local $ref; any other validation keyword is refused.
 */
int ecs_schema_open_json(struct ecs_schema **out, const char *json, struct ecs_buf *err);
void ecs_schema_close(struct ecs_schema *s);

/*
 * Validates a document root against the context's schema (the Compose one
 * for ecs_schema_open).  Findings go to diags, their strings
 * to arena.  Returns 0, or -1 when out of memory.
 */
int ecs_schema_validate_compose(const struct ecs_schema *s, const struct ecs_node *root,
				struct ecs_diags *diags, struct ecs_arena *arena);

/*
 * Opens a context, validates root and closes it: for callers that check
 * one project (ecs_lint_loaded).  Returns 0, or -1 when out of memory or
 * when the embedded schema is broken (a build defect, never the input's).
 */
int ecs_schema_check(const struct ecs_node *root, struct ecs_diags *diags, struct ecs_arena *arena);

/*
 * The combined schema (Compose + x-aws-*) as indented JSON, the same bytes
 * on every run, for editors and yaml-language-server.  Appends to out;
 * returns 0 or -1 (reason in err).
 */
int ecs_schema_print(struct ecs_buf *out, struct ecs_buf *err);

/* YAML 1.2 core-schema typing of a scalar, as Compose sees it. */
enum ecs_scalar_type {
	ECS_SCALAR_NULL,
	ECS_SCALAR_BOOL,
	ECS_SCALAR_INT,
	ECS_SCALAR_FLOAT,
	ECS_SCALAR_STRING,
};

struct ecs_scalar_value {
	enum ecs_scalar_type type;
	bool boolean;
	double number;		/* INT and FLOAT */
	bool integral;		/* INT, or a FLOAT without fraction (1.0) */
};

/*
 * Types the scalar n (after deref): plain scalars by the YAML 1.2 core
 * schema, quoted and block scalars as strings, explicit !!str/!!int/...
 * tags honoured.  Returns false when n is not a scalar.
 */
bool ecs_scalar_resolve(const struct ecs_node *n, struct ecs_scalar_value *out);

/*
 * The candidate closest to word by edit distance, when close enough to be
 * a likely typo (case differences count as near), else NULL.
 */
const char *ecs_suggest(const char *word, const char *const *candidates, size_t n);
/* ecs_suggest's answer when it is the only close candidate, else NULL: a fix renames only to an unambiguous target. */
const char *ecs_suggest_unique(const char *word, const char *const *candidates, size_t n);

#endif
