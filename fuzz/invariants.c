/*
 * invariants.c - the checks harnesses run on whatever the code under test
 * built: spans inside their file and in order, positions that agree with
 * the file's line index, diagnostics that name a rule and say something.
 */
#include <string.h>

#include "fuzz.h"

static void check_span(const struct ecs_files *files, const struct ecs_span *sp)
{
	const struct ecs_source *src = ecs_files_get(files, sp->file);

	FUZZ_ASSERT(src != NULL);
	FUZZ_ASSERT(sp->start.byte <= sp->end.byte);
	FUZZ_ASSERT(sp->end.byte <= src->len);
	FUZZ_ASSERT(sp->start.line >= 1 && sp->start.col >= 1);
	FUZZ_ASSERT(sp->start.line <= sp->end.line);
	FUZZ_ASSERT(sp->end.line <= src->n_lines);
	/* Line and column are what the file table computes from the byte offset. */
	struct ecs_pos s = ecs_source_pos(src, sp->start.byte), e = ecs_source_pos(src, sp->end.byte);
	FUZZ_ASSERT(s.line == sp->start.line && s.col == sp->start.col);
	FUZZ_ASSERT(e.line == sp->end.line && e.col == sp->end.col);
}

/* A fix edits bytes of a file we have, in order: applying it cannot write outside the text. */
static void check_fix(const struct ecs_files *files, const struct ecs_fix *fix)
{
	FUZZ_ASSERT(fix->title != NULL && fix->n_edits > 0);
	for (uint16_t i = 0; i < fix->n_edits; i++) {
		const struct ecs_edit *e = &fix->edits[i];
		const struct ecs_source *src = ecs_files_get(files, e->file);

		FUZZ_ASSERT(src != NULL && e->text != NULL);
		FUZZ_ASSERT(e->start <= e->end && e->end <= src->len);
	}
}

size_t fuzz_check_tree(const struct ecs_files *files, const struct ecs_node *n, unsigned depth)
{
	size_t count = 1;

	FUZZ_ASSERT(n != NULL);
	FUZZ_ASSERT(depth < 100000);
	check_span(files, &n->span);
	switch (n->kind) {
	case ECS_NODE_SCALAR:
		FUZZ_ASSERT(n->scalar.text != NULL);
		FUZZ_ASSERT(strlen(n->scalar.text) <= n->scalar.len);
		FUZZ_ASSERT(n->scalar.content_start <= n->scalar.content_end);
		break;
	case ECS_NODE_MAPPING:
		for (uint32_t i = 0; i < n->map.n; i++) {
			const struct ecs_pair *p = &n->map.pairs[i];
			/* Merged pairs are the anchor's own nodes, walked where they stand. */
			if (p->from_merge)
				continue;
			count += fuzz_check_tree(files, p->key, depth + 1);
			count += fuzz_check_tree(files, p->value, depth + 1);
		}
		break;
	case ECS_NODE_SEQUENCE:
		for (uint32_t i = 0; i < n->seq.n; i++)
			count += fuzz_check_tree(files, n->seq.items[i], depth + 1);
		break;
	case ECS_NODE_ALIAS:
		FUZZ_ASSERT(n->alias.target != NULL);
		FUZZ_ASSERT(ecs_node_deref(n) != NULL);
		break;
	default:
		FUZZ_ASSERT(!"unknown node kind");
	}
	return count;
}

void fuzz_check_diags(const struct ecs_files *files, const struct ecs_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct ecs_diag *dg = d->v[i];
		FUZZ_ASSERT(dg->rule != NULL && dg->message != NULL && dg->message[0] != '\0');
		check_span(files, &dg->span);
		for (uint16_t k = 0; k < dg->n_related; k++)
			check_span(files, &dg->related[k].span);
		if (dg->fix)
			check_fix(files, dg->fix);
	}
}
