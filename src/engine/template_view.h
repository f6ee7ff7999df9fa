/*
 * template_view.h - what template-level rules (ECS3xx) see of the generated
 * CloudFormation template: its size as uploaded, its sections' entries, and
 * for each entry the Compose span it came from, so a finding about the
 * template lands in the Compose file.
 *
 * The emitter's cJSON tree stays behind this view: rules never see cJSON.
 */
#ifndef ECS_TEMPLATE_VIEW_H
#define ECS_TEMPLATE_VIEW_H

/* CloudFormation: a template body sent inline is at most this many bytes. */
#define ECS_CFN_INLINE_MAX 51200u
/* CloudFormation: a template body uploaded to S3 is at most this many bytes. */
#define ECS_CFN_S3_MAX 1048576u

#include <stdbool.h>
#include <stddef.h>

#include "../core/arena.h"
#include "../core/source.h"

struct ecs_project;
struct ecs_retired;

struct ecs_template_item {
	const char *logical_id;
	const char *type;		/* resources: "AWS::ECS::Service"; else NULL */
	size_t bytes;			/* size of the entry's value, compact JSON; 0 while the
					 * template is under ECS_CFN_INLINE_MAX */
	struct ecs_span origin;		/* the Compose element that produced it */
	const char *origin_name;	/* e.g. "service 'web'", for messages */
	size_t origin_len;		/* length of the origin's part of logical_id (0: none) */
};

struct ecs_template_section {
	struct ecs_template_item *v;
	size_t n;
};

struct ecs_template_view {
	/* Bytes of the body `ecs up` uploads (YAML, as Docker's integration sent it). */
	size_t body_bytes;
	/*
	 * body_bytes is the indented JSON's size: the YAML is at least a
	 * quarter of it, so past 4 MiB it is over every limit and not rendered.
	 */
	bool body_is_json;
	struct ecs_template_section resources, parameters, outputs, mappings;
	const char *description;	/* template Description, or NULL */
	/* Where whole-template findings go: the services key, else the document start. */
	struct ecs_span origin;
};

/*
 * Builds the view of tpl (a cJSON object, passed as void so this header
 * needs no cJSON) rendered in body_bytes bytes, for project p, with the
 * resources check measured and dropped (retired, may be NULL).  Origins:
 * a logical id that begins with a service's, network's, volume's or
 * secret's normalised name (ecs-mapping.md §2.1; the longest match wins)
 * maps to that element's key; anything else to view->origin.  Returns 0,
 * or -1 when out of memory.
 */
int ecs_template_view_build(struct ecs_arena *a, const struct ecs_project *p, const void *tpl,
			    const struct ecs_retired *retired, size_t body_bytes, struct ecs_template_view *out);

#endif
