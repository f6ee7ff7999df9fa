/*
 * test_model.c - the model builder on small projects: normalised fields,
 * sorted views and lookups, diagnostics at exact positions, wrong types
 * skipped without a crash, and the build staying linear on a large file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "rules.h"
#include "cli/options.h"
#include "compose/project.h"
#include "model/build_internal.h"
#include "model/model.h"
#include "model/model_json.h"

struct fixture {
	struct ecs_run run;
	struct ecs_options opts;
	struct ecs_project *p;
};

static double build_ms;

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static struct ecs_project *build(struct fixture *f, const char *yaml)
{
	struct ecs_project_input in;
	double t0;

	ecs_run_init(&f->run);
	ecs_options_init(&f->opts);
	f->opts.project_name = "proj";
	f->opts.project_directory = "/work";
	assert_int_equal(ecs_project_load_text(&f->run, &f->opts, "compose.yaml", yaml, strlen(yaml), &in), 0);
	assert_non_null(in.root);
	f->p = NULL;
	t0 = now_ms();
	assert_int_equal(ecs_model_build(&f->run, &in, &f->p), 0);
	build_ms = now_ms() - t0;
	assert_non_null(f->p);
	ecs_diags_finish(&f->run.diags);
	return f->p;
}

static void release(struct fixture *f)
{
	ecs_run_release(&f->run);
	ecs_options_release(&f->opts);
}

/* "ECS103 3:14-3:18" for each diagnostic, one per line. */
static void diags_text(const struct fixture *f, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < f->run.diags.n && used < len; i++) {
		const struct ecs_diag *d = f->run.diags.v[i];
		used += (size_t)snprintf(buf + used, len - used, "%s %u:%u-%u:%u\n", d->rule->id, d->span.start.line,
					 d->span.start.col, d->span.end.line, d->span.end.col);
	}
}

static void tables_sorted(void **state)
{
	(void)state;
	assert_true(ecs_model_tables_sorted());
}

static void services_and_lookups(void **state)
{
	struct fixture f;
	const struct ecs_service *s;
	(void)state;

	build(&f, "services:\n"
		  "  web:\n"
		  "    image: nginx\n"
		  "    environment:\n"
		  "      B: 2\n"
		  "      A: x\n"
		  "      C:\n"
		  "  api:\n"
		  "    image: api\n"
		  "    environment: [Z=1, A=first, A=second, BARE]\n"
		  "    network_mode: host\n");
	assert_int_equal(f.p->n_services, 2);
	assert_string_equal(f.p->services[0].name, "web");
	assert_string_equal(f.p->services_sorted[0]->name, "api");
	s = ecs_project_service(f.p, "web");
	assert_non_null(s);
	assert_string_equal(s->image.v, "nginx");
	assert_int_equal(s->image.span.start.line, 3);
	assert_int_equal(s->image.span.start.col, 12);
	assert_null(ecs_project_service(f.p, "nope"));
	assert_int_equal(s->environment.n_sorted, 3);
	assert_string_equal(s->environment.sorted[0]->key.v, "A");
	assert_string_equal(s->environment.sorted[1]->value.v, "2");
	assert_false(s->environment.sorted[2]->has_value);
	assert_true(s->default_network);
	s = ecs_project_service(f.p, "api");
	assert_true(s->environment.list_form);
	assert_int_equal(s->environment.n, 4);
	assert_int_equal(s->environment.n_sorted, 3);
	assert_string_equal(ecs_kvs_get(&s->environment, "A")->value.v, "second");
	/* the key part of "A=first" is located inside the flow item */
	assert_int_equal(s->environment.v[1].key.span.start.col, 24);
	assert_int_equal(s->environment.v[1].key.span.end.col, 25);
	assert_false(s->default_network);
	assert_int_equal(s->n_networks, 0);
	/* the implicit default network exists because web needs it */
	assert_int_equal(f.p->n_networks, 1);
	assert_true(f.p->networks[0].implicit);
	assert_string_equal(ecs_project_network(f.p, "default")->effective_name, "proj_default");
	release(&f);
}

