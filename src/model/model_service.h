/*
 * model_service.h - the parts of a service: ports, mounts, secret and config
 * references, dependencies, networks, healthcheck, ulimits, logging, deploy.
 *
 * Owner: the model (src/model/).  Short and long syntax end up in the same
 * struct; long_syntax tells which one was written.  Conventions (present,
 * span, node, valid, effective values) are those of model_types.h; group
 * structs (healthcheck, logging, deploy and its parts) also keep the key
 * node they were written under.
 */
#ifndef ECS_MODEL_SERVICE_H
#define ECS_MODEL_SERVICE_H

#include "model_types.h"

/*
 * One published/exposed port after normalisation.  As in Compose, a short
 * entry with a container range ("8000-8002:8000-8002") becomes one entry per
 * container port (ordered as Compose orders them: by the text "port/proto");
 * all entries from one written item share node/span and item_index.
 */
struct ecs_port {
	uint32_t item_index;		/* index of the written item in ports: */
	bool long_syntax;
	bool from_range;		/* one of several entries of a range */
	bool from_integer;		/* written as a YAML integer (`- 80`) */
	/* Container port, 0..65535 (0 only when !valid). */
	uint32_t target;
	struct ecs_span target_span;
	/*
	 * Host port or range.  published.present is false for "80" (no host
	 * port) and "127.0.0.1::80" (ephemeral).  published_start..end is the
	 * range ("8000-9000"), start == end for one port; published.v is the
	 * text as Compose prints it ("8000", "8000-9000").
	 */
	struct ecs_mstr published;
	uint32_t published_start, published_end;
	struct ecs_mstr host_ip;	/* without IPv6 brackets */
	struct ecs_mstr protocol;	/* as written (short: after '/') */
	const char *effective_protocol;	/* lowercase; "tcp" when not written */
	struct ecs_mstr mode;		/* long only: ingress|host; default ingress */
	struct ecs_mstr app_protocol;	/* long only */
	struct ecs_mstr name;		/* long only */
	struct ecs_mstr x_aws_protocol;	/* long only: http|https makes the port "HTTP" for the ALB */
	bool valid;			/* false: ECS103 was reported on the item */
	struct ecs_span span;		/* the written item */
	const struct ecs_node *node;
};

enum ecs_mount_type {
	ECS_MOUNT_UNKNOWN,		/* long syntax with a type we do not know */
	ECS_MOUNT_VOLUME,
	ECS_MOUNT_BIND,
	ECS_MOUNT_TMPFS,
	ECS_MOUNT_NPIPE,
	ECS_MOUNT_CLUSTER,
	ECS_MOUNT_IMAGE,
};

/* One entry of a service's volumes: (short `[SOURCE:]TARGET[:OPTS]` or long). */
struct ecs_mount {
	bool long_syntax;
	enum ecs_mount_type type;	/* short: bind if source looks like a path, else volume */
	struct ecs_mstr type_text;	/* long only: as written */
	/* Empty/absent source with type volume = anonymous volume. */
	struct ecs_mstr source;
	/* bind sources starting with '.': made absolute against the directory
	 * of the file they are written in, as Compose does; else NULL */
	const char *resolved_source;
	struct ecs_mstr target;		/* as written */
	const char *target_clean;	/* path-cleaned target ("/data/" -> "/data"), NULL when absent */
	struct ecs_mbool read_only;	/* short: "ro" option (present), "rw" (present, false) */
	struct ecs_mstr options;	/* short only: the text after the second ':' */
	struct ecs_mstr consistency;	/* long; short options cached/delegated/consistent */
	/* bind: */
	struct ecs_mstr propagation;	/* shared, rshared, slave, rslave, private, rprivate */
	struct ecs_mstr selinux;	/* z or Z */
	struct ecs_mbool create_host_path;
	/* volume: */
	struct ecs_mbool nocopy;
	struct ecs_mstr subpath;	/* volume.subpath or image.subpath */
	/* tmpfs: */
	struct ecs_mint tmpfs_size;	/* bytes */
	struct ecs_mint tmpfs_mode;	/* file mode (octal text parsed) */
	bool valid;
	struct ecs_span span;
	const struct ecs_node *node;
};

