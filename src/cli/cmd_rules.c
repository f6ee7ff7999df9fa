/*
 * cmd_rules.c - `ecslint rules`: the rule catalogue, as a table or JSON.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>

#include "../core/buf.h"
#include "../engine/config.h"
#include "commands.h"
#include "output.h"

const char ecs_cmd_rules_help[] =
	"usage: ecslint rules [--format text|json] [--select RULES] [-o FILE]\n"
	"\n"
	"Lists every rule: id, name, default severity, whether it is on by\n"
	"default, and a one-line summary.  --select narrows the list (ids, names,\n"
	"id prefixes such as ECS2).  'ecslint explain ID' prints a rule's page.\n"
	"\n"
	"options:\n"
	"  --format FORMAT   text (default) or json (an array of rule objects)\n"
	"  --select RULES    only these rules\n"
	"  -o, --output FILE write the list to FILE instead of stdout\n";

static const char *const tag_names[] = { "input", "compose", "fargate", "cloudformation", "security",
					 "x-aws", "ecslint" };

static bool shown(const struct ecs_options *o, const struct ecs_rule *rule)
{
	if (!o->select.n)
		return true;
	for (size_t i = 0; i < o->select.n; i++)
		if (ecs_selector_matches(o->select.v[i], rule))
			return true;
	return false;
}

static int rules_json(const struct ecs_options *o, struct ecs_buf *out)
{
	cJSON *arr = cJSON_CreateArray();
	char *text;

	if (!arr)
		return -1;
	for (size_t i = 0; i < ecs_rules_count; i++) {
		const struct ecs_rule *r = ecs_rules[i];
		cJSON *obj, *tags, *opts;

		if (!shown(o, r))
			continue;
		obj = cJSON_CreateObject();
		if (!obj || !cJSON_AddItemToArray(arr, obj))
			goto fail;
		cJSON_AddStringToObject(obj, "id", r->id);
		cJSON_AddStringToObject(obj, "name", r->name);
		cJSON_AddStringToObject(obj, "severity", ecs_severity_name(r->severity));
		cJSON_AddBoolToObject(obj, "enabled_by_default", !r->off_by_default);
		cJSON_AddStringToObject(obj, "summary", r->summary);
		cJSON_AddStringToObject(obj, "source_url", r->source_url);
		cJSON_AddStringToObject(obj, "since", r->since);
		tags = cJSON_AddArrayToObject(obj, "tags");
		for (size_t t = 0; tags && t < sizeof(tag_names) / sizeof(tag_names[0]); t++)
			if (r->tags & (1u << t))
				cJSON_AddItemToArray(tags, cJSON_CreateString(tag_names[t]));
		opts = cJSON_AddArrayToObject(obj, "options");
		for (const struct ecs_rule_option *op = r->options; opts && op && op->name; op++) {
			cJSON *oo = cJSON_CreateObject();
			if (!oo || !cJSON_AddItemToArray(opts, oo))
				goto fail;
			cJSON_AddStringToObject(oo, "name", op->name);
			cJSON_AddStringToObject(oo, "summary", op->summary);
		}
	}
	text = cJSON_Print(arr);
	cJSON_Delete(arr);
	if (!text)
		return -1;
	ecs_buf_adds(out, text);
	ecs_buf_addc(out, '\n');
	free(text);
	return 0;
fail:
	cJSON_Delete(arr);
	return -1;
}

static void rules_text(const struct ecs_options *o, struct ecs_buf *out)
{
	ecs_buf_addf(out, "%-7s %-30s %-8s %-3s %s\n", "ID", "NAME", "SEVERITY", "ON", "SUMMARY");
	for (size_t i = 0; i < ecs_rules_count; i++) {
		const struct ecs_rule *r = ecs_rules[i];

		if (shown(o, r))
			ecs_buf_addf(out, "%-7s %-30s %-8s %-3s %s\n", r->id, r->name, ecs_severity_name(r->severity),
				     r->off_by_default ? "off" : "on", r->summary);
	}
}

int ecs_cmd_rules(int argc, char **argv)
{
	struct ecs_options o;
	struct ecs_buf out = ECS_BUF_INIT;
	char err[512];
	int status = 0;

	ecs_options_init(&o);
	if (ecs_options_parse(&o, argc, argv, err, sizeof(err)) != ECS_PARSE_OK ||
	    ecs_selectors_check(&o.select, "--select", err, sizeof(err)) < 0) {
		fprintf(stderr, "ecslint rules: %s\nTry 'ecslint help rules'.\n", err);
		ecs_options_release(&o);
		return 3;
	}
	if (o.help) {
		fputs(ecs_cmd_rules_help, stdout);
	} else if (o.inputs.n) {
		fprintf(stderr, "ecslint rules: takes no FILE (got '%s')\n", o.inputs.v[0]);
		status = 3;
	} else if (o.format == ECS_FORMAT_JSON) {
		if (rules_json(&o, &out) < 0) {
			fprintf(stderr, "ecslint: out of memory\n");
			status = 3;
		}
	} else if (o.format == ECS_FORMAT_TEXT) {
		rules_text(&o, &out);
	} else {
		fprintf(stderr, "ecslint rules: --format must be text or json\n");
		status = 3;
	}
	if (!status && out.data)
		status = ecs_output_write(&o, &out);
	ecs_buf_release(&out);
	ecs_options_release(&o);
	return status;
}
