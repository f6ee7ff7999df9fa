/*
 * facts.h - what Docker's ECS integration decides about a Compose project
 * (ecs-mapping.md), computed once here so rules and their messages agree
 * with the emitter: which services run on EC2, which ports count as HTTP,
 * which Fargate size a request gets.
 */
#ifndef ECS_FACTS_H
#define ECS_FACTS_H

#include <stdbool.h>
#include <stdint.h>

struct ecs_arena;
struct ecs_service;
struct ecs_port;
struct ecs_project;
struct ecs_resources;
struct ecs_span;

/*
 * GPUs the service reserves, as ecslint's emitter counts them (§10.1 with
 * docs/deviations.md): generic_resources of kind "gpus" plus every device
 * request with the gpu capability (its count, else one per device id).
 * -1 when a GPU device asks for all or gives neither count nor device ids.
 */
int64_t ecs_service_gpus(const struct ecs_service *s);
/* The service gets LaunchType EC2 (a GPU count > 0); every other service runs on Fargate. */
bool ecs_service_on_ec2(const struct ecs_service *s);

/* §5.1: x-aws-protocol http/https, or no x-aws-protocol and target 80 or 443. */
bool ecs_port_is_http(const struct ecs_port *port);

/*
 * The resources the task size comes from (§4): deploy.resources.limits if
 * written, else reservations, else NULL.
 */
const struct ecs_resources *ecs_service_sizing(const struct ecs_service *s);

/*
 * The smallest Fargate size for millicpus and memory bytes (0 = not
 * requested), from the 74 valid pairs up to 16 vCPU / 120 GiB, CPUs x 1024
 * rounded up (the emitter's deviations 6 and 7 from the original's 4 vCPU
 * table).  Returns false when none fits; else the size in *cpu_units and
 * *mem_mib.
 */
bool ecs_fargate_size(int64_t millicpus, int64_t mem_bytes, int *cpu_units, int *mem_mib);

/* A security group the emitter gives a resource, and where its network is written. */
struct ecs_security_group {
	const char *network;		/* the network key */
	const struct ecs_span *span;	/* its key under networks:, else its first attachment; NULL: written nowhere */
};

/*
 * The list cvt_project_sgs gives the EFS mount targets, the application
 * load balancer and the GPU launch template (ecs-mapping.md §6, §8.3): the
 * security group of each declared network a service is attached to, in key
 * order, plus `default` where a service names it and the file does not
 * declare it.  One pass over the attachments (a lookup each), so projects
 * with thousands of networks stay linear.  Returns the count and the list
 * in *out (arena memory), or -1 when out of memory.
 */
int64_t ecs_project_security_groups(const struct ecs_project *p, struct ecs_arena *a,
				    const struct ecs_security_group **out);

/*
 * The list cvt_service_sgs gives a service's AwsvpcConfiguration: each
 * network it is attached to (declared or not, the implicit `default` too)
 * once, in key order, located at its attachment.  Returns the count and the
 * list in *out (arena memory), or -1 when out of memory.
 */
int64_t ecs_service_security_groups(const struct ecs_service *s, struct ecs_arena *a,
				    const struct ecs_security_group **out);

/*
 * §5.1: the emitter creates an application load balancer: some valid port
 * is published, every one is HTTP and x-aws-loadbalancer names no existing
 * load balancer.  first_port (optional) gets the first published port in
 * source order and its service.
 */
bool ecs_project_creates_alb(const struct ecs_project *p, const struct ecs_service **first_service,
			     const struct ecs_port **first_port);

/* The emitter creates GPU (EC2) capacity: some service runs on EC2 and x-aws-cluster names no existing cluster. */
bool ecs_project_creates_gpu_capacity(const struct ecs_project *p, const struct ecs_service **first_service);

#endif
