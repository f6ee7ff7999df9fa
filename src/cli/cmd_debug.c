/*
 * cmd_debug.c - `ecslint debug yaml FILE`: the YAML tree exactly as the
 * rest of ecslint sees it, one node per line with its span; and `ecslint
 * debug project [-f F...]`: the loaded project (interpolated, included,
 * extended, merged, profiles applied) with the file each node came from.
 * For bug reports and for the fixtures that pin our positions down.
 */
#include <stdio.h>
#include <string.h>

#include "../compose/project.h"
#include "../core/run.h"
#include "../pipeline/lint.h"
#include "../report/report.h"
#include "../yaml/yaml_load.h"
#include "commands.h"
#include "output.h"

const char ecs_cmd_debug_help[] =
	"usage: ecslint debug yaml FILE\n"
	"       ecslint debug project [-f FILE]... [--env-file F] [--profile P] [-p NAME]\n"
	"                             [--project-directory DIR] [FILE...]\n"
	"\n"
	"Prints the YAML tree of FILE as ecslint builds it: for each node its\n"
	"JSON-pointer path, kind, style, span (line:column-line:column, 1-based,\n"
	"columns in code points, end exclusive), byte offsets, tag, anchor and\n"
	"scalar value.  Aliases print as references to their anchor; pairs that a\n"
	"merge key (<<) brought in are marked 'merged'.  Diagnostics follow.\n"
	"\n"
	"'project' loads the Compose project as check does (FILEs act like -f)\n"
	"and prints its name, active profiles and files, then the merged tree,\n"
	"each span prefixed by the file it points into.\n";

static const char *const style_names[] = { "plain", "single", "double", "literal", "folded", "flow", "block" };

static void add_escaped(struct ecs_buf *out, const char *s, size_t len)
{
	ecs_buf_addc(out, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			ecs_buf_addf(out, "\\%c", c);
		else if (c == '\n')
			ecs_buf_adds(out, "\\n");
		else if (c == '\t')
			ecs_buf_adds(out, "\\t");
		else if (c < 0x20)
			ecs_buf_addf(out, "\\x%02x", c);
		else
			ecs_buf_addc(out, (char)c);
	}
	ecs_buf_addc(out, '"');
}

static void add_pointer_part(struct ecs_buf *path, const char *s)
{
	ecs_buf_addc(path, '/');
	for (; *s; s++) {
		if (*s == '~')
			ecs_buf_adds(path, "~0");
		else if (*s == '/')
			ecs_buf_adds(path, "~1");
		else
			ecs_buf_addc(path, *s);
	}
}

static void dump_node(struct ecs_buf *out, struct ecs_buf *path, const char *what,
		      const struct ecs_node *n, bool merged, const struct ecs_files *files)
{
	static const char *const kinds[] = { "scalar", "mapping", "sequence", "alias" };
	size_t keep = path->len;
	const struct ecs_source *src = files ? ecs_files_get(files, n->span.file) : NULL;

	ecs_buf_addf(out, "%s %s%s %s %s %s%s%u:%u-%u:%u @%u-%u", path->len ? path->data : "/", what,
		     merged ? " merged" : "", kinds[n->kind], n->kind == ECS_NODE_ALIAS ? "-" : style_names[n->style],
		     src ? src->path : "", src ? ":" : "",
		     n->span.start.line, n->span.start.col, n->span.end.line, n->span.end.col,
		     n->span.start.byte, n->span.end.byte);
	if (n->tag)
		ecs_buf_addf(out, " tag=%s", n->tag);
	if (n->anchor)
		ecs_buf_addf(out, " anchor=%s", n->anchor);
	if (n->kind == ECS_NODE_SCALAR) {
		ecs_buf_adds(out, " = ");
		add_escaped(out, n->scalar.text, n->scalar.len);
	} else if (n->kind == ECS_NODE_ALIAS) {
		ecs_buf_addf(out, " -> *%s at %u:%u", n->alias.name, n->alias.target->span.start.line,
			     n->alias.target->span.start.col);
	}
	ecs_buf_addc(out, '\n');
	if (merged)
		return;	/* printed where the anchor defines it */
	if (n->kind == ECS_NODE_MAPPING) {
		for (uint32_t i = 0; i < n->map.n; i++) {
			const struct ecs_pair *p = &n->map.pairs[i];
			const char *k = ecs_node_text(p->key);
			add_pointer_part(path, k ? k : "?");
			dump_node(out, path, "key", p->key, p->from_merge, files);
			dump_node(out, path, "value", p->value, p->from_merge, files);
			path->len = keep;
			path->data[keep] = '\0';
		}
	} else if (n->kind == ECS_NODE_SEQUENCE) {
		for (uint32_t i = 0; i < n->seq.n; i++) {
			ecs_buf_addf(path, "/%u", i);
			dump_node(out, path, "item", n->seq.items[i], false, files);
			path->len = keep;
			path->data[keep] = '\0';
		}
	}
}

