/*
 * lint.c - drives one check run over the inputs.
 */
#include "lint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../checks/rules.h"
#include "../compose/project.h"
#include "../convert/convert.h"
#include "../engine/config.h"
#include "../engine/engine.h"
#include "../engine/suppress.h"
#include "../engine/template_view.h"
#include "../model/model.h"
#include "../schema/schema.h"
#include "../yaml/yaml_load.h"

int ecs_lint_project(struct ecs_run *r, const struct ecs_options *o, const char *const *paths, size_t n_paths)
{
	struct ecs_project_input in;

	if (ecs_project_load(r, o, paths, n_paths, &in) < 0)
		return -1;
	return ecs_lint_loaded(r, o, &in);
}

/* Scans every file of the project for suppression comments. */
static int scan_suppressions(struct ecs_run *r, const struct ecs_project_input *in, struct ecs_suppressions *sup)
{
	for (size_t i = 0; i < in->n_files; i++) {
		const struct ecs_source *src = in->files[i];
		struct ecs_node *root = NULL;

		if (!src)
			continue;
		if (in->n_files == 1) {
			root = in->root;
		} else if (src->data && strstr(src->data, "ecslint")) {
			/* The merged tree lost overridden scalars: parse the file alone, quietly. */
			struct ecs_diags scratch;
			ecs_diags_init(&scratch, &r->arena);
			if (ecs_yaml_load(src, &r->arena, &scratch, NULL, &root) == ECS_YAML_NOMEM)
				return -1;
		}
		if (ecs_suppress_scan(src, root, &r->arena, &r->diags, sup) < 0)
			return -1;
	}
	return 0;
}

/* ECS901 for every suppression that hid nothing, when its rule ran at all. */
static void report_unused(struct ecs_run *r, const struct ecs_policy *pol, const struct ecs_suppressions *sup)
{
	for (size_t i = 0; i < sup->n; i++) {
		const struct ecs_suppression *s = &sup->v[i];
		struct ecs_diag *d;

		if (s->used || !ecs_policy_enabled(pol, s->rule) || ecs_rule_is_mandatory(s->rule))
			continue;
		if (s->scope == ECS_SUPPRESS_FILE)
			d = ecs_diag_add(&r->diags, &ECS901_rule, &s->span, NULL,
					 "unused suppression of %s in this file", s->rule->id);
		else
			d = ecs_diag_add(&r->diags, &ECS901_rule, &s->span, NULL,
					 "unused suppression of %s (no such finding on line %u)", s->rule->id, s->line);
		ecs_diag_help(&r->diags, d, "remove %s from the comment", s->rule->id);
	}
}

/* True when diagnostic i sits where one of [from, upto) already is. */
static bool same_place(const struct ecs_diags *d, size_t from, size_t upto, size_t i)
{
	for (size_t k = from; k < upto; k++)
		if (d->v[k]->span.file == d->v[i]->span.file &&
		    d->v[k]->span.start.byte == d->v[i]->span.start.byte)
			return true;
	return false;
}

/*
 * The template's size as the user deploys it: `convert` prints YAML unless
 * asked for JSON, and the ECS integration uploaded YAML.  libfyaml's document
 * emitter costs ten times cJSON's printer (0.5 s for 1,000 services), and our
 * YAML is never larger than the same template as indented JSON, so the YAML
 * is only rendered when the JSON is over CloudFormation's inline limit.
 */
static int template_size(cJSON *tpl, const struct ecs_retired *retired, const struct ecs_options *o, size_t *bytes,
			 bool *as_json, struct ecs_buf *err)
{
	bool converting = o->command && strcmp(o->command, "convert") == 0;

	*as_json = false;
	if (converting && o->format_set && o->format == ECS_FORMAT_JSON)
		return ecs_template_size(tpl, ECS_TEMPLATE_JSON, retired, bytes, err);
	if (ecs_template_size(tpl, ECS_TEMPLATE_JSON, retired, bytes, err) < 0)
		return -1;
	/* ECSLINT_DEBUG_YAML_SIZE: size every template as YAML (tests/yaml_size.sh). */
	if (*bytes <= ECS_CFN_INLINE_MAX && !getenv("ECSLINT_DEBUG_YAML_SIZE"))
		return 0;
	/* Over every limit in any format: the YAML is not worth counting. */
	if (*bytes > ECS_TEMPLATE_JSON_OVER_ANY_LIMIT) {
		*as_json = true;
		return 0;
	}
	return ecs_template_size(tpl, ECS_TEMPLATE_YAML, retired, bytes, err);
}

