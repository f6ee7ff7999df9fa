/*
 * fuzz_schema.c - the JSON Schema validator alone (src/schema/): YAML in,
 * our tree, then the embedded Compose schema (plus x-aws-*) over it.
 *
 * The validator is checked twice over: ecs_schema_check (a fresh context,
 * as the check pipeline uses it) and a context opened once for the whole
 * fuzzing process, as the header allows ("one context serves any number of
 * validations").  Both must say exactly the same, which catches state left
 * behind in the context by an earlier input.  Every finding is one of the
 * validator's rules, on a span inside the file, with a JSON pointer path
 * and fix edits inside the file (fuzz_check_diags).
 */
#include <string.h>

#include "rules.h"
#include "core/buf.h"
#include "fuzz.h"
#include "schema/schema.h"
#include "yaml/yaml_load.h"

/*
 * The shared context: opened on first use and never written again, so the
 * one static in the harness is what is under test, not a shortcut.
 */
static const struct ecs_schema *shared_schema(void)
{
	static struct ecs_schema *s;
	struct ecs_buf err = ECS_BUF_INIT;

	if (!s && ecs_schema_open(&s, &err) < 0) {
		fprintf(stderr, "fuzz_schema: the embedded schema does not open: %s\n", err.data ? err.data : "?");
		abort();
	}
	ecs_buf_release(&err);
	return s;
}

static bool schema_rule(const struct ecs_rule *r)
{
	return r == &ECS101_rule || r == &ECS102_rule || r == &ECS103_rule || r == &ECS104_rule ||
	       r == &ECS501_rule;
}

static void check_same(const struct ecs_diags *a, const struct ecs_diags *b)
{
	FUZZ_ASSERT(a->n == b->n);
	for (size_t i = 0; i < a->n; i++) {
		const struct ecs_diag *x = a->v[i], *y = b->v[i];
		FUZZ_ASSERT(x->rule == y->rule);
		FUZZ_ASSERT(x->span.start.byte == y->span.start.byte && x->span.end.byte == y->span.end.byte);
		FUZZ_ASSERT(strcmp(x->message, y->message) == 0);
		FUZZ_ASSERT((x->path == NULL) == (y->path == NULL) && (!x->path || strcmp(x->path, y->path) == 0));
		FUZZ_ASSERT((x->fix == NULL) == (y->fix == NULL));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ecs_arena arena;
	struct ecs_files files = { 0 };
	struct ecs_diags load, fresh, cached;
	struct ecs_node *root = NULL;
	struct ecs_source *src;

	ecs_arena_init(&arena);
	ecs_diags_init(&load, &arena);
	ecs_diags_init(&fresh, &arena);
	ecs_diags_init(&cached, &arena);
	src = ecs_files_add(&files, &arena, "compose.yaml", (const char *)data, size);
	if (!src || ecs_yaml_load(src, &arena, &load, NULL, &root) == ECS_YAML_NOMEM || !root)
		goto out;
	if (ecs_schema_check(root, &fresh, &arena) < 0 ||
	    ecs_schema_validate_compose(shared_schema(), root, &cached, &arena) < 0)
		goto out;
	ecs_diags_finish(&fresh);
	ecs_diags_finish(&cached);
	fuzz_check_diags(&files, &fresh);
	for (size_t i = 0; i < fresh.n; i++) {
		FUZZ_ASSERT(schema_rule(fresh.v[i]->rule));
		FUZZ_ASSERT(fresh.v[i]->path == NULL || fresh.v[i]->path[0] == '/' || fresh.v[i]->path[0] == '\0');
	}
	check_same(&fresh, &cached);
	/* The validator reads the tree; it must not have changed it. */
	fuzz_check_tree(&files, root, 0);
out:
	ecs_arena_release(&arena);
	return 0;
}
