/*
 * test_schema.c - the embedded schemas, the validator keyword by keyword
 * (each passing and failing), YAML typing, did-you-mean and the choice of
 * the oneOf branch that a failure is reported from.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <dirent.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "../../checks/rules.h"
#include "core/embed.h"
#include "core/run.h"
#include "schema/schema.h"
#include "yaml/yaml_load.h"

/* One validation: the run owning the tree and the findings. */
struct result {
	struct ecs_run run;
	struct ecs_node *root;
};

static struct ecs_schema *compose_schema;

static int open_compose(void **state)
{
	struct ecs_buf err = ECS_BUF_INIT;
	(void)state;
	if (ecs_schema_open(&compose_schema, &err) < 0) {
		fprintf(stderr, "schema: %s\n", err.data);
		return -1;
	}
	ecs_buf_release(&err);
	return 0;
}

static int close_compose(void **state)
{
	(void)state;
	ecs_schema_close(compose_schema);
	return 0;
}

static void load(struct result *r, const char *yaml)
{
	struct ecs_source *src;

	ecs_run_init(&r->run);
	src = ecs_files_add(&r->run.files, &r->run.arena, "t.yaml", yaml, strlen(yaml));
	assert_non_null(src);
	r->root = NULL;
	assert_int_equal(ecs_yaml_load(src, &r->run.arena, &r->run.diags, NULL, &r->root), ECS_YAML_OK);
	assert_int_equal(r->run.diags.n, 0);
}

static void check_with(struct result *r, const struct ecs_schema *s, const char *yaml)
{
	load(r, yaml);
	assert_int_equal(ecs_schema_validate_compose(s, r->root, &r->run.diags, &r->run.arena), 0);
	ecs_diags_finish(&r->run.diags);
}

static void check(struct result *r, const char *yaml)
{
	check_with(r, compose_schema, yaml);
}

static void done(struct result *r)
{
	ecs_run_release(&r->run);
}

/* Asserts finding i: rule, line:col, message and (when given) help and path. */
static void expect(struct result *r, size_t i, const struct ecs_rule *rule, uint32_t line, uint32_t col,
		   const char *message, const char *help, const char *path)
{
	const struct ecs_diag *d;

	assert_true(i < r->run.diags.n);
	d = r->run.diags.v[i];
	if (strcmp(d->message, message) != 0 || d->span.start.line != line || d->span.start.col != col)
		fprintf(stderr, "got %u:%u %s: %s\n", d->span.start.line, d->span.start.col, d->rule->id,
			d->message);
	assert_string_equal(d->rule->id, rule->id);
	assert_string_equal(d->message, message);
	assert_int_equal(d->span.start.line, line);
	assert_int_equal(d->span.start.col, col);
	if (help)
		assert_string_equal(d->help ? d->help : "(none)", help);
	if (path)
		assert_string_equal(d->path ? d->path : "(none)", path);
}

static void expect_clean(const char *yaml)
{
	struct result r;
	check(&r, yaml);
	for (size_t i = 0; i < r.run.diags.n; i++)
		fprintf(stderr, "unexpected: %u:%u %s\n", r.run.diags.v[i]->span.start.line,
			r.run.diags.v[i]->span.start.col, r.run.diags.v[i]->message);
	assert_int_equal(r.run.diags.n, 0);
	done(&r);
}

static void expect_one(const char *yaml, const struct ecs_rule *rule, uint32_t line, uint32_t col,
		       const char *message, const char *help)
{
	struct result r;
	check(&r, yaml);
	for (size_t i = 0; r.run.diags.n != 1 && i < r.run.diags.n; i++)
		fprintf(stderr, "got %u:%u %s\n", r.run.diags.v[i]->span.start.line,
			r.run.diags.v[i]->span.start.col, r.run.diags.v[i]->message);
	assert_int_equal(r.run.diags.n, 1);
	expect(&r, 0, rule, line, col, message, help, NULL);
	done(&r);
}

