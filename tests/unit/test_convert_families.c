/*
 * test_convert_families.c - issue 5's resource families on projects held
 * in memory: the g4dn instance-type guess (the original's gpu_test.go),
 * overlay merge semantics, secrets never echoed in diagnostics, and the
 * EFS/secret wiring a task definition depends on.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "cli/options.h"
#include "compose/project.h"
#include "convert/convert.h"
#include "core/run.h"
#include "model/model.h"

struct conv {
	struct ecs_run run;
	struct ecs_options opt;
	cJSON *tpl;
};

static char *no_env[] = { NULL };

/* Converts text (a Compose file in dir) into cv->tpl; returns the number of diagnostics. */
static size_t convert_text(struct conv *cv, const char *dir, const char *text)
{
	struct ecs_project_input in;
	struct ecs_project *p = NULL;
	struct ecs_convert_options copts = { .subnets = "subnet-0aaa1111,subnet-0bbb2222" };
	char path[512];

	snprintf(path, sizeof(path), "%s/compose.yaml", dir);
	ecs_options_init(&cv->opt);
	cv->opt.envp = no_env;
	ecs_run_init(&cv->run);
	cv->tpl = NULL;
	assert_int_equal(ecs_project_load_text(&cv->run, &cv->opt, path, text, strlen(text), &in), 0);
	assert_non_null(in.root);
	assert_int_equal(ecs_model_build(&cv->run, &in, &p), 0);
	assert_non_null(p);
	assert_int_equal(ecs_convert(&cv->run, p, &copts, &cv->tpl), 0);
	return cv->run.diags.n;
}

static void conv_release(struct conv *cv)
{
	/* The template lives in the run's arena. */
	ecs_run_release(&cv->run);
	ecs_options_release(&cv->opt);
}

static const cJSON *at(const cJSON *v, const char *path)
{
	char buf[256], *save = NULL;

	snprintf(buf, sizeof(buf), "%s", path);
	for (char *k = strtok_r(buf, "/", &save); k && v; k = strtok_r(NULL, "/", &save)) {
		if (cJSON_IsArray(v))
			v = cJSON_GetArrayItem(v, atoi(k));
		else
			v = cJSON_GetObjectItemCaseSensitive(v, k);
	}
	return v;
}

static const char *str_at(const cJSON *v, const char *path)
{
	const cJSON *s = at(v, path);

	return cJSON_IsString(s) ? s->valuestring : NULL;
}

