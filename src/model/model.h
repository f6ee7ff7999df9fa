/*
 * model.h - the typed, normalised Compose model.
 *
 * The CloudFormation emitter and every rule read this, never libfyaml or
 * cJSON.  For anything unusual the raw YAML is one pointer away: each
 * service/resource keeps its mapping node (s->node: look up any attribute
 * with ecs_node_map_pair(s->node, "stdin_open")), each value its node and
 * key.  Value conventions (present, span, node, key, valid, "effective"
 * fields) are explained in model_types.h.
 *
 * Owner: the model (src/model/build*.c).  Built once per project by
 * ecs_model_build() after the loader (interpolation, merging, extends,
 * profiles) and independently of the schema validator: the builder never
 * assumes the schema passed, it skips values of the wrong type.  Everything
 * is arena-owned and read-only once built.
 *
 * Maps of named things (services, networks, volumes, secrets, configs)
 * come twice: in source order (after merging) and sorted by name (memcmp
 * order) for deterministic output; lookups by name use the sorted view.
 */
#ifndef ECS_MODEL_H
#define ECS_MODEL_H

#include "../compose/project.h"
#include "../core/run.h"
#include "model_service.h"
#include "model_types.h"

/*
 * Attributes the ECS mapping drops (ecs-mapping.md §12.4: rules report them
 * as unsupported) or that are rarely written.  Kept out of struct
 * ecs_service so a service costs little memory when they are absent.
 */
struct ecs_service_other {
	struct ecs_mstr platform;
	struct ecs_mstr container_name;
	struct ecs_mstr pull_policy;
	struct ecs_mstrs profiles;
	struct ecs_kvs annotations;
	struct ecs_mstr stop_signal;
	struct ecs_mint stop_grace_period;	/* nanoseconds */
	struct ecs_mstr restart;
	struct ecs_mstrs expose;
	struct ecs_mstrs volumes_from;
	struct ecs_mstr hostname, domainname, mac_address;
	struct ecs_mstrs dns, dns_search, dns_opt;
	struct ecs_kvs extra_hosts;	/* host -> ip (several ips: comma-joined) */
	struct ecs_mstrs links, external_links;
	struct ecs_mbool tty, stdin_open, oom_kill_disable;
	struct ecs_mstr uts, userns_mode, cgroup, cgroup_parent, isolation, runtime;
	struct ecs_mstrs security_opt;
	struct ecs_device_request *gpus;	/* `gpus: all` -> one entry with count all */
	uint32_t n_gpus;
	struct ecs_mstrs group_add;
	/* Service-level resource attributes (Compose also accepts them
	 * outside deploy; compose-go requires equal values when both are set). */
	struct ecs_mcpus cpus;
	struct ecs_mint mem_limit, mem_reservation, memswap_limit, shm_size;	/* bytes */
	struct ecs_mint cpu_shares, cpu_quota, cpu_period, pids_limit, oom_score_adj, scale;
};

/*
 * A service.  The group pointers (healthcheck, logging, deploy, other) are
 * never NULL: when nothing of a group is written they point to a shared
 * empty instance (present false, every value not present).
 */
struct ecs_service {
	const char *name;		/* the key under services: */
	const struct ecs_node *node;	/* the service mapping (NULL if `web:` is null) */
	const struct ecs_node *key;
	/* Its pair under services: (from a merge key, or an alias?), kept so
	 * rules need not search a mapping of thousands of services by name. */
	const struct ecs_pair *pair;
	struct ecs_span name_span;	/* span of that key */
	uint32_t index;			/* position in source order */

	struct ecs_mstr image;
	const struct ecs_node *build;	/* raw build (string or mapping); NULL when absent */
	struct ecs_mstr build_context;	/* string form, or build.context */
	const char *build_context_resolved;	/* absolute (see mb_resolve_path); NULL for URLs */
	struct ecs_mstr build_dockerfile;

	struct ecs_cmdline command;
	struct ecs_cmdline entrypoint;
	struct ecs_mstr working_dir;
	struct ecs_mstr user;
	struct ecs_kvs environment;	/* as written */
	struct ecs_env_file *env_files;
	/*
	 * What the container gets, as Compose computes it: env_file entries
	 * (files in order), overridden by environment; a key written without
	 * value takes the project environment's value or is dropped.  Entries
	 * from env files and resolved values are synthetic (present false) and
	 * located at the env_file item or the key.  Iterate .sorted for
	 * output (CloudFormation Environment).
	 */
	struct ecs_kvs effective_environment;
	struct ecs_kvs labels;
	const struct ecs_healthcheck *healthcheck;
	struct ecs_ulimit *ulimits;	/* source order */
	const struct ecs_logging *logging;

	struct ecs_port *ports;		/* normalised entries, see struct ecs_port */
	struct ecs_mount *volumes;
	struct ecs_mstrs tmpfs;		/* string or list, entries `PATH[:OPTIONS]` */
	struct ecs_file_ref *secrets;
	struct ecs_file_ref *configs;
	struct ecs_depend *depends_on;	/* source order */

	/*
	 * Networks the service is attached to, source order.  A service with
	 * no networks (or an empty mapping) and no network_mode gets the
	 * implicit "default" attachment: default_network is then true and
	 * networks holds one entry named "default" that is not present.
	 */
	struct ecs_service_network *networks;
	struct ecs_mstr network_mode;

	struct ecs_mstrs cap_add, cap_drop;
	struct ecs_mbool init, privileged, read_only;
	struct ecs_mstr pid, ipc;
	struct ecs_kvs sysctls;
	struct ecs_device *devices;
	const struct ecs_deploy *deploy;
	const struct ecs_service_other *other;

