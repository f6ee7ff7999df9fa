/*
 * fix.c - choosing non-overlapping fixes and splicing their edits.
 */
#include "fix.h"

#include <stdlib.h>
#include <string.h>

#include "../../checks/rules.h"

/* Rules whose presence means the file was not fully understood. */
static bool blocks_fixes(const struct ecs_rule *rule)
{
	return rule == &ECS001_rule || rule == &ECS003_rule || rule == &ECS004_rule || rule == &ECS006_rule;
}

static bool file_blocked(const struct ecs_diags *d, uint32_t file)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i]->span.file == file && blocks_fixes(d->v[i]->rule))
			return true;
	return false;
}

static bool allowed_class(const struct ecs_fix *fix, bool unsafe)
{
	return fix->safety == ECS_FIX_SAFE || (unsafe && fix->safety == ECS_FIX_UNSAFE);
}

static bool edits_in_bounds(const struct ecs_files *files, const struct ecs_fix *fix)
{
	if (!fix->n_edits)
		return false;
	for (uint16_t e = 0; e < fix->n_edits; e++) {
		const struct ecs_edit *ed = &fix->edits[e];
		const struct ecs_source *src = ecs_files_get(files, ed->file);

		if (!src || !src->origin || ed->start > ed->end || ed->end > src->len || !ed->text)
			return false;
	}
	return true;
}

/* Everything but the parse-error test, which callers do once per file. */
static bool usable(const struct ecs_files *files, const struct ecs_diag *diag)
{
	return diag->fix && !diag->suppressed && edits_in_bounds(files, diag->fix);
}

bool ecs_fix_applicable(const struct ecs_diags *d, const struct ecs_files *files,
			const struct ecs_diag *diag, bool unsafe)
{
	if (!usable(files, diag) || !allowed_class(diag->fix, unsafe))
		return false;
	for (uint16_t e = 0; e < diag->fix->n_edits; e++)
		if (file_blocked(d, diag->fix->edits[e].file))
			return false;
	return true;
}

static bool overlaps(const struct ecs_edit *x, const struct ecs_edit *y)
{
	return x->file == y->file && ((x->start < y->end && y->start < x->end) || x->start == y->start);
}

static int cmp_edit_pos(const struct ecs_edit *x, const struct ecs_edit *y)
{
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return 0;
}

static const struct ecs_edit *first_edit(const struct ecs_fix *fix)
{
	const struct ecs_edit *best = &fix->edits[0];

	for (uint16_t e = 1; e < fix->n_edits; e++)
		if (cmp_edit_pos(&fix->edits[e], best) < 0)
			best = &fix->edits[e];
	return best;
}

struct candidate {
	const struct ecs_diag *diag;
	size_t order;		/* position in the diagnostic list: ties keep it */
};

static int cmp_candidate(const void *pa, const void *pb)
{
	const struct candidate *a = pa, *b = pb;
	int c = cmp_edit_pos(first_edit(a->diag->fix), first_edit(b->diag->fix));

	if (c)
		return c;
	return a->order < b->order ? -1 : a->order > b->order;
}

/*
 * Chosen edits, kept sorted by (file, start).  They are disjoint, so a new
 * edit overlaps one of them only if it overlaps its neighbours there.
 */
struct edit_set {
	const struct ecs_edit **v;
	size_t n;
};

static size_t edit_set_lower(const struct edit_set *s, const struct ecs_edit *e)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cmp_edit_pos(s->v[mid], e) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool edit_set_overlaps(const struct edit_set *s, const struct ecs_edit *e)
{
	size_t at = edit_set_lower(s, e);

	if (at > 0 && overlaps(s->v[at - 1], e))
		return true;
	return at < s->n && overlaps(s->v[at], e);
}

static void edit_set_insert(struct edit_set *s, const struct ecs_edit *e)
{
	size_t at = edit_set_lower(s, e);

	memmove(s->v + at + 1, s->v + at, (s->n - at) * sizeof(*s->v));
	s->v[at] = e;
	s->n++;
}

static bool same_edit(const struct ecs_edit *x, const struct ecs_edit *y)
{
	return cmp_edit_pos(x, y) == 0 && strcmp(x->text, y->text) == 0;
}

enum fit { FIT_NEW, FIT_SAME, FIT_CONFLICT };

/*
 * Whether fix can join the chosen edits: all its edits are new and clear of
 * them, or all are already chosen byte for byte (two findings one edit
 * cures, such as every refused item of a list whose fix removes the list).
 */
static enum fit fix_fits(const struct edit_set *s, const struct ecs_fix *fix)
{
	uint16_t same = 0;

