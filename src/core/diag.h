/*
 * diag.h - the one diagnostic type, and the per-run list that collects them.
 *
 * Every string in a diagnostic is arena-owned and formatted once.  The list
 * is sorted by (file, line, column, rule, message) and exact duplicates are
 * dropped by ecs_diags_finish(), so output is deterministic.
 */
#ifndef ECS_DIAG_H
#define ECS_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "rule.h"
#include "source.h"

struct ecs_related {
	struct ecs_span span;
	const char *message;
};

/* A text edit: replace bytes [start, end) of span.file with text. */
struct ecs_edit {
	uint32_t file;
	uint32_t start, end;
	const char *text;
};

struct ecs_fix {
	const char *title;
	enum ecs_fix_kind safety;	/* ECS_FIX_SAFE or ECS_FIX_UNSAFE */
	struct ecs_edit *edits;
	uint16_t n_edits;
};

struct ecs_diag {
	const struct ecs_rule *rule;	/* never NULL */
	enum ecs_severity severity;	/* effective, after configuration */
	struct ecs_span span;		/* primary location */
	const char *path;		/* "/services/web/ports/0" or NULL */
	const char *message;		/* lowercase, no final period */
	const char *help;		/* remedy, or NULL */
	struct ecs_related *related;
	uint16_t n_related;
	bool suppressed;
	struct ecs_fix *fix;		/* NULL when the rule offers none */
};

struct ecs_diags {
	struct ecs_arena *arena;
	struct ecs_diag **v;
	size_t n, cap;
};

void ecs_diags_init(struct ecs_diags *d, struct ecs_arena *a);

/*
 * Appends a diagnostic of rule at span with its default severity.  Returns it
 * so the caller can add help, related locations or a fix; NULL when out of
 * memory (the arena's failed flag is then set, nothing else to do).
 */
struct ecs_diag *ecs_diag_add(struct ecs_diags *d, const struct ecs_rule *rule,
			      const struct ecs_span *span, const char *path,
			      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
struct ecs_diag *ecs_diag_vadd(struct ecs_diags *d, const struct ecs_rule *rule,
			       const struct ecs_span *span, const char *path,
			       const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));
void ecs_diag_help(struct ecs_diags *d, struct ecs_diag *diag, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void ecs_diag_related(struct ecs_diags *d, struct ecs_diag *diag, const struct ecs_span *span,
		      const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Attaches a one-edit fix replacing [start, end) of the diagnostic's file. */
void ecs_diag_fix(struct ecs_diags *d, struct ecs_diag *diag, enum ecs_fix_kind safety,
		  const char *title, uint32_t file, uint32_t start, uint32_t end, const char *text);

/* Sorts by (file index, position, rule, message) and drops exact duplicates. */
void ecs_diags_finish(struct ecs_diags *d);
/* The same, ordering files by path (what reports show). */
void ecs_diags_finish_files(struct ecs_diags *d, const struct ecs_files *files);

struct ecs_diag_counts {
	size_t errors, warnings, infos, suppressed;
};
struct ecs_diag_counts ecs_diags_count(const struct ecs_diags *d);

#endif