/*
 * A service's reference to a top-level secret or config (short `- name` or
 * long).  effective_target: target as written, else /run/secrets/<source>
 * for secrets and /<source> for configs (a relative secret target is a file
 * under /run/secrets/).
 */
struct ecs_file_ref {
	bool long_syntax;
	struct ecs_mstr source;
	struct ecs_mstr target;
	const char *effective_target;
	struct ecs_mstr uid, gid;
	struct ecs_mint mode;		/* a string is octal ("0440", "440"), an integer is taken as is */
	struct ecs_span span;
	const struct ecs_node *node;
};

/* depends_on entry; list form gets condition service_started, required true. */
struct ecs_depend {
	struct ecs_mstr service;		/* span: the list item or the map key */
	struct ecs_mstr condition;
	const char *effective_condition;	/* service_started | service_healthy | service_completed_successfully */
	struct ecs_mbool required;		/* effective value: required.present ? required.v : true */
	struct ecs_mbool restart;
	struct ecs_span span;
	const struct ecs_node *node;
};

/* Service-level attachment to a network (list item or map key + options). */
struct ecs_service_network {
	struct ecs_mstr name;		/* the project network key */
	struct ecs_mstrs aliases;
	struct ecs_mstr ipv4_address, ipv6_address, mac_address, interface_name;
	struct ecs_mstrs link_local_ips;
	struct ecs_kvs driver_opts;
	struct ecs_mint priority, gw_priority;
	struct ecs_span span;
	const struct ecs_node *node;	/* options mapping, or NULL */
};

struct ecs_healthcheck {
	bool present;
	/* test: a string becomes ["CMD-SHELL", string] (test.from_string set,
	 * the synthetic "CMD-SHELL" item is not present). */
	struct ecs_mstrs test;
	struct ecs_mint interval, timeout, start_period, start_interval;	/* nanoseconds */
	struct ecs_mint retries;
	struct ecs_mbool disable;
	/* test[0] is NONE or disable: true */
	bool disabled;
	struct ecs_span span;
	const struct ecs_node *node;
	const struct ecs_node *key;
};

/* ulimits entry: `nofile: 65535` (single: soft = hard = the value) or
 * `nofile: {soft: .., hard: ..}`. */
struct ecs_ulimit {
	struct ecs_mstr name;
	bool single;
	struct ecs_mint soft, hard;
	struct ecs_span span;
	const struct ecs_node *node;
};

struct ecs_logging {
	bool present;
	struct ecs_mstr driver;
	struct ecs_kvs options;
	struct ecs_span span;
	const struct ecs_node *node;
	const struct ecs_node *key;
};

/* Shell-split (go-shellwords rules) or list command/entrypoint. */
struct ecs_cmdline {
	struct ecs_mstrs argv;		/* present, from_string as in ecs_mstrs */
	bool is_null;			/* `command: null`: the image default */
	/* String form: parsing stopped at an unquoted ; & | < > and the rest
	 * was dropped, as Compose silently does.  dropped_span covers the rest. */
	bool truncated;
	struct ecs_span dropped_span;
	bool valid;			/* false: unbalanced quotes etc., ECS103 reported */
};

/* deploy.resources.reservations.devices[] (and the service `gpus` entries). */
struct ecs_device_request {
	struct ecs_mstrs capabilities;
	struct ecs_mint count;		/* "all" -> v = -1 */
	bool count_all;
	/* count when neither count nor device_ids is written: all (-1) */
	int64_t effective_count;
	struct ecs_mstrs device_ids;
	struct ecs_mstr driver;
	struct ecs_kvs options;
	struct ecs_span span;
	const struct ecs_node *node;
};

/* reservations.generic_resources[].discrete_resource_spec */
struct ecs_generic_resource {
	struct ecs_mstr kind;
	struct ecs_mint value;
	struct ecs_span span;
	const struct ecs_node *node;
};