#ifndef NDEBUG
/*
 * Debug builds: check measured a template it built service by service;
 * build it whole and measure again, and stop on any difference.
 */
static void compare_with_whole(const struct ecs_run *r, const struct ecs_options *o, const struct ecs_project *model,
			       const struct ecs_convert_options *co, const struct ecs_template_view *seen)
{
	struct ecs_run shadow;
	struct ecs_buf err = ECS_BUF_INIT;
	struct ecs_template_view whole;
	cJSON *tpl = NULL;
	size_t bytes = 0;
	bool as_json = false;

	if (seen->body_bytes > (8u << 20))
		return;
	ecs_run_init(&shadow);
	shadow.overlay = r->overlay;
	shadow.n_overlay = r->n_overlay;
	shadow.max_file_size = r->max_file_size;
	if (ecs_convert(&shadow, model, co, &tpl) == 0 && tpl &&
	    template_size(tpl, NULL, o, &bytes, &as_json, &err) == 0 &&
	    ecs_template_view_build(&shadow.arena, model, tpl, NULL, bytes, &whole) == 0) {
		bool same = bytes == seen->body_bytes && whole.resources.n == seen->resources.n;
		/* Both views list resources by logical id. */
		for (size_t i = 0; same && i < whole.resources.n; i++) {
			const struct ecs_template_item *a = &whole.resources.v[i], *b = &seen->resources.v[i];
			same = strcmp(a->logical_id, b->logical_id) == 0 && a->bytes == b->bytes &&
			       (a->type == b->type || (a->type && b->type && strcmp(a->type, b->type) == 0));
		}
		if (!same) {
			fprintf(stderr, "ecslint: BUG: template measured service by service: %zu bytes, %zu resources; "
				"whole: %zu bytes, %zu resources\n", seen->body_bytes, seen->resources.n, bytes,
				whole.resources.n);
			abort();
		}
	}
	ecs_buf_release(&err);
	ecs_run_release(&shadow);
}
#endif

/*
 * Converts the project for the template rules.  The emitter reports what
 * it cannot express (ECS301, ECS310); findings it makes at a place a model
 * rule already reported are the same cause twice and are dropped.
 */
static int run_template_rules(struct ecs_run *r, const struct ecs_options *o, const struct ecs_project *model,
			      const struct ecs_policy *pol, size_t model_from, cJSON **keep)
{
	struct ecs_convert_options co = { .vpc = o->vpc, .subnets = o->subnets, .region = NULL };
	struct ecs_buf err = ECS_BUF_INIT;
	struct ecs_template_view view;
	struct ecs_retired retired = { 0 };
	cJSON *tpl = NULL;
	size_t from = r->diags.n, out, bytes = 0;
	bool as_json = false;
	int rc = 0;

	/* Only `convert` keeps the template; check measures it as it is built. */
	if ((keep ? ecs_convert(r, model, &co, &tpl) : ecs_convert_for_check(r, model, &co, &tpl, &retired)) < 0)
		return -1;
	out = from;
	for (size_t i = from; i < r->diags.n; i++)
		if (!same_place(&r->diags, model_from, from, i))
			r->diags.v[out++] = r->diags.v[i];
	r->diags.n = out;
	if (!tpl)
		return r->arena.failed ? -1 : 0;
	if (!ecs_engine_wants_template(pol))
		rc = 0;
	else if (template_size(tpl, &retired, o, &bytes, &as_json, &err) == 0 &&
		 ecs_template_view_build(&r->arena, model, tpl, &retired, bytes, &view) == 0) {
		view.body_is_json = as_json;
#ifndef NDEBUG
		if (retired.n)
			compare_with_whole(r, o, model, &co, &view);
#endif
		rc = ecs_engine_run(r, NULL, &view, pol);
	}
	else if (r->arena.failed)
		rc = -1;
	if (keep)
		*keep = tpl;
	ecs_buf_release(&err);
	return rc;
}

