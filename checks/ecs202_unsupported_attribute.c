/*
 * ecs202_unsupported_attribute.c - an attribute Docker's ECS integration
 * drops with a warning (its compatibility checker, ecs-mapping.md §12.2/§12.4).
 *
 * The allow-lists below are the checker's supported list.  Attributes with a
 * rule of their own (build without image ECS203, cap_add ECS206, privileged
 * ECS207, network_mode ECS208, the Fargate limits of ECS212) are left to it:
 * one finding per cause.  Keys Compose itself does not know are left to the
 * schema's ECS101, so a typo is one finding; x-* keys are never checked, as
 * in the original.
 */
#include <string.h>

#include "check.h"

struct level {
	const char *const *allowed;	/* NULL-terminated */
	const char *const *elsewhere;	/* reported by another rule */
};

/* What the Compose specification defines at each level (compose-spec.md §1.4-1.5). */
static const char *const service_known[] = {
	"annotations", "attach", "blkio_config", "build", "cap_add", "cap_drop", "cgroup", "cgroup_parent",
	"command", "configs", "container_name", "cpu_count", "cpu_percent", "cpu_period", "cpu_quota",
	"cpu_rt_period", "cpu_rt_runtime", "cpu_shares", "cpus", "cpuset", "credential_spec", "depends_on",
	"deploy", "develop", "device_cgroup_rules", "devices", "dns", "dns_opt", "dns_search", "domainname",
	"entrypoint", "env_file", "environment", "expose", "extends", "external_links", "extra_hosts", "gpus",
	"group_add", "healthcheck", "hostname", "image", "init", "ipc", "isolation", "label_file", "labels",
	"links", "logging", "mac_address", "mem_limit", "mem_reservation", "mem_swappiness", "memswap_limit",
	"models", "network_mode", "networks", "oom_kill_disable", "oom_score_adj", "pid", "pids_limit",
	"platform", "ports", "post_start", "pre_stop", "privileged", "profiles", "provider", "pull_policy",
	"pull_refresh_after", "read_only", "restart", "runtime", "scale", "secrets", "security_opt", "shm_size",
	"stdin_open", "stop_grace_period", "stop_signal", "storage_opt", "sysctls", "tmpfs", "tty", "ulimits",
	"use_api_socket", "user", "userns_mode", "uts", "volumes", "volumes_from", "working_dir", NULL,
};
static const char *const deploy_known[] = { "mode", "endpoint_mode", "replicas", "labels", "update_config",
	"rollback_config", "resources", "restart_policy", "placement", NULL };
static const char *const placement_known[] = { "constraints", "preferences", "max_replicas_per_node", NULL };
static const char *const resources_known[] = { "limits", "reservations", NULL };
static const char *const limits_known[] = { "cpus", "memory", "pids", NULL };
static const char *const reservations_known[] = { "cpus", "memory", "generic_resources", "devices", NULL };
static const char *const device_known[] = { "capabilities", "count", "device_ids", "driver", "options", NULL };
static const char *const update_known[] = { "parallelism", "delay", "failure_action", "monitor",
	"max_failure_ratio", "order", NULL };
static const char *const healthcheck_known[] = { "test", "interval", "timeout", "start_period", "start_interval",
	"retries", "disable", NULL };
static const char *const logging_known[] = { "driver", "options", NULL };
static const char *const secret_ref_known[] = { "source", "target", "uid", "gid", "mode", NULL };
static const char *const volume_ref_known[] = { "type", "source", "target", "read_only", "consistency", "bind",
	"volume", "tmpfs", "image", NULL };
static const char *const volume_opts_known[] = { "labels", "nocopy", "subpath", NULL };
static const char *const port_known[] = { "name", "mode", "host_ip", "target", "published", "protocol",
	"app_protocol", NULL };
static const char *const service_network_known[] = { "aliases", "ipv4_address", "ipv6_address", "link_local_ips",
	"mac_address", "driver_opts", "priority", "gw_priority", "interface_name", NULL };
static const char *const top_network_known[] = { "name", "driver", "driver_opts", "ipam", "external", "internal",
	"enable_ipv4", "enable_ipv6", "attachable", "labels", NULL };
static const char *const top_volume_known[] = { "name", "driver", "driver_opts", "external", "labels", NULL };
static const char *const top_secret_known[] = { "name", "environment", "file", "driver", "template_driver",
	"driver_opts", "external", "labels", NULL };
static const char *const top_config_known[] = { "name", "content", "environment", "file", "template_driver",
	"external", "labels", NULL };

