/*
 * fuzz_interp.c - Compose variable interpolation (src/compose/interp.h,
 * interp_tree.h) on its own.  The input is
 *
 *	NAME=value lines (a .env file)	up to the first blank line, if any
 *	the template			the rest
 *
 * The env part goes through the real dotenv parser, so variables can hold
 * anything a quoted value can.  A template starting with "---\n" is a YAML
 * document whose scalars are interpolated in place (ecs_interp_tree, with
 * findings mapped back through escapes); any other template is one string
 * for ecs_interp, read straight from the fuzzer's buffer so a read past its
 * end is an ASan report.
 */
#include <string.h>

#include "compose/env.h"
#include "compose/interp.h"
#include "compose/interp_tree.h"
#include "core/run.h"
#include "fuzz.h"
#include "yaml/yaml_load.h"

static bool is_name_char(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* The largest value any variable holds: one reference never adds more than this. */
static size_t longest_value(const struct ecs_env *env)
{
	size_t max = 0;

	for (uint32_t i = 0; i < env->cap; i++)
		if (env->slots[i].name && env->slots[i].value_len > max)
			max = env->slots[i].value_len;
	return max;
}

static void check_issue(const struct ecs_env *env, const char *s, size_t len,
			const struct ecs_interp_issue *is)
{
	FUZZ_ASSERT(is->start < is->end && is->end <= len);
	if (is->kind == ECS_INTERP_MALFORMED) {
		FUZZ_ASSERT(is->detail != NULL && is->detail[0] != '\0');
		/* Only the size cap is about the whole value; every other finding is one expression. */
		FUZZ_ASSERT(s[is->start] == '$' || (is->start == 0 && is->end == len));
		return;
	}
	/* UNSET and REQUIRED name the variable written right after "$" or "${". */
	FUZZ_ASSERT(s[is->start] == '$');
	FUZZ_ASSERT(is->name != NULL && is->name[0] != '\0');
	size_t at = is->start + 1 + (s[is->start + 1] == '{');
	size_t n = strlen(is->name);
	FUZZ_ASSERT(at + n <= is->end && memcmp(s + at, is->name, n) == 0);
	FUZZ_ASSERT(at + n == len || !is_name_char(s[at + n]));
	const struct ecs_env_entry *v = ecs_env_find(env, is->name, n);
	if (is->kind == ECS_INTERP_UNSET) {
		FUZZ_ASSERT(v == NULL);
	} else {
		FUZZ_ASSERT(is->kind == ECS_INTERP_REQUIRED);
		FUZZ_ASSERT(is->detail != NULL);
		FUZZ_ASSERT(v == NULL || v->value_len == 0);
	}
}

static void check_result(const struct ecs_env *env, const char *s, size_t len,
			 const struct ecs_interp_result *res)
{
	size_t dollars = 0;

	for (size_t i = 0; i < len; i++)
		dollars += s[i] == '$';
	FUZZ_ASSERT(res->text != NULL);
	FUZZ_ASSERT(res->n_issues <= ECS_INTERP_MAX_ISSUES);
	FUZZ_ASSERT(res->n_unlisted == 0 || res->n_issues == ECS_INTERP_MAX_ISSUES);
	if (!dollars)
		FUZZ_ASSERT(!res->changed && res->n_issues == 0 && res->text == s && res->len == len);
	if (!res->changed)
		FUZZ_ASSERT(res->text == s && res->len == len);
	else
		FUZZ_ASSERT(res->text != s && res->text[res->len] == '\0');
	if (res->failed)
		FUZZ_ASSERT(!res->changed);
	/*
	 * Single pass: every template byte is copied at most once and every '$'
	 * expands to at most one variable's value, so nothing can multiply.
	 */
	FUZZ_ASSERT(res->len <= ECS_INTERP_MAX_OUTPUT);
	FUZZ_ASSERT(res->len <= len + dollars * longest_value(env));
	for (uint32_t i = 0; i < res->n_issues; i++)
		check_issue(env, s, len, &res->issues[i]);
}

/* Interpolates the template as one string, twice (same answer), and reports it on src. */
static void fuzz_string(struct ecs_run *run, const struct ecs_env *env, const char *s, size_t len)
{
	struct ecs_interp_result a, b;
	struct ecs_source *src;
	uint32_t *starts, *ends;

	if (ecs_interp(&run->arena, env, s, len, &a) < 0 || ecs_interp(&run->arena, env, s, len, &b) < 0)
		return;
	check_result(env, s, len, &a);
	FUZZ_ASSERT(a.len == b.len && a.changed == b.changed && a.failed == b.failed);
	FUZZ_ASSERT(a.n_issues == b.n_issues && a.n_unlisted == b.n_unlisted);
	FUZZ_ASSERT(memcmp(a.text, b.text, a.len) == 0);
	/* The findings as diagnostics, on the template as a file of its own. */
	src = ecs_run_add_text(run, "template", s, len);
	starts = ecs_arena_alloc(&run->arena, (a.n_issues + 1) * sizeof(*starts));
	ends = ecs_arena_alloc(&run->arena, (a.n_issues + 1) * sizeof(*ends));
	if (!src || !starts || !ends)
		return;
	for (uint32_t i = 0; i < a.n_issues; i++) {
		starts[i] = a.issues[i].start;
		ends[i] = a.issues[i].end;
	}
	ecs_interp_report(run, src, &a, starts, ends);
}

/* Interpolates every scalar value of a YAML document, as the loader does. */
static void fuzz_document(struct ecs_run *run, const struct ecs_env *env, const char *s, size_t len)
{
	struct ecs_source *src = ecs_run_add_text(run, "compose.yaml", s, len);
	struct ecs_node *root = NULL;

	if (!src || ecs_yaml_load(src, &run->arena, &run->diags, NULL, &root) == ECS_YAML_NOMEM || !root)
		return;
	if (ecs_interp_tree(run, src, root, env) < 0)
		return;
	fuzz_check_tree(&run->files, root, 0);
}

/* Length of the env part (through its last line break), 0 when the input has no blank line. */
static size_t env_part(const char *s, size_t size)
{
	for (size_t i = 0; i + 1 < size; i++)
		if (s[i] == '\n' && s[i + 1] == '\n')
			return i + 1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	size_t env_len = env_part(s, size);
	size_t skip = env_len ? env_len + 1 : 0;
	struct ecs_run run;
	struct ecs_env env;
	struct ecs_source *env_src;

	ecs_run_init(&run);
	ecs_env_init(&env, &run.arena);
	if (env_len) {
		env_src = ecs_run_add_text(&run, ".env", s, env_len);
		if (!env_src || ecs_env_parse_file(&run, env_src, &env) < 0)
			goto out;
	}
	if (size - skip >= 4 && memcmp(s + skip, "---\n", 4) == 0)
		fuzz_document(&run, &env, s + skip, size - skip);
	else
		fuzz_string(&run, &env, s + skip, size - skip);
	ecs_diags_finish(&run.diags);
	fuzz_check_diags(&run.files, &run.diags);
out:
	ecs_run_release(&run);
	return 0;
}
