/*
 * fix_text.c - the fix passes over text in memory (an editor buffer): the
 * same choice, splice and re-lint as `check --fix`, without files.
 */
#include "fix.h"

#include <string.h>

#include "../pipeline/lint.h"

/* Lints text as display in a fresh run; the buffer is then fixable (origin set). */
int ecs_fix_lint_text(struct ecs_run *r, const struct ecs_options *o, const char *display, const char *text,
		      size_t len, uint32_t *file)
{
	struct ecs_project_input in;

	if (ecs_project_load_text(r, o, display, text, len, &in) < 0)
		return -1;
	*file = in.n_files ? in.files[0]->index : 0;
	if (in.n_files)
		in.files[0]->origin = in.files[0]->path;
	if (ecs_lint_loaded(r, o, &in) < 0)
		return -1;
	ecs_diags_finish(&r->diags);
	return r->arena.failed ? -1 : 0;
}

int ecs_fix_text(const struct ecs_options *o, const char *display, const char *text, size_t len, bool unsafe,
		 struct ecs_buf *out, size_t *fixed)
{
	struct ecs_buf cur = ECS_BUF_INIT;
	int rc = -1;

	*fixed = 0;
	ecs_buf_add(&cur, text, len);
	for (size_t pass = 0; pass < ECS_FIX_MAX_PASSES && !cur.failed; pass++) {
		struct ecs_run r;
		struct ecs_fix_choice choice;
		struct ecs_buf next = ECS_BUF_INIT;
		uint32_t file;
		bool done;

		ecs_run_init(&r);
		if (ecs_fix_lint_text(&r, o, display, cur.data, cur.len, &file) < 0 ||
		    ecs_fix_choose(&r.arena, &r.diags, &r.files, unsafe, &choice) < 0 ||
		    (choice.n && ecs_fix_apply(r.files.v[file], &choice, &next) < 0)) {
			ecs_run_release(&r);
			ecs_buf_release(&next);
			goto out;
		}
		done = choice.n == 0 || (next.len == cur.len && memcmp(next.data, cur.data, cur.len) == 0);
		if (!done)
			*fixed += choice.n;
		ecs_run_release(&r);
		if (done) {
			ecs_buf_release(&next);
			break;
		}
		ecs_buf_release(&cur);
		cur = next;
	}
	if (cur.failed)
		goto out;
	ecs_buf_add(out, cur.data, cur.len);
	rc = out->failed ? -1 : 0;
out:
	ecs_buf_release(&cur);
	return rc;
}