	/* ECS extensions (ecs-mapping.md §14). */
	const struct ecs_node *x_aws_role;	/* IAM policy document mapping, raw */
	const struct ecs_node *x_aws_role_key;
	struct ecs_mstrs x_aws_policies;	/* managed policy ARNs */
	struct ecs_mstr x_aws_pull_credentials;	/* Secrets Manager ARN */
	/* Every x-* key of the service mapping, source order (raw). */
	const struct ecs_pair **extensions;

	uint32_t n_env_files, n_ulimits, n_ports, n_volumes, n_secrets, n_configs, n_depends_on;
	uint32_t n_networks, n_devices, n_extensions;
	bool default_network;
	bool networks_list_form;
};

struct ecs_network {
	const char *key;		/* name under networks: */
	struct ecs_span key_span;
	uint32_t index;
	bool implicit;			/* the "default" network Compose adds */
	const struct ecs_node *node;	/* NULL when written as `net:` (null) or implicit */
	struct ecs_mstr name;
	/* name.v, else <project>_<key>, or <key> when external */
	const char *effective_name;
	struct ecs_mbool external;	/* also true for `external: {name: x}` */
	struct ecs_mstr external_name;	/* deprecated external.name */
	struct ecs_mstr driver;
	struct ecs_kvs driver_opts;
	struct ecs_mbool internal, attachable, enable_ipv4, enable_ipv6;
	struct ecs_kvs labels;
	const struct ecs_node *ipam;	/* raw */
	struct ecs_mstr x_aws_securitygroup;	/* deprecated alias of external + name */
	const struct ecs_pair **extensions;
	uint32_t n_extensions;
};

struct ecs_volume {
	const char *key;
	struct ecs_span key_span;
	uint32_t index;
	const struct ecs_node *node;
	struct ecs_mstr name;
	const char *effective_name;
	struct ecs_mbool external;
	struct ecs_mstr external_name;
	struct ecs_mstr driver;
	/* EFS options the ECS integration reads: backup_policy, lifecycle_policy,
	 * performance_mode, throughput_mode, provisioned_throughput, kms_key_id,
	 * uid, gid, root_directory, permissions. */
	struct ecs_kvs driver_opts;
	struct ecs_kvs labels;
	const struct ecs_pair **extensions;
	uint32_t n_extensions;
};

/* A top-level secret or config. */
struct ecs_file_object {
	const char *key;
	struct ecs_span key_span;
	uint32_t index;
	const struct ecs_node *node;
	struct ecs_mstr name;
	const char *effective_name;
	struct ecs_mstr file;
	const char *resolved_file;	/* absolute: against the directory of the file it is written in */
	struct ecs_mstr environment;
	struct ecs_mstr content;	/* configs only */
	struct ecs_mbool external;
	struct ecs_mstr external_name;
	struct ecs_mstr driver, template_driver;
	struct ecs_kvs driver_opts;
	struct ecs_kvs labels;
	/* secrets only: x-aws-keys, a string becomes one item ("*" = all keys) */
	struct ecs_mstrs x_aws_keys;
	const struct ecs_pair **extensions;
	uint32_t n_extensions;
};

struct ecs_project {
	const char *name;		/* normalised project name */
	struct ecs_mstr name_attr;	/* top-level name: as written */
	const char *working_dir;
	const struct ecs_node *root;
	struct ecs_source **files;
	size_t n_files;

	struct ecs_service *services;		/* source order */
	uint32_t n_services;
	const struct ecs_service **services_sorted;
	/* includes the implicit "default" network when a service needs it */
	struct ecs_network *networks;
	uint32_t n_networks;
	const struct ecs_network **networks_sorted;
	struct ecs_volume *volumes;
	uint32_t n_volumes;
	const struct ecs_volume **volumes_sorted;
	struct ecs_file_object *secrets;
	uint32_t n_secrets;
	const struct ecs_file_object **secrets_sorted;
	struct ecs_file_object *configs;
	uint32_t n_configs;
	const struct ecs_file_object **configs_sorted;

	/* ECS extensions (ecs-mapping.md §14). */
	struct ecs_mstr x_aws_cluster;
	struct ecs_mstr x_aws_vpc;
	struct ecs_mstr x_aws_loadbalancer;
	struct ecs_mint x_aws_logs_retention;	/* days; a YAML integer (a string is present, not valid) */
	const struct ecs_node *x_aws_cloudformation;	/* overlay mapping, raw */
	const struct ecs_node *x_aws_cloudformation_key;
	/* Every top-level x-* key, source order (raw). */
	const struct ecs_pair **extensions;
	uint32_t n_extensions;
};

/*
 * Builds the model of in (in->root must be non-NULL).  Problems found while
 * normalising (short-syntax parse errors, YAML 1.1 traps) are diagnostics in
 * r (ECS103, ECS113, ECS114).  Returns 0, or -1 when out of memory.
 */
int ecs_model_build(struct ecs_run *r, const struct ecs_project_input *in, struct ecs_project **out);

/* Lookups by name (binary search over the sorted views); NULL when absent. */
const struct ecs_service *ecs_project_service(const struct ecs_project *p, const char *name);
const struct ecs_network *ecs_project_network(const struct ecs_project *p, const char *key);
const struct ecs_volume *ecs_project_volume(const struct ecs_project *p, const char *key);
const struct ecs_file_object *ecs_project_secret(const struct ecs_project *p, const char *key);
const struct ecs_file_object *ecs_project_config(const struct ecs_project *p, const char *key);

#endif
