/*
 * ecs405_ingress_open_to_world.c - a non-HTTP port opened to 0.0.0.0/0.
 * The integration adds an ingress rule from anywhere for every published
 * port on every network of the service (ecs-mapping.md §5.3), and tasks
 * have public IPs: a database port becomes reachable from the internet
 * (Security Hub EC2.18, EC2.19 for the high-risk ports).
 */
#include <stdlib.h>

#include "check.h"

static const struct ecs_rule_option options[] = {
	{ "allowed-ports", ECS_OPT_INT_LIST, "ports that may be open to the world besides HTTP ones (default: none)" },
	{ NULL, 0, NULL },
};

/* Security Hub EC2.19's high-risk ports. */
static const unsigned high_risk[] = { 20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389,
				      4333, 5000, 5432, 5500, 5601, 8080, 8088, 8888, 9200, 9300 };

static void check_port(struct ecs_check *ck, const struct ecs_service *s, const struct ecs_port *p)
{
	const char **allowed;
	uint32_t n = ecs_check_opt_strings(ck, "allowed-ports", &allowed);
	const char *control = "EC2.18";
	struct ecs_diag *d;

	if (!p->valid || ecs_port_is_http(p))
		return;
	if (p > s->ports && p[-1].item_index == p->item_index)
		return;	/* one finding per written range */
	for (uint32_t i = 0; i < n; i++)
		if (strtoul(allowed[i], NULL, 10) == p->target)
			return;
	for (size_t i = 0; i < sizeof(high_risk) / sizeof(high_risk[0]); i++)
		if (high_risk[i] == p->target)
			control = "EC2.19";
	d = ecs_check_report(ck, &p->span, ecs_check_printf(ck, "/services/%s/ports/%u", s->name, p->item_index),
			     "port '%u/%s' of service '%s' is open to the internet (0.0.0.0/0, Security Hub %s)",
			     p->target, p->effective_protocol ? p->effective_protocol : "tcp", s->name, control);
	ecs_check_help(ck, d, "publish only what clients outside need; services on a shared network already reach "
		       "each other on every port, without 'ports:'");
}

const struct ecs_rule ECS405_rule = {
	.id = "ECS405",
	.name = "ingress-open-to-world",
	.summary = "non-HTTP port open to 0.0.0.0/0 (Security Hub EC2.18/EC2.19)",
	.source_url = "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-19",
	.since = "0.1.0",
	.severity = ECS_SEV_WARNING,
	.tags = ECS_TAG_SECURITY,
	.fix = ECS_FIX_HINT,
	.options = options,
	.on_port = check_port,
};
