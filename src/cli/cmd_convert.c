/*
 * cmd_convert.c - `ecslint convert`: check the project, and when nothing
 * is an error, print the CloudFormation template Docker's ECS integration
 * would have deployed.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../compose/project.h"
#include "../convert/convert.h"
#include "../pipeline/lint.h"
#include "../report/report.h"
#include "commands.h"
#include "output.h"

const char ecs_cmd_convert_help[] =
	"usage: ecslint convert [options] [FILE...]\n"
	"\n"
	"Checks the project, then prints the AWS CloudFormation template that runs it\n"
	"on Amazon ECS/Fargate, as `docker compose convert` did in an ECS context.\n"
	"The FILEs (or -f FILE...) form one project, later files overriding earlier\n"
	"ones; with none, the files Compose would use (COMPOSE_FILE, else\n"
	"compose.yaml or docker-compose.yml and its override file, found upwards).\n"
	"\n"
	"Errors stop the conversion: they are printed and nothing is emitted.\n"
	"Warnings are printed to standard error and the template is emitted.\n"
	"\n"
	"No AWS call is made.  The VPC and its subnets are parameters of the\n"
	"template (VpcId, SubnetIds), filled in when the stack is created; x-aws-vpc,\n"
	"--vpc and --subnets give them defaults; EFS volumes get a mount target on\n"
	"each --subnets subnet (without them, on the first two of SubnetIds).\n"
	"\n"
	"options:\n"
	"  -f, --file FILE         a Compose file of the project (repeatable)\n"
	"  -p, --project-name NAME project name (default: top-level name, else the\n"
	"                          directory's name)\n"
	"  --format FORMAT         yaml (default) or json\n"
	"  -o, --output FILE       write the template to FILE atomically\n"
	"  --vpc ID                default VPC id (vpc-...) for the VpcId parameter\n"
	"  --subnets A,B           default subnet ids for the SubnetIds parameter\n"
	"  --color[=WHEN]          colour of the diagnostics: auto, always, never\n"
	"  --max-file-size BYTES   refuse larger inputs (default 33554432)\n"
	"  -h, --help              show this help\n"
	"\n"
	"The differences from Docker's output are listed in docs/deviations.md.\n"
	"\n"
	"exit status: 0 template written, 1 errors in the project, 2 unreadable or\n"
	"unparsable input, 3 usage or internal error.\n";

static bool has_errors(const struct ecs_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		if (!d->v[i]->suppressed && d->v[i]->severity >= ECS_SEV_ERROR)
			return true;
	return false;
}

/* prefix followed by 8 or 17 lowercase hex digits: the EC2 id formats. */
static bool ec2_id(const char *s, size_t len, const char *prefix)
{
	size_t p = strlen(prefix), n;

	if (len <= p || strncmp(s, prefix, p) != 0)
		return false;
	n = len - p;
	if (n != 8 && n != 17)
		return false;
	for (size_t i = p; i < len; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

/* --vpc and --subnets become parameter defaults CloudFormation checks at deploy time: check them now. */
static const char *bad_network_option(const struct ecs_options *o)
{
	if (o->vpc && !ec2_id(o->vpc, strlen(o->vpc), "vpc-"))
		return "--vpc takes a VPC id: vpc- and 8 or 17 hexadecimal digits";
	for (const char *s = o->subnets; s && *s;) {
		const char *comma = strchr(s, ',');
		size_t len = comma ? (size_t)(comma - s) : strlen(s);
		if (!ec2_id(s, len, "subnet-"))
			return "--subnets takes subnet ids separated by commas: subnet- and 8 or 17 hexadecimal digits each";
		s = comma ? comma + 1 : NULL;
	}
	return NULL;
}

static int usage(struct ecs_options *o, const char *msg)
{
	fprintf(stderr, "ecslint convert: %s\nTry 'ecslint help convert'.\n", msg);
	ecs_options_release(o);
	return 3;
}

/* Loads, checks and converts; *tpl stays NULL unless the template may be emitted. */
static int convert_project(struct ecs_run *run, const struct ecs_options *o, cJSON **tpl)
{
	/* No file named: the loader finds them as Compose does (COMPOSE_FILE, discovery). */
	const char *const *paths = o->files.n ? o->files.v : o->inputs.v;
	size_t n = o->files.n ? o->files.n : o->inputs.n;
	struct ecs_project_input in;

	/* The check run converts the project once for its template rules and hands the template over. */
	if (ecs_project_load(run, o, paths, n, &in) < 0 || ecs_lint_loaded_template(run, o, &in, tpl) < 0)
		return -1;
	ecs_diags_finish_files(&run->diags, &run->files);
	if (run->input_failed)
		return 2;
	return has_errors(&run->diags) ? 1 : 0;
}

int ecs_cmd_convert(int argc, char **argv)
{
	struct ecs_options o;
	struct ecs_run run;
	struct ecs_buf out = ECS_BUF_INIT, report = ECS_BUF_INIT, err = ECS_BUF_INIT;
	enum ecs_template_format format = ECS_TEMPLATE_YAML;
	cJSON *tpl = NULL;
	char msg[512];
	int status;

	ecs_options_init(&o);
	if (ecs_options_parse(&o, argc, argv, msg, sizeof(msg)) != ECS_PARSE_OK)
		return usage(&o, msg);
	if (o.help) {
		fputs(ecs_help_text("convert"), stdout);
		ecs_options_release(&o);
		return 0;
	}
	if (bad_network_option(&o))
		return usage(&o, bad_network_option(&o));
	if (o.files.n && o.inputs.n)
		return usage(&o, "name the project's files either with -f or as arguments, not both");
	if (o.format_set && o.format == ECS_FORMAT_JSON)
		format = ECS_TEMPLATE_JSON;
	else if (o.format_set && o.format != ECS_FORMAT_YAML)
		return usage(&o, "convert writes --format yaml (default) or json");

	ecs_run_init(&run);
	run.max_file_size = o.max_file_size;
	status = convert_project(&run, &o, &tpl);
	if (status < 0) {
		fprintf(stderr, "ecslint: out of memory\n");
		status = 3;
		goto out;
	}
	if (run.diags.n) {
		struct ecs_report_ctx ctx = { .files = &run.files, .diags = &run.diags,
					      .color = ecs_output_color(&o, STDERR_FILENO),
					      .exit_code = status, .tool_version = ECSLINT_VERSION };
		ecs_report_text(&ctx, &report);
		if (report.data)
			fputs(report.data, stderr);
	}
	if (status != 0)
		goto out;
	if (!tpl || ecs_template_render(tpl, format, &out, &err) < 0) {
		fprintf(stderr, "ecslint: %s\n", err.data ? err.data : "no template was produced");
		status = 3;
		goto out;
	}
	status = ecs_output_write(&o, &out);
out:
	ecs_buf_release(&out);
	ecs_buf_release(&report);
	ecs_buf_release(&err);
	ecs_run_release(&run);
	ecs_options_release(&o);
	return status;
}
