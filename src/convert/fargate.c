/*
 * fargate.c - the Fargate size table and the smallest-fit search.
 */
#include "fargate.h"

/* fargate-constraints.md §1.1: 74 valid Linux pairs, ascending. */
static const struct ecs_fargate_size sizes[] = {
	{ 256, 512 }, { 256, 1024 }, { 256, 2048 },
	{ 512, 1024 }, { 512, 2048 }, { 512, 3072 }, { 512, 4096 },
	{ 1024, 2048 }, { 1024, 3072 }, { 1024, 4096 }, { 1024, 5120 },
	{ 1024, 6144 }, { 1024, 7168 }, { 1024, 8192 },
	{ 2048, 4096 }, { 2048, 5120 }, { 2048, 6144 }, { 2048, 7168 },
	{ 2048, 8192 }, { 2048, 9216 }, { 2048, 10240 }, { 2048, 11264 },
	{ 2048, 12288 }, { 2048, 13312 }, { 2048, 14336 }, { 2048, 15360 },
	{ 2048, 16384 },
	{ 4096, 8192 }, { 4096, 9216 }, { 4096, 10240 }, { 4096, 11264 },
	{ 4096, 12288 }, { 4096, 13312 }, { 4096, 14336 }, { 4096, 15360 },
	{ 4096, 16384 }, { 4096, 17408 }, { 4096, 18432 }, { 4096, 19456 },
	{ 4096, 20480 }, { 4096, 21504 }, { 4096, 22528 }, { 4096, 23552 },
	{ 4096, 24576 }, { 4096, 25600 }, { 4096, 26624 }, { 4096, 27648 },
	{ 4096, 28672 }, { 4096, 29696 }, { 4096, 30720 },
	{ 8192, 16384 }, { 8192, 20480 }, { 8192, 24576 }, { 8192, 28672 },
	{ 8192, 32768 }, { 8192, 36864 }, { 8192, 40960 }, { 8192, 45056 },
	{ 8192, 49152 }, { 8192, 53248 }, { 8192, 57344 }, { 8192, 61440 },
	{ 16384, 32768 }, { 16384, 40960 }, { 16384, 49152 }, { 16384, 57344 },
	{ 16384, 65536 }, { 16384, 73728 }, { 16384, 81920 }, { 16384, 90112 },
	{ 16384, 98304 }, { 16384, 106496 }, { 16384, 114688 }, { 16384, 122880 },
};

size_t ecs_fargate_sizes(const struct ecs_fargate_size **v)
{
	*v = sizes;
	return sizeof(sizes) / sizeof(sizes[0]);
}

uint32_t ecs_fargate_cpu_units(int64_t millis)
{
	if (millis <= 0)
		return 0;
	/* Past the largest size anyway; avoids overflow below. */
	if (millis > 1000000000)
		return UINT32_MAX;
	return (uint32_t)((millis * 1024 + 999) / 1000);
}

bool ecs_fargate_fit(uint32_t cpu_units, int64_t mem_bytes, struct ecs_fargate_size *out)
{
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		if (cpu_units > sizes[i].cpu)
			continue;
		if (mem_bytes > (int64_t)sizes[i].memory * 1048576)
			continue;
		*out = sizes[i];
		return true;
	}
	return false;
}

bool ecs_fargate_valid(uint32_t cpu, uint32_t memory)
{
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		if (sizes[i].cpu == cpu && sizes[i].memory == memory)
			return true;
	return false;
}