static void ports_normalised(void **state)
{
	struct fixture f;
	const struct ecs_service *s;
	char d[512];
	(void)state;

	s = build(&f, "services:\n"
		      "  web:\n"
		      "    ports:\n"
		      "      - 22:22\n"
		      "      - \"127.0.0.1:8080:80/UDP\"\n"
		      "      - \"99-101:99-101\"\n"
		      "      - 0x50\n"
		      "      - target: 443\n"
		      "        published: \"8443\"\n"
		      "        x-aws-protocol: https\n"
		      "      - \"8080:80/tcpp\"\n"
		      "      - [not, a, port]\n")->services;
	/* 22:22, 8080:80, three from the range, 80, 443, the invalid one */
	assert_int_equal(s->n_ports, 8);
	assert_int_equal(s->ports[0].target, 22);
	assert_string_equal(s->ports[0].published.v, "22");
	assert_int_equal(s->ports[1].target, 80);
	assert_string_equal(s->ports[1].host_ip.v, "127.0.0.1");
	assert_int_equal(s->ports[1].host_ip.span.start.col, 10);
	assert_int_equal(s->ports[1].published.span.start.col, 20);
	assert_string_equal(s->ports[1].effective_protocol, "udp");
	assert_string_equal(s->ports[1].protocol.v, "UDP");
	/* Compose orders a range by the text "port/proto": 100, 101, 99 */
	assert_int_equal(s->ports[2].target, 100);
	assert_int_equal(s->ports[3].target, 101);
	assert_int_equal(s->ports[4].target, 99);
	assert_string_equal(s->ports[4].published.v, "99");
	assert_true(s->ports[2].from_range);
	assert_int_equal(s->ports[5].target, 80);
	assert_true(s->ports[5].from_integer);
	assert_true(s->ports[6].long_syntax);
	assert_int_equal(s->ports[6].published_start, 8443);
	assert_string_equal(s->ports[6].x_aws_protocol.v, "https");
	assert_false(s->ports[7].valid);
	diags_text(&f, d, sizeof(d));
	assert_string_equal(d, "ECS113 4:9-4:14\nECS103 11:18-11:22\n");
	assert_string_equal(f.run.diags.v[0]->path, "/services/web/ports/0");
	assert_string_equal(f.run.diags.v[1]->path, "/services/web/ports/5");
	/* the sexagesimal fix quotes the scalar */
	assert_non_null(f.run.diags.v[0]->fix);
	assert_string_equal(f.run.diags.v[0]->fix->edits[0].text, "\"22:22\"");
	release(&f);
}

static void volumes_refs_deploy(void **state)
{
	struct fixture f;
	const struct ecs_service *s;
	(void)state;

	s = build(&f, "services:\n"
		      "  db:\n"
		      "    volumes:\n"
		      "      - ./data:/data/:ro\n"
		      "      - db:/var/lib/db\n"
		      "      - type: tmpfs\n"
		      "        target: /tmp\n"
		      "        tmpfs: {size: 64m}\n"
		      "    secrets: [token, {source: cert, target: tls.pem, mode: \"0440\"}]\n"
		      "    configs: [conf]\n"
		      "    depends_on: {cache: {condition: service_healthy, required: false}}\n"
		      "    healthcheck: {test: curl -f x, interval: 1m30s, retries: \"3\"}\n"
		      "    command: sh -c 'a && b' && echo dropped\n"
		      "    deploy:\n"
		      "      replicas: 2\n"
		      "      resources:\n"
		      "        limits: {cpus: '0.5', memory: 2048M}\n"
		      "        reservations:\n"
		      "          devices: [{capabilities: [gpu], count: 2}, {capabilities: [gpu]}]\n"
		      "      update_config: {parallelism: 1, x-aws-min_percent: 50}\n"
		      "      x-aws-autoscaling: {min: 1, max: 3, cpu: 75}\n"
		      "    ulimits: {nofile: 65535, nproc: {soft: 1, hard: 2}}\n"
		      "    x-aws-policies: [arn:aws:iam::aws:policy/X]\n"
		      "volumes:\n"
		      "  db:\n"
		      "    external: true\n")->services;
	assert_int_equal(s->n_volumes, 3);
	assert_int_equal(s->volumes[0].type, ECS_MOUNT_BIND);
	assert_string_equal(s->volumes[0].target_clean, "/data");
	assert_true(s->volumes[0].read_only.v);
	assert_int_equal(s->volumes[1].type, ECS_MOUNT_VOLUME);
	assert_string_equal(s->volumes[1].source.v, "db");
	assert_int_equal(s->volumes[1].source.span.start.col, 9);
	assert_int_equal(s->volumes[2].type, ECS_MOUNT_TMPFS);
	assert_int_equal(s->volumes[2].tmpfs_size.v, 64 << 20);
	assert_int_equal(s->n_secrets, 2);
	assert_string_equal(s->secrets[0].effective_target, "/run/secrets/token");
	assert_string_equal(s->secrets[1].effective_target, "/run/secrets/tls.pem");
	assert_int_equal(s->secrets[1].mode.v, 0440);
	assert_string_equal(s->configs[0].effective_target, "/conf");
	assert_string_equal(s->depends_on[0].effective_condition, "service_healthy");
	assert_false(s->depends_on[0].required.v);
	assert_string_equal(s->healthcheck->test.v[0].v, "CMD-SHELL");
	assert_false(s->healthcheck->test.v[0].present);
	assert_string_equal(s->healthcheck->test.v[1].v, "curl -f x");
	assert_int_equal(s->healthcheck->interval.v, 90000000000LL);
	assert_int_equal(s->healthcheck->retries.v, 3);
	assert_int_equal(s->command.argv.n, 3);
	assert_string_equal(s->command.argv.v[2].v, "a && b");
	assert_true(s->command.truncated);
	assert_int_equal(s->command.dropped_span.start.col, 29);
	assert_int_equal(s->deploy->replicas.v, 2);
	assert_int_equal(s->deploy->limits->cpus.millis, 500);
	assert_int_equal(s->deploy->limits->memory.v, 2048LL << 20);
	assert_int_equal(s->deploy->reservations->n_devices, 2);
	assert_int_equal(s->deploy->reservations->devices[0].effective_count, 2);
	assert_int_equal(s->deploy->reservations->devices[1].effective_count, -1);
	assert_int_equal(s->deploy->update_config->x_aws_min_percent.v, 50);
	assert_int_equal(s->deploy->x_aws_autoscaling->max.v, 3);
	assert_int_equal(s->n_ulimits, 2);
	assert_true(s->ulimits[0].single);
	assert_int_equal(s->ulimits[0].hard.v, 65535);
	assert_int_equal(s->ulimits[1].hard.v, 2);
	assert_int_equal(s->x_aws_policies.n, 1);
	assert_string_equal(ecs_project_volume(f.p, "db")->effective_name, "db");
	assert_int_equal(f.run.diags.n, 0);
	release(&f);
}

