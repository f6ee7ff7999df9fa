/*
 * capacity.c - the cluster's EC2 capacity when some service reserves GPUs
 * (ecs-mapping.md §10.3-10.4): instance role and profile, a launch template
 * (the original's LaunchConfiguration can no longer be created), an
 * auto-scaling group of 1 to 10 instances, and the capacity provider,
 * associated with the cluster.  The instance type is the smallest g4dn that holds every
 * GPU service's reservations, unless node.machine names one.
 */
#include <inttypes.h>
#include <string.h>

#include "cvt.h"

#define AMI_PARAM "EC2ImageId"
#define GPU_AMI "/aws/service/ecs/optimized-ami/amazon-linux-2/gpu/recommended/image_id"

static const struct machine {
	const char *id;
	double cpus;
	int64_t gib;
	int64_t gpus;
} machines[] = {
	{ "g4dn.xlarge", 4, 16, 1 },	{ "g4dn.2xlarge", 8, 32, 1 },	 { "g4dn.4xlarge", 16, 64, 1 },
	{ "g4dn.8xlarge", 32, 128, 1 }, { "g4dn.12xlarge", 48, 192, 4 }, { "g4dn.16xlarge", 64, 256, 1 },
	{ "g4dn.metal", 96, 384, 8 },
};

/* The value of a `node.<attr> == value` constraint of s, or NULL. */
static const char *constraint(const struct ecs_service *s, const char *prefix)
{
	const struct ecs_mstrs *l = &s->deploy->placement->constraints;
	size_t n = strlen(prefix);

	for (uint32_t i = 0; i < l->n; i++)
		if (l->v[i].present && strncmp(l->v[i].v, prefix, n) == 0)
			return l->v[i].v + n;
	return NULL;
}

/* The first g4dn (table order) above every EC2 service's reservations; NULL after reporting. */
static const char *guess_machine(struct cvt *c)
{
	const struct ecs_span *at = NULL;
	int64_t memory = 0, gpus = 0;
	double cpus = 0;

	for (uint32_t i = 0; i < c->n_svcs; i++) {
		const struct ecs_service *s = c->svcs[i].s;
		const struct ecs_resources *r = s->deploy->reservations;
		const struct ecs_span *gpu_at;
		int64_t n;
		if (!c->svcs[i].ec2)
			continue;
		n = cvt_service_gpus(s, &gpu_at);
		if (!at)
			at = r->present ? &r->span : &s->name_span;
		if (n > gpus)
			gpus = n;
		if (r->memory.present && r->memory.valid && r->memory.v > memory)
			memory = r->memory.v;
		if (r->cpus.present && r->cpus.valid && r->cpus.value > cpus)
			cpus = r->cpus.value;
	}
	for (size_t i = 0; i < sizeof(machines) / sizeof(machines[0]); i++)
		if (machines[i].gib * 1073741824 > memory && machines[i].cpus >= cpus && machines[i].gpus >= gpus)
			return machines[i].id;
	cvt_error(c, at, NULL,
		  "the largest, g4dn.metal, has 96 vCPUs, 384 GiB and 8 GPUs: lower the reservations, or name an "
		  "instance type with the placement constraint 'node.machine == TYPE'",
		  "none of the Amazon EC2 G4 instance types meet the requirements for memory %" PRId64
		  " bytes, %g CPUs and %" PRId64 " GPUs", memory, cpus, gpus);
	return NULL;
}

static void ami_parameter(struct cvt *c)
{
	cJSON *p = cvt_obj(c);

	cvt_sets(c, p, "Default", GPU_AMI);
	cvt_sets(c, p, "Description",
		 "AMI of the GPU instances: the SSM parameter of the ECS GPU-optimised Amazon Linux 2 AMI, or an AMI "
		 "id");
	cvt_sets(c, p, "Type", "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>");
	cvt_set(c, c->parameters, AMI_PARAM, p);
	cvt_id_claim(c, AMI_PARAM, "parameter", AMI_PARAM, NULL);
}

static void instance_role(struct cvt *c)
{
	cJSON *props = cvt_resource(c, "EC2InstanceRole", "AWS::IAM::Role", "project", c->p->name, NULL), *managed;

	if (!props)
		return;
	cvt_set(c, props, "AssumeRolePolicyDocument", cvt_assume_role(c, "ec2.amazonaws.com"));
	managed = cvt_arr(c);
	cvt_push(c, managed, cvt_str(c, "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"));
	cvt_set(c, props, "ManagedPolicyArns", managed);
	cvt_set(c, props, "Tags", cvt_project_tags(c));
	props = cvt_resource(c, "EC2InstanceProfile", "AWS::IAM::InstanceProfile", "project", c->p->name, NULL);
	if (props) {
		cJSON *roles = cvt_arr(c);
		cvt_push(c, roles, cvt_ref(c, "EC2InstanceRole"));
		cvt_set(c, props, "Roles", roles);
	}
}

