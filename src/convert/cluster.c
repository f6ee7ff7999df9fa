/*
 * cluster.c - the project-wide resources every template has: the ECS
 * cluster (or the x-aws-cluster one, recorded in Metadata), the log group,
 * the Cloud Map namespace, and each service's discovery entry
 * (ecs-mapping.md §§3.1-3.4).
 */
#include "cvt.h"

/* CloudWatch Logs accepts only these retentions (fargate-constraints.md §7). */
static const int64_t retentions[] = { 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731,
				      1096, 1827, 2192, 2557, 2922, 3288, 3653 };

static void log_group(struct cvt *c)
{
	const struct ecs_mint *days = &c->p->x_aws_logs_retention;
	cJSON *props = cvt_resource(c, "LogGroup", "AWS::Logs::LogGroup", "project", c->p->name, NULL);

	if (!props)
		return;
	cvt_set(c, props, "LogGroupName", cvt_strf(c, "/docker-compose/%s", c->p->name));
	if (!days->present || !days->valid || days->v == 0)
		return;
	for (size_t i = 0; i < sizeof(retentions) / sizeof(retentions[0]); i++) {
		if (retentions[i] == days->v) {
			cvt_set(c, props, "RetentionInDays", cvt_num(c, (double)days->v));
			return;
		}
	}
	cvt_error(c, &days->span, "/x-aws-logs_retention",
		  "use 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, "
		  "2922, 3288 or 3653, or remove it to keep logs forever",
		  "x-aws-logs_retention %s is not a retention CloudWatch Logs accepts", days->text);
}

static int cluster_project(struct cvt *c)
{
	cJSON *props;

	if (cvt_external_cluster(c)) {
		cvt_sets(c, c->metadata, "Cluster", c->p->x_aws_cluster.v);
	} else if ((props = cvt_resource(c, "Cluster", "AWS::ECS::Cluster", "project", c->p->name, NULL))) {
		cvt_sets(c, props, "ClusterName", c->p->name);
		cvt_set(c, props, "Tags", cvt_project_tags(c));
	}
	log_group(c);
	props = cvt_resource(c, "CloudMap", "AWS::ServiceDiscovery::PrivateDnsNamespace", "project", c->p->name,
			     NULL);
	if (props) {
		cvt_set(c, props, "Description", cvt_strf(c, "Service Map for Docker Compose project %s", c->p->name));
		cvt_set(c, props, "Name", cvt_strf(c, "%s.local", c->p->name));
		cvt_set(c, props, "Vpc", cvt_vpc(c));
	}
	return c->failed ? -1 : 0;
}

static int cluster_service(struct cvt *c, struct cvt_svc *sv)
{
	const char *id = ecs_arena_printf(&c->run->arena, "%sServiceDiscoveryEntry", sv->id);
	cJSON *props, *dns, *records, *rec, *hc;

	if (!id)
		return -1;
	props = cvt_resource(c, id, "AWS::ServiceDiscovery::Service", "service", sv->s->name, &sv->s->name_span);
	if (!props)
		return c->failed ? -1 : 0;
	cvt_set(c, props, "Description", cvt_strf(c, "\"%s\" service discovery entry in Cloud Map", sv->s->name));
	dns = cvt_obj(c);
	records = cvt_arr(c);
	rec = cvt_obj(c);
	cvt_set(c, rec, "TTL", cvt_num(c, 60));
	cvt_sets(c, rec, "Type", "A");
	cvt_push(c, records, rec);
	cvt_set(c, dns, "DnsRecords", records);
	cvt_sets(c, dns, "RoutingPolicy", "MULTIVALUE");
	cvt_set(c, props, "DnsConfig", dns);
	hc = cvt_obj(c);
	cvt_set(c, hc, "FailureThreshold", cvt_num(c, 1));
	cvt_set(c, props, "HealthCheckCustomConfig", hc);
	cvt_sets(c, props, "Name", sv->s->name);
	cvt_set(c, props, "NamespaceId", cvt_ref(c, "CloudMap"));
	return c->failed ? -1 : 0;
}

const struct cvt_family cvt_family_cluster = {
	.name = "cluster",
	.project = cluster_project,
	.service = cluster_service,
};
