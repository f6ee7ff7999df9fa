/*
 * diag.c - collecting, sorting and de-duplicating diagnostics.
 */
#include "diag.h"

#include <stdlib.h>
#include <string.h>

void ecs_diags_init(struct ecs_diags *d, struct ecs_arena *a)
{
	memset(d, 0, sizeof(*d));
	d->arena = a;
}

struct ecs_diag *ecs_diag_vadd(struct ecs_diags *d, const struct ecs_rule *rule,
			       const struct ecs_span *span, const char *path,
			       const char *fmt, va_list ap)
{
	struct ecs_diag *diag;

	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 32;
		struct ecs_diag **v = ecs_arena_grow(d->arena, d->v, d->n, cap, sizeof(*v));
		if (!v)
			return NULL;
		d->v = v;
		d->cap = cap;
	}
	diag = ecs_arena_zalloc(d->arena, sizeof(*diag));
	if (!diag)
		return NULL;
	diag->rule = rule;
	diag->severity = rule->severity;
	diag->span = *span;
	diag->path = path ? ecs_arena_strdup(d->arena, path) : NULL;
	diag->message = ecs_arena_vprintf(d->arena, fmt, ap);
	if (!diag->message)
		return NULL;
	d->v[d->n++] = diag;
	return diag;
}

struct ecs_diag *ecs_diag_add(struct ecs_diags *d, const struct ecs_rule *rule,
			      const struct ecs_span *span, const char *path, const char *fmt, ...)
{
	struct ecs_diag *diag;
	va_list ap;

	va_start(ap, fmt);
	diag = ecs_diag_vadd(d, rule, span, path, fmt, ap);
	va_end(ap);
	return diag;
}

void ecs_diag_help(struct ecs_diags *d, struct ecs_diag *diag, const char *fmt, ...)
{
	va_list ap;

	if (!diag)
		return;
	va_start(ap, fmt);
	diag->help = ecs_arena_vprintf(d->arena, fmt, ap);
	va_end(ap);
}

void ecs_diag_related(struct ecs_diags *d, struct ecs_diag *diag, const struct ecs_span *span,
		      const char *fmt, ...)
{
	struct ecs_related *rel;
	va_list ap;

	if (!diag || diag->n_related == UINT16_MAX)
		return;
	rel = ecs_arena_grow(d->arena, diag->related, diag->n_related,
			     (size_t)diag->n_related + 1, sizeof(*rel));
	if (!rel)
		return;
	va_start(ap, fmt);
	rel[diag->n_related].span = *span;
	rel[diag->n_related].message = ecs_arena_vprintf(d->arena, fmt, ap);
	va_end(ap);
	diag->related = rel;
	diag->n_related++;
}

void ecs_diag_fix(struct ecs_diags *d, struct ecs_diag *diag, enum ecs_fix_kind safety,
		  const char *title, uint32_t file, uint32_t start, uint32_t end, const char *text)
{
	struct ecs_fix *fix;
	struct ecs_edit *edit;

	if (!diag)
		return;
	fix = ecs_arena_zalloc(d->arena, sizeof(*fix));
	edit = ecs_arena_zalloc(d->arena, sizeof(*edit));
	if (!fix || !edit)
		return;
	edit->file = file;
	edit->start = start;
	edit->end = end;
	edit->text = ecs_arena_strdup(d->arena, text);
	fix->title = ecs_arena_strdup(d->arena, title);
	fix->safety = safety;
	fix->edits = edit;
	fix->n_edits = 1;
	diag->fix = fix;
}

static int cmp_str(const char *a, const char *b)
{
	if (a == b)
		return 0;
	if (!a)
		return -1;
	if (!b)
		return 1;
	return strcmp(a, b);
}

static int cmp_diag_in(const struct ecs_files *files, const struct ecs_diag *a, const struct ecs_diag *b)
{
	int c;

	/* By path, so output does not depend on the order files were read in. */
	if (a->span.file != b->span.file) {
		const struct ecs_source *fa = files ? ecs_files_get(files, a->span.file) : NULL;
		const struct ecs_source *fb = files ? ecs_files_get(files, b->span.file) : NULL;
		c = fa && fb ? strcmp(fa->path, fb->path) : 0;
		if (c)
			return c;
		return a->span.file < b->span.file ? -1 : 1;
	}
	if (a->span.start.byte != b->span.start.byte)
		return a->span.start.byte < b->span.start.byte ? -1 : 1;
	if (a->span.end.byte != b->span.end.byte)
		return a->span.end.byte < b->span.end.byte ? -1 : 1;
	c = strcmp(a->rule->id, b->rule->id);
	if (c)
		return c;
	c = strcmp(a->message, b->message);
	if (c)
		return c;
	return cmp_str(a->path, b->path);
}

/* Insertion-free merge sort: qsort has no context argument in C11. */
static void sort_diags(const struct ecs_files *files, struct ecs_diag **v, struct ecs_diag **tmp, size_t n)
{
	size_t mid = n / 2, i = 0, j = mid, k = 0;

	if (n < 2)
		return;
	sort_diags(files, v, tmp, mid);
	sort_diags(files, v + mid, tmp, n - mid);
	while (i < mid && j < n)
		tmp[k++] = cmp_diag_in(files, v[j], v[i]) < 0 ? v[j++] : v[i++];
	while (i < mid)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof(*v));
}

void ecs_diags_finish_files(struct ecs_diags *d, const struct ecs_files *files)
{
	size_t out = 0;
	struct ecs_diag **tmp;

	if (d->n < 2)
		return;
	tmp = ecs_arena_alloc(d->arena, d->n * sizeof(*tmp));
	if (!tmp)
		return;
	sort_diags(files, d->v, tmp, d->n);
	for (size_t i = 0; i < d->n; i++) {
		if (out && cmp_diag_in(files, d->v[out - 1], d->v[i]) == 0)
			continue;
		d->v[out++] = d->v[i];
	}
	d->n = out;
}

void ecs_diags_finish(struct ecs_diags *d)
{
	ecs_diags_finish_files(d, NULL);
}

struct ecs_diag_counts ecs_diags_count(const struct ecs_diags *d)
{
	struct ecs_diag_counts c = { 0, 0, 0, 0 };

	for (size_t i = 0; i < d->n; i++) {
		const struct ecs_diag *diag = d->v[i];
		if (diag->suppressed) {
			c.suppressed++;
			continue;
		}
		switch (diag->severity) {
		case ECS_SEV_ERROR: c.errors++; break;
		case ECS_SEV_WARNING: c.warnings++; break;
		case ECS_SEV_INFO: c.infos++; break;
		}
	}
	return c;
}
