/*
 * fix_run.c - `check --fix` and `check --diff`: fix, re-lint, repeat.
 *
 * Every pass lints all inputs afresh, with the text fixed so far standing
 * in for the files (run overlays), so a pass sees exactly what the next
 * write would put on disk and standard input is read only once.  Nothing
 * is written until the passes are done: a run that fails midway leaves
 * every file as it was.
 */
#include "fix.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/atomic_write.h"
#include "../pipeline/lint.h"
#include "diff.h"

/* One input file as the passes see it. */
struct tracked {
	char *path;			/* origin: what ecs_run_read was given */
	char *display;			/* name in diagnostics and diff headers */
	char *original, *current;	/* malloc'd copies */
	size_t original_len, current_len;
};

struct tracker {
	struct tracked *v;
	struct ecs_overlay *overlay;	/* current texts, handed to each run */
	size_t n, cap;
};

static char *dup_bytes(const char *s, size_t len)
{
	char *p = malloc(len + 1);

	if (p) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

static struct tracked *tracker_find(struct tracker *t, const char *path)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].path, path) == 0)
			return &t->v[i];
	return NULL;
}

/* Records every file the run read that is not tracked yet, as read. */
static int tracker_add_sources(struct tracker *t, const struct ecs_run *r)
{
	for (uint32_t f = 0; f < r->files.n; f++) {
		const struct ecs_source *src = r->files.v[f];
		struct tracked *tr;

		if (!src->origin || tracker_find(t, src->origin))
			continue;
		if (t->n == t->cap) {
			size_t cap = t->cap ? t->cap * 2 : 8;
			struct tracked *v = realloc(t->v, cap * sizeof(*v));
			struct ecs_overlay *ov;
			if (!v)
				return -1;
			t->v = v;
			ov = realloc(t->overlay, cap * sizeof(*ov));
			if (!ov)
				return -1;
			t->overlay = ov;
			t->cap = cap;
		}
		tr = &t->v[t->n];
		memset(tr, 0, sizeof(*tr));
		tr->path = dup_bytes(src->origin, strlen(src->origin));
		tr->display = dup_bytes(src->path, strlen(src->path));
		tr->original = dup_bytes(src->data, src->len);
		tr->current = dup_bytes(src->data, src->len);
		t->n++;
		if (!tr->path || !tr->display || !tr->original || !tr->current)
			return -1;
		tr->original_len = tr->current_len = src->len;
	}
	for (size_t i = 0; i < t->n; i++)
		t->overlay[i] = (struct ecs_overlay){ t->v[i].path, t->v[i].current, t->v[i].current_len };
	return 0;
}

static void tracker_release(struct tracker *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].path);
		free(t->v[i].display);
		free(t->v[i].original);
		free(t->v[i].current);
	}
	free(t->v);
	free(t->overlay);
	memset(t, 0, sizeof(*t));
}

static bool tracked_changed(const struct tracked *tr)
{
	return tr->current_len != tr->original_len || memcmp(tr->current, tr->original, tr->current_len) != 0;
}

/*
 * Applies one pass's choice to every file it edits.  Returns 1 when some
 * text changed, 0 when the fixes changed nothing, -1 when out of memory.
 */
static int apply_pass(struct tracker *t, const struct ecs_run *r, const struct ecs_fix_choice *choice)
{
	int changed = 0;

	for (uint32_t f = 0; f < r->files.n; f++) {
		const struct ecs_source *src = r->files.v[f];
		struct ecs_buf text = ECS_BUF_INIT;
		struct tracked *tr;
		long n;

		if (!src->origin)
			continue;
		tr = tracker_find(t, src->origin);
		/* A file read twice in one run (named twice) is fixed through its first reading. */
		for (uint32_t g = 0; g < f && tr; g++)
			if (r->files.v[g]->origin && strcmp(r->files.v[g]->origin, src->origin) == 0)
				tr = NULL;
		if (!tr)
			continue;
		n = ecs_fix_apply(src, choice, &text);
		if (n < 0) {
			ecs_buf_release(&text);
			return -1;
		}
		if (n == 0 || (text.len == src->len && memcmp(text.data, src->data, src->len) == 0)) {
			ecs_buf_release(&text);
			continue;
		}
		free(tr->current);
		tr->current = ecs_buf_detach(&text, &tr->current_len);
		changed = 1;
	}
	for (size_t i = 0; i < t->n; i++)
		t->overlay[i] = (struct ecs_overlay){ t->v[i].path, t->v[i].current, t->v[i].current_len };
	return changed;
}

static int write_stdout(const char *data, size_t len)
{
	if (len && fwrite(data, 1, len, stdout) != len) {
		fprintf(stderr, "ecslint: cannot write to standard output\n");
		return 3;
	}
	if (fflush(stdout) != 0) {
		fprintf(stderr, "ecslint: cannot write to standard output\n");
		return 3;
	}
	return 0;
}

