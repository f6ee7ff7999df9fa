/*
 * cmd_check.c - `ecslint check`: lint, report, decide the exit status.
 */
#include <stdio.h>
#include <unistd.h>

#include "../engine/config.h"
#include "../fix/fix.h"
#include "../pipeline/lint.h"
#include "../report/report.h"
#include "commands.h"
#include "output.h"

const char ecs_cmd_check_help[] =
	"usage: ecslint check [options] [FILE...]\n"
	"\n"
	"Lints each FILE as a project of its own.  '-' reads standard input.\n"
	"-f FILE (repeatable) makes one project of the files, merged in order, as\n"
	"docker compose -f does.  With neither, the files come from COMPOSE_FILE,\n"
	"else the first of compose.yaml, compose.yml, docker-compose.yml,\n"
	"docker-compose.yaml in the project directory or a parent, plus its\n"
	"compose.override.yaml (or .yml, docker-compose.override.*) when present.\n"
	"Variables come from the environment, then --env-file files or the .env\n"
	"of the project directory; include, extends and profiles are resolved.\n"
	"\n"
	"options:\n"
	"  --format FORMAT         text (default), gcc, json, sarif or github\n"
	"  -o, --output FILE       write the report to FILE (atomically) instead of stdout\n"
	"  --color[=WHEN]          auto (default), always or never; NO_COLOR disables auto\n"
	"  --stdin-filename NAME   the name standard input has in diagnostics\n"
	"  --fail-level LEVEL      error (default), warning, info or none: the lowest\n"
	"                          severity that makes the exit status 1\n"
	"  --select RULES          run only these rules (ids, names, id prefixes such as\n"
	"                          ECS2, or ALL; comma-separated or repeated); also how\n"
	"                          an off-by-default rule is switched on for one run\n"
	"  --ignore RULES          do not run these rules\n"
	"  --config FILE           use this configuration instead of the .ecslint.yaml\n"
	"                          found upward from the Compose file\n"
	"  --no-config             use no configuration file\n"
	"  --max-file-size BYTES   refuse larger inputs (default 33554432)\n"
	"  -f, --file FILE         a Compose file of the project (repeatable)\n"
	"  -p, --project-name NAME the project name (else COMPOSE_PROJECT_NAME, name:,\n"
	"                          or the project directory's name)\n"
	"  --project-directory DIR relative paths and .env are taken from DIR\n"
	"  --env-file FILE         read variables from FILE instead of .env (repeatable)\n"
	"  --profile NAME          activate a profile (repeatable; else COMPOSE_PROFILES)\n"
	"  --fix                   apply safe fixes, re-check, rewrite the files (atomically,\n"
	"                          mode kept); fixed standard input goes to stdout and the\n"
	"                          report to stderr\n"
	"  --unsafe-fixes          with --fix or --diff, also apply fixes that change behaviour\n"
	"  --diff                  print the fixes as a unified diff and change nothing; the\n"
	"                          report goes to stderr\n"
	"  -h, --help              show this help\n"
	"\n"
	"formats:\n"
	"  text    FILE:LINE:COL: SEVERITY: MESSAGE [ECSnnn], then the source line\n"
	"          with the span underlined, related notes and a help line\n"
	"  gcc     one line per finding: FILE:LINE:COL: error|warning|note: MESSAGE [ECSnnn]\n"
	"  json    one JSON document (schemas/ecslint-report.schema.json, version 1)\n"
	"  sarif   SARIF 2.1.0 for GitHub code scanning and SARIF-reading editors\n"
	"  github  GitHub Actions workflow commands (::error file=...::MESSAGE)\n"
	"A summary goes to standard error; standard output holds only the report.\n"
	"'# ecslint: disable=ECS202' on a line (or alone on the line before)\n"
	"suppresses that finding; 'ecslint explain ECS902' lists every form.\n"
	"'ecslint rules' lists the rules.\n"
	"With --fix or --diff the report, the summary and the exit status are about\n"
	"what remains after fixing.\n"
	"\n"
	"exit status: 0 clean, 1 findings, 2 unreadable or unparsable input, 3 usage\n"
	"or internal error.\n";

