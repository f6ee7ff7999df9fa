/*
 * interp_tree.c - walks a Compose file's tree and interpolates its scalar
 * values; maps each finding back to the exact source columns.
 */
#include "interp_tree.h"

#include <stdlib.h>
#include <string.h>

#include "../../checks/rules.h"
#include "scalar_map.h"

void ecs_interp_report(struct ecs_run *r, const struct ecs_source *src, const struct ecs_interp_result *res,
		       const uint32_t *starts, const uint32_t *ends)
{
	for (uint32_t i = 0; i < res->n_issues; i++) {
		const struct ecs_interp_issue *is = &res->issues[i];
		struct ecs_span sp = ecs_source_span(src, starts[i], ends[i]);
		struct ecs_diag *d = NULL;

		switch (is->kind) {
		case ECS_INTERP_UNSET:
			d = ecs_diag_add(&r->diags, &ECS110_rule, &sp, NULL,
					 "variable '%s' is not set; it becomes an empty string", is->name);
			ecs_diag_help(&r->diags, d, "set it in the environment or an env file, or give a default: "
				      "${%s:-value}", is->name);
			break;
		case ECS_INTERP_REQUIRED:
			if (*is->detail)
				d = ecs_diag_add(&r->diags, &ECS111_rule, &sp, NULL,
						 "required variable '%s' is missing a value: %s", is->name, is->detail);
			else
				d = ecs_diag_add(&r->diags, &ECS111_rule, &sp, NULL,
						 "required variable '%s' is missing a value", is->name);
			ecs_diag_help(&r->diags, d, "set '%s' in the environment or in an env file (.env, --env-file)",
				      is->name);
			break;
		case ECS_INTERP_MALFORMED:
			d = ecs_diag_add(&r->diags, &ECS112_rule, &sp, NULL, "malformed interpolation: %s",
					 is->detail);
			ecs_diag_help(&r->diags, d, "write $$ for a literal '$'; a reference is $NAME or ${NAME...}");
			break;
		}
		if (i + 1 == res->n_issues && res->n_unlisted)
			ecs_diag_related(&r->diags, d, &sp, "%u more interpolation findings in this value are not listed",
					 res->n_unlisted);
	}
}

struct offset_ref {
	uint32_t dec;
	uint32_t *slot;
	bool is_end;
};

static int cmp_ref(const void *a, const void *b)
{
	const struct offset_ref *x = a, *y = b;

	return x->dec < y->dec ? -1 : x->dec > y->dec;
}

static int report_scalar(struct ecs_run *r, const struct ecs_source *src, const struct ecs_node *n,
			 const struct ecs_interp_result *res)
{
	uint32_t m = res->n_issues * 2;
	struct offset_ref *refs = ecs_arena_alloc(&r->arena, m * sizeof(*refs));
	uint32_t *dec = ecs_arena_alloc(&r->arena, m * sizeof(*dec));
	uint32_t *rs = ecs_arena_alloc(&r->arena, m * sizeof(*rs));
	uint32_t *re = ecs_arena_alloc(&r->arena, m * sizeof(*re));
	uint32_t *starts = ecs_arena_alloc(&r->arena, res->n_issues * sizeof(*starts));
	uint32_t *ends = ecs_arena_alloc(&r->arena, res->n_issues * sizeof(*ends));

	if (!refs || !dec || !rs || !re || !starts || !ends)
		return -1;
	for (uint32_t i = 0; i < res->n_issues; i++) {
		const struct ecs_interp_issue *is = &res->issues[i];
		uint32_t last = is->end > is->start ? is->end - 1 : is->start;
		refs[2 * i] = (struct offset_ref){ is->start, &starts[i], false };
		refs[2 * i + 1] = (struct offset_ref){ last, &ends[i], true };
	}
	qsort(refs, m, sizeof(*refs), cmp_ref);
	for (uint32_t i = 0; i < m; i++)
		dec[i] = refs[i].dec;
	ecs_scalar_map(src, n, dec, m, rs, re);
	for (uint32_t i = 0; i < m; i++)
		*refs[i].slot = refs[i].is_end ? re[i] : rs[i];
	ecs_interp_report(r, src, res, starts, ends);
	return 0;
}

static int walk(struct ecs_run *r, const struct ecs_source *src, struct ecs_node *n, const struct ecs_env *env)
{
	struct ecs_interp_result res;

	if (!n)
		return 0;
	switch (n->kind) {
	case ECS_NODE_SCALAR:
		if (!ecs_interp_needed(n->scalar.text, n->scalar.len))
			return 0;
		if (ecs_interp(&r->arena, env, n->scalar.text, n->scalar.len, &res) < 0)
			return -1;
		if (res.n_issues && report_scalar(r, src, n, &res) < 0)
			return -1;
		if (res.changed) {
			n->scalar.text = res.text;
			n->scalar.len = (uint32_t)res.len;
		}
		return 0;
	case ECS_NODE_MAPPING:
		for (uint32_t i = 0; i < n->map.n; i++)
			if (!n->map.pairs[i].from_merge && walk(r, src, n->map.pairs[i].value, env) < 0)
				return -1;
		return 0;
	case ECS_NODE_SEQUENCE:
		for (uint32_t i = 0; i < n->seq.n; i++)
			if (walk(r, src, n->seq.items[i], env) < 0)
				return -1;
		return 0;
	default:
		return 0;	/* aliases: their anchor is interpolated where it is defined */
	}
}

int ecs_interp_tree(struct ecs_run *r, const struct ecs_source *src, struct ecs_node *root,
		    const struct ecs_env *env)
{
	if (walk(r, src, root, env) < 0)
		return -1;
	return r->arena.failed ? -1 : 0;
}
