/*
 * cvt.h - what the emitter's resource families share: the conversion
 * context, the per-service state families contribute to, and the cJSON
 * building helpers.  Internal to src/convert/.
 *
 * A family is one file (cluster.c, networks.c, ...) defining
 * cvt_family_<name> with up to three hooks, registered by one line in
 * families.def.  convert.c calls every project hook in table order, then
 * for each service (sorted by name; services whose names collide are
 * skipped) every service hook in table order, then attaches Metadata,
 * Parameters and Resources to c->tpl, drops DependsOn entries a Ref
 * already implies and parameters nothing uses, and last calls the finish
 * hooks (which see the whole template: capacity providers, overlays).
 *
 * Families that feed a later one fill struct cvt_svc before iam.c,
 * task_definition.c and service.c read it: a secrets family adds its init
 * container, the "secrets" task volume, the main container's mount and
 * DependsOn and the secret ARNs the execution role may read; a volumes
 * family adds task volumes, mounts, task-role policies and DependsOn on
 * mount targets; a GPU family sets ec2 and resource requirements.  A family
 * that needs the ECS service (autoscaling) goes after `service`.
 *
 * Resources are added with cvt_resource(), which claims the logical id:
 * a clash between two Compose names is ECS301, never an overwrite.
 */
#ifndef ECS_CVT_H
#define ECS_CVT_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdint.h>

#include "../core/run.h"
#include "../model/model.h"
#include "convert.h"

struct cvt_id_table;
struct cvt_size;

/* What each service's resources are assembled from. */
struct cvt_svc {
	const struct ecs_service *s;
	const char *id;			/* N(name): prefix of every logical id */
	bool skip;			/* its names collide: no resources */
	bool ec2;			/* GPU family: EC2 launch type, raw sizes */
	const char *exec_role;		/* logical ids set by iam.c; task_role NULL */
	const char *task_role;		/* when the service needs none */

	/* Lists created on first use (cvt_list), moved into the template by
	 * the family that owns the property, dropped at the end otherwise. */
	cJSON *init_containers;		/* before the resolv.conf init container */
	cJSON *task_volumes;		/* task Volumes */
	cJSON *mounts;			/* main container MountPoints */
	cJSON *container_depends;	/* main container DependsOn, before resolv */
	cJSON *resource_requirements;	/* main container ResourceRequirements */
	cJSON *exec_secret_arns;	/* exec role secrets policy Resource */
	cJSON *task_policies;		/* task role Policies */
	cJSON *depends_on;		/* ECS service DependsOn (logical ids) */
	cJSON *load_balancers;		/* ECS service LoadBalancers */
};

struct cvt {
	struct ecs_run *run;
	const struct ecs_project *p;
	const struct ecs_convert_options *opt;
	bool failed;			/* out of memory: the result is unusable */

	cJSON *tpl, *resources, *parameters, *metadata;
	struct cvt_id_table *ids;

	/* Subnet ids given offline (--subnets, else none): families that need
	 * one resource per subnet read them; everything else uses the
	 * SubnetIds parameter. */
	const char **subnets;
	uint32_t n_subnets;

	/* Load balancer facts (load_balancer.c), decided before services. */
	bool lb_needed;			/* some service publishes a port */
	bool lb_application;		/* every port is HTTP: ALB, else NLB */
	bool lb_external;		/* x-aws-loadbalancer */

	struct cvt_svc *svcs;		/* one per service, sorted by name */
	uint32_t n_svcs;

	/* Networks some service is attached to, by ecs_network.index. */
	bool *network_used;
	/*
	 * The project's security groups (cvt_project_sgs), owned by the first
	 * resource given them: every other resource gets a cJSON reference to
	 * the same items, or 1,000 volumes x 1,000 networks would copy a
	 * million Refs into mount targets.  overlay.c gives them copies before
	 * an overlay may detach the owner.
	 */
	cJSON *project_sgs;

