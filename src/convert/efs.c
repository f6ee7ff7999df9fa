/*
 * efs.c - named volumes on EFS (ecs-mapping.md §8): per volume a service
 * mounts, an encrypted, retained file system (or the external one named by
 * id), an access point and a mount target per subnet; per service the task
 * volumes, mount points, task-role grants and the wait for mount targets.
 */
#include <stdlib.h>
#include <string.h>

#include "cvt.h"

/* AWS::EFS::FileSystem enumerations (a wrong value fails the stack). */
static const char *const performance_modes[] = { "generalPurpose", "maxIO", NULL };
static const char *const throughput_modes[] = { "bursting", "elastic", "provisioned", NULL };
static const char *const backup_statuses[] = { "DISABLED", "DISABLING", "ENABLED", "ENABLING", NULL };
static const char *const transitions[] = { "AFTER_1_DAY", "AFTER_7_DAYS", "AFTER_14_DAYS", "AFTER_30_DAYS",
					   "AFTER_60_DAYS", "AFTER_90_DAYS", "AFTER_180_DAYS", "AFTER_270_DAYS",
					   "AFTER_365_DAYS", NULL };

static bool is_external(const struct ecs_volume *v)
{
	return v->external.present && v->external.v;
}

/* The file-system id of an external volume: name:, external.name, else the key. */
static const char *external_id(const struct ecs_volume *v)
{
	if (v->name.present && *v->name.v)
		return v->name.v;
	if (v->external_name.present && *v->external_name.v)
		return v->external_name.v;
	return v->key;
}

static const char *vol_id(struct cvt *c, const char *key, const char *suffix)
{
	const char *n = cvt_normalise(c, key);
	const char *id = n ? ecs_arena_printf(&c->run->arena, "%s%s", n, suffix) : NULL;

	if (!id)
		c->failed = true;
	return id;
}

static cJSON *fs_id(struct cvt *c, const struct ecs_volume *v)
{
	if (is_external(v))
		return cvt_str(c, external_id(v));
	return cvt_ref(c, vol_id(c, v->key, "Filesystem"));
}

static cJSON *fs_arn(struct cvt *c, const struct ecs_volume *v)
{
	cJSON *sub;

	if (!is_external(v))
		return cvt_getatt(c, vol_id(c, v->key, "Filesystem"), "Arn");
	sub = cvt_obj(c);
	cvt_set(c, sub, "Fn::Sub",
		cvt_strf(c, "arn:${AWS::Partition}:elasticfilesystem:${AWS::Region}:${AWS::AccountId}:file-system/%s",
			 external_id(v)));
	return sub;
}

static bool mounts_volume(const struct ecs_mount *m, const char *key)
{
	return m->type == ECS_MOUNT_VOLUME && m->source.present && strcmp(m->source.v, key) == 0;
}

static bool used(const struct cvt *c, const struct ecs_volume *v)
{
	for (uint32_t i = 0; i < c->n_svcs; i++)
		for (uint32_t j = 0; j < c->svcs[i].s->n_volumes && !c->svcs[i].skip; j++)
			if (mounts_volume(&c->svcs[i].s->volumes[j], v->key))
				return true;
	return false;
}

static const struct ecs_kv *opt(const struct ecs_volume *v, const char *key)
{
	const struct ecs_kv *kv = ecs_kvs_get(&v->driver_opts, key);

	return kv && kv->has_value && *kv->value.v ? kv : NULL;
}

/* Copies driver_opts[key] to props[prop] when it is one of allowed; false after reporting. */
static bool enum_opt(struct cvt *c, const struct ecs_volume *v, const char *key, const char *const *allowed,
		     const char **out)
{
	const struct ecs_kv *kv = opt(v, key);
	char list[256] = "use one of: ";

	*out = NULL;
	if (!kv)
		return true;
	for (size_t i = 0; allowed[i]; i++) {
		if (strcmp(allowed[i], kv->value.v) == 0) {
			*out = allowed[i];
			return true;
		}
		if (i)
			strncat(list, allowed[i + 1] ? ", " : " or ", sizeof(list) - strlen(list) - 1);
		strncat(list, allowed[i], sizeof(list) - strlen(list) - 1);
	}
	cvt_error(c, &kv->value.span, NULL, list, "driver_opts %s '%s' of volume '%s' is not one EFS accepts", key,
		  kv->value.v, v->key);
	return false;
}