static void gpu_machine_guess_follows_gpu_test_go(void **state)
{
	static const struct {
		const char *reservations, *machine;
	} cases[] = {
		{ "memory: 1G, devices: [{capabilities: [gpu], count: 1}]", "g4dn.xlarge" },
		{ "memory: 1G, devices: [{capabilities: [gpu], count: 4}]", "g4dn.12xlarge" },
		{ "{memory: 300G, devices: [{capabilities: [gpu], count: 2}]}", "g4dn.metal" },
		{ "{memory: 32G, cpus: '32', devices: [{capabilities: [gpu], count: 2}]}", "g4dn.12xlarge" },
		/* memory must be strictly below the row's: 16 GiB needs the 2xlarge */
		{ "{memory: 16G, devices: [{capabilities: [gpu], count: 1}]}", "g4dn.2xlarge" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char text[512];
		struct conv cv;
		const char *r = cases[i].reservations;
		snprintf(text, sizeof(text),
			 "services:\n  t:\n    image: x\n    deploy:\n      resources:\n        reservations: %s%s%s\n",
			 r[0] == '{' ? "" : "{", r, r[0] == '{' ? "" : "}");
		assert_int_equal(convert_text(&cv, "/nonexistent", text), 0);
		assert_string_equal(str_at(cv.tpl, "Resources/LaunchTemplate/Properties/LaunchTemplateData/InstanceType"),
				    cases[i].machine);
		assert_string_equal(str_at(cv.tpl, "Resources/TService/Properties/LaunchType"), "EC2");
		assert_non_null(at(cv.tpl, "Parameters/EC2ImageId"));
		conv_release(&cv);
	}
}

static void gpu_machine_none_fits_is_an_error(void **state)
{
	struct conv cv;
	(void)state;
	assert_int_equal(convert_text(&cv, "/nonexistent",
				      "services:\n  t:\n    image: x\n    deploy:\n      resources:\n        reservations:\n"
				      "          memory: 400G\n          devices: [{capabilities: [gpu], count: 1}]\n"),
			 1);
	assert_string_equal(cv.run.diags.v[0]->rule->id, "ECS310");
	assert_non_null(strstr(cv.run.diags.v[0]->message, "G4 instance types"));
	conv_release(&cv);
}

static void overlay_merges_removes_and_replaces(void **state)
{
	struct conv cv;
	const cJSON *svc;
	(void)state;
	assert_int_equal(convert_text(&cv, "/nonexistent",
				      "services:\n  web:\n    image: nginx\n"
				      "x-aws-cloudformation:\n"
				      "  Resources:\n"
				      "    WebService:\n"
				      "      Properties:\n"
				      "        DesiredCount: 3\n"
				      "        PropagateTags: ~\n"
				      "        ServiceRegistries: [{RegistryArn: arn:x}]\n"
				      "        DeploymentConfiguration: {$patch: replace, MaximumPercent: 150}\n"
				      "        NetworkConfiguration: {AwsvpcConfiguration: {AssignPublicIp: DISABLED}}\n"
				      "        Tags: {$patch: delete}\n"
				      "        Extra: {Keep: 1, Drop: null}\n"
				      "    Queue:\n      Type: AWS::SQS::Queue\n"
				      "  Outputs:\n    Q: {Value: !GetAtt Queue.Arn}\n"),
			 0);
	svc = at(cv.tpl, "Resources/WebService/Properties");
	assert_true(cJSON_IsNumber(at(svc, "DesiredCount")));
	assert_int_equal(at(svc, "DesiredCount")->valueint, 3);
	assert_null(at(svc, "PropagateTags"));
	assert_null(at(svc, "Tags"));
	assert_int_equal(cJSON_GetArraySize(at(svc, "ServiceRegistries")), 1);
	assert_string_equal(str_at(svc, "ServiceRegistries/0/RegistryArn"), "arn:x");
	assert_int_equal(at(svc, "DeploymentConfiguration/MaximumPercent")->valueint, 150);
	assert_null(at(svc, "DeploymentConfiguration/MinimumHealthyPercent"));
	assert_null(at(svc, "DeploymentConfiguration/$patch"));
	/* merged, not replaced: the generated subnets stay */
	assert_string_equal(str_at(svc, "NetworkConfiguration/AwsvpcConfiguration/AssignPublicIp"), "DISABLED");
	assert_non_null(at(svc, "NetworkConfiguration/AwsvpcConfiguration/Subnets"));
	assert_int_equal(at(svc, "Extra/Keep")->valueint, 1);
	assert_null(at(svc, "Extra/Drop"));
	assert_string_equal(str_at(cv.tpl, "Resources/Queue/Type"), "AWS::SQS::Queue");
	assert_string_equal(str_at(cv.tpl, "Outputs/Q/Value/Fn::GetAtt/0"), "Queue");
	assert_string_equal(str_at(cv.tpl, "Outputs/Q/Value/Fn::GetAtt/1"), "Arn");
	conv_release(&cv);
}

static void overlay_typo_is_a_warning_with_suggestion(void **state)
{
	struct conv cv;
	(void)state;
	assert_int_equal(convert_text(&cv, "/nonexistent",
				      "services:\n  web:\n    image: nginx\n"
				      "x-aws-cloudformation:\n  Resources:\n    WebServise:\n      Properties: {DesiredCount: 2}\n"),
			 1);
	assert_string_equal(cv.run.diags.v[0]->rule->id, "ECS505");
	assert_non_null(strstr(cv.run.diags.v[0]->help, "WebService"));
	assert_null(at(cv.tpl, "Resources/WebServise"));
	conv_release(&cv);
}

/* The secret's content reaches the template, and no diagnostic. */
static void secret_content_stays_out_of_diagnostics(void **state)
{
	char dir[] = "/tmp/ecslint-secret-XXXXXX", path[600];
	const char *content = "hunter2-\xff-not-utf8";
	struct conv cv;
	FILE *f;
	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/pw.txt", dir);
	assert_non_null(f = fopen(path, "wb"));
	fputs(content, f);
	fclose(f);
	assert_int_equal(convert_text(&cv, dir,
				      "services:\n  app:\n    image: x\n    secrets: [pw]\nsecrets:\n  pw:\n    file: ./pw.txt\n"),
			 1);
	assert_string_equal(cv.run.diags.v[0]->rule->id, "ECS311");
	assert_null(strstr(cv.run.diags.v[0]->message, "hunter2"));
	assert_null(cv.run.diags.v[0]->help ? strstr(cv.run.diags.v[0]->help, "hunter2") : NULL);
	conv_release(&cv);

	assert_non_null(f = fopen(path, "wb"));
	fputs("hunter2\n", f);
	fclose(f);
	assert_int_equal(convert_text(&cv, dir,
				      "name: p\nservices:\n  app:\n    image: x\n    secrets: [{source: pw, target: db}]\n"
				      "secrets:\n  pw:\n    file: ./pw.txt\n    x-aws-keys: [user]\n"),
			 0);
	assert_string_equal(str_at(cv.tpl, "Resources/PpwSecret/Properties/SecretString"), "hunter2\n");
	conv_release(&cv);
	unlink(path);
	rmdir(dir);
}

static void secrets_and_efs_wire_the_task(void **state)
{
	char dir[] = "/tmp/ecslint-wire-XXXXXX", path[600];
	const cJSON *td, *main_ct;
	struct conv cv;
	FILE *f;
	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/pw.txt", dir);
	assert_non_null(f = fopen(path, "wb"));
	fputs("x", f);
	fclose(f);
	assert_int_equal(convert_text(&cv, dir,
				      "name: p\nservices:\n  app:\n    image: x\n    secrets: [pw]\n"
				      "    volumes: [data:/d, data:/e]\nsecrets:\n  pw:\n    file: ./pw.txt\nvolumes:\n  data: {}\n"),
			 0);
	td = at(cv.tpl, "Resources/AppTaskDefinition/Properties");
	/* secrets volume first, then the EFS volume once although mounted twice */
	assert_int_equal(cJSON_GetArraySize(at(td, "Volumes")), 2);
	assert_string_equal(str_at(td, "Volumes/0/Name"), "secrets");
	assert_string_equal(str_at(td, "Volumes/1/Name"), "data");
	assert_string_equal(str_at(td, "ContainerDefinitions/0/Name"), "App_Secrets_InitContainer");
	assert_true(cJSON_IsFalse(at(td, "ContainerDefinitions/0/Essential")));
	main_ct = at(td, "ContainerDefinitions/2");
	assert_string_equal(str_at(main_ct, "DependsOn/0/ContainerName"), "App_Secrets_InitContainer");
	assert_string_equal(str_at(main_ct, "MountPoints/0/ContainerPath"), "/run/secrets/");
	assert_string_equal(str_at(main_ct, "MountPoints/2/ContainerPath"), "/e");
	assert_string_equal(str_at(cv.tpl, "Resources/AppService/DependsOn/0"), "DataNFSMountTargetOnSubnet0aaa1111");
	assert_string_equal(str_at(cv.tpl, "Resources/AppTaskExecutionRole/Properties/Policies/0/PolicyDocument/"
					   "Statement/0/Resource/0/Ref"),
			    "PpwSecret");
	conv_release(&cv);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(gpu_machine_guess_follows_gpu_test_go),
		cmocka_unit_test(gpu_machine_none_fits_is_an_error),
		cmocka_unit_test(overlay_merges_removes_and_replaces),
		cmocka_unit_test(overlay_typo_is_a_warning_with_suggestion),
		cmocka_unit_test(secret_content_stays_out_of_diagnostics),
		cmocka_unit_test(secrets_and_efs_wire_the_task),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
