/*
 * cmd_config.c - `ecslint config`: the project as ecslint understands it
 * (interpolated, merged, normalised), printed like `docker compose config`,
 * so users see exactly what the rules and the converter read.
 *
 * The model becomes a cJSON tree (src/model/model_json.c); JSON output is
 * cJSON's printer, YAML output is libfyaml's document emitter.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libfyaml.h>

#include "../model/model.h"
#include "../model/model_json.h"
#include "../model/quantity.h"
#include "../model/shortsyntax.h"
#include "../pipeline/lint.h"
#include "../report/report.h"
#include "commands.h"
#include "output.h"

const char ecs_cmd_config_help[] =
	"usage: ecslint config [-f FILE]... [--format yaml|json] [-o FILE] [FILE...]\n"
	"\n"
	"Prints the Compose project the way ecslint reads it: variables\n"
	"interpolated, files merged, short syntax expanded to long syntax and\n"
	"Compose's defaults filled in, like `docker compose config`.  Keys and\n"
	"names are sorted, so the output is the same on every run.  Several files\n"
	"form one project, later ones overriding earlier ones.  With no file,\n"
	"COMPOSE_FILE, else the first of compose.yaml, compose.yml,\n"
	"docker-compose.yml and docker-compose.yaml in the project directory or a\n"
	"parent, plus its override file, is read.\n"
	"\n"
	"options:\n"
	"  -f, --file FILE         a Compose file of the project (repeatable)\n"
	"  --format FORMAT         yaml (default) or json\n"
	"  -o, --output FILE       write to FILE (atomically) instead of stdout\n"
	"  -p, --project-name NAME the project name\n"
	"  --project-directory DIR resolve relative paths against DIR\n"
	"  --env-file FILE         read variables from FILE (repeatable)\n"
	"  -h, --help              show this help\n"
	"\n"
	"Errors found while reading (invalid YAML, values Compose would refuse)\n"
	"are printed on standard error.\n"
	"\n"
	"exit status: 0 printed, 1 printed but the project has errors, 2 unreadable\n"
	"or unparsable input, 3 usage or internal error.\n";

/* Strings that a YAML reader would type as something else get quotes. */
static bool needs_quotes(const char *s)
{
	static const char *const words[] = { "", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false",
					     "False", "FALSE", "y", "Y", "n", "N", ".inf", ".Inf", ".INF", "-.inf",
					     "-.Inf", "-.INF", ".nan", ".NaN", ".NAN", NULL };
	size_t len = strlen(s);
	int64_t v;
	char *end;

	for (const char *const *w = words; *w; w++)
		if (strcmp(s, *w) == 0)
			return true;
	if (ecs_yaml11_bool_word(s, len) || ecs_yaml11_sexagesimal(s, len) || ecs_yaml_int(s, len, &v))
		return true;
	if (strtod(s, &end) != 0.0 || end != s)
		return *end == '\0';
	return false;
}

/*
 * Plain only when every YAML reader reads it back as this same string; the
 * rest is double-quoted.  (libfyaml 0.7.12 picks a plain style for created
 * scalars such as "#x" or "- x" that would read back differently.)
 */
static bool plain_safe(const char *s)
{
	size_t len = strlen(s);

	if (!len || needs_quotes(s))
		return false;
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= '0' && s[0] <= '9') ||
	      strchr("_./$(", s[0]) || (s[0] == '-' && len > 1 && s[1] != ' ')))
		return false;
	if (s[len - 1] == ' ' || s[len - 1] == ':')
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c > 0x7e)
			return false;
		if ((c == ':' && s[i + 1] == ' ') || (c == ' ' && s[i + 1] == '#'))
			return false;
	}
	return true;
}

static struct fy_node *string_node(struct fy_document *d, const char *s)
{
	struct fy_node *n;
	cJSON *tmp;
	char *lit;

	if (plain_safe(s))
		return fy_node_create_scalar_copy(d, s, strlen(s));
	/* A JSON string literal is a valid YAML double-quoted scalar: cJSON
	 * does the escaping and libfyaml keeps the quoted style. */
	tmp = cJSON_CreateString(s);
	lit = tmp ? cJSON_PrintUnformatted(tmp) : NULL;
	cJSON_Delete(tmp);
	if (!lit)
		return NULL;
	/* the node keeps pointing into lit: the document takes it over */
	n = fy_node_build_from_malloc_string(d, lit, FY_NT);
	if (!n)
		free(lit);
	return n;
}

static struct fy_node *yaml_node(struct fy_document *d, const cJSON *j)
{
	struct fy_node *n;
	char num[40];

	if (cJSON_IsObject(j)) {
		n = fy_node_create_mapping(d);
		for (const cJSON *c = j->child; n && c; c = c->next) {
			struct fy_node *k = string_node(d, c->string), *v = yaml_node(d, c);
			if (!k || !v || fy_node_mapping_append(n, k, v) != 0)
				return NULL;
		}
		return n;
	}
	if (cJSON_IsArray(j)) {
		n = fy_node_create_sequence(d);
		for (const cJSON *c = j->child; n && c; c = c->next) {
			struct fy_node *v = yaml_node(d, c);
			if (!v || fy_node_sequence_append(n, v) != 0)
				return NULL;
		}
		return n;
	}
	if (cJSON_IsString(j))
		return string_node(d, j->valuestring);
	if (cJSON_IsRaw(j))
		return fy_node_create_scalar_copy(d, j->valuestring, strlen(j->valuestring));
	if (cJSON_IsBool(j))
		return fy_node_create_scalar(d, cJSON_IsTrue(j) ? "true" : "false", FY_NT);
	if (cJSON_IsNumber(j)) {
		snprintf(num, sizeof(num), "%.17g", j->valuedouble);
		return fy_node_create_scalar_copy(d, num, strlen(num));
	}
	return fy_node_create_scalar(d, "null", FY_NT);
}