static void embedded_schemas_parse(void **state)
{
	static const char *const names[] = { "compose.schema.json", "x-aws.schema.json" };
	(void)state;
	for (size_t i = 0; i < 2; i++) {
		const struct ecs_embedded *e = ecs_embedded_find(names[i]);
		cJSON *doc;

		assert_non_null(e);
		assert_int_equal(strlen((const char *)e->data), e->len);
		doc = cJSON_Parse((const char *)e->data);
		assert_non_null(doc);
		assert_true(cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(doc, "definitions")));
		cJSON_Delete(doc);
	}
}

static void printed_schema_is_stable_json(void **state)
{
	struct ecs_buf a = ECS_BUF_INIT, b = ECS_BUF_INIT, err = ECS_BUF_INIT;
	cJSON *doc, *pp;
	(void)state;
	assert_int_equal(ecs_schema_print(&a, &err), 0);
	assert_int_equal(ecs_schema_print(&b, &err), 0);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	doc = cJSON_Parse(a.data);
	assert_non_null(doc);
	/* the x-aws extensions are placed, and unknown ones rejected per level */
	pp = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(doc, "definitions"), "deployment"),
		"patternProperties");
	assert_true(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(pp, "^x-aws-(?!(?:autoscaling)$)")));
	cJSON_Delete(doc);
	ecs_buf_release(&a);
	ecs_buf_release(&b);
	ecs_buf_release(&err);
}

static void valid_files_pass(void **state)
{
	(void)state;
	expect_clean("services:\n"
		     "  web:\n"
		     "    image: nginx\n"
		     "    ports: [\"80:80\", 443, {target: 8080, published: \"8080\", x-aws-protocol: http}]\n"
		     "    environment: {A: 1, B: yes, C: ~, D: true}\n"
		     "    command: [\"nginx\", \"-g\", \"daemon off;\"]\n"
		     "    depends_on: {db: {condition: service_healthy}}\n"
		     "    deploy:\n"
		     "      replicas: 2\n"
		     "      resources: {limits: {cpus: '0.5', memory: 512M}}\n"
		     "      x-aws-autoscaling: {min: 1, max: 4, cpu: 60}\n"
		     "      update_config: {parallelism: 1, x-aws-min_percent: 50}\n"
		     "    tty: yes\n"
		     "    ulimits: {nofile: {soft: 1024, hard: 2048}, nproc: 65535}\n"
		     "    x-aws-policies: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]\n"
		     "    x-custom: {anything: [1, 2]}\n"
		     "  db:\n"
		     "    image: postgres\n"
		     "    healthcheck: {test: [CMD, pg_isready], interval: 10s, retries: 5}\n"
		     "networks: {front: , back: {driver: bridge, x-aws-securitygroup: sg-1}}\n"
		     "volumes: {data: }\n"
		     "secrets: {pw: {file: ./pw.txt, x-aws-keys: ['*']}}\n"
		     "x-aws-vpc: vpc-123\n"
		     "x-aws-logs_retention: 7\n"
		     "version: 3.8\n");
}

static void type_keyword(void **state)
{
	(void)state;
	expect_one("services:\n  web:\n    image: nginx\n    ports: \"80:80\"\n", &ECS102_rule, 4, 12,
		   "'ports' must be a list, not a string", NULL);
	expect_one("services:\n  web:\n    image: 1.5\n", &ECS102_rule, 3, 12,
		   "'image' must be a string, not a number", "quote it (\"1.5\") to make it a string");
	expect_one("x-aws-logs_retention: \"10\"\n", &ECS102_rule, 1, 23,
		   "'x-aws-logs_retention' must be an integer, not a string",
		   "remove the quotes: quoted, '10' is a string");
	expect_one("- a\n", &ECS102_rule, 1, 1, "the top level must be a mapping, not a list", NULL);
	expect_one("services:\n", &ECS102_rule, 1, 1, "'services' must be a mapping, not null", NULL);
}