	/*
	 * Where template nodes are made: the run's arena, or for check
	 * (ecs_convert_for_check) a scratch arena reset after each service,
	 * whose resources are measured into *retired and dropped.  Parameters
	 * a dropped resource refers to are kept in kept_params.
	 */
	struct ecs_arena *nodes;
	struct ecs_arena scratch;
	struct ecs_retired *retired;
	const char **kept_params;
	size_t n_kept_params;

	/* Scratch of prune_depends_on: the ids one resource refers to. */
	const char **refs;
	size_t n_refs, cap_refs;
};

struct cvt_family {
	const char *name;
	int (*project)(struct cvt *c);
	int (*service)(struct cvt *c, struct cvt_svc *sv);
	int (*finish)(struct cvt *c);
};

#define FAMILY(name) extern const struct cvt_family cvt_family_##name;
#include "families.def"
#undef FAMILY

/* Parameter names (logical ids shared with resources). */
#define CVT_PARAM_VPC "VpcId"
#define CVT_PARAM_SUBNETS "SubnetIds"

/* ---- cJSON helpers (template.c): each returns NULL and sets c->failed
 * when out of memory.  Nodes belong to the run's arena: never cJSON_Delete,
 * cJSON_Delete*, cJSON_Replace* or cJSON_Duplicate them; detach what goes.
 * cvt_str, cvt_sets and every key are referenced, not copied: pass a
 * literal or a run-arena string (cvt_strn/cvt_strf copy into the arena). */