int ecs_lint_loaded(struct ecs_run *r, const struct ecs_options *o, const struct ecs_project_input *in)
{
	return ecs_lint_loaded_template(r, o, in, NULL);
}

int ecs_lint_loaded_template(struct ecs_run *r, const struct ecs_options *o, const struct ecs_project_input *in,
			     cJSON **tpl)
{
	struct ecs_config cfg;
	struct ecs_policy pol;
	struct ecs_suppressions sup = { 0 };
	struct ecs_project *model = NULL;
	size_t before;

	uint32_t first_new_file = r->files.n;

	if (tpl)
		*tpl = NULL;
	if (ecs_config_for(r, o, in->n_files ? in->files[0]->path : NULL, &cfg) < 0)
		return -1;
	if (ecs_policy_build(&r->arena, o, &cfg, &r->files, &pol) < 0)
		return -1;
	pol.scope = in->files;
	pol.n_scope = in->n_files;
	pol.first_new_file = first_new_file;
	if (in->root) {
		if (ecs_schema_check(in->root, &r->diags, &r->arena) < 0)
			return -1;
		if (ecs_model_build(r, in, &model) < 0)
			return -1;
		size_t model_from = r->diags.n;
		if (model && ecs_engine_run(r, model, NULL, &pol) < 0)
			return -1;
		/* The emitter's own findings (ECS301, ECS310) are check findings too. */
		bool convert = tpl || ecs_engine_wants_template(&pol) || ecs_policy_enabled(&pol, &ECS301_rule) ||
			       ecs_policy_enabled(&pol, &ECS310_rule);
		if (model && convert &&
		    run_template_rules(r, o, model, &pol, model_from, tpl) < 0)
			return -1;
	}
	if (scan_suppressions(r, in, &sup) < 0)
		return -1;
	ecs_policy_apply(&pol, &r->diags, 0);
	ecs_suppress_apply(&sup, &r->diags, 0);
	before = r->diags.n;
	if (ecs_policy_enabled(&pol, &ECS901_rule))
		report_unused(r, &pol, &sup);
	ecs_policy_apply(&pol, &r->diags, before);
	return r->arena.failed ? -1 : 0;
}

int ecs_lint_inputs(struct ecs_run *r, const struct ecs_options *o, size_t *n_inputs)
{
	r->max_file_size = o->max_file_size;
	if (o->files.n || o->inputs.n == 0) {
		/*
		 * -f FILE... is one project, merged as Compose merges it; with neither
		 * -f nor FILE the loader finds the files as Compose does
		 * (COMPOSE_FILE, or discovery plus the override file).
		 */
		struct ecs_project_input in;
		if (ecs_project_load(r, o, o->files.v, o->files.n, &in) < 0)
			return -1;
		*n_inputs = in.n_files;
		if (ecs_lint_loaded(r, o, &in) < 0)
			return -1;
	} else {
		*n_inputs = 0;
	}
	/* Each positional FILE is a project of its own. */
	for (size_t i = 0; i < o->inputs.n; i++) {
		const char *path = o->inputs.v[i];

		if (ecs_lint_project(r, o, &path, 1) < 0)
			return -1;
		(*n_inputs)++;
	}
	ecs_diags_finish_files(&r->diags, &r->files);
	return r->arena.failed ? -1 : 0;
}

int ecs_lint_exit_status(const struct ecs_run *r, const struct ecs_options *o)
{
	if (r->input_failed)
		return 2;
	if (!o->fail_level)
		return 0;
	for (size_t i = 0; i < r->diags.n; i++) {
		const struct ecs_diag *d = r->diags.v[i];
		if (!d->suppressed && d->severity >= o->fail_level)
			return 1;
	}
	return 0;
}