static void yaml_typing(void **state)
{
	struct ecs_scalar_value v;
	struct result r;
	(void)state;
	/* integral floats are integers; hex is an integer; !!str wins */
	expect_clean("x-aws-logs_retention: 1.0\n");
	expect_clean("x-aws-logs_retention: 0x1F\n");
	expect_one("x-aws-logs_retention: !!str 10\n", &ECS102_rule, 1, 29,
		   "'x-aws-logs_retention' must be an integer, not a string", NULL);
	expect_one("x-aws-logs_retention: 1.5\n", &ECS102_rule, 1, 23,
		   "'x-aws-logs_retention' must be an integer, not a number", NULL);
	/* yes is a string under YAML 1.2; 22:22 too */
	expect_one("x-aws-logs_retention: yes\n", &ECS102_rule, 1, 23,
		   "'x-aws-logs_retention' must be an integer, not a string", NULL);
	load(&r, "[~, null, '', true, False, 12, -3, 0o17, 1e3, .inf, .NaN, 22:22, yes, \"true\", 08]");
	{
		static const enum ecs_scalar_type want[] = {
			ECS_SCALAR_NULL, ECS_SCALAR_NULL, ECS_SCALAR_STRING, ECS_SCALAR_BOOL, ECS_SCALAR_BOOL,
			ECS_SCALAR_INT, ECS_SCALAR_INT, ECS_SCALAR_INT, ECS_SCALAR_FLOAT, ECS_SCALAR_FLOAT,
			ECS_SCALAR_FLOAT, ECS_SCALAR_STRING, ECS_SCALAR_STRING, ECS_SCALAR_STRING, ECS_SCALAR_INT,
		};
		assert_int_equal(r.root->seq.n, sizeof(want) / sizeof(want[0]));
		for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
			assert_true(ecs_scalar_resolve(r.root->seq.items[i], &v));
			assert_int_equal(v.type, want[i]);
		}
		ecs_scalar_resolve(r.root->seq.items[7], &v);
		assert_true(v.number == 15);
		ecs_scalar_resolve(r.root->seq.items[6], &v);
		assert_true(v.number == -3);
	}
	done(&r);
}

static void properties_and_did_you_mean(void **state)
{
	(void)state;
	expect_one("services:\n  web:\n    image: nginx\n    enviroment: {A: b}\n", &ECS101_rule, 4, 5,
		   "unknown attribute 'enviroment' in service 'web'", "did you mean 'environment'?");
	expect_one("services:\n  web:\n    image: nginx\n    deploy: {resources: {limits: {memroy: 1g}}}\n",
		   &ECS101_rule, 4, 35, "unknown attribute 'memroy' in 'deploy.resources.limits' of service 'web'",
		   "did you mean 'memory'?");
	expect_one("services:\n  web:\n    image: nginx\n    net: host\n", &ECS101_rule, 4, 5,
		   "unknown attribute 'net' in service 'web'",
		   "'net' is a legacy Compose v1/v2 attribute: use 'network_mode'");
	expect_one("servces: {}\n", &ECS101_rule, 1, 1, "unknown attribute 'servces' at the top level",
		   "did you mean 'services'?");
	expect_one("services:\n  web:\n    image: nginx\n    zzzzzz: 1\n", &ECS101_rule, 4, 5,
		   "unknown attribute 'zzzzzz' in service 'web'",
		   "remove it, or rename it to 'x-zzzzzz' to keep it as an extension Compose ignores");
}

static void suggest_distance(void **state)
{
	static const char *const words[] = { "environment", "env_file", "entrypoint", "image", "ports" };
	(void)state;
	assert_string_equal(ecs_suggest("enviroment", words, 5), "environment");
	assert_string_equal(ecs_suggest("Image", words, 5), "image");
	assert_string_equal(ecs_suggest("prots", words, 5), "ports");	/* transposition = 1 edit */
	assert_string_equal(ecs_suggest("port", words, 5), "ports");
	assert_null(ecs_suggest("volumes", words, 5));
	assert_null(ecs_suggest("x", words, 5));
	assert_null(ecs_suggest("image", words, 5));	/* the word itself is no suggestion */
}