static void file_system(struct cvt *c, const struct ecs_volume *v)
{
	const char *name = v->effective_name ? v->effective_name : v->key;
	const char *tags[] = { "com.docker.compose.project", c->p->name, "com.docker.compose.volume", v->key, "Name",
			       name };
	const char *perf, *tput, *backup, *ia;
	const struct ecs_kv *prov = opt(v, "provisioned_throughput"), *kms = opt(v, "kms_key_id");
	const char *id = vol_id(c, v->key, "Filesystem");
	char *trimmed, *end;
	double mibps = 0;
	cJSON *props, *res;

	if (!id)
		return;
	bool ok = enum_opt(c, v, "performance_mode", performance_modes, &perf);
	ok = enum_opt(c, v, "throughput_mode", throughput_modes, &tput) && ok;
	ok = enum_opt(c, v, "backup_policy", backup_statuses, &backup) && ok;
	/* The original trimmed spaces around the lifecycle value. */
	ia = NULL;
	if (opt(v, "lifecycle_policy")) {
		const struct ecs_kv *kv = opt(v, "lifecycle_policy");
		trimmed = ecs_arena_strdup(&c->run->arena, kv->value.v);
		if (!trimmed) {
			c->failed = true;
			return;
		}
		while (*trimmed == ' ')
			trimmed++;
		for (end = trimmed + strlen(trimmed); end > trimmed && end[-1] == ' ';)
			*--end = '\0';
		for (size_t i = 0; transitions[i] && !ia; i++)
			if (strcmp(transitions[i], trimmed) == 0)
				ia = transitions[i];
		if (!ia) {
			cvt_error(c, &kv->value.span, NULL,
				  "use one of: AFTER_1_DAY, AFTER_7_DAYS, AFTER_14_DAYS, AFTER_30_DAYS, AFTER_60_DAYS, "
				  "AFTER_90_DAYS, "
				  "AFTER_180_DAYS, AFTER_270_DAYS or AFTER_365_DAYS",
				  "driver_opts lifecycle_policy '%s' of volume '%s' is not one EFS accepts", kv->value.v,
				  v->key);
			ok = false;
		}
	}
	if (prov) {
		mibps = strtod(prov->value.v, &end);
		if (end == prov->value.v || *end || !(mibps >= 1)) {
			cvt_error(c, &prov->value.span, NULL, "write the throughput in MiB/s, e.g. '128'",
				  "driver_opts provisioned_throughput '%s' of volume '%s' is not a number of MiB/s of at "
				  "least 1", prov->value.v, v->key);
			ok = false;
		} else if (!tput || strcmp(tput, "provisioned") != 0) {
			cvt_error(c, &prov->value.span, NULL, "add throughput_mode: provisioned to the driver_opts",
				  "driver_opts provisioned_throughput of volume '%s' needs throughput_mode provisioned",
				  v->key);
			ok = false;
		}
	}
	if (!ok || !(props = cvt_resource(c, id, "AWS::EFS::FileSystem", "volume", v->key, &v->key_span)))
		return;
	res = cvt_resource_get(c, id);
	/* Data outlives the stack; UpdateReplacePolicy too, or a replacement deletes it (cfn-lint W3011). */
	cvt_sets(c, res, "DeletionPolicy", "Retain");
	cvt_sets(c, res, "UpdateReplacePolicy", "Retain");
	if (backup) {
		cJSON *b = cvt_obj(c);
		cvt_sets(c, b, "Status", backup);
		cvt_set(c, props, "BackupPolicy", b);
	}
	cvt_set(c, props, "Encrypted", cvt_bool(c, true));
	cvt_set(c, props, "FileSystemTags", cvt_tag_list(c, tags, 3));
	if (kms)
		cvt_sets(c, props, "KmsKeyId", kms->value.v);
	if (ia) {
		cJSON *l = cvt_arr(c), *p = cvt_obj(c);
		cvt_sets(c, p, "TransitionToIA", ia);
		cvt_push(c, l, p);
		cvt_set(c, props, "LifecyclePolicies", l);
	}
	if (perf)
		cvt_sets(c, props, "PerformanceMode", perf);
	if (prov)
		cvt_set(c, props, "ProvisionedThroughputInMibps", cvt_num(c, mibps));
	if (tput)
		cvt_sets(c, props, "ThroughputMode", tput);
}

