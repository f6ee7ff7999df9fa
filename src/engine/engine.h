/*
 * engine.h - runs the rules: one walk over the model that calls every
 * enabled rule's hook for each node kind, then the template hooks, then
 * finish.  Adding a rule adds no pass.
 *
 * A rule sees only struct ecs_check: it reports through it (the rule id is
 * taken from the context, so a rule cannot report another rule's id), keeps
 * its per-run state in it and reads its configured options from it.
 */
#ifndef ECS_ENGINE_H
#define ECS_ENGINE_H

#include <stdbool.h>
#include <stdint.h>

#include "../core/diag.h"
#include "../core/rule.h"
#include "../core/source.h"

struct ecs_run;
struct ecs_policy;

struct ecs_check {
	struct ecs_run *run;
	const struct ecs_rule *rule;
	const struct ecs_project *project;
	void *state;			/* rule->state_size zeroed bytes, or NULL */
	const void *options;		/* the configured options (opaque: read with ecs_check_opt_*) */
};

/*
 * Reports a finding of the context's rule at span.  path is the JSON
 * pointer of the value ("/services/web/privileged") or NULL.  Returns the
 * diagnostic for help and related locations; NULL when out of memory.
 * The finding gets the rule's severity; a rule that grades its findings may
 * set d->severity (a configured level still overrides it).
 */
struct ecs_diag *ecs_check_report(struct ecs_check *ck, const struct ecs_span *span, const char *path,
				  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void ecs_check_help(struct ecs_check *ck, struct ecs_diag *d, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void ecs_check_related(struct ecs_check *ck, struct ecs_diag *d, const struct ecs_span *span,
		       const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Zeroed memory in the run's arena, for a rule's scratch tables; NULL when out of memory. */
void *ecs_check_alloc(struct ecs_check *ck, size_t size);
/* Formats into the run's arena (for JSON-pointer paths and the like). */
const char *ecs_check_printf(struct ecs_check *ck, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Configured options, falling back to dflt when not set. */
bool ecs_check_opt_bool(const struct ecs_check *ck, const char *name, bool dflt);
long long ecs_check_opt_int(const struct ecs_check *ck, const char *name, long long dflt);
/* A string list option: the number of items, each in (*out)[i]; 0 and NULL when not set. */
uint32_t ecs_check_opt_strings(struct ecs_check *ck, const char *name, const char ***out);

struct ecs_env_file;

/* One variable of an env file, with the span of its name there. */
struct ecs_check_var {
	const char *name, *value;
	struct ecs_span span;
};

/*
 * The variables an env_file entry defines, in file order; 0 when the file
 * cannot be read (the loader and the emitter report that, and its syntax
 * errors: this never reports).  The file joins the run's file table, so
 * findings may point into it.
 */
uint32_t ecs_check_env_file(struct ecs_check *ck, const struct ecs_env_file *f, const struct ecs_check_var **out);

/*
 * Runs the rules the policy enables: over project p (on_project, then per
 * service on_service, on_port, on_mount; on_network, on_volume, on_secret;
 * finish at the end) and, when t is not NULL, on_template.  The pipeline
 * calls it once with the model and, after the emitter ran, once more with
 * p NULL and the template.  Each call gives every rule fresh zeroed state.
 * Returns 0, or -1 when out of memory.
 */
int ecs_engine_run(struct ecs_run *r, const struct ecs_project *p, const struct ecs_template_view *t,
		   const struct ecs_policy *pol);

/* Whether any enabled rule needs the template (so the emitter must run). */
bool ecs_engine_wants_template(const struct ecs_policy *pol);

#endif