static void pattern_properties_names(void **state)
{
	(void)state;
	expect_one("services:\n  \"my app\":\n    image: nginx\n", &ECS103_rule, 2, 3, "invalid service name 'my app'",
		   "names may only contain letters, digits, '.', '_' and '-'");
	/* networks has no additionalProperties: false, so a bad name passes, as in Compose */
	expect_clean("networks:\n  \"my net\": {}\n");
	/* in maps of names, x- keys are names, not extensions */
	expect_clean("services:\n  x-web:\n    image: nginx\n");
}

static void required_keyword(void **state)
{
	struct result r;
	(void)state;
	expect_one("services:\n  web:\n    image: nginx\n    depends_on:\n      db: {restart: true}\n", &ECS104_rule, 5,
		   7, "missing required attribute 'condition' in 'depends_on.db' of service 'web'", NULL);
	/* a list item has no key: the finding is on the item */
	check(&r, "services:\n  web:\n    image: nginx\n    volumes:\n      - {source: ./a, target: /a}\n");
	assert_int_equal(r.run.diags.n, 1);
	expect(&r, 0, &ECS104_rule, 5, 9, "missing required attribute 'type' in 'volumes[0]' of service 'web'", NULL,
	       "/services/web/volumes/0");
	done(&r);
	expect_one("services:\n  web:\n    image: nginx\n    deploy: {x-aws-autoscaling: {cpu: 50}}\n", &ECS104_rule,
		   4, 14, "missing required attribute 'max' in 'deploy.x-aws-autoscaling' of service 'web'", NULL);
}

static void enum_keyword(void **state)
{
	(void)state;
	expect_one("services:\n  web:\n    image: nginx\n    depends_on: {db: {condition: service_healty}}\n",
		   &ECS103_rule, 4, 34,
		   "'condition' must be one of 'service_started', 'service_healthy' or "
		   "'service_completed_successfully', not 'service_healty'",
		   "did you mean 'service_healthy'?");
	expect_one("services:\n  web:\n    image: nginx\n    gpus: some\n", &ECS103_rule, 4, 11,
		   "'gpus' must be 'all', not 'some'", NULL);
	expect_clean("services:\n  web:\n    image: nginx\n    gpus: all\n    cgroup: host\n");
}

static void pattern_keyword(void **state)
{
	(void)state;
	expect_one("services:\n  web:\n    image: nginx\n    container_name: \"-\"\n", &ECS103_rule, 4, 21,
		   "'container_name' value '-' does not match the pattern '[a-zA-Z0-9][a-zA-Z0-9_.-]+'", NULL);
	expect_one("services:\n  web:\n    image: nginx\n    pull_policy: sometimes\n", &ECS103_rule, 4, 18,
		   "'pull_policy' value 'sometimes' does not match the pattern "
		   "'always|never|build|if_not_present|missing|refresh|daily|weekly|every_([0-9]+[wdhms])+'",
		   NULL);
	/* a variable's value is unknown until interpolation: not judged; $$ is a literal */
	expect_clean("services:\n  web:\n    image: nginx\n    pull_policy: ${POLICY}\n    ports: [{target: 80, x-aws-protocol: $PROTO}]\n");
	expect_one("services:\n  web:\n    image: nginx\n    pull_policy: $$x\n", &ECS103_rule, 4, 18,
		   "'pull_policy' value '$$x' does not match the pattern "
		   "'always|never|build|if_not_present|missing|refresh|daily|weekly|every_([0-9]+[wdhms])+'",
		   NULL);
	/* unanchored, as in Compose: a search */
	expect_clean("services:\n  web:\n    image: nginx\n    pull_policy: every_12h\n    container_name: _web1\n");
}

static void range_keywords(void **state)
{
	(void)state;
	expect_one("services:\n  web:\n    image: nginx\n    oom_score_adj: -1001\n", &ECS103_rule, 4, 20,
		   "'oom_score_adj' must be at least -1000, not -1001", NULL);
	expect_clean("services:\n  web:\n    image: nginx\n    oom_score_adj: -1000\n    cpu_percent: \"150\"\n");
}