static void yaml11_booleans(void **state)
{
	struct fixture f;
	char d[512];
	(void)state;

	build(&f, "services:\n"
		  "  web:\n"
		  "    restart: no\n"
		  "    tty: yes\n"
		  "    environment: {A: On, B: \"yes\", C: true}\n"
		  "    labels: [x=yes]\n");
	diags_text(&f, d, sizeof(d));
	/* tty is a boolean attribute: Compose casts it, not this rule's case */
	assert_string_equal(d, "ECS114 3:14-3:16\nECS114 5:22-5:24\n");
	assert_true(f.p->services[0].other->tty.v);
	assert_true(f.p->services[0].other->tty.yaml11);
	assert_string_equal(f.run.diags.v[1]->fix->edits[0].text, "\"On\"");
	release(&f);
}

static void wrong_types_are_skipped(void **state)
{
	struct fixture f;
	const struct ecs_service *s;
	(void)state;

	s = build(&f, "services:\n"
		      "  web:\n"
		      "    image: {a: b}\n"
		      "    ports: {a: b}\n"
		      "    volumes: [[x], 12, null]\n"
		      "    environment: 12\n"
		      "    deploy: [1]\n"
		      "    healthcheck: {test: {x: y}, interval: [1]}\n"
		      "    command: {x: y}\n"
		      "    depends_on: 3\n"
		      "    networks: [a, [b]]\n"
		      "    ulimits: [1]\n"
		      "    secrets: [{target: x}]\n"
		      "  other: 12\n"
		      "networks: [x]\n"
		      "volumes: 3\n"
		      "x-aws-logs_retention: \"10\"\n")->services;
	assert_false(s->image.present);
	assert_int_equal(s->n_ports, 0);
	assert_int_equal(s->n_volumes, 0);
	assert_false(s->environment.present);
	assert_false(s->deploy->present);
	assert_true(s->healthcheck->present);
	assert_false(s->healthcheck->test.present);
	assert_false(s->command.argv.present);
	assert_int_equal(s->n_networks, 1);
	assert_int_equal(s->n_secrets, 0);
	assert_null(f.p->services[1].node);
	/* x-aws-* integers are not cast from strings: the ECS code wanted an int */
	assert_true(f.p->x_aws_logs_retention.present);
	assert_false(f.p->x_aws_logs_retention.valid);
	assert_int_equal(f.run.diags.n, 0);
	release(&f);
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void environment_merges_env_files(void **state)
{
	char dir[] = "/tmp/ecslint-model-XXXXXX", d[512];
	char *env[] = { "FROM_OS=os-value", NULL };
	struct fixture f;
	const struct ecs_kvs *e;
	(void)state;

	assert_non_null(mkdtemp(dir));
	write_file(dir, "common.env", "OVERRIDE=from-common\nSHARED=common\nDROPPED=gone\nREF=\"${FROM_OS}-ref\"\n");
	write_file(dir, "app.env", "export SHARED=app\nFROM_OS=file-wins-for-the-container\n");
	ecs_run_init(&f.run);
	ecs_options_init(&f.opts);
	f.opts.project_name = "proj";
	f.opts.project_directory = dir;
	f.opts.envp = env;
	{
		static const char yaml[] = "services:\n"
					   "  app:\n"
					   "    env_file: [common.env, {path: none.env, required: false}, app.env]\n"
					   "    environment: [OVERRIDE=compose, FROM_OS, NOT_SET, DROPPED]\n"
					   "  other:\n"
					   "    env_file: common.env\n"
					   "  broken:\n"
					   "    env_file: missing.env\n";
		struct ecs_project_input in;
		assert_int_equal(ecs_project_load_text(&f.run, &f.opts, "compose.yaml", yaml, strlen(yaml), &in), 0);
		assert_int_equal(ecs_model_build(&f.run, &in, &f.p), 0);
		ecs_diags_finish(&f.run.diags);
	}
	e = &f.p->services[0].effective_environment;
	assert_int_equal(e->n_sorted, 4);
	assert_string_equal(e->sorted[0]->key.v, "FROM_OS");
	/* environment's bare key takes the project value over the file's */
	assert_string_equal(e->sorted[0]->value.v, "os-value");
	assert_string_equal(ecs_kvs_get(e, "OVERRIDE")->value.v, "compose");
	assert_true(ecs_kvs_get(e, "OVERRIDE")->value.present);
	assert_string_equal(ecs_kvs_get(e, "SHARED")->value.v, "app");
	assert_false(ecs_kvs_get(e, "SHARED")->value.present);
	assert_string_equal(ecs_kvs_get(e, "REF")->value.v, "os-value-ref");
	assert_null(ecs_kvs_get(e, "DROPPED"));
	assert_null(ecs_kvs_get(e, "NOT_SET"));
	/* located at the env_file item that brought it */
	assert_int_equal(ecs_kvs_get(e, "SHARED")->span.start.line, 3);
	assert_int_equal(f.p->services[1].effective_environment.n_sorted, 4);
	diags_text(&f, d, sizeof(d));
	assert_string_equal(d, "ECS103 8:15-8:26\n");
	release(&f);
	snprintf(d, sizeof(d), "rm -rf '%s'", dir);
	assert_int_equal(system(d), 0);
}

static void durations_print_as_go(void **state)
{
	char buf[48];
	(void)state;
	assert_string_equal(ecs_duration_format(0, buf, sizeof(buf)), "0s");
	assert_string_equal(ecs_duration_format(90000000000LL, buf, sizeof(buf)), "1m30s");
	assert_string_equal(ecs_duration_format(3600000000000LL, buf, sizeof(buf)), "1h0m0s");
	assert_string_equal(ecs_duration_format(500000000LL, buf, sizeof(buf)), "500ms");
	assert_string_equal(ecs_duration_format(1500LL, buf, sizeof(buf)), "1.5\xc2\xb5s");
	assert_string_equal(ecs_duration_format(-2000000001LL, buf, sizeof(buf)), "-2.000000001s");
	assert_string_equal(ecs_duration_format(INT64_MAX, buf, sizeof(buf)), "2562047h47m16.854775807s");
}

static void large_file_builds_linearly(void **state)
{
	struct fixture f;
	struct ecs_buf yaml = ECS_BUF_INIT;
	double t0, ms;
	(void)state;

	ecs_buf_adds(&yaml, "services:\n");
	for (int i = 0; i < 20000; i++)
		ecs_buf_addf(&yaml,
			     "  svc%d:\n    image: nginx:%d\n    ports: [\"%d:80\"]\n    environment: {A: \"1\", B: x}\n"
			     "    volumes: [\"data:/data\"]\n    deploy: {resources: {limits: {cpus: '0.5', memory: 512m}}}\n",
			     i, i, 10000 + i % 50000);
	ecs_buf_adds(&yaml, "volumes:\n  data:\n");
	t0 = now_ms();
	build(&f, yaml.data);
	ms = now_ms() - t0;
	print_message("20000 services: loaded and built in %.1f ms CPU, of which the model build %.1f ms\n", ms,
		      build_ms);
	assert_int_equal(f.p->n_services, 20000);
	assert_non_null(ecs_project_service(f.p, "svc19999"));
	/* generous bounds for sanitizer builds; a quadratic build takes minutes */
	assert_true(ms < 10000);
	assert_true(build_ms < 2000);
	release(&f);
	ecs_buf_release(&yaml);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tables_sorted),
		cmocka_unit_test(services_and_lookups),
		cmocka_unit_test(ports_normalised),
		cmocka_unit_test(volumes_refs_deploy),
		cmocka_unit_test(yaml11_booleans),
		cmocka_unit_test(wrong_types_are_skipped),
		cmocka_unit_test(environment_merges_env_files),
		cmocka_unit_test(durations_print_as_go),
		cmocka_unit_test(large_file_builds_linearly),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
