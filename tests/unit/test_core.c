/*
 * test_core.c - arena, buffer and source positions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/source.h"

static void arena_grows_and_aligns(void **state)
{
	struct ecs_arena a;
	(void)state;
	ecs_arena_init(&a);
	for (int i = 0; i < 10000; i++) {
		char *p = ecs_arena_alloc(&a, (size_t)(i % 97) + 1);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
	}
	char *big = ecs_arena_alloc(&a, 1 << 20);
	assert_non_null(big);
	memset(big, 1, 1 << 20);
	assert_string_equal(ecs_arena_printf(&a, "%s-%d", "x", 42), "x-42");
	assert_false(a.failed);
	ecs_arena_release(&a);
}

static void arena_failure_is_sticky(void **state)
{
	struct ecs_arena a;
	(void)state;
	ecs_arena_init(&a);
	a.fail_at = 2;
	assert_non_null(ecs_arena_alloc(&a, 16));
	assert_null(ecs_arena_alloc(&a, 1 << 20));	/* second block fails */
	assert_true(a.failed);
	assert_null(ecs_arena_alloc(&a, 1));		/* and stays failed */
	ecs_arena_release(&a);
}

static void buf_appends(void **state)
{
	struct ecs_buf b = ECS_BUF_INIT;
	(void)state;
	for (int i = 0; i < 1000; i++)
		ecs_buf_addf(&b, "%d,", i);
	assert_int_equal(strlen(b.data), b.len);
	assert_memory_equal(b.data, "0,1,2,", 6);
	ecs_buf_reset(&b);
	assert_int_equal(b.len, 0);
	ecs_buf_release(&b);
}

static void positions_count_code_points(void **state)
{
	struct ecs_arena a;
	struct ecs_files files = { 0 };
	/* é is 2 bytes, 😀 is 4 bytes, a tab is 1 column; CRLF and lone CR break lines. */
	const char text[] = "a: \xc3\xa9\tb\r\nc: \xf0\x9f\x98\x80x\rd\n";
	struct ecs_source *src;
	struct ecs_pos p;
	(void)state;

	ecs_arena_init(&a);
	src = ecs_files_add(&files, &a, "t.yaml", text, sizeof(text) - 1);
	assert_non_null(src);
	assert_int_equal(src->n_lines, 4);
	p = ecs_source_pos(src, 5);	/* the tab after é */
	assert_int_equal(p.line, 1);
	assert_int_equal(p.col, 5);
	p = ecs_source_pos(src, 6);	/* b */
	assert_int_equal(p.col, 6);
	p = ecs_source_pos(src, 16);	/* x after the emoji */
	assert_int_equal(p.line, 2);
	assert_int_equal(p.col, 5);
	p = ecs_source_pos(src, 18);	/* d after the lone CR */
	assert_int_equal(p.line, 3);
	assert_int_equal(p.col, 1);
	assert_int_equal(ecs_utf16_units("\xf0\x9f\x98\x80x", 5), 3);
	size_t len;
	const char *l = ecs_source_line(src, 2, &len);
	assert_int_equal(len, 8);
	assert_memory_equal(l, "c: ", 3);
	ecs_arena_release(&a);
}

static void bom_is_not_a_column(void **state)
{
	struct ecs_arena a;
	struct ecs_files files = { 0 };
	const char text[] = "\xef\xbb\xbf" "a: 1\n";
	(void)state;
	ecs_arena_init(&a);
	struct ecs_source *src = ecs_files_add(&files, &a, "b.yaml", text, sizeof(text) - 1);
	assert_int_equal(ecs_source_pos(src, 3).col, 1);
	assert_int_equal(ecs_source_pos(src, 6).col, 4);
	ecs_arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(arena_grows_and_aligns),
		cmocka_unit_test(arena_failure_is_sticky),
		cmocka_unit_test(buf_appends),
		cmocka_unit_test(positions_count_code_points),
		cmocka_unit_test(bom_is_not_a_column),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
