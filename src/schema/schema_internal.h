/*
 * schema_internal.h - the compiled form of a JSON Schema that the
 * validator walks: every subschema becomes one struct sch with sorted
 * property names, compiled regexes and resolved $refs, so validating a
 * key costs a binary search instead of a scan of the JSON.
 */
#ifndef ECS_SCHEMA_INTERNAL_H
#define ECS_SCHEMA_INTERNAL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <cjson/cJSON.h>
#include <pcre2.h>

#include "schema.h"

/* JSON types as bits; an integral number is both INT and NUM. */
enum {
	SCH_NULL = 1u << 0,
	SCH_BOOL = 1u << 1,
	SCH_INT = 1u << 2,
	SCH_NUM = 1u << 3,
	SCH_STR = 1u << 4,
	SCH_OBJ = 1u << 5,
	SCH_ARR = 1u << 6,
	SCH_ANY = (1u << 7) - 1,
};

struct sch_regex {
	const char *source;
	pcre2_code *code;
	/* "x-" for "^x-...": text without it cannot match, no need to run the regex */
	const char *prefix;
	size_t prefix_len;
};

struct sch;

struct sch_prop {
	const char *name;
	struct sch *schema;
};

struct sch_pattern_prop {
	struct sch_regex *re;
	struct sch *schema;
};

struct sch {
	const cJSON *json;		/* the subschema this was compiled from */
	unsigned types;			/* "type"; SCH_ANY when absent */
	unsigned accepts;		/* types a value may have to pass, through $ref/oneOf/allOf */
	bool never;			/* the schema false */
	bool trivial;			/* {} or true: accepts anything, no need to descend */
	bool accepts_done, accepts_busy;

	struct sch_prop *props;		/* sorted by name */
	uint32_t n_props;
	struct sch_pattern_prop *pattern_props;
	uint32_t n_pattern_props;
	struct sch *additional;		/* NULL: any additional property is fine */
	const char **required;
	uint32_t n_required;

	const cJSON *enum_values;	/* array, or NULL */
	const cJSON *const_value;
	struct sch_regex *pattern;
	bool has_min, has_max, min_exclusive, max_exclusive;
	double minimum, maximum;
	long min_length, max_length, min_items, max_items;	/* -1 = none */
	bool unique_items;
	struct sch *items;

	struct sch **one_of, **any_of, **all_of;
	uint32_t n_one_of, n_any_of, n_all_of;
	struct sch *ref;
};

/* One x-aws-* extension and the level that reads it, for "belongs in" help. */
struct sch_extension {
	const char *name;
	const char *where;
};

struct ecs_schema {
	struct ecs_arena arena;		/* every struct sch, name and table */
	cJSON *doc;			/* the combined schema */
	struct sch *root;
	struct sch_regex *regexes;	/* one compiled regex per distinct source */
	uint32_t n_regexes, cap_regexes;
	struct sch_extension *extensions;
	uint32_t n_extensions;
	/* cJSON node -> compiled schema, for $ref targets and sharing */
	const cJSON **memo_json;
	struct sch **memo_sch;
	uint32_t n_memo, cap_memo;
};

/* One step of the path from the root to the value being validated. */
struct sch_seg {
	const char *key;		/* NULL for a sequence item */
	uint32_t index;
	const struct ecs_node *key_node;
};

/* A finding kept aside until the oneOf/anyOf branch it belongs to is chosen. */
struct sch_finding {
	const struct ecs_rule *rule;
	struct ecs_span span;
	const char *path;
	const char *message;
	const char *help;
	const struct ecs_node *related;	/* a second location, or NULL */
	const char *related_message;
	const struct ecs_node *rename;	/* a key the fix renames to rename_to, or NULL */
	const char *rename_to;
	uint32_t depth;
};

/* Remembers "did you mean" answers: a generated file repeats the same typo. */
struct sch_suggestion {
	const struct sch *schema;
	const char *key;
	const char *hint;
};

#define SCH_SUGGEST_CACHE 64

struct sch_state {
	const struct ecs_schema *s;
	struct ecs_arena *arena;
	pcre2_match_data *md;
	struct sch_seg *segs;
	uint32_t depth, cap_segs;
	struct sch_finding *f;
	size_t n, cap;
	bool nomem;
	struct sch_suggestion suggest_cache[SCH_SUGGEST_CACHE];
};

/* sch_validate.c: enters a key (key != NULL) or a sequence item; -1 when out of memory. */
int sch_push(struct sch_state *st, const char *key, uint32_t index, const struct ecs_node *key_node);
void sch_pop(struct sch_state *st);

/* sch_report.c: describing where we are, and recording findings. */
const char *sch_path(struct sch_state *st, uint32_t depth);
const char *sch_subject(struct sch_state *st);
/* "at the top level", "in service 'web'", "in 'deploy.resources' of service 'web'" */
const char *sch_in(struct sch_state *st, uint32_t depth);
struct sch_finding *sch_report(struct sch_state *st, const struct ecs_rule *rule, const struct ecs_node *at,
			       const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void sch_help(struct sch_state *st, struct sch_finding *f, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Text of a scalar for a message: quoted, shortened, or a type word for collections. */
const char *sch_value_text(struct sch_state *st, const struct ecs_node *n);

/*
 * sch_unknown.c: reports key (of mapping map, validated by n) as not
 * allowed there; a misspelt key gets a rename fix unless it came from a
 * merge key (from_merge).
 */
void sch_report_unknown(struct sch_state *st, const struct sch *n, const char *key,
			const struct ecs_node *key_node, bool guarded, const struct ecs_node *map, bool from_merge);

/* sch_unique.c: reports repeated items of a sequence (uniqueItems). */
void sch_check_unique(struct sch_state *st, const struct ecs_node *seq);

/* schema_combine.c: the combined document (caller owns it), or NULL with err set. */
cJSON *ecs_schema_combine(struct ecs_buf *err);

/* Resolves a local JSON pointer reference ("#/definitions/service"), or NULL. */
const cJSON *sch_pointer_get(const cJSON *doc, const char *ref);

/* Types a value of the YAML tree has as JSON (one or two bits). */
unsigned sch_node_type(const struct ecs_node *n, struct ecs_scalar_value *v);
/* "a string or a list" for a type set, into the arena. */
const char *sch_types_text(struct ecs_arena *a, unsigned types);
/* "a string", "an integer", ... for one value. */
const char *sch_type_name(unsigned type);

/* Matches a compiled regex against text (a search, not anchored). */
bool sch_regex_match(const struct sch_regex *re, const char *text, size_t len, pcre2_match_data *md);

#endif