	for (uint16_t e = 0; e < fix->n_edits; e++) {
		size_t at = edit_set_lower(s, &fix->edits[e]);

		if (at < s->n && same_edit(s->v[at], &fix->edits[e]))
			same++;
		else if (edit_set_overlaps(s, &fix->edits[e]))
			return FIT_CONFLICT;
		/* A fix whose own edits overlap is malformed: never apply it. */
		for (uint16_t f = 0; f < e; f++)
			if (overlaps(&fix->edits[f], &fix->edits[e]))
				return FIT_CONFLICT;
	}
	if (same == fix->n_edits)
		return FIT_SAME;
	return same ? FIT_CONFLICT : FIT_NEW;
}

int ecs_fix_choose(struct ecs_arena *a, const struct ecs_diags *d, const struct ecs_files *files,
		   bool unsafe, struct ecs_fix_choice *out)
{
	struct candidate *cand;
	struct edit_set chosen = { NULL, 0 };
	bool *blocked;
	size_t n_cand = 0, n_edits = 0;

	memset(out, 0, sizeof(*out));
	blocked = ecs_arena_zalloc(a, (files->n ? files->n : 1) * sizeof(*blocked));
	cand = ecs_arena_alloc(a, (d->n ? d->n : 1) * sizeof(*cand));
	out->v = ecs_arena_alloc(a, (d->n ? d->n : 1) * sizeof(*out->v));
	if (!blocked || !cand || !out->v)
		return -1;
	for (size_t i = 0; i < d->n; i++)
		if (blocks_fixes(d->v[i]->rule) && d->v[i]->span.file < files->n)
			blocked[d->v[i]->span.file] = true;
	for (size_t i = 0; i < d->n; i++) {
		const struct ecs_diag *diag = d->v[i];
		bool ok;

		if (!usable(files, diag))
			continue;
		ok = true;
		for (uint16_t e = 0; e < diag->fix->n_edits; e++)
			if (blocked[diag->fix->edits[e].file])
				ok = false;
		if (!ok)
			continue;
		if (!allowed_class(diag->fix, unsafe)) {
			if (diag->fix->safety == ECS_FIX_UNSAFE)
				out->n_unsafe_held++;
			continue;
		}
		cand[n_cand].diag = diag;
		cand[n_cand].order = i;
		n_cand++;
		n_edits += diag->fix->n_edits;
	}
	qsort(cand, n_cand, sizeof(*cand), cmp_candidate);
	chosen.v = ecs_arena_alloc(a, (n_edits ? n_edits : 1) * sizeof(*chosen.v));
	if (!chosen.v)
		return -1;
	for (size_t i = 0; i < n_cand; i++) {
		const struct ecs_fix *fix = cand[i].diag->fix;
		enum fit fit = fix_fits(&chosen, fix);

		if (fit == FIT_CONFLICT) {
			out->n_overlapping++;
			continue;
		}
		if (fit == FIT_NEW)
			for (uint16_t e = 0; e < fix->n_edits; e++)
				edit_set_insert(&chosen, &fix->edits[e]);
		out->v[out->n++] = cand[i].diag;
	}
	return 0;
}

static int cmp_edit_ptr(const void *pa, const void *pb)
{
	return cmp_edit_pos(*(const struct ecs_edit *const *)pa, *(const struct ecs_edit *const *)pb);
}

long ecs_fix_apply(const struct ecs_source *src, const struct ecs_fix_choice *choice, struct ecs_buf *out)
{
	const struct ecs_edit **edits;
	size_t n = 0, cap = 0, at = 0;

	for (size_t i = 0; i < choice->n; i++)
		cap += choice->v[i]->fix->n_edits;
	edits = malloc((cap ? cap : 1) * sizeof(*edits));
	if (!edits)
		return -1;
	for (size_t i = 0; i < choice->n; i++) {
		const struct ecs_fix *fix = choice->v[i]->fix;
		for (uint16_t e = 0; e < fix->n_edits; e++)
			if (fix->edits[e].file == src->index)
				edits[n++] = &fix->edits[e];
	}
	qsort(edits, n, sizeof(*edits), cmp_edit_ptr);
	for (size_t i = 0; i < n; i++) {
		/* Fixes sharing an edit were chosen together; it applies once. */
		if (i > 0 && same_edit(edits[i - 1], edits[i]))
			continue;
		ecs_buf_add(out, src->data + at, edits[i]->start - at);
		ecs_buf_adds(out, edits[i]->text);
		at = edits[i]->end;
	}
	ecs_buf_add(out, src->data + at, src->len - at);
	free(edits);
	return out->failed ? -1 : (long)n;
}