static void access_point(struct cvt *c, const struct ecs_volume *v)
{
	const char *name = v->effective_name ? v->effective_name : v->key;
	const char *tags[] = { "com.docker.compose.project", c->p->name, "com.docker.compose.volume", v->key, "Name",
			       name };
	const struct ecs_kv *uid = opt(v, "uid"), *gid = opt(v, "gid"), *root = opt(v, "root_directory");
	const struct ecs_kv *perms = opt(v, "permissions");
	cJSON *props;

	if (uid && !gid) {
		/* The original left Gid out, which CloudFormation refuses. */
		cvt_error(c, &uid->span, NULL, "add gid: to the driver_opts (often the same number)",
			  "driver_opts uid of volume '%s' needs a gid: an EFS access point user has both", v->key);
		return;
	}
	if (!(props = cvt_resource(c, vol_id(c, v->key, "AccessPoint"), "AWS::EFS::AccessPoint", "volume", v->key,
				   &v->key_span)))
		return;
	cvt_set(c, props, "AccessPointTags", cvt_tag_list(c, tags, 3));
	cvt_set(c, props, "FileSystemId", fs_id(c, v));
	if (uid) {
		cJSON *u = cvt_obj(c);
		cvt_sets(c, u, "Gid", gid->value.v);
		cvt_sets(c, u, "Uid", uid->value.v);
		cvt_set(c, props, "PosixUser", u);
	}
	if (root) {
		cJSON *r = cvt_obj(c);
		if (uid) {
			/* Without permissions the directory could not be created: 0755, as mkdir does. */
			cJSON *ci = cvt_obj(c);
			cvt_sets(c, ci, "OwnerGid", gid->value.v);
			cvt_sets(c, ci, "OwnerUid", uid->value.v);
			cvt_sets(c, ci, "Permissions", perms ? perms->value.v : "0755");
			cvt_set(c, r, "CreationInfo", ci);
		}
		cvt_sets(c, r, "Path", root->value.v);
		cvt_set(c, props, "RootDirectory", r);
	}
}

/*
 * Mount targets: one per subnet given with --subnets; without them, on the
 * first two subnets of the SubnetIds parameter (it asks for two zones).
 */
static uint32_t n_mount_targets(const struct cvt *c)
{
	return c->n_subnets ? c->n_subnets : 2;
}

static const char *mount_target_id(struct cvt *c, const struct ecs_volume *v, uint32_t i)
{
	const char *vol = cvt_normalise(c, v->key);
	const char *subnet = c->n_subnets ? cvt_normalise(c, c->subnets[i]) : "";
	const char *id = NULL;

	if (vol && subnet)
		id = c->n_subnets ? ecs_arena_printf(&c->run->arena, "%sNFSMountTargetOn%s", vol, subnet) :
				    ecs_arena_printf(&c->run->arena, "%sNFSMountTargetOnSubnetIds%u", vol, i);
	if (!id)
		c->failed = true;
	return id;
}

static void mount_targets(struct cvt *c, const struct ecs_volume *v)
{
	for (uint32_t i = 0; i < n_mount_targets(c) && !c->failed; i++) {
		const char *id = mount_target_id(c, v, i);
		cJSON *props, *subnet;
		if (!id || !(props = cvt_resource(c, id, "AWS::EFS::MountTarget", "volume", v->key, &v->key_span)))
			continue;
		if (c->n_subnets) {
			subnet = cvt_str(c, c->subnets[i]);
		} else {
			cJSON *args = cvt_arr(c);
			subnet = cvt_obj(c);
			cvt_push(c, args, cvt_num(c, i));
			cvt_push(c, args, cvt_subnets(c));
			cvt_set(c, subnet, "Fn::Select", args);
		}
		cvt_set(c, props, "FileSystemId", fs_id(c, v));
		cvt_set(c, props, "SecurityGroups", cvt_project_sgs(c));
		cvt_set(c, props, "SubnetId", subnet);
	}
}

static int efs_project(struct cvt *c)
{
	for (uint32_t i = 0; i < c->p->n_volumes && !c->failed; i++) {
		const struct ecs_volume *v = c->p->volumes_sorted[i];
		if (!used(c, v))
			continue;
		if (!is_external(v))
			file_system(c, v);
		access_point(c, v);
		mount_targets(c, v);
	}
	return c->failed ? -1 : 0;
}

static bool has_name(const cJSON *list, const char *key, const char *name)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, list) {
		const cJSON *n = cJSON_GetObjectItemCaseSensitive(it, key);
		if (cJSON_IsString(n) && strcmp(n->valuestring, name) == 0)
			return true;
	}
	return false;
}

static void push_name_once(struct cvt *c, cJSON *list, const char *id)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, list)
		if (cJSON_IsString(it) && strcmp(it->valuestring, id) == 0)
			return;
	cvt_push(c, list, cvt_str(c, id));
}

static cJSON *task_volume(struct cvt *c, const struct ecs_volume *v)
{
	cJSON *tv = cvt_obj(c), *efs = cvt_obj(c), *auth = cvt_obj(c);

	cvt_set(c, auth, "AccessPointId", cvt_ref(c, vol_id(c, v->key, "AccessPoint")));
	cvt_sets(c, auth, "IAM", "ENABLED");
	cvt_set(c, efs, "AuthorizationConfig", auth);
	cvt_set(c, efs, "FilesystemId", fs_id(c, v));
	cvt_sets(c, efs, "TransitEncryption", "ENABLED");
	cvt_set(c, tv, "EFSVolumeConfiguration", efs);
	cvt_sets(c, tv, "Name", v->key);
	return tv;
}