static int emit_diffs(const struct tracker *t, struct ecs_fix_result *res)
{
	struct ecs_buf out = ECS_BUF_INIT;
	int rc;

	for (size_t i = 0; i < t->n; i++) {
		const struct tracked *tr = &t->v[i];
		if (ecs_diff_unified(tr->display, tr->original, tr->original_len, tr->current,
				     tr->current_len, ECS_DIFF_CONTEXT, &out) < 0) {
			ecs_buf_release(&out);
			return -1;
		}
	}
	res->stdout_taken = true;
	rc = write_stdout(out.data ? out.data : "", out.len);
	if (rc)
		res->status = rc;
	ecs_buf_release(&out);
	return 0;
}

/* Whether path still holds exactly what the first pass read. */
static bool unchanged_on_disk(const char *path, const struct tracked *tr)
{
	FILE *fp = fopen(path, "rb");
	char buf[65536];
	size_t at = 0, n;
	bool same = fp != NULL;

	while (same && (n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		same = at + n <= tr->original_len && memcmp(buf, tr->original + at, n) == 0;
		at += n;
	}
	if (fp) {
		same = same && !ferror(fp) && at == tr->original_len;
		fclose(fp);
	}
	return same;
}

static void write_fixed(const struct tracker *t, struct ecs_fix_result *res)
{
	for (size_t i = 0; i < t->n; i++) {
		const struct tracked *tr = &t->v[i];
		struct ecs_buf err = ECS_BUF_INIT;
		char resolved[PATH_MAX];
		const char *target;

		/* Fixed standard input goes to stdout, changed or not: editors replace their buffer with it. */
		if (strcmp(tr->path, "-") == 0) {
			int rc = write_stdout(tr->current, tr->current_len);
			res->stdout_taken = true;
			if (rc)
				res->status = rc;
			continue;
		}
		if (!tracked_changed(tr))
			continue;
		/* Through a symlink: rewrite the file it names and keep the link. */
		target = realpath(tr->path, resolved) ? resolved : tr->path;
		if (!unchanged_on_disk(target, tr)) {
			fprintf(stderr, "ecslint: '%s' changed while it was being fixed; it is left as it is now\n",
				tr->path);
			res->status = 3;
			continue;
		}
		if (ecs_write_atomic(target, tr->current, tr->current_len, &err) != 0) {
			fprintf(stderr, "ecslint: %s; the file is unchanged\n",
				err.data ? err.data : "cannot write the fixed file");
			res->status = 3;
		}
		ecs_buf_release(&err);
	}
}

int ecs_fix_inputs(struct ecs_run *r, const struct ecs_options *o, size_t *n_inputs,
		   struct ecs_fix_result *res)
{
	struct tracker t = { NULL, NULL, 0, 0 };
	int rc = -1;

	memset(res, 0, sizeof(*res));
	for (size_t pass = 0;; pass++) {
		struct ecs_fix_choice choice;
		int changed;

		if (pass > 0) {
			ecs_run_release(r);
			ecs_run_init(r);
		}
		r->overlay = t.overlay;
		r->n_overlay = t.n;
		if (ecs_lint_inputs(r, o, n_inputs) < 0 || tracker_add_sources(&t, r) < 0)
			goto out;
		if (ecs_fix_choose(&r->arena, &r->diags, &r->files, o->unsafe_fixes, &choice) < 0)
			goto out;
		res->unsafe_held = choice.n_unsafe_held;
		if (choice.n == 0) {
			res->settled = true;
			break;
		}
		if (pass == ECS_FIX_MAX_PASSES)
			break;
		changed = apply_pass(&t, r, &choice);
		if (changed < 0)
			goto out;
		if (!changed) {
			/* Fixes that leave the text as it is would be offered forever. */
			res->settled = true;
			break;
		}
		res->fixed += choice.n;
		res->passes++;
	}
	for (size_t i = 0; i < t.n; i++)
		if (tracked_changed(&t.v[i]))
			res->files_changed++;
	if (o->diff) {
		if (emit_diffs(&t, res) < 0)
			goto out;
	} else {
		write_fixed(&t, res);
	}
	rc = 0;
out:
	r->overlay = NULL;
	r->n_overlay = 0;
	tracker_release(&t);
	return rc;
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

void ecs_fix_summary(const struct ecs_fix_result *res, const struct ecs_run *r,
		     const struct ecs_options *o, struct ecs_buf *out)
{
	struct ecs_diag_counts c = ecs_diags_count(&r->diags);
	size_t remain = c.errors + c.warnings + c.infos;

	ecs_buf_addf(out, "%s %zu %s in %zu %s; %zu %s", o->diff ? "would fix" : "fixed", res->fixed,
		     plural(res->fixed, "finding", "findings"), res->files_changed,
		     plural(res->files_changed, "file", "files"), remain,
		     o->diff ? "would remain" : plural(remain, "remains", "remain"));
	if (res->unsafe_held)
		ecs_buf_addf(out, " (%zu unsafe %s not applied: add --unsafe-fixes)", res->unsafe_held,
			     plural(res->unsafe_held, "fix", "fixes"));
	if (!res->settled)
		ecs_buf_addf(out, " (fixes still pending after %d passes: run again)", ECS_FIX_MAX_PASSES);
	ecs_buf_addc(out, '\n');
}