static void unique_items_keyword(void **state)
{
	struct result r;
	(void)state;
	check(&r, "services:\n  web:\n    image: nginx\n    cap_add: [NET_ADMIN, SYS_TIME, NET_ADMIN]\n");
	assert_int_equal(r.run.diags.n, 1);
	expect(&r, 0, &ECS103_rule, 4, 36, "item 2 of 'cap_add' repeats item 0 ('NET_ADMIN')", NULL,
	       "/services/web/cap_add/2");
	assert_int_equal(r.run.diags.v[0]->n_related, 1);
	assert_int_equal(r.run.diags.v[0]->related[0].span.start.col, 15);
	done(&r);
	/* 80 and "80" are different JSON values; equal mappings in another key order are equal */
	expect_clean("services:\n  web:\n    image: nginx\n    ports: [80, \"80\"]\n");
	{
		/* long mappings take the sorted path */
		struct ecs_buf y = ECS_BUF_INIT;
		ecs_buf_adds(&y, "x-l: [{");
		for (int i = 0; i < 40; i++)
			ecs_buf_addf(&y, "%sk%d: %d", i ? ", " : "", i, i);
		ecs_buf_adds(&y, "}, {");
		for (int i = 39; i >= 0; i--)
			ecs_buf_addf(&y, "k%d: %d%s", i, i, i ? ", " : "");
		ecs_buf_adds(&y, "}]\n");
		{
			static const char schema[] = "{\"properties\": {\"x-l\": {\"uniqueItems\": true}}}";
			struct ecs_buf err = ECS_BUF_INIT;
			struct ecs_schema *s;
			assert_int_equal(ecs_schema_open_json(&s, schema, &err), 0);
			check_with(&r, s, y.data);
			assert_int_equal(r.run.diags.n, 1);
			assert_string_equal(r.run.diags.v[0]->message, "item 1 of 'x-l' repeats item 0 (a mapping)");
			done(&r);
			y.data[y.len - 4] = '9';	/* k0: 9 in the second mapping: no longer equal */
			check_with(&r, s, y.data);
			assert_int_equal(r.run.diags.n, 0);
			done(&r);
			ecs_schema_close(s);
		}
		ecs_buf_release(&y);
	}
	expect_one("services:\n  web:\n    image: nginx\n    ports: [{target: 1, published: 2}, {published: 2, target: 1}]\n",
		   &ECS103_rule, 4, 40, "item 1 of 'ports' repeats item 0 (a mapping)", NULL);
}

static void items_keyword(void **state)
{
	(void)state;
	expect_one("services:\n  web:\n    image: nginx\n    cap_add: [NET_ADMIN, 12]\n", &ECS102_rule, 4, 26,
		   "item 1 of 'cap_add' must be a string, not an integer", NULL);
	expect_one("services:\n  web:\n    image: nginx\n    ports: [[80]]\n", &ECS102_rule, 4, 13,
		   "item 0 of 'ports' must be a string, a number or a mapping, not a list", NULL);
}

static void one_of_picks_the_meant_branch(void **state)
{
	(void)state;
	/* the integer branch, not "must be a string" */
	expect_one("services:\n  web:\n    image: nginx\n    cpu_percent: 150\n", &ECS103_rule, 4, 18,
		   "'cpu_percent' must be at most 100, not 150", NULL);
	/* a mapping in ports: the long-syntax branch reports its own unknown key */
	expect_one("services:\n  web:\n    image: nginx\n    ports:\n      - target: 80\n        publised: 8080\n",
		   &ECS101_rule, 6, 9, "unknown attribute 'publised' in 'ports[0]' of service 'web'",
		   "did you mean 'published'?");
	/* build as a mapping */
	expect_one("services:\n  web:\n    build: {contxt: .}\n", &ECS101_rule, 3, 13,
		   "unknown attribute 'contxt' in 'build' of service 'web'", "did you mean 'context'?");
	/* list_or_dict: a mapping value of the wrong type */
	expect_one("services:\n  web:\n    image: nginx\n    environment: {A: [1]}\n", &ECS102_rule, 4, 22,
		   "'A' must be a string, a number, a boolean or null, not a list", NULL);
	/* no branch takes the type: one message naming all forms */
	expect_one("services:\n  web:\n    image: nginx\n    command: 12\n", &ECS102_rule, 4, 14,
		   "'command' must be a string, a list or null, not an integer", NULL);
}