static void launch_template(struct cvt *c, const char *ami, const char *machine)
{
	cJSON *props = cvt_resource(c, "LaunchTemplate", "AWS::EC2::LaunchTemplate", "project", c->p->name, NULL);
	cJSON *data, *profile, *user_data, *sub;

	if (!props)
		return;
	data = cvt_obj(c);
	profile = cvt_obj(c);
	cvt_set(c, profile, "Arn", cvt_getatt(c, "EC2InstanceProfile", "Arn"));
	cvt_set(c, data, "IamInstanceProfile", profile);
	cvt_set(c, data, "ImageId", ami ? cvt_str(c, ami) : cvt_ref(c, AMI_PARAM));
	cvt_sets(c, data, "InstanceType", machine);
	cvt_set(c, data, "SecurityGroupIds", cvt_project_sgs(c));
	/* The cluster's name by Ref (the original wrote the project name, right only by chance). */
	user_data = cvt_obj(c);
	sub = cvt_obj(c);
	cvt_sets(c, sub, "Fn::Sub", "#!/bin/bash\necho ECS_CLUSTER=${Cluster} >> /etc/ecs/ecs.config");
	cvt_set(c, user_data, "Fn::Base64", sub);
	cvt_set(c, data, "UserData", user_data);
	cvt_set(c, props, "LaunchTemplateData", data);
}

static void group_and_provider(struct cvt *c)
{
	cJSON *props = cvt_resource(c, "AutoscalingGroup", "AWS::AutoScaling::AutoScalingGroup", "project",
				    c->p->name, NULL);
	cJSON *lt, *asg, *scaling;

	if (props) {
		lt = cvt_obj(c);
		cvt_set(c, lt, "LaunchTemplateId", cvt_ref(c, "LaunchTemplate"));
		cvt_set(c, lt, "Version", cvt_getatt(c, "LaunchTemplate", "LatestVersionNumber"));
		cvt_set(c, props, "LaunchTemplate", lt);
		cvt_sets(c, props, "MaxSize", "10");
		cvt_sets(c, props, "MinSize", "1");
		cvt_set(c, props, "VPCZoneIdentifier", cvt_subnets(c));
	}
	props = cvt_resource(c, "CapacityProvider", "AWS::ECS::CapacityProvider", "project", c->p->name, NULL);
	if (props) {
		asg = cvt_obj(c);
		cvt_set(c, asg, "AutoScalingGroupArn", cvt_ref(c, "AutoscalingGroup"));
		scaling = cvt_obj(c);
		cvt_set(c, scaling, "TargetCapacity", cvt_num(c, 100));
		cvt_set(c, asg, "ManagedScaling", scaling);
		cvt_set(c, props, "AutoScalingGroupProvider", asg);
		cvt_set(c, props, "Tags", cvt_project_tags(c));
	}
	/*
	 * Associated by a resource of its own rather than the cluster's
	 * CapacityProviders: the group then depends on the cluster (through
	 * the launch template's user data), so deleting the stack terminates
	 * the instances before it deletes the cluster, which ECS refuses while
	 * instances are registered.
	 */
	props = cvt_resource(c, "ClusterCapacityProviders", "AWS::ECS::ClusterCapacityProviderAssociations",
			     "project", c->p->name, NULL);
	if (props) {
		cJSON *cps = cvt_arr(c), *strategy = cvt_arr(c), *item = cvt_obj(c);
		cvt_push(c, cps, cvt_ref(c, "CapacityProvider"));
		cvt_set(c, props, "CapacityProviders", cps);
		cvt_set(c, props, "Cluster", cvt_ref(c, "Cluster"));
		cvt_set(c, item, "CapacityProvider", cvt_ref(c, "CapacityProvider"));
		cvt_set(c, item, "Weight", cvt_num(c, 1));
		cvt_push(c, strategy, item);
		cvt_set(c, props, "DefaultCapacityProviderStrategy", strategy);
	}
}

static int capacity_finish(struct cvt *c)
{
	const struct ecs_service *first = NULL;
	const char *ami, *machine;

	for (uint32_t i = 0; i < c->n_svcs && !first; i++)
		if (c->svcs[i].ec2)
			first = c->svcs[i].s;
	if (!first)
		return 0;
	/* AMI and instance type from the first GPU service by name (the original: Go map order). */
	ami = constraint(first, "node.ami == ");
	machine = constraint(first, "node.machine == ");
	if (!machine && !(machine = guess_machine(c)))
		return c->failed ? -1 : 0;
	if (!ami)
		ami_parameter(c);
	instance_role(c);
	launch_template(c, ami, machine);
	group_and_provider(c);
	return c->failed ? -1 : 0;
}

const struct cvt_family cvt_family_capacity = {
	.name = "capacity",
	.finish = capacity_finish,
};