/* Client mount/write/root access to the file system, only through the volume's access point. */
static cJSON *mount_policy(struct cvt *c, const struct cvt_svc *sv, const struct ecs_volume *v)
{
	cJSON *pol = cvt_obj(c), *doc = cvt_obj(c), *stmts = cvt_arr(c), *st = cvt_obj(c), *actions = cvt_arr(c);
	cJSON *res = cvt_arr(c), *cond = cvt_obj(c), *eq = cvt_obj(c);

	cvt_push(c, actions, cvt_str(c, "elasticfilesystem:ClientMount"));
	cvt_push(c, actions, cvt_str(c, "elasticfilesystem:ClientWrite"));
	cvt_push(c, actions, cvt_str(c, "elasticfilesystem:ClientRootAccess"));
	cvt_set(c, st, "Action", actions);
	/* The condition compares ARNs: GetAtt Arn (the original's Ref gave the access point id). */
	cvt_set(c, eq, "elasticfilesystem:AccessPointArn", cvt_getatt(c, vol_id(c, v->key, "AccessPoint"), "Arn"));
	cvt_set(c, cond, "StringEquals", eq);
	cvt_set(c, st, "Condition", cond);
	cvt_sets(c, st, "Effect", "Allow");
	cvt_push(c, res, fs_arn(c, v));
	cvt_set(c, st, "Resource", res);
	cvt_push(c, stmts, st);
	cvt_set(c, doc, "Statement", stmts);
	cvt_sets(c, doc, "Version", "2012-10-17");
	cvt_set(c, pol, "PolicyDocument", doc);
	cvt_set(c, pol, "PolicyName", cvt_strf(c, "%s%sVolumeMountPolicy", sv->id, cvt_normalise(c, v->key)));
	return pol;
}

static void wait_for_mount_targets(struct cvt *c, struct cvt_svc *sv, const struct ecs_volume *v)
{
	for (uint32_t i = 0; i < n_mount_targets(c) && !c->failed; i++) {
		const char *id = mount_target_id(c, v, i);
		if (id)
			push_name_once(c, cvt_list(c, &sv->depends_on), id);
	}
}

static void mount(struct cvt *c, struct cvt_svc *sv, const struct ecs_mount *m)
{
	const struct ecs_service *s = sv->s;
	const struct ecs_volume *v;
	cJSON *mp;

	if (!m->source.present || !*m->source.v) {
		cvt_error(c, &m->span, NULL, "name the volume (data:/path) and declare it under the top-level volumes:",
			  "service '%s' mounts an anonymous volume at '%s': ECS mounts only named (EFS) volumes", s->name,
			  m->target.present ? m->target.v : "");
		return;
	}
	if (!(v = ecs_project_volume(c->p, m->source.v))) {
		cvt_error(c, &m->source.span, NULL, "declare it under the top-level volumes:",
			  "service '%s' mounts volume '%s', which is not declared", s->name, m->source.v);
		return;
	}
	if (!m->target.present || !*m->target.v)
		return;
	if (strcmp(v->key, "secrets") == 0 && s->n_secrets) {
		cvt_error(c, &m->source.span, NULL, "rename the volume",
			  "volume 'secrets' of service '%s' clashes with the task volume that holds its secrets", s->name);
		return;
	}
	/* Each volume once per task: ECS refuses two task volumes of one name. */
	if (!has_name(sv->task_volumes, "Name", v->key)) {
		cvt_push(c, cvt_list(c, &sv->task_volumes), task_volume(c, v));
		cvt_push(c, cvt_list(c, &sv->task_policies), mount_policy(c, sv, v));
		wait_for_mount_targets(c, sv, v);
	}
	mp = cvt_obj(c);
	cvt_sets(c, mp, "ContainerPath", m->target.v);
	cvt_set(c, mp, "ReadOnly", cvt_bool(c, m->read_only.present && m->read_only.valid && m->read_only.v));
	cvt_sets(c, mp, "SourceVolume", v->key);
	cvt_push(c, cvt_list(c, &sv->mounts), mp);
}

static int efs_service(struct cvt *c, struct cvt_svc *sv)
{
	for (uint32_t i = 0; i < sv->s->n_volumes && !c->failed; i++) {
		const struct ecs_mount *m = &sv->s->volumes[i];
		/* Bind and tmpfs mounts are rule ECS205's (Fargate has no host paths). */
		if (m->valid && m->type == ECS_MOUNT_VOLUME)
			mount(c, sv, m);
	}
	return c->failed ? -1 : 0;
}

const struct cvt_family cvt_family_efs = {
	.name = "efs",
	.project = efs_project,
	.service = efs_service,
};