static const char *const service_allowed[] = {
	"command", "container_name", "cap_drop", "depends_on", "deploy", "entrypoint", "environment",
	"env_file", "healthcheck", "image", "init", "labels", "logging", "networks", "ports", "secrets",
	"user", "volumes", "working_dir", "scale", "profiles", NULL,
};
static const char *const service_elsewhere[] = {
	"cap_add", "privileged", "network_mode", "ulimits", "sysctls", "devices", "shm_size", "tmpfs",
	"pid", "ipc", "memswap_limit", "mem_swappiness", NULL,
};
static const char *const service_elsewhere_build[] = {
	"cap_add", "privileged", "network_mode", "ulimits", "sysctls", "devices", "shm_size", "tmpfs",
	"pid", "ipc", "memswap_limit", "mem_swappiness", "build", NULL,
};
static const char *const deploy_allowed[] = { "placement", "replicas", "resources", "update_config", NULL };
static const char *const placement_allowed[] = { "constraints", NULL };
static const char *const resources_allowed[] = { "limits", "reservations", NULL };
static const char *const limits_allowed[] = { "cpus", "memory", NULL };
static const char *const reservations_allowed[] = { "cpus", "memory", "devices", "generic_resources", NULL };
/* device_ids: the emitter reserves one GPU per id (docs/deviations.md). */
static const char *const device_allowed[] = { "capabilities", "count", "device_ids", "driver", NULL };
static const char *const update_allowed[] = { "parallelism", NULL };
static const char *const healthcheck_allowed[] = { "interval", "retries", "start_period", "test", "timeout",
						   "disable", NULL };
static const char *const logging_allowed[] = { "driver", "options", NULL };
static const char *const secret_ref_allowed[] = { "source", "target", NULL };
static const char *const volume_ref_allowed[] = { "type", "source", "target", "read_only", "bind", "tmpfs", "volume",
						 NULL };
static const char *const port_allowed[] = { "mode", "target", "protocol", "published", "host_ip", NULL };
static const char *const none[] = { NULL };
static const char *const top_network_allowed[] = { "external", "name", NULL };
static const char *const top_volume_allowed[] = { "external", "name", "driver_opts", NULL };
static const char *const top_secret_allowed[] = { "external", "name", "file", NULL };
/* A secret read from the environment has no file: ECS311 refuses it. */
static const char *const top_secret_elsewhere[] = { "environment", NULL };

static bool listed(const char *const *list, const char *key)
{
	for (; list && *list; list++)
		if (strcmp(*list, key) == 0)
			return true;
	return false;
}

static const char *hint(const char *key)
{
	static const struct {
		const char *key, *help;
	} hints[] = {
		{ "restart", "ECS services always replace stopped tasks; remove it" },
		{ "restart_policy", "ECS services always replace stopped tasks; remove it" },
		{ "expose", "services on one network reach each other on every port; remove it" },
		{ "hostname", "tasks use awsvpc networking, which has no hostname; use the service name (Cloud Map)" },
		{ "dns", "awsvpc tasks use the VPC resolver; remove it" },
		{ "extra_hosts", "awsvpc tasks cannot edit /etc/hosts; use DNS names" },
		{ "links", "services reach each other by name through Cloud Map; remove it" },
		{ "build", "ECS does not build images: push the image and keep only 'image'" },
		{ "read_only", "the ECS integration drops it, so the root filesystem stays writable" },
		{ "aliases", "only the service name resolves (Cloud Map); remove it" },
		{ "configs", "use secrets or bake the file into the image" },
		{ "mode", "secret files are always written with mode 0444; remove it" },
	};

	for (size_t i = 0; i < sizeof(hints) / sizeof(hints[0]); i++)
		if (strcmp(hints[i].key, key) == 0)
			return hints[i].help;
	return "remove it: ECS ignores it when deploying";
}

static void report(struct ecs_check *ck, const struct ecs_pair *p, const char *path)
{
	const char *key = ecs_node_text(p->key);
	struct ecs_diag *d = ecs_check_report(ck, &p->key->span, path, "unsupported attribute '%s' (ECS ignores it)",
					      key);
	ecs_check_help(ck, d, "%s", hint(key));
}

/* Reports the keys of mapping n that Compose knows but ECS does not take (nor another rule); path is n's pointer. */
static void check_map(struct ecs_check *ck, const struct ecs_node *n, const char *path, const char *const *known,
		      const char *const *allowed, const char *const *elsewhere)
{
	n = ecs_node_deref(n);
	if (!ecs_node_is_mapping(n))
		return;
	for (uint32_t i = 0; i < n->map.n; i++) {
		const struct ecs_pair *p = &n->map.pairs[i];
		const char *key = ecs_node_text(p->key);

		if (!key || !listed(known, key) || listed(allowed, key) || listed(elsewhere, key))
			continue;
		report(ck, p, ecs_check_printf(ck, "%s/%s", path, key));
	}
}

static void check_list_items(struct ecs_check *ck, const struct ecs_node *n, const char *path,
			     const char *const *known, const char *const *allowed)
{
	n = ecs_node_deref(n);
	if (!ecs_node_is_sequence(n))
		return;
	for (uint32_t i = 0; i < n->seq.n; i++)
		check_map(ck, n->seq.items[i], ecs_check_printf(ck, "%s/%u", path, i), known, allowed, NULL);
}

/* volume: {nocopy, subpath} of long-syntax mounts: none reaches the task (bind/tmpfs are ECS205's). */
static void check_volume_options(struct ecs_check *ck, const struct ecs_node *list, const char *path)
{
	list = ecs_node_deref(list);
	if (!ecs_node_is_sequence(list))
		return;
	for (uint32_t i = 0; i < list->seq.n; i++)
		check_map(ck, ecs_node_map_get(list->seq.items[i], "volume"),
			  ecs_check_printf(ck, "%s/%u/volume", path, i), volume_opts_known, none, NULL);
}

