/*
 * test_template_view.c - mapping template entries back to Compose names:
 * the longest normalised name that prefixes a logical id wins, whatever the
 * order of the names, and ids no name explains go to the project.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <cjson/cJSON.h>

#include "engine/template_view.h"
#include "model/model.h"

static struct ecs_span at(uint32_t line)
{
	struct ecs_span s = { 0 };

	s.start.line = line;
	s.start.byte = line * 10;
	s.end.byte = line * 10 + 3;
	return s;
}

static const struct ecs_template_item *item(const struct ecs_template_view *v, const char *id)
{
	for (size_t i = 0; i < v->resources.n; i++)
		if (strcmp(v->resources.v[i].logical_id, id) == 0)
			return &v->resources.v[i];
	fail_msg("no resource %s", id);
	return NULL;
}

static void longest_name_wins(void **state)
{
	static const char *const names[] = { "webapp", "web", "w-e-b-a-p-p-2", "api", "a" };
	struct ecs_service svcs[5];
	struct ecs_project p;
	struct ecs_arena a;
	struct ecs_template_view v;
	cJSON *tpl = cJSON_CreateObject(), *res = cJSON_AddObjectToObject(tpl, "Resources");
	static const char *const ids[] = { "WebappService", "WebService", "Webapp2TaskDefinition", "ApiTCP80Listener",
					   "AService", "LogGroup", "CloudMap", "Cluster" };
	(void)state;
	memset(&p, 0, sizeof(p));
	memset(svcs, 0, sizeof(svcs));
	for (int i = 0; i < 5; i++) {
		svcs[i].name = names[i];
		svcs[i].name_span = at((uint32_t)i + 2);
	}
	p.services = svcs;
	p.n_services = 5;
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		cJSON_AddItemToObject(cJSON_AddObjectToObject(res, ids[i]), "Type", cJSON_CreateString("AWS::X::Y"));
	ecs_arena_init(&a);
	assert_int_equal(ecs_template_view_build(&a, &p, tpl, NULL, 1234, &v), 0);
	assert_int_equal(v.body_bytes, 1234);
	assert_int_equal(v.resources.n, sizeof(ids) / sizeof(ids[0]));
	assert_string_equal(item(&v, "WebappService")->origin_name, "service 'webapp'");
	assert_int_equal(item(&v, "WebappService")->origin_len, 6);
	assert_string_equal(item(&v, "WebService")->origin_name, "service 'web'");
	assert_string_equal(item(&v, "Webapp2TaskDefinition")->origin_name, "service 'w-e-b-a-p-p-2'");
	assert_string_equal(item(&v, "ApiTCP80Listener")->origin_name, "service 'api'");
	assert_string_equal(item(&v, "AService")->origin_name, "service 'a'");
	/* "Cluster" starts with no name ('a' normalises to 'A', not 'C'). */
	assert_string_equal(item(&v, "Cluster")->origin_name, "the project");
	assert_string_equal(item(&v, "LogGroup")->origin_name, "the project");
	assert_int_equal(item(&v, "WebService")->origin.start.line, 3);
	cJSON_Delete(tpl);
	ecs_arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(longest_name_wins),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