static int render_yaml(const cJSON *root, struct ecs_buf *out)
{
	/* Keys are unique already (one cJSON object per mapping); without this
	 * flag every append searches the mapping, quadratic in services. */
	struct fy_parse_cfg cfg = { .flags = FYPCF_ALLOW_DUPLICATE_KEYS };
	struct fy_document *d = fy_document_create(&cfg);
	struct fy_node *n;
	char *text = NULL;
	int rc = -1;

	if (!d)
		return -1;
	n = yaml_node(d, root);
	if (n && fy_document_set_root(d, n) == 0)
		text = fy_emit_document_to_string(d, FYECF_MODE_BLOCK | FYECF_INDENT_2 | FYECF_WIDTH_INF);
	if (text) {
		ecs_buf_adds(out, text);
		free(text);
		rc = out->failed ? -1 : 0;
	}
	fy_document_destroy(d);
	return rc;
}

static int render_json(const cJSON *root, struct ecs_buf *out)
{
	char *text = cJSON_Print(root);

	if (!text)
		return -1;
	ecs_buf_adds(out, text);
	ecs_buf_addc(out, '\n');
	free(text);
	return out->failed ? -1 : 0;
}

/* The files of the project: -f, then positional files; none means the
 * loader finds them as Compose does (COMPOSE_FILE, discovery, override). */
static void project_paths(const struct ecs_options *o, const char **paths, size_t max, size_t *n)
{
	*n = 0;
	for (size_t i = 0; i < o->files.n && *n < max; i++)
		paths[(*n)++] = o->files.v[i];
	for (size_t i = 0; i < o->inputs.n && *n < max; i++)
		paths[(*n)++] = o->inputs.v[i];
}

/* Errors only: config is not lint, warnings would bury the output. */
static void report_errors(const struct ecs_options *o, struct ecs_run *r)
{
	struct ecs_buf text = ECS_BUF_INIT;
	struct ecs_diags errors = r->diags;
	struct ecs_report_ctx ctx = { 0 };
	size_t n = 0;

	errors.v = calloc(r->diags.n ? r->diags.n : 1, sizeof(*errors.v));
	if (!errors.v)
		return;
	for (size_t i = 0; i < r->diags.n; i++)
		if (r->diags.v[i]->severity == ECS_SEV_ERROR && !r->diags.v[i]->suppressed)
			errors.v[n++] = r->diags.v[i];
	errors.n = n;
	ctx.files = &r->files;
	ctx.diags = &errors;
	ctx.color = ecs_output_color(o, STDERR_FILENO);
	ctx.tool_version = ECSLINT_VERSION;
	ecs_report_text(&ctx, &text);
	if (text.data)
		fputs(text.data, stderr);
	ecs_buf_release(&text);
	free(errors.v);
}

static bool has_errors(const struct ecs_run *r)
{
	for (size_t i = 0; i < r->diags.n; i++)
		if (r->diags.v[i]->severity == ECS_SEV_ERROR && !r->diags.v[i]->suppressed)
			return true;
	return false;
}

int ecs_cmd_config(int argc, char **argv)
{
	struct ecs_options o;
	struct ecs_run run;
	struct ecs_project_input in;
	struct ecs_project *project = NULL;
	struct ecs_buf out = ECS_BUF_INIT;
	const char *paths[256];
	char err[512];
	size_t n_paths;
	cJSON *json = NULL;
	int status = 3;

	ecs_options_init(&o);
	if (ecs_options_parse(&o, argc, argv, err, sizeof(err)) != ECS_PARSE_OK) {
		fprintf(stderr, "ecslint config: %s\nTry 'ecslint help config'.\n", err);
		ecs_options_release(&o);
		return 3;
	}
	if (o.help) {
		fputs(ecs_help_text("config"), stdout);
		ecs_options_release(&o);
		return 0;
	}
	if (o.format_set && o.format != ECS_FORMAT_YAML && o.format != ECS_FORMAT_JSON) {
		fprintf(stderr, "ecslint config: --format must be yaml or json\n");
		ecs_options_release(&o);
		return 3;
	}
	project_paths(&o, paths, sizeof(paths) / sizeof(paths[0]), &n_paths);
	ecs_run_init(&run);
	run.max_file_size = o.max_file_size;
	if (ecs_project_load(&run, &o, paths, n_paths, &in) < 0)
		goto oom;
	if (in.root && ecs_model_build(&run, &in, &project) < 0)
		goto oom;
	ecs_diags_finish_files(&run.diags, &run.files);
	report_errors(&o, &run);
	if (run.input_failed || !project) {
		status = 2;
		goto out;
	}
	json = ecs_model_to_json(project);
	if (!json)
		goto oom;
	if ((o.format == ECS_FORMAT_JSON ? render_json(json, &out) : render_yaml(json, &out)) < 0)
		goto oom;
	status = ecs_output_write(&o, &out);
	if (status == 0 && has_errors(&run))
		status = 1;
	goto out;
oom:
	fprintf(stderr, "ecslint: out of memory\n");
	status = 3;
out:
	cJSON_Delete(json);
	ecs_buf_release(&out);
	ecs_run_release(&run);
	ecs_options_release(&o);
	return status;
}