cJSON *cvt_obj(struct cvt *c);
cJSON *cvt_arr(struct cvt *c);
cJSON *cvt_null(struct cvt *c);
/* An array sharing list's items (see cvt.project_sgs; cvt_unshare). */
cJSON *cvt_shared_list(struct cvt *c, const cJSON *list);
cJSON *cvt_str(struct cvt *c, const char *s);
cJSON *cvt_strn(struct cvt *c, const char *s, size_t len);
cJSON *cvt_strf(struct cvt *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
cJSON *cvt_num(struct cvt *c, double v);
cJSON *cvt_bool(struct cvt *c, bool v);
cJSON *cvt_ref(struct cvt *c, const char *id);
cJSON *cvt_getatt(struct cvt *c, const char *id, const char *attr);
void cvt_set(struct cvt *c, cJSON *obj, const char *key, cJSON *val);
void cvt_sets(struct cvt *c, cJSON *obj, const char *key, const char *s);
void cvt_push(struct cvt *c, cJSON *arr, cJSON *val);
/* *list, created empty on first use. */
cJSON *cvt_list(struct cvt *c, cJSON **list);
/* Moves *list into obj[key] when it has items; drops it otherwise. */
void cvt_take(struct cvt *c, cJSON *obj, const char *key, cJSON **list);
/* A deep copy of a YAML value as JSON (scalars stay strings). */
cJSON *cvt_from_node(struct cvt *c, const struct ecs_node *n);
/* Gives every shared list under v (cvt_shared_list) items of its own. */
void cvt_unshare(struct cvt *c, cJSON *v);

/* Tag lists (ecs-mapping.md §2.3). */
cJSON *cvt_project_tags(struct cvt *c);
cJSON *cvt_service_tags(struct cvt *c, const char *svc);
cJSON *cvt_tag_list(struct cvt *c, const char *const *kv, size_t n_pairs);

/* The VPC id and subnet list, as parameter references. */
cJSON *cvt_vpc(struct cvt *c);
cJSON *cvt_subnets(struct cvt *c);
/* x-aws-cluster / x-aws-loadbalancer given (an empty string is not). */
static inline bool cvt_external_cluster(const struct cvt *c)
{
	return c->p->x_aws_cluster.present && c->p->x_aws_cluster.v[0];
}
static inline bool cvt_external_lb(const struct cvt *c)
{
	return c->p->x_aws_loadbalancer.present && c->p->x_aws_loadbalancer.v[0];
}
/* The cluster: ARN (GetAtt Cluster.Arn or x-aws-cluster) and name/id. */
cJSON *cvt_cluster_arn(struct cvt *c);
cJSON *cvt_cluster_id(struct cvt *c);

/*
 * Adds resource id of type to the template and returns its Properties
 * object, or NULL: out of memory (c->failed), or the id is taken (by the
 * same owner: nothing to do; by another: ECS301 was reported).  The owner
 * (kind "service", "network", ... and Compose name at span) names who
 * asked for the id, for collision diagnostics.
 */
cJSON *cvt_resource(struct cvt *c, const char *id, const char *type, const char *owner_kind,
		    const char *owner, const struct ecs_span *owner_span);
/* The resource object (Type, Properties, DependsOn...) of id, or NULL. */
cJSON *cvt_resource_get(struct cvt *c, const char *id);
/* Appends id to the resource's DependsOn (once). */
void cvt_depends_on(struct cvt *c, cJSON *resource, const char *id);

/* Reports a conversion problem (ECS310) at span; returns it (NULL when out of memory) for related locations. */
struct ecs_diag *cvt_error(struct cvt *c, const struct ecs_span *span, const char *path, const char *help,
			  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/*
 * The same under a check rule's id, for problems a rule of `ecslint check`
 * reports in the same words, at the same place and path: the two findings
 * are one after de-duplication, and the rule's policy applies to it.
 */
struct ecs_diag *cvt_report(struct cvt *c, const struct ecs_rule *rule, const struct ecs_span *span, const char *path,
			   const char *help, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* ---- IAM (iam.c) */
/* An assume-role policy document for a service principal. */
cJSON *cvt_assume_role(struct cvt *c, const char *service_principal);

/* ---- networks (networks.c) */
/* Whether some service is attached to n (unused networks get nothing). */
bool cvt_network_used(const struct cvt *c, const struct ecs_network *n);
/* The security group of network key: Ref(<N>Network) or the external id. */
cJSON *cvt_network_sg(struct cvt *c, const char *key);
/* The security groups of every network a service uses, sorted by key (see
 * cvt.project_sgs: the first call's list is shared by later ones). */
cJSON *cvt_project_sgs(struct cvt *c);

/* The security groups of s's networks, sorted by network key. */
cJSON *cvt_service_sgs(struct cvt *c, const struct ecs_service *s);

/* ---- GPU (gpu.c) */
/* GPUs s reserves (generic resources + devices with the gpu capability);
 * -1 when a device asks for all; *at: where the request is written. */
int64_t cvt_service_gpus(const struct ecs_service *s, const struct ecs_span **at);
/* A placement constraint as ECS reads it (node.ami/node.machine become ECS attributes). */
const char *cvt_placement_expression(struct cvt *c, const char *constraint);

/* ---- containers (containers.c) */
cJSON *cvt_log_configuration(struct cvt *c, const struct ecs_service *s);
cJSON *cvt_resolv_container(struct cvt *c, const struct cvt_svc *sv);
cJSON *cvt_main_container(struct cvt *c, struct cvt_svc *sv, const struct cvt_size *sz, const char *resolv_name);

/* ---- logical ids (logical_id.c) */
/* N(s) of ecs-mapping.md §2.1, arena-allocated. */
const char *cvt_normalise(struct cvt *c, const char *s);
/* 1 claimed, 0 already claimed by this owner, -1 collision (reported), -2 out of memory. */
int cvt_id_claim(struct cvt *c, const char *id, const char *owner_kind, const char *owner,
		 const struct ecs_span *owner_span);
struct cvt_id_table *cvt_ids_new(struct ecs_arena *a);
/* Where the emitter keeps id's resource object; NULL when id is not claimed. */
void **cvt_id_data(struct cvt_id_table *t, const char *id);
int ecs_ids_claim(struct cvt_id_table *t, struct ecs_diags *diags, const char *id, const char *owner_kind,
		  const char *owner, const struct ecs_span *owner_span);

/* ---- sizing (sizing.c) */
struct cvt_size {
	const char *cpu, *memory;	/* decimal strings, NULL when omitted */
	int64_t memory_reservation_mib;	/* 0: omitted */
};
/* Fills sz for sv; reports ECS310 and returns 1 when nothing fits. */
int cvt_task_size(struct cvt *c, const struct cvt_svc *sv, struct cvt_size *sz);

#endif
