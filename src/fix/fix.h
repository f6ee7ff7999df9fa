/*
 * fix.h - applying the fixes diagnostics carry.
 *
 * A fix is a set of byte-range edits with a safety class (diag.h).  One
 * pass chooses the applicable fixes of a run (safe ones; unsafe ones only
 * when asked), drops any fix that overlaps one chosen before it (the next
 * pass, after a re-lint, offers it again if it still applies), and splices
 * each file's edits in one go.  fix_run.c iterates passes to a fixed point
 * for `ecslint check --fix/--diff`; the LSP server offers the same fixes as
 * code actions.
 */
#ifndef ECS_FIX_H
#define ECS_FIX_H

#include <stdbool.h>
#include <stddef.h>

#include "../cli/options.h"
#include "../core/buf.h"
#include "../core/diag.h"
#include "../core/run.h"

/* Passes of fix + re-lint before giving up on reaching a fixed point. */
#define ECS_FIX_MAX_PASSES 10

struct ecs_fix_choice {
	const struct ecs_diag **v;	/* diagnostics whose fix is applied, in order */
	size_t n;
	size_t n_overlapping;		/* left for a later pass */
	size_t n_unsafe_held;		/* unsafe, and unsafe fixes were not asked for */
};

/*
 * True when diag's fix may be applied: it has one, it is not suppressed,
 * its class is allowed, every edit lies inside its file, and its file was
 * parsed without a syntax, encoding or limit error (editing text we could
 * not fully read risks breaking it further).
 */
bool ecs_fix_applicable(const struct ecs_diags *d, const struct ecs_files *files,
			const struct ecs_diag *diag, bool unsafe);

/*
 * Chooses the fixes of one pass: applicable ones, ordered by where their
 * first edit starts; a fix with an edit overlapping an edit already chosen
 * is dropped.  Two edits overlap when their byte ranges intersect or they
 * start at the same byte (two insertions at one place have no defined
 * order).  A fix whose edits are all identical to chosen ones is chosen
 * too: one edit cures both findings and is applied once.  Arrays are
 * allocated in a.  Returns 0, or -1 when out of memory.
 */
int ecs_fix_choose(struct ecs_arena *a, const struct ecs_diags *d, const struct ecs_files *files,
		   bool unsafe, struct ecs_fix_choice *out);

/*
 * Writes to out the text of src with the chosen fixes' edits to that file
 * applied.  Offsets refer to src as it is: the result is spliced from the
 * original bytes in one pass.  Returns the number of edits applied, or -1
 * when out of memory.
 */
long ecs_fix_apply(const struct ecs_source *src, const struct ecs_fix_choice *choice,
		   struct ecs_buf *out);

/* What a fix run did, for cmd_check's summary and exit status. */
struct ecs_fix_result {
	size_t fixed;		/* fixes applied (or, with --diff, that would be) */
	size_t files_changed;
	size_t passes;
	size_t unsafe_held;	/* unsafe fixes left out in the final text */
	bool settled;		/* reached a fixed point within ECS_FIX_MAX_PASSES */
	bool stdout_taken;	/* fixed stdin text or the diff went to stdout */
	int status;		/* nonzero: a fixed file could not be written (3) */
};

/*
 * `check --fix` / `--diff`: lints the inputs as ecs_lint_inputs does, then
 * fixes and re-lints until no applicable fix remains (at most
 * ECS_FIX_MAX_PASSES passes), leaving in r the findings that remain in the
 * fixed text.  Then --diff prints a unified diff per changed file to stdout;
 * --fix rewrites each changed file atomically (keeping its mode) and
 * prints fixed standard input to stdout.  Returns 0, or -1 when out of
 * memory.
 */
int ecs_fix_inputs(struct ecs_run *r, const struct ecs_options *o, size_t *n_inputs,
		   struct ecs_fix_result *res);

/*
 * Lints text (shown as display) in r, freshly initialised by the caller,
 * who releases it; *file is the buffer's index.  The buffer counts as a file the
 * fixes may edit.  Returns 0, or -1 when out of memory.
 */
int ecs_fix_lint_text(struct ecs_run *r, const struct ecs_options *o, const char *display, const char *text,
		      size_t len, uint32_t *file);

/*
 * The passes of ecs_fix_inputs over text in memory: out receives the text
 * with every applicable fix applied (unsafe ones too when unsafe), *fixed
 * how many fixes that took.  Returns 0, or -1 when out of memory.
 */
int ecs_fix_text(const struct ecs_options *o, const char *display, const char *text, size_t len, bool unsafe,
		 struct ecs_buf *out, size_t *fixed);

/* "fixed 3 findings in 1 file, 1 remains" (--diff: "would fix ..."). */
void ecs_fix_summary(const struct ecs_fix_result *res, const struct ecs_run *r,
		     const struct ecs_options *o, struct ecs_buf *out);

#endif
