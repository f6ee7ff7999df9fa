/*
 * build_internal.h - what the model builder's files share: the build
 * context, value readers that never trust the YAML types, and the
 * table-driven attribute dispatch that keeps the build linear.
 */
#ifndef ECS_BUILD_INTERNAL_H
#define ECS_BUILD_INTERNAL_H

#include <stddef.h>

#include "../core/diag.h"
#include "../core/run.h"
#include "model.h"
#include "quantity.h"

struct mb {
	struct ecs_run *r;
	const struct ecs_project_input *in;
	struct ecs_arena *a;
	struct ecs_diags *d;
	struct ecs_project *p;
	void *env_files;	/* env files parsed so far (build_env.c) */
	/* JSON pointer of the value being read, for diagnostics */
	char path[1024];
	size_t path_len;
	uint32_t overflow_depth;
};

/* The path stack: mb_push returns a mark that mb_pop restores. */
size_t mb_push(struct mb *b, const char *segment);
size_t mb_push_index(struct mb *b, uint32_t i);
void mb_pop(struct mb *b, size_t mark);
/* The current JSON pointer, or NULL when unknown (too deep). */
const char *mb_path(const struct mb *b);

/* How go-yaml (YAML 1.2 core schema) types a scalar. */
enum mb_scalar {
	MB_NOT_SCALAR,
	MB_NULL,
	MB_BOOL,
	MB_INT,
	MB_FLOAT,
	MB_STRING,
};
enum mb_scalar mb_scalar_type(const struct ecs_node *n);

/* Span of bytes [start, end) of n's decoded text; the whole node when the
 * source text differs from the decoded text (escapes, folding). */
struct ecs_span mb_part_span(struct mb *b, const struct ecs_node *n, uint32_t start, uint32_t end);
/* ECS103 on the part of n an ecs_parse_error names. */
void mb_invalid(struct mb *b, const struct ecs_node *n, const struct ecs_parse_error *e);
/* ECS103 with a message, on a span; returns it for a help line (or NULL). */
struct ecs_diag *mb_invalid_at(struct mb *b, const struct ecs_span *span, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Value readers.  v is the value node (not deref'd yet).  Each returns true when it filled out; a wrong YAML type or null
 * leaves out not present (the schema validator reports types).
 * mb_str: strings, and numbers/booleans stringified as Compose does; a
 * plain yes/no/on/off gets ECS114 (YAML 1.1 readers would make it a boolean).
 */
bool mb_str(struct mb *b, const struct ecs_node *v, struct ecs_mstr *out);
bool mb_bool(struct mb *b, const struct ecs_node *v, struct ecs_mbool *out);
bool mb_int(struct mb *b, const struct ecs_node *v, struct ecs_mint *out);
/* A YAML integer only: a string is present but not valid (the schema's ECS102). */
bool mb_yaml_int(struct mb *b, const struct ecs_node *v, struct ecs_mint *out);
bool mb_bytes(struct mb *b, const struct ecs_node *v, struct ecs_mint *out);
bool mb_duration(struct mb *b, const struct ecs_node *v, struct ecs_mint *out);
bool mb_cpus(struct mb *b, const struct ecs_node *v, struct ecs_mcpus *out);
bool mb_mode(struct mb *b, const struct ecs_node *v, struct ecs_mint *out);
/* A list of strings; with from_string a single string is one item. */
bool mb_strs(struct mb *b, const struct ecs_node *v, bool from_string,
	     struct ecs_mstrs *out);
/* list_or_dict; list items split at the first '=' (sep). */
bool mb_kvs(struct mb *b, const struct ecs_node *v, char sep, struct ecs_kvs *out);
/* A part of a scalar as a string value. */
struct ecs_mstr mb_part(struct mb *b, const struct ecs_node *n, uint32_t start, uint32_t end);
/* Fills present/span/node/key of a string the builder synthesises. */
struct ecs_mstr mb_synthetic(const char *v);

/* Table-driven attributes of a mapping. */
enum mb_kind {
	MB_F_STR,
	MB_F_BOOL,
	MB_F_INT,
	MB_F_YAML_INT,		/* x-aws-* integers: no string cast (the ECS code wants a YAML int) */
	MB_F_BYTES,
	MB_F_DURATION,
	MB_F_CPUS,
	MB_F_MODE,
	MB_F_LIST,		/* sequence of strings */
	MB_F_STRING_OR_LIST,
	MB_F_KVS,
	MB_F_NODE,		/* raw value node (const struct ecs_node *) */
	MB_F_CUSTOM,
};

struct mb_field {
	const char *key;
	enum mb_kind kind;
	size_t offset;		/* of the field in the object */
	int (*custom)(struct mb *b, void *obj, const struct ecs_pair *pr);	/* -1: out of memory */
	/* The struct the field lives in, allocated on first use, when it is
	 * not obj itself (a service's rarely written attributes); NULL: obj. */
	void *(*base)(struct mb *b, void *obj);
};

/*
 * Reads every pair of map into obj through table (sorted by key: checked by
 * mb_fields_sorted in the unit tests).  x-* keys go to *ext / *n_ext when
 * ext is not NULL; unknown keys are left to the schema validator.
 */
int mb_fields(struct mb *b, const struct ecs_node *map, const struct mb_field *table, size_t n, void *obj,
	      const struct ecs_pair ***ext, uint32_t *n_ext);
bool mb_fields_sorted(const struct mb_field *table, size_t n);

/* Go's path.Clean ("/a/./b/../c/" -> "/a/c"). */
const char *mb_path_clean(struct mb *b, const char *path);
/* path made absolute against the directory of the file n was written in
 * (the project directory for -f files); absolute and "~" paths as is. */
const char *mb_resolve_path(struct mb *b, const struct ecs_node *n, const char *path);

/* Arena array helpers. */
void *mb_array(struct mb *b, size_t n, size_t elem);
int mb_sort_kvs(struct mb *b, struct ecs_kvs *kvs);
/* Byte-order comparison of NUL-terminated names (memcmp, like Go's sort.Strings). */
int mb_name_cmp(const char *x, const char *y);

/* The build steps, one per file. */
int mb_build_service(struct mb *b, struct ecs_service *s);
int mb_build_ports(struct mb *b, struct ecs_service *s, const struct ecs_pair *pr);
int mb_build_volumes(struct mb *b, struct ecs_service *s, const struct ecs_pair *pr);
int mb_build_devices(struct mb *b, struct ecs_service *s, const struct ecs_pair *pr);
int mb_build_refs(struct mb *b, struct ecs_service *s, const struct ecs_pair *pr, bool secrets);
int mb_build_depends_on(struct mb *b, struct ecs_service *s, const struct ecs_pair *pr);
int mb_build_networks(struct mb *b, struct ecs_service *s, const struct ecs_pair *pr);
int mb_build_command(struct mb *b, const struct ecs_pair *pr, struct ecs_cmdline *out);
int mb_build_deploy(struct mb *b, const struct ecs_deploy **out, const struct ecs_pair *pr);
const struct ecs_deploy *mb_empty_deploy(void);
int mb_build_device_requests(struct mb *b, const struct ecs_node *v, struct ecs_device_request **out,
			     uint32_t *n);
int mb_build_environment(struct mb *b, struct ecs_service *s);

/* Table self-checks for the unit tests. */
bool mb_service_tables_sorted(void);
bool mb_deploy_tables_sorted(void);
bool mb_refs_tables_sorted(void);
bool ecs_model_tables_sorted(void);

#endif
