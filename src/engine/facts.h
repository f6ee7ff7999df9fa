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

struct ecs_service;
struct ecs_port;
struct ecs_project;
struct ecs_resources;

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

#endif
