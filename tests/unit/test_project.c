/*
 * test_project.c - the project loader through its public API: loading from
 * memory with a caller-given environment (the LSP path), per-file base
 * directories, and linear-time merging of very large projects.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "../../checks/rules.h"
#include "compose/project.h"
#include "core/buf.h"

static double seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void loads_text_with_given_environment(void **state)
{
	static const char text[] = "name: ${APP}\nservices:\n  web:\n    image: \"nginx:${TAG}\"\n"
				   "    container_name: ${COMPOSE_PROJECT_NAME}\n";
	char *envp[] = { "TAG=1.27", "APP=Shop", NULL };
	struct ecs_options o;
	struct ecs_run r;
	struct ecs_project_input in;
	const struct ecs_node *web;

	(void)state;
	ecs_options_init(&o);
	o.envp = envp;
	ecs_run_init(&r);
	assert_int_equal(ecs_project_load_text(&r, &o, "/nonexistent/dir/compose.yaml", text, strlen(text), &in), 0);
	assert_non_null(in.root);
	assert_string_equal(in.name, "shop");
	web = ecs_node_map_get(ecs_node_map_get(in.root, "services"), "web");
	assert_string_equal(ecs_node_text(ecs_node_map_get(web, "image")), "nginx:1.27");
	assert_string_equal(ecs_node_text(ecs_node_map_get(web, "container_name")), "shop");
	/* The scalar keeps its span: line 4, the opening quote at column 12. */
	assert_int_equal(ecs_node_map_get(web, "image")->span.start.line, 4);
	assert_int_equal(ecs_node_map_get(web, "image")->span.start.col, 12);
	assert_int_equal(in.n_files, 1);
	assert_string_equal(ecs_project_base_dir(&in, in.files[0]->index), in.working_dir);
	assert_int_equal(r.diags.n, 0);
	ecs_run_release(&r);
	ecs_options_release(&o);
}

static void reports_unset_variables_at_their_columns(void **state)
{
	static const char text[] = "services:\n  web:\n    image: 'it''s ${NOPE}'\n";
	char *envp[] = { NULL };
	struct ecs_options o;
	struct ecs_run r;
	struct ecs_project_input in;

	(void)state;
	ecs_options_init(&o);
	o.envp = envp;
	ecs_run_init(&r);
	assert_int_equal(ecs_project_load_text(&r, &o, "/nonexistent/compose.yaml", text, strlen(text), &in), 0);
	assert_int_equal(r.diags.n, 1);
	assert_ptr_equal(r.diags.v[0]->rule, &ECS110_rule);
	assert_int_equal(r.diags.v[0]->span.start.line, 3);
	assert_int_equal(r.diags.v[0]->span.start.col, 19);
	assert_int_equal(r.diags.v[0]->span.end.col, 26);
	ecs_run_release(&r);
	ecs_options_release(&o);
}

static char *write_file(const char *dir, const char *name, const char *data, size_t len)
{
	char *path = malloc(strlen(dir) + strlen(name) + 2);
	FILE *f;

	sprintf(path, "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
	return path;
}

/* 20,000 services, each extending a base, merged with a second file of 20,000 overrides. */
static void merges_large_projects_in_linear_time(void **state)
{
	char dir[] = "/tmp/ecslint-test-XXXXXX";
	struct ecs_buf a = ECS_BUF_INIT, b = ECS_BUF_INIT;
	const int n = 20000;
	char *envp[] = { NULL }, *pa, *pb;
	struct ecs_options o;
	struct ecs_run r;
	struct ecs_project_input in;
	const struct ecs_node *services, *last;
	double t0;

	(void)state;
	assert_non_null(mkdtemp(dir));
	ecs_buf_adds(&a, "services:\n  base:\n    image: nginx\n    ports: [\"80:80\"]\n");
	ecs_buf_adds(&b, "services:\n");
	for (int i = 0; i < n; i++) {
		ecs_buf_addf(&a, "  s%d:\n    extends: base\n    environment: {A: \"%d\"}\n", i, i);
		ecs_buf_addf(&b, "  s%d:\n    environment: {B: \"%d\"}\n    ports: [\"%d:%d\", \"80:80\"]\n", i, i,
			     i % 60000, i % 60000);
	}
	pa = write_file(dir, "a.yaml", a.data, a.len);
	pb = write_file(dir, "b.yaml", b.data, b.len);
	ecs_options_init(&o);
	o.envp = envp;
	assert_int_equal(ecs_strlist_add(&o.files, pa), 0);
	assert_int_equal(ecs_strlist_add(&o.files, pb), 0);
	ecs_run_init(&r);
	t0 = seconds();
	assert_int_equal(ecs_project_load(&r, &o, o.files.v, o.files.n, &in), 0);
	if (seconds() - t0 > 5.0)
		fail_msg("loading took %.2f s", seconds() - t0);
	services = ecs_node_map_get(in.root, "services");
	assert_int_equal(services->map.n, n + 1);
	last = ecs_node_map_get(services, "s19999");
	assert_string_equal(ecs_node_text(ecs_node_map_get(last, "image")), "nginx");
	assert_string_equal(ecs_node_text(ecs_node_map_get(ecs_node_map_get(last, "environment"), "A")), "19999");
	assert_string_equal(ecs_node_text(ecs_node_map_get(ecs_node_map_get(last, "environment"), "B")), "19999");
	/* "80:80" from the base, replaced in place by b.yaml's; then "19999:19999". */
	assert_int_equal(ecs_node_map_get(last, "ports")->seq.n, 2);
	assert_int_equal(ecs_node_map_get(last, "ports")->seq.items[0]->span.file, in.files[1]->index);
	assert_int_equal(r.diags.n, 0);
	ecs_run_release(&r);
	ecs_options_release(&o);
	unlink(pa);
	unlink(pb);
	rmdir(dir);
	free(pa);
	free(pb);
	ecs_buf_release(&a);
	ecs_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loads_text_with_given_environment),
		cmocka_unit_test(reports_unset_variables_at_their_columns),
		cmocka_unit_test(merges_large_projects_in_linear_time),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
