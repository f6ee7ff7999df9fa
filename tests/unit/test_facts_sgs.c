/*
 * test_facts_sgs.c - the security-group lists rules ECS214-216 count
 * (src/engine/facts.h) are the ones the emitter writes: for each project,
 * every LoadBalancer, LaunchTemplate, EFS mount target and ECS service of
 * the converted template holds exactly the facts' list, in its order, and
 * the ALB / GPU capacity decisions match the resources created.
 */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cli/options.h"
#include "compose/project.h"
#include "convert/convert.h"
#include "core/run.h"
#include "engine/facts.h"
#include "model/model.h"

static char *no_env[] = { NULL };

/* The template item for network key: an external network's id, else a Ref to <Key>Network. */
static void assert_sg(const struct ecs_project *p, const cJSON *item, const char *key)
{
	const struct ecs_network *n = ecs_project_network(p, key);
	char want[128];

	if (n && n->name.present && n->external.present && n->external.v) {
		assert_true(cJSON_IsString(item));
		assert_string_equal(item->valuestring, n->name.v);
		return;
	}
	/* Test keys are lowercase words: the logical id capitalises the first letter. */
	snprintf(want, sizeof(want), "%c%sNetwork", toupper((unsigned char)key[0]), key + 1);
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(item, "Ref")->valuestring, want);
}

static void assert_list(const struct ecs_project *p, const cJSON *arr, const struct ecs_security_group *l, int64_t n)
{
	assert_true(cJSON_IsArray(arr));
	assert_int_equal(cJSON_GetArraySize(arr), n);
	for (int64_t i = 0; i < n; i++)
		assert_sg(p, cJSON_GetArrayItem(arr, (int)i), l[i].network);
}

/* The service a "<Name>Service" resource comes from (test names are lowercase words). */
static const struct ecs_service *service_of(const struct ecs_project *p, const char *id)
{
	char name[64];
	size_t len = strlen(id) - strlen("Service");

	snprintf(name, sizeof(name), "%.*s", (int)len, id);
	name[0] = (char)tolower((unsigned char)name[0]);
	return ecs_project_service(p, name);
}

static void check_agreement(const char *text, int want_alb, int want_gpu, int want_efs, int64_t want_project_sgs)
{
	struct ecs_run run;
	struct ecs_options opt;
	struct ecs_project_input in;
	struct ecs_project *p = NULL;
	struct ecs_convert_options copts = { .subnets = "subnet-0aaa1111,subnet-0bbb2222" };
	const struct ecs_security_group *project;
	const cJSON *res;
	cJSON *tpl = NULL;
	int64_t n;
	int albs = 0, templates = 0, targets = 0, services = 0;

	ecs_options_init(&opt);
	opt.envp = no_env;
	ecs_run_init(&run);
	assert_int_equal(ecs_project_load_text(&run, &opt, "/nonexistent/compose.yaml", text, strlen(text), &in), 0);
	assert_int_equal(ecs_model_build(&run, &in, &p), 0);
	assert_int_equal(ecs_convert(&run, p, &copts, &tpl), 0);
	assert_non_null(tpl);
	n = ecs_project_security_groups(p, &run.arena, &project);
	assert_int_equal(n, want_project_sgs);
	assert_int_equal(ecs_project_creates_alb(p, NULL, NULL), want_alb);
	assert_int_equal(ecs_project_creates_gpu_capacity(p, NULL), want_gpu);
	res = cJSON_GetObjectItemCaseSensitive(tpl, "Resources");
	for (const cJSON *r = res ? res->child : NULL; r; r = r->next) {
		const char *type = cJSON_GetObjectItemCaseSensitive(r, "Type")->valuestring;
		const cJSON *props = cJSON_GetObjectItemCaseSensitive(r, "Properties");

		if (strcmp(type, "AWS::ElasticLoadBalancingV2::LoadBalancer") == 0) {
			const cJSON *sgs = cJSON_GetObjectItemCaseSensitive(props, "SecurityGroups");
			if (sgs) {
				assert_list(p, sgs, project, n);
				albs++;
			}
		} else if (strcmp(type, "AWS::EC2::LaunchTemplate") == 0) {
			assert_list(p, cJSON_GetObjectItemCaseSensitive(
					       cJSON_GetObjectItemCaseSensitive(props, "LaunchTemplateData"), "SecurityGroupIds"),
				    project, n);
			templates++;
		} else if (strcmp(type, "AWS::EFS::MountTarget") == 0) {
			assert_list(p, cJSON_GetObjectItemCaseSensitive(props, "SecurityGroups"), project, n);
			targets++;
		} else if (strcmp(type, "AWS::ECS::Service") == 0) {
			const struct ecs_service *s = service_of(p, r->string);
			const struct ecs_security_group *l;
			const cJSON *vpc = cJSON_GetObjectItemCaseSensitive(
				cJSON_GetObjectItemCaseSensitive(props, "NetworkConfiguration"), "AwsvpcConfiguration");
			const cJSON *sgs = cJSON_GetObjectItemCaseSensitive(vpc, "SecurityGroups");
			int64_t k;

			assert_non_null(s);
			k = ecs_service_security_groups(s, &run.arena, &l);
			if (k == 0)
				assert_null(sgs);
			else
				assert_list(p, sgs, l, k);
			services++;
		}
	}
	assert_int_equal(albs, want_alb);
	assert_int_equal(templates, want_gpu);
	assert_true(services > 0);
	assert_int_equal(targets > 0, want_efs);
	/* The template's nodes live in the run's arena. */
	ecs_run_release(&run);
	ecs_options_release(&opt);
}

/* ALB, GPU instances and EFS mount targets; worker's implicit "default" is the sixth. */
static void implicit_default_on_every_shared_resource(void **state)
{
	(void)state;
	check_agreement("services:\n"
			"  web:\n    image: nginx\n    networks: [front, back, cache]\n    ports: ['80:80']\n"
			"    volumes: ['data:/data']\n"
			"  train:\n    image: t\n    networks: [back, jobs]\n"
			"    deploy: {resources: {reservations: {memory: 8G, devices: [{capabilities: [gpu], count: 1}]}}}\n"
			"  worker:\n    image: w\n"
			"networks:\n  front: {}\n  back: {}\n  cache: {}\n  jobs: {}\n  unused: {}\n"
			"volumes:\n  data: {}\n",
			1, 1, 1, 5);
}

/* "default" named but not declared, an external network, a repeated attachment, network_mode. */
static void undeclared_default_external_and_repeats(void **state)
{
	(void)state;
	check_agreement("services:\n"
			"  api:\n    image: a\n    networks: [zeta, default, alpha, zeta, shared]\n    ports: ['443:443']\n"
			"  side:\n    image: s\n    network_mode: 'service:api'\n"
			"networks:\n  zeta: {}\n  alpha: {}\n  shared: {external: true, name: sg-0123456789abcdef0}\n",
			1, 0, 0, 4);
}

/* A non-HTTP port makes a network load balancer: no security groups on it. */
static void network_load_balancer_gets_none(void **state)
{
	(void)state;
	check_agreement("services:\n"
			"  web:\n    image: nginx\n    networks: [a, b, c]\n    ports: ['80:80']\n"
			"  db:\n    image: postgres\n    networks: [d, e, f]\n    ports: ['5432:5432']\n"
			"networks:\n  a: {}\n  b: {}\n  c: {}\n  d: {}\n  e: {}\n  f: {}\n",
			0, 0, 0, 6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(implicit_default_on_every_shared_resource),
		cmocka_unit_test(undeclared_default_external_and_repeats),
		cmocka_unit_test(network_load_balancer_gets_none),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