static int oom(void)
{
	fprintf(stderr, "ecslint: out of memory while formatting the report\n");
	return 3;
}

static int format_report(const struct ecs_options *o, const struct ecs_report_ctx *ctx, struct ecs_buf *out)
{
	switch (o->format) {
	case ECS_FORMAT_TEXT:
		ecs_report_text(ctx, out);
		return 0;
	case ECS_FORMAT_GCC:
		ecs_report_gcc(ctx, out);
		return 0;
	case ECS_FORMAT_JSON:
		return ecs_report_json(ctx, out) < 0 ? oom() : 0;
	case ECS_FORMAT_SARIF:
		return ecs_report_sarif(ctx, out) < 0 ? oom() : 0;
	case ECS_FORMAT_GITHUB:
		return ecs_report_github(ctx, out) < 0 ? oom() : 0;
	case ECS_FORMAT_YAML:
		break;
	}
	fprintf(stderr, "ecslint check: --format yaml is for 'config'; use text, gcc, json, sarif or github\n");
	return 3;
}

int ecs_cmd_check(int argc, char **argv)
{
	struct ecs_options o;
	struct ecs_run run;
	struct ecs_buf out = ECS_BUF_INIT, summary = ECS_BUF_INIT;
	struct ecs_report_ctx ctx;
	char err[512];
	struct ecs_fix_result fixed = { 0 };
	size_t n_inputs = 0;
	int status, lint;

	ecs_options_init(&o);
	if (ecs_options_parse(&o, argc, argv, err, sizeof(err)) != ECS_PARSE_OK ||
	    ecs_selectors_check(&o.select, "--select", err, sizeof(err)) < 0 ||
	    ecs_selectors_check(&o.ignore, "--ignore", err, sizeof(err)) < 0) {
		fprintf(stderr, "ecslint check: %s\nTry 'ecslint help check'.\n", err);
		ecs_options_release(&o);
		return 3;
	}
	if (o.help) {
		fputs(ecs_help_text("check"), stdout);
		ecs_options_release(&o);
		return 0;
	}
	ecs_run_init(&run);
	lint = o.fix || o.diff ? ecs_fix_inputs(&run, &o, &n_inputs, &fixed) : ecs_lint_inputs(&run, &o, &n_inputs);
	if (lint < 0) {
		fprintf(stderr, "ecslint: out of memory\n");
		status = 3;
		goto out;
	}
	status = fixed.status ? fixed.status : ecs_lint_exit_status(&run, &o);
	ctx.files = &run.files;
	ctx.diags = &run.diags;
	ctx.color = ecs_output_color(&o, fixed.stdout_taken ? STDERR_FILENO : STDOUT_FILENO);
	ctx.exit_code = status;
	ctx.tool_version = ECSLINT_VERSION;
	ctx.base_dir = NULL;
	/*
	 * A report is a few hundred bytes a finding: one allocation up front,
	 * because growing it after the template's millions of frees makes
	 * glibc consolidate its heap on every realloc.
	 */
	ecs_buf_reserve(&out, 4096 + 400 * run.diags.n);
	int fs = format_report(&o, &ctx, &out);
	if (fs) {
		status = fs;
		goto out;
	}
	/* Fixed standard input or a diff holds stdout; the report goes beside the summary. */
	int ws = fixed.stdout_taken && !o.output ? (fputs(out.data ? out.data : "", stderr), 0)
						 : ecs_output_write(&o, &out);
	if (ws) {
		status = ws;
		goto out;
	}
	if (o.fix || o.diff)
		ecs_fix_summary(&fixed, &run, &o, &summary);
	ecs_report_summary(&ctx, n_inputs, &summary);
	if (summary.data)
		fputs(summary.data, stderr);
out:
	ecs_buf_release(&out);
	ecs_buf_release(&summary);
	ecs_run_release(&run);
	ecs_options_release(&o);
	return status;
}
