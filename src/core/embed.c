/*
 * embed.c - lookup in the generated table of embedded files.
 */
#include "embed.h"

#include <string.h>

const struct ecs_embedded *ecs_embedded_find(const char *name)
{
	for (size_t i = 0; i < ecs_embedded_count; i++)
		if (strcmp(ecs_embedded_files[i].name, name) == 0)
			return &ecs_embedded_files[i];
	return NULL;
}
