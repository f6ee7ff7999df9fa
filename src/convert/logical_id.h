/*
 * logical_id.h - the logical-id normaliser, public for rules and tools.
 */
#ifndef ECS_LOGICAL_ID_H
#define ECS_LOGICAL_ID_H

#include <stdbool.h>

#include "../core/arena.h"
#include "../core/run.h"

struct ecs_project;

/*
 * N(s) of ecs-mapping.md §2.1: keeps [A-Za-z0-9], upper-cases a leading
 * lowercase ASCII letter ("front-tier" -> "Fronttier").  Arena-allocated;
 * NULL when out of memory.
 */
char *ecs_logical_id(struct ecs_arena *a, const char *s);

/*
 * ECS301: reports Compose names of one kind (services, networks, volumes,
 * secrets) whose logical ids collide, at the name written second, with the
 * first as related location.  service_clash (n_services entries, source
 * order; may be NULL) marks the services reported.  Returns 0, or -1 when
 * out of memory.  The emitter runs it first; the lint pipeline may too.
 */
int ecs_logical_id_check(struct ecs_run *r, const struct ecs_project *p, bool *service_clash);

#endif