static int finish(struct ecs_options *o, struct ecs_run *run, struct ecs_buf *out)
{
	struct ecs_report_ctx ctx;
	int status;

	ecs_diags_finish(&run->diags);
	ctx.files = &run->files;
	ctx.diags = &run->diags;
	ctx.color = false;
	ctx.exit_code = 0;
	ctx.tool_version = ECSLINT_VERSION;
	ecs_report_text(&ctx, out);
	status = ecs_output_write(o, out);
	if (!status)
		status = run->diags.n ? 1 : 0;
	return status;
}

static int debug_project(int argc, char **argv)
{
	struct ecs_options o;
	struct ecs_run run;
	struct ecs_buf out = ECS_BUF_INIT, path = ECS_BUF_INIT;
	struct ecs_project_input in;
	char err[512];
	int status;

	ecs_options_init(&o);
	if (ecs_options_parse(&o, argc, argv, err, sizeof(err)) != ECS_PARSE_OK) {
		fprintf(stderr, "ecslint debug project: %s\n", err);
		ecs_options_release(&o);
		return 3;
	}
	for (size_t i = 0; i < o.inputs.n; i++)
		if (ecs_strlist_add(&o.files, o.inputs.v[i]) < 0) {
			ecs_options_release(&o);
			return 3;
		}
	o.color = ECS_COLOR_NEVER;
	ecs_run_init(&run);
	run.max_file_size = o.max_file_size;
	if (ecs_project_load(&run, &o, o.files.v, o.files.n, &in) < 0) {
		fprintf(stderr, "ecslint: out of memory\n");
		status = 3;
		goto done;
	}
	ecs_buf_addf(&out, "name: %s\n", in.name ? in.name : "");
	ecs_buf_adds(&out, "profiles:");
	for (size_t i = 0; i < in.n_profiles; i++)
		ecs_buf_addf(&out, " %s", in.profiles[i]);
	ecs_buf_addc(&out, '\n');
	for (size_t i = 0; i < in.n_files; i++)
		ecs_buf_addf(&out, "file: %s\n", in.files[i]->path);
	if (in.disabled_services) {
		ecs_buf_adds(&out, "disabled:");
		for (uint32_t i = 0; i < in.disabled_services->map.n; i++)
			ecs_buf_addf(&out, " %s", ecs_node_text(in.disabled_services->map.pairs[i].key));
		ecs_buf_addc(&out, '\n');
	}
	ecs_buf_adds(&path, "");
	if (in.root)
		dump_node(&out, &path, "root", in.root, false, &run.files);
	status = finish(&o, &run, &out);
done:
	ecs_buf_release(&out);
	ecs_buf_release(&path);
	ecs_run_release(&run);
	ecs_options_release(&o);
	return status;
}

int ecs_cmd_debug(int argc, char **argv)
{
	struct ecs_options o;
	struct ecs_run run;
	struct ecs_buf out = ECS_BUF_INIT, path = ECS_BUF_INIT;
	struct ecs_node *root = NULL;
	struct ecs_source *src;
	int status = 0;

	if (argc >= 2 && strcmp(argv[1], "project") == 0)
		return debug_project(argc - 1, argv + 1);
	if (argc != 3 || strcmp(argv[1], "yaml") != 0) {
		fputs(ecs_cmd_debug_help, stderr);
		return 3;
	}
	ecs_options_init(&o);
	o.color = ECS_COLOR_NEVER;
	ecs_run_init(&run);
	src = ecs_run_read(&run, argv[2], argv[2]);
	if (src && ecs_yaml_load(src, &run.arena, &run.diags, NULL, &root) == ECS_YAML_NOMEM) {
		fprintf(stderr, "ecslint: out of memory\n");
		status = 3;
		goto done;
	}
	ecs_buf_adds(&path, "");
	if (root)
		dump_node(&out, &path, "root", root, false, NULL);
	status = finish(&o, &run, &out);
done:
	ecs_buf_release(&out);
	ecs_buf_release(&path);
	ecs_run_release(&run);
	ecs_options_release(&o);
	return status;
}
