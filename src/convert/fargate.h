/*
 * fargate.h - the valid Fargate task sizes (fargate-constraints.md §1.1:
 * 74 cpu/memory pairs, Linux) and the smallest one that fits a request.
 * Shared by the emitter (task Cpu/Memory) and the fargate-size rule, so
 * both agree on what fits.
 */
#ifndef ECS_FARGATE_H
#define ECS_FARGATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ecs_fargate_size {
	uint32_t cpu;		/* CPU units, 1024 per vCPU */
	uint32_t memory;	/* MiB */
};

/* Every valid pair, ascending by cpu then memory. */
size_t ecs_fargate_sizes(const struct ecs_fargate_size **v);

/* CPU units for millis (thousandths of a CPU), rounded up: 250 -> 256. */
uint32_t ecs_fargate_cpu_units(int64_t millis);

/*
 * The smallest valid size with cpu >= cpu_units and memory >= mem_bytes,
 * walking cpu rows ascending and memory ascending within a row, as the
 * original did.  Zero means "not requested".  Both zero gives 256/512.
 * Returns false when no size fits.
 */
bool ecs_fargate_fit(uint32_t cpu_units, int64_t mem_bytes, struct ecs_fargate_size *out);

bool ecs_fargate_valid(uint32_t cpu, uint32_t memory);

#endif