static void all_of_and_ref(void **state)
{
	(void)state;
	expect_one("services:\n  web:\n    image: nginx\n    deploy:\n      resources:\n        reservations:\n"
		   "          devices:\n            - {count: 1}\n",
		   &ECS104_rule, 8, 15,
		   "missing required attribute 'capabilities' in 'deploy.resources.reservations.devices[0]' "
		   "of service 'web'",
		   NULL);
	expect_one("services:\n  web:\n    image: nginx\n    healthcheck: {interval: 10}\n", &ECS102_rule, 4, 29,
		   "'interval' must be a string, not an integer", "quote it (\"10\") to make it a string");
}

static void x_aws_extensions(void **state)
{
	(void)state;
	expect_one("services:\n  web:\n    image: nginx\n    deploy:\n      x-aws-autoscalling: {max: 2}\n",
		   &ECS501_rule, 5, 7, "unknown extension 'x-aws-autoscalling' in 'deploy' of service 'web'",
		   "did you mean 'x-aws-autoscaling'?");
	expect_one("services:\n  web:\n    image: nginx\n    x-aws-autoscaling: {max: 2}\n", &ECS501_rule, 4, 5,
		   "unknown extension 'x-aws-autoscaling' in service 'web'",
		   "the ECS integration reads 'x-aws-autoscaling' in a service's 'deploy', not here: move it");
	expect_one("x-aws-clustr: prod\n", &ECS501_rule, 1, 1, "unknown extension 'x-aws-clustr' at the top level",
		   "did you mean 'x-aws-cluster'?");
	expect_one("services:\n  web:\n    image: nginx\n    healthcheck: {x-aws-foo: 1}\n", &ECS501_rule, 4, 19,
		   "unknown extension 'x-aws-foo' in 'healthcheck' of service 'web'",
		   "the ECS integration reads no such extension and ignores it; other x- keys are free, "
		   "but x-aws- is reserved for its extensions");
	expect_one("services:\n  web:\n    image: nginx\n    deploy: {x-aws-autoscaling: {max: 2, mem: 50}}\n",
		   &ECS101_rule, 4, 42, "unknown attribute 'mem' in 'deploy.x-aws-autoscaling' of service 'web'",
		   "did you mean 'memory'?");
	expect_one("services:\n  web:\n    image: nginx\n    ports: [{target: 80, x-aws-protocol: tcp}]\n",
		   &ECS103_rule, 4, 42, "'x-aws-protocol' must be one of 'http' or 'https', not 'tcp'", NULL);
}

static void aliases_and_keys(void **state)
{
	struct result r;
	(void)state;
	/* a merged mapping is validated where the anchor wrote it */
	expect_one("x-base: &base\n  imag: nginx\nservices:\n  web:\n    <<: *base\n", &ECS101_rule, 2, 3,
		   "unknown attribute 'imag' in service 'web'", "did you mean 'image'?");
	/* an alias value of the wrong type: on the alias, with the anchor as related location */
	check(&r, "x-p: &p \"80:80\"\nservices:\n  web:\n    image: nginx\n    ports: *p\n");
	assert_int_equal(r.run.diags.n, 1);
	assert_int_equal(r.run.diags.n, 1);
	assert_string_equal(r.run.diags.v[0]->message, "'ports' must be a list, not a string");
	assert_string_equal(r.run.diags.v[0]->path, "/services/web/ports");
	assert_int_equal(r.run.diags.v[0]->span.start.line, 5);
	assert_int_equal(r.run.diags.v[0]->span.start.col, 12);	/* the `*p` as written */
	assert_int_equal(r.run.diags.v[0]->n_related, 1);
	assert_int_equal(r.run.diags.v[0]->related[0].span.start.line, 1);
	done(&r);
	/* JSON-pointer escapes in paths */
	check(&r, "services:\n  web:\n    image: nginx\n    labels: {\"a/b~c\": [1]}\n");
	assert_int_equal(r.run.diags.n, 1);
	assert_string_equal(r.run.diags.v[0]->path, "/services/web/labels/a~1b~0c");
	done(&r);
	/* !reset removes the key before Compose validates; !override validates normally */
	expect_clean("services:\n  web:\n    image: !reset null\n    ports: !reset []\n    build: .\n");
	expect_one("services:\n  web:\n    image: nginx\n    ports: !override \"80:80\"\n", &ECS102_rule, 4, 22,
		   "'ports' must be a list, not a string", NULL);
	expect_one("services:\n  web:\n    image: nginx\n    depends_on: {db: {condition: !reset null}}\n", &ECS104_rule,
		   4, 18, "missing required attribute 'condition' in 'depends_on.db' of service 'web'", NULL);
	expect_one("services:\n  web:\n    image: nginx\n    environment: {1: a}\n", &ECS102_rule, 4, 19,
		   "key '1' in 'environment' of service 'web' must be a string", "quote it: \"1\"");
}

