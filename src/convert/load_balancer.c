/*
 * load_balancer.c - published ports: the project's load balancer (ALB when
 * every port is HTTP, else NLB) or the x-aws-loadbalancer one, and per
 * port an ingress rule on each of the service's networks, a target group
 * and a listener (ecs-mapping.md §5).
 */
#include <ctype.h>
#include <string.h>

#include "../engine/facts.h"
#include "cvt.h"

/* Long-syntax ports without protocol are TCP (Compose's default). */
static const char *protocol(const struct ecs_port *pt)
{
	return pt->effective_protocol && *pt->effective_protocol ? pt->effective_protocol : "tcp";
}

static char *upper(struct cvt *c, const char *s)
{
	char *u = ecs_arena_strdup(&c->run->arena, s);

	if (!u) {
		c->failed = true;
		return NULL;
	}
	for (char *p = u; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return u;
}

static cJSON *lb_arn(struct cvt *c)
{
	if (cvt_external_lb(c))
		return cvt_str(c, c->p->x_aws_loadbalancer.v);
	return cvt_ref(c, "LoadBalancer");
}

static void load_balancer(struct cvt *c)
{
	cJSON *props = cvt_resource(c, "LoadBalancer", "AWS::ElasticLoadBalancingV2::LoadBalancer", "project",
				    c->p->name, NULL);

	if (!props)
		return;
	if (c->lb_application) {
		cJSON *sgs = cvt_project_sgs(c);
		cvt_take(c, props, "SecurityGroups", &sgs);
	} else {
		cJSON *attrs = cvt_arr(c), *a = cvt_obj(c);
		cvt_sets(c, a, "Key", "load_balancing.cross_zone.enabled");
		cvt_sets(c, a, "Value", "true");
		cvt_push(c, attrs, a);
		cvt_set(c, props, "LoadBalancerAttributes", attrs);
	}
	cvt_sets(c, props, "Scheme", "internet-facing");
	cvt_set(c, props, "Subnets", cvt_subnets(c));
	cvt_set(c, props, "Tags", cvt_project_tags(c));
	cvt_sets(c, props, "Type", c->lb_application ? "application" : "network");
}

static int lb_project(struct cvt *c)
{
	c->lb_application = true;
	c->lb_external = cvt_external_lb(c);
	for (uint32_t i = 0; i < c->n_svcs; i++) {
		const struct ecs_service *s = c->svcs[i].s;
		for (uint32_t j = 0; j < s->n_ports; j++) {
			if (!s->ports[j].valid)
				continue;
			c->lb_needed = true;
			if (!ecs_port_is_http(&s->ports[j]))
				c->lb_application = false;
		}
	}
	if (c->lb_needed && !c->lb_external)
		load_balancer(c);
	return c->failed ? -1 : 0;
}

/* ref: the service's entry naming net, the place to report an undeclared network's id clash at. */
static void ingress(struct cvt *c, const struct ecs_service *s, const struct ecs_port *pt, const char *net,
		    const struct ecs_span *ref)
{
	const struct ecs_network *n = ecs_project_network(c->p, net);
	const char *nid = cvt_normalise(c, net);
	const char *id = nid ? ecs_arena_printf(&c->run->arena, "%s%uIngress", nid, pt->target) : NULL;
	const char *proto = protocol(pt);
	cJSON *props;

	if (!id) {
		c->failed = true;
		return;
	}
	/* Two services publishing one port share the rule (ECS209 reports the clash). */
	/*
	 * A network only services name (never declared) has no key span; two such
	 * names with one id were reported at line 0 (found by fuzz_check).
	 */
	props = cvt_resource(c, id, "AWS::EC2::SecurityGroupIngress", "network", net, n ? &n->key_span : ref);
	if (!props)
		return;
	cvt_sets(c, props, "CidrIp", "0.0.0.0/0");
	cvt_set(c, props, "Description", cvt_strf(c, "%s:%u/%s on %s network", s->name, pt->target, proto, net));
	cvt_set(c, props, "FromPort", cvt_num(c, pt->target));
	cvt_set(c, props, "GroupId", cvt_network_sg(c, net));
	cvt_set(c, props, "IpProtocol", cvt_str(c, upper(c, proto)));
	cvt_set(c, props, "ToPort", cvt_num(c, pt->target));
}

static void target_group_and_listener(struct cvt *c, struct cvt_svc *sv, const struct ecs_port *pt)
{
	const struct ecs_service *s = sv->s;
	const char *proto = upper(c, protocol(pt));
	const char *lb_proto = c->lb_application ? "HTTP" : proto;
	const char *tg = proto ? ecs_arena_printf(&c->run->arena, "%s%s%uTargetGroup", sv->id, proto, pt->target) : NULL;
	const char *ls = proto ? ecs_arena_printf(&c->run->arena, "%s%s%uListener", sv->id, proto, pt->target) : NULL;
	cJSON *props, *actions, *action, *fwd, *tgs, *t, *lb;

	if (!tg || !ls) {
		c->failed = true;
		return;
	}
	props = cvt_resource(c, tg, "AWS::ElasticLoadBalancingV2::TargetGroup", "service", s->name, &s->name_span);
	if (!props)
		return;
	cvt_set(c, props, "Port", cvt_num(c, pt->target));
	cvt_sets(c, props, "Protocol", lb_proto);
	cvt_set(c, props, "Tags", cvt_project_tags(c));
	cvt_sets(c, props, "TargetType", "ip");
	cvt_set(c, props, "VpcId", cvt_vpc(c));

	props = cvt_resource(c, ls, "AWS::ElasticLoadBalancingV2::Listener", "service", s->name, &s->name_span);
	if (!props)
		return;
	actions = cvt_arr(c);
	action = cvt_obj(c);
	fwd = cvt_obj(c);
	tgs = cvt_arr(c);
	t = cvt_obj(c);
	cvt_set(c, t, "TargetGroupArn", cvt_ref(c, tg));
	cvt_push(c, tgs, t);
	cvt_set(c, fwd, "TargetGroups", tgs);
	cvt_set(c, action, "ForwardConfig", fwd);
	cvt_sets(c, action, "Type", "forward");
	cvt_push(c, actions, action);
	cvt_set(c, props, "DefaultActions", actions);
	cvt_set(c, props, "LoadBalancerArn", lb_arn(c));
	cvt_set(c, props, "Port", cvt_num(c, pt->target));
	cvt_sets(c, props, "Protocol", lb_proto);

	/* The target group must be attached to the load balancer before the service starts. */
	cvt_push(c, cvt_list(c, &sv->depends_on), cvt_str(c, ls));
	lb = cvt_obj(c);
	cvt_sets(c, lb, "ContainerName", s->name);
	cvt_set(c, lb, "ContainerPort", cvt_num(c, pt->target));
	cvt_set(c, lb, "TargetGroupArn", cvt_ref(c, tg));
	cvt_push(c, cvt_list(c, &sv->load_balancers), lb);
}

static int lb_service(struct cvt *c, struct cvt_svc *sv)
{
	const struct ecs_service *s = sv->s;

	for (uint32_t i = 0; i < s->n_ports && !c->failed; i++) {
		const struct ecs_port *pt = &s->ports[i];
		if (!pt->valid)
			continue;
		for (uint32_t j = 0; j < s->n_networks; j++) {
			const char *net = s->networks[j].name.v;
			bool seen = false;
			for (uint32_t k = 0; k < j && net; k++)
				if (s->networks[k].name.v && strcmp(s->networks[k].name.v, net) == 0)
					seen = true;
			if (net && !seen)
				ingress(c, s, pt, net, &s->networks[j].span);
		}
		target_group_and_listener(c, sv, pt);
	}
	return c->failed ? -1 : 0;
}

const struct cvt_family cvt_family_load_balancer = {
	.name = "load_balancer",
	.project = lb_project,
	.service = lb_service,
};
