/*
 * convert.h - the CloudFormation emitter: a Compose project (the typed
 * model) becomes the template Docker's ECS integration produced
 * (../shared/docs/ecs-mapping.md), with the deviations listed in
 * docs/deviations.md.
 *
 * The template is a cJSON tree whose nodes live in the run's arena: it is
 * freed with the run, and must never be passed to cJSON_Delete (or to the
 * cJSON calls that free or copy: cJSON_Delete*, cJSON_Replace*,
 * cJSON_Duplicate); cJSON's readers and printers take it.  Problems
 * the emitter finds (logical-id collisions, sizes no Fargate task has) are
 * diagnostics in the run; the template is still built so the caller decides,
 * but it must not be used when the run holds errors.
 */
#ifndef ECS_CONVERT_H
#define ECS_CONVERT_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "../core/buf.h"
#include "../core/run.h"

struct ecs_project;

struct ecs_convert_options {
	/* --vpc: default of the VpcId parameter (overrides x-aws-vpc). */
	const char *vpc;
	/* --subnets a,b: default of the SubnetIds parameter. */
	const char *subnets;
	/* Region for the resolv.conf sidecar's search domain; NULL = the
	 * template's own region (AWS::Region) as the original did offline. */
	const char *region;
};

/*
 * Builds the template of p into *out (NULL when out of memory).  Returns 0,
 * or -1 when out of memory.  Diagnostics go to r->diags.
 */
int ecs_convert(struct ecs_run *r, const struct ecs_project *p, const struct ecs_convert_options *o,
		cJSON **out);

/* A resource check measured and dropped (see ecs_convert_for_check). */
struct ecs_retired_resource {
	const char *logical_id;
	const char *type;
	size_t bytes;			/* compact JSON, as ecs_template_entry_size() */
};

/* What the template rules need of the resources not kept in the tree. */
struct ecs_retired {
	struct ecs_retired_resource *v;
	size_t n, cap;
	size_t json_members;		/* bytes their lines add to the pretty JSON Resources, commas aside */
	size_t yaml_members;		/* bytes they add to the YAML Resources mapping */
	bool yaml_unknown;		/* stopped counting YAML: the JSON alone is over every limit */
};

/*
 * The same for check, which only measures the template: each service's
 * resources are measured and dropped as soon as its families are done, so
 * the tree never holds more than the project-level resources and one
 * service (a 20,000-service project's template is half a gigabyte).  The
 * template in *out lacks the resources listed in *retired; the sizes and
 * the template view add them back.  Projects with an x-aws-cloudformation
 * overlay (which may edit any resource) keep every resource.
 */
int ecs_convert_for_check(struct ecs_run *r, const struct ecs_project *p, const struct ecs_convert_options *o,
			  cJSON **out, struct ecs_retired *retired);

enum ecs_template_format { ECS_TEMPLATE_JSON, ECS_TEMPLATE_YAML };

/*
 * Our YAML is at least a quarter of the same template as pretty JSON, so
 * JSON over four times CloudFormation's largest limit (1 MB from S3) is
 * over every limit in either format: its YAML size is not worth counting.
 */
#define ECS_TEMPLATE_JSON_OVER_ANY_LIMIT ((size_t)4 << 20)

/*
 * Renders the template: keys sorted as the original did (JSON: byte order,
 * YAML: go-yaml's natural order), JSON through cJSON re-indented to two
 * spaces, YAML through libfyaml's emitter.  Byte-identical for the same
 * tree.  The tree is sorted in place.  Returns 0, or -1 (out of memory,
 * message in err).
 */
int ecs_template_render(cJSON *tpl, enum ecs_template_format f, struct ecs_buf *out, struct ecs_buf *err);
/*
 * The byte size ecs_template_render() would produce, computed without
 * printing, with the resources in retired (NULL: none) added back.
 */
int ecs_template_size(cJSON *tpl, enum ecs_template_format f, const struct ecs_retired *retired, size_t *bytes,
		      struct ecs_buf *err);
/* Length of v printed as compact JSON (cJSON_PrintUnformatted), without printing it. */
size_t ecs_template_entry_size(const cJSON *v);
/*
 * Bytes a resource (a member of Resources, with its key) adds to that
 * section: its lines in the pretty JSON (without the comma) and in the
 * YAML (yaml NULL: not counted); compact: ecs_template_entry_size() of it.
 */
void ecs_template_member_sizes(const cJSON *member, size_t *json, size_t *compact, size_t *yaml);

#endif