/* Keywords the Compose schema does not use, through a schema of our own. */
static void other_keywords(void **state)
{
	static const char schema[] =
		"{\"type\": \"object\", \"properties\": {"
		"\"c\": {\"const\": \"fixed\"},"
		"\"s\": {\"type\": \"string\", \"minLength\": 2, \"maxLength\": 3, \"pattern\": \"^a.*$\"},"
		"\"l\": {\"type\": \"array\", \"minItems\": 1, \"maxItems\": 2},"
		"\"e\": {\"type\": \"number\", \"exclusiveMinimum\": 0, \"exclusiveMaximum\": 10},"
		"\"any\": {\"anyOf\": [{\"type\": \"integer\"}, {\"type\": \"number\", \"minimum\": 5}]},"
		"\"alt\": {\"pattern\": \"^ab|cd\"}, \"opt\": {\"pattern\": \"^xab?c\"}, \"cls\": {\"pattern\": \"^x[|]y\"}"
		"}}";
	struct ecs_buf err = ECS_BUF_INIT;
	struct ecs_schema *s;
	struct result r;
	(void)state;
	assert_int_equal(ecs_schema_open_json(&s, schema, &err), 0);
	check_with(&r, s, "c: fixed\ns: aéb\nl: [1, 2]\ne: 9.5\nany: 3\nalt: zcd\nopt: xac\ncls: x|y\n");
	assert_int_equal(r.run.diags.n, 0);
	done(&r);
	/* the literal-prefix shortcut must agree with the regex */
	check_with(&r, s, "alt: zab\nopt: xbc\ncls: xy\n");
	assert_int_equal(r.run.diags.n, 3);
	done(&r);
	check_with(&r, s, "c: other\ns: |\n  a\nl: []\ne: 0\nany: 2.5\n");
	assert_int_equal(r.run.diags.n, 5);
	expect(&r, 0, &ECS103_rule, 1, 4, "'c' must be 'fixed', not 'other'", NULL, "/c");
	/* `$` does not match before a final newline (ECMA-262), and "a\n" is 2 characters */
	expect(&r, 1, &ECS103_rule, 3, 1, "'s' value 'a...' does not match the pattern '^a.*$'", NULL, NULL);
	expect(&r, 2, &ECS103_rule, 4, 4, "'l' must have at least 1 item, not 0", NULL, NULL);
	expect(&r, 3, &ECS103_rule, 5, 4, "'e' must be greater than 0, not 0", NULL, NULL);
	expect(&r, 4, &ECS103_rule, 6, 6, "'any' must be at least 5, not 2.5", NULL, NULL);
	done(&r);
	check_with(&r, s, "s: abcd\nl: [1, 2, 3]\ne: 10\n");
	assert_int_equal(r.run.diags.n, 3);
	expect(&r, 0, &ECS103_rule, 1, 4, "'s' must be at most 3 characters long, not 4", NULL, NULL);
	expect(&r, 1, &ECS103_rule, 2, 4, "'l' must have at most 2 items, not 3", NULL, NULL);
	expect(&r, 2, &ECS103_rule, 3, 4, "'e' must be less than 10, not 10", NULL, NULL);
	done(&r);
	ecs_schema_close(s);
	/* unsupported keywords and bad patterns are refused, not ignored */
	assert_int_equal(ecs_schema_open_json(&s, "{\"not\": {}}", &err), -1);
	assert_non_null(strstr(err.data, "not is not supported"));
	ecs_buf_reset(&err);
	assert_int_equal(ecs_schema_open_json(&s, "{\"pattern\": \"(\"}", &err), -1);
	assert_non_null(strstr(err.data, "does not compile"));
	ecs_buf_release(&err);
}

