/*
 * cmd_explain.c - `ecslint explain ECS201`: a rule's documentation page,
 * compiled into the binary from checks/<stem>.md.
 */
#include <stdio.h>
#include <string.h>

#include "../core/rule.h"
#include "commands.h"

const char ecs_cmd_explain_help[] =
	"usage: ecslint explain RULE\n"
	"\n"
	"Prints the documentation page of RULE (an id such as ECS201 or a name\n"
	"such as fargate-size): what it checks, why it matters, an example with\n"
	"ecslint's output, what to write instead, its options and how to\n"
	"suppress it.\n";

int ecs_cmd_explain(int argc, char **argv)
{
	const struct ecs_rule *rule;
	const char *doc;
	size_t len;
	char id[16];

	if (argc == 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		fputs(ecs_cmd_explain_help, stdout);
		return 0;
	}
	if (argc != 2) {
		fprintf(stderr, "ecslint explain: name one rule, e.g. 'ecslint explain ECS201'\n");
		return 3;
	}
	rule = ecs_rule_find(argv[1]);
	if (!rule && strlen(argv[1]) < sizeof(id)) {
		/* ecs201 works too. */
		size_t i;
		for (i = 0; argv[1][i]; i++)
			id[i] = (argv[1][i] >= 'a' && argv[1][i] <= 'z') ? (char)(argv[1][i] - 32) : argv[1][i];
		id[i] = '\0';
		rule = ecs_rule_find(id);
	}
	if (!rule) {
		fprintf(stderr, "ecslint explain: no rule '%s' (see 'ecslint rules')\n", argv[1]);
		return 3;
	}
	doc = ecs_rule_doc(rule, &len);
	if (!doc) {
		fprintf(stderr, "ecslint explain: %s has no documentation page (a build problem)\n", rule->id);
		return 3;
	}
	fwrite(doc, 1, len, stdout);
	if (len && doc[len - 1] != '\n')
		fputc('\n', stdout);
	return fflush(stdout) == 0 ? 0 : 3;
}