struct ecs_resources {
	bool present;
	struct ecs_mcpus cpus;
	struct ecs_mint memory;		/* bytes */
	struct ecs_mint pids;
	struct ecs_device_request *devices;	/* reservations only */
	uint32_t n_devices;
	struct ecs_generic_resource *generic_resources;
	uint32_t n_generic_resources;
	struct ecs_span span;
	const struct ecs_node *node;
	const struct ecs_node *key;
};

struct ecs_update_config {
	bool present;
	struct ecs_mint parallelism;
	struct ecs_mint delay, monitor;		/* nanoseconds */
	struct ecs_mstr failure_action;
	struct ecs_mstr max_failure_ratio;
	double max_failure_ratio_value;		/* valid when max_failure_ratio.present */
	struct ecs_mstr order;			/* start-first | stop-first */
	struct ecs_mint x_aws_min_percent;	/* update_config only */
	struct ecs_mint x_aws_max_percent;
	struct ecs_span span;
	const struct ecs_node *node;
	const struct ecs_node *key;
};

struct ecs_restart_policy {
	bool present;
	struct ecs_mstr condition;
	struct ecs_mint delay, window;		/* nanoseconds */
	struct ecs_mint max_attempts;
	struct ecs_span span;
	const struct ecs_node *node;
	const struct ecs_node *key;
};

struct ecs_placement {
	bool present;
	struct ecs_mstrs constraints;		/* "node.ami == ami-123" as written */
	struct ecs_mstrs preferences;		/* the spread values */
	struct ecs_mint max_replicas_per_node;
	struct ecs_span span;
	const struct ecs_node *node;
	const struct ecs_node *key;
};

/* deploy.x-aws-autoscaling: integers min, max and cpu or memory (percent);
 * like every x-aws-* integer, a string is present but not valid. */
struct ecs_autoscaling {
	bool present;
	struct ecs_mint min, max, cpu, memory;
	struct ecs_span span;
	const struct ecs_node *node;
	const struct ecs_node *key;
};

/*
 * deploy.  The sub-groups are pointers that are never NULL: an absent one
 * points to a shared empty instance whose present is false, so
 * s->deploy->limits->cpus.present is always safe to read.  (Inline
 * sub-structs would make every service several kilobytes bigger.)
 */
struct ecs_deploy {
	bool present;
	struct ecs_mstr mode;			/* replicated | global | ... */
	struct ecs_mstr endpoint_mode;
	struct ecs_mint replicas;		/* effective: replicas.present ? v : 1 */
	struct ecs_kvs labels;
	const struct ecs_update_config *update_config;
	const struct ecs_update_config *rollback_config;	/* x_aws_* never filled */
	const struct ecs_resources *limits;
	const struct ecs_resources *reservations;
	const struct ecs_restart_policy *restart_policy;
	const struct ecs_placement *placement;
	const struct ecs_autoscaling *x_aws_autoscaling;
	struct ecs_span span;
	const struct ecs_node *node;
	const struct ecs_node *key;
};

/* devices: `HOST[:CONTAINER[:PERMS]]`, a CDI name, or {source, target, permissions}. */
struct ecs_device {
	bool long_syntax;
	struct ecs_mstr source;
	/* Not written: v holds Docker's default (the source path, "rwm") and
	 * present is false; CDI devices get no defaults. */
	struct ecs_mstr target;
	struct ecs_mstr permissions;
	bool cdi;			/* vendor.com/class=name */
	bool valid;
	struct ecs_span span;
	const struct ecs_node *node;
};

/* env_file entry: string or {path, required, format}; resolved_path is
 * absolute, against the directory of the file it is written in. */
struct ecs_env_file {
	struct ecs_mstr path;
	const char *resolved_path;
	struct ecs_mbool required;	/* effective: true when not written */
	struct ecs_mstr format;
	struct ecs_span span;
	const struct ecs_node *node;
};

#endif