static void large_file_is_linear(void **state)
{
	struct ecs_buf y = ECS_BUF_INIT;
	struct result r;
	(void)state;
	ecs_buf_adds(&y, "services:\n");
	for (int i = 0; i < 20000; i++)
		ecs_buf_addf(&y, "  s%d:\n    image: nginx\n    ports: [\"80:80\", {target: 443}]\n"
			     "    environment: {A: \"1\"}\n    deploy: {resources: {limits: {cpus: \"0.5\"}}}\n"
			     "    enviroment: {}\n", i);
	check(&r, y.data);
	assert_int_equal(r.run.diags.n, 20000);
	done(&r);
	ecs_buf_release(&y);
}

/* Every Compose file of the shared corpus is valid Compose: no ECS101-104 may fire. */
static size_t check_corpus_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		char path[4096];
		struct stat sb;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &sb) < 0)
			continue;
		if (S_ISDIR(sb.st_mode)) {
			n += check_corpus_dir(path);
		} else if (strstr(e->d_name, "compose") &&
			   (strstr(e->d_name, ".yaml") || strstr(e->d_name, ".yml"))) {
			struct ecs_run run;
			struct ecs_source *src;
			struct ecs_node *root = NULL;

			ecs_run_init(&run);
			src = ecs_run_read(&run, path, path);
			assert_non_null(src);
			ecs_yaml_load(src, &run.arena, &run.diags, NULL, &root);
			assert_int_equal(ecs_schema_validate_compose(compose_schema, root, &run.diags, &run.arena), 0);
			for (size_t i = 0; i < run.diags.n; i++) {
				const struct ecs_diag *g = run.diags.v[i];
				fprintf(stderr, "%s:%u:%u: %s %s\n", path, g->span.start.line, g->span.start.col,
					g->rule->id, g->message);
			}
			assert_int_equal(run.diags.n, 0);
			ecs_run_release(&run);
			n++;
		}
	}
	closedir(d);
	return n;
}

static void corpus_has_no_false_errors(void **state)
{
	struct stat sb;
	(void)state;
	if (stat(ECSLINT_SOURCE_DIR "/../shared/corpus", &sb) < 0)
		skip();
	assert_true(check_corpus_dir(ECSLINT_SOURCE_DIR "/../shared/corpus") >= 39);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(embedded_schemas_parse),
		cmocka_unit_test(printed_schema_is_stable_json),
		cmocka_unit_test(valid_files_pass),
		cmocka_unit_test(type_keyword),
		cmocka_unit_test(yaml_typing),
		cmocka_unit_test(properties_and_did_you_mean),
		cmocka_unit_test(suggest_distance),
		cmocka_unit_test(pattern_properties_names),
		cmocka_unit_test(required_keyword),
		cmocka_unit_test(enum_keyword),
		cmocka_unit_test(pattern_keyword),
		cmocka_unit_test(range_keywords),
		cmocka_unit_test(unique_items_keyword),
		cmocka_unit_test(items_keyword),
		cmocka_unit_test(one_of_picks_the_meant_branch),
		cmocka_unit_test(all_of_and_ref),
		cmocka_unit_test(x_aws_extensions),
		cmocka_unit_test(aliases_and_keys),
		cmocka_unit_test(other_keywords),
		cmocka_unit_test(large_file_is_linear),
		cmocka_unit_test(corpus_has_no_false_errors),
	};
	return cmocka_run_group_tests(tests, open_compose, close_compose);
}