static void check_deploy(struct ecs_check *ck, const struct ecs_node *deploy, const char *path)
{
	const struct ecs_node *res = ecs_node_map_get(deploy, "resources");
	const char *rpath = ecs_check_printf(ck, "%s/resources", path);

	check_map(ck, deploy, path, deploy_known, deploy_allowed, NULL);
	check_map(ck, ecs_node_map_get(deploy, "placement"), ecs_check_printf(ck, "%s/placement", path),
		  placement_known, placement_allowed, NULL);
	check_map(ck, ecs_node_map_get(deploy, "update_config"), ecs_check_printf(ck, "%s/update_config", path),
		  update_known, update_allowed, NULL);
	check_map(ck, res, rpath, resources_known, resources_allowed, NULL);
	check_map(ck, ecs_node_map_get(res, "limits"), ecs_check_printf(ck, "%s/limits", rpath), limits_known, limits_allowed, NULL);
	check_map(ck, ecs_node_map_get(res, "reservations"), ecs_check_printf(ck, "%s/reservations", rpath),
		  reservations_known, reservations_allowed, NULL);
	check_list_items(ck, ecs_node_map_get(ecs_node_map_get(res, "reservations"), "devices"),
			 ecs_check_printf(ck, "%s/reservations/devices", rpath), device_known, device_allowed);
}

static void check_service(struct ecs_check *ck, const struct ecs_service *s)
{
	const char *path = ecs_check_printf(ck, "/services/%s", s->name);
	const struct ecs_node *nets;

	if (!s->node)
		return;
	/* Without an image ECS203 reports the service, and build is part of that finding. */
	check_map(ck, s->node, path, service_known, service_allowed,
		  s->image.present && s->image.len ? service_elsewhere : service_elsewhere_build);
	check_deploy(ck, ecs_node_map_get(s->node, "deploy"), ecs_check_printf(ck, "%s/deploy", path));
	check_map(ck, ecs_node_map_get(s->node, "healthcheck"), ecs_check_printf(ck, "%s/healthcheck", path),
		  healthcheck_known, healthcheck_allowed, NULL);
	check_map(ck, ecs_node_map_get(s->node, "logging"), ecs_check_printf(ck, "%s/logging", path),
		  logging_known, logging_allowed, NULL);
	check_list_items(ck, ecs_node_map_get(s->node, "secrets"), ecs_check_printf(ck, "%s/secrets", path),
			 secret_ref_known, secret_ref_allowed);
	check_list_items(ck, ecs_node_map_get(s->node, "volumes"), ecs_check_printf(ck, "%s/volumes", path),
			 volume_ref_known, volume_ref_allowed);
	check_volume_options(ck, ecs_node_map_get(s->node, "volumes"), ecs_check_printf(ck, "%s/volumes", path));
	check_list_items(ck, ecs_node_map_get(s->node, "ports"), ecs_check_printf(ck, "%s/ports", path),
			 port_known, port_allowed);
	nets = ecs_node_deref(ecs_node_map_get(s->node, "networks"));
	if (ecs_node_is_mapping(nets))
		for (uint32_t i = 0; i < nets->map.n; i++)
			check_map(ck, nets->map.pairs[i].value,
				  ecs_check_printf(ck, "%s/networks/%s", path, ecs_node_text(nets->map.pairs[i].key)),
				  service_network_known, none, NULL);
}

static void check_top(struct ecs_check *ck, const struct ecs_project *p, const char *section,
		      const char *const *known, const char *const *allowed, const char *const *elsewhere)
{
	const struct ecs_node *sec = ecs_node_deref(ecs_node_map_get(p->root, section));

	if (!ecs_node_is_mapping(sec))
		return;
	for (uint32_t i = 0; i < sec->map.n; i++)
		check_map(ck, sec->map.pairs[i].value,
			  ecs_check_printf(ck, "/%s/%s", section, ecs_node_text(sec->map.pairs[i].key)), known, allowed,
			  elsewhere);
}

static void check_project(struct ecs_check *ck, const struct ecs_project *p)
{
	if (!p->root)
		return;
	check_top(ck, p, "networks", top_network_known, top_network_allowed, NULL);
	check_top(ck, p, "volumes", top_volume_known, top_volume_allowed, NULL);
	check_top(ck, p, "secrets", top_secret_known, top_secret_allowed, top_secret_elsewhere);
	check_top(ck, p, "configs", top_config_known, none, NULL);
}

const struct ecs_rule ECS202_rule = {
	.id = "ECS202",
	.name = "unsupported-attribute",
	.summary = "attribute the ECS integration ignores (dropped with a warning)",
	.source_url = "https://docs.docker.com/cloud/ecs-compose-features/",
	.since = "0.1.0",
	.severity = ECS_SEV_WARNING,
	.tags = ECS_TAG_FARGATE,
	.fix = ECS_FIX_HINT,
	.on_project = check_project,
	.on_service = check_service,
};
