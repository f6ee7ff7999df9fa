/*
 * env.h - the variables interpolation sees: a per-run table filled from the
 * process environment (copied once, never read again) and from .env files,
 * with Compose's precedence: what the process environment sets always wins,
 * env files only add what is missing, a later env file overrides an earlier
 * one.  Nothing here is global; the table lives in the run's arena.
 */
#ifndef ECS_ENV_H
#define ECS_ENV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/run.h"

struct ecs_env_entry {
	const char *name;	/* NUL-terminated */
	const char *value;	/* NUL-terminated; may hold no NUL inside */
	uint32_t name_len, value_len;
	bool from_os;		/* set by the process environment: env files cannot change it */
};

struct ecs_env {
	struct ecs_arena *arena;
	struct ecs_env_entry *slots;	/* open addressing, power-of-two size; name NULL = free */
	uint32_t n, cap;
};

void ecs_env_init(struct ecs_env *e, struct ecs_arena *a);
/* Copies every NAME=VALUE of envp (NULL-terminated, may be NULL).  -1 when out of memory. */
int ecs_env_load_environ(struct ecs_env *e, char *const *envp);
/* Copies every entry of src into e (e must be empty or its entries lose to src's). */
int ecs_env_copy(struct ecs_env *e, const struct ecs_env *src);
/*
 * Sets name=value.  from_os marks a process-environment value; an entry
 * already marked from_os is never replaced by a non-OS one (returns 0).
 */
int ecs_env_set(struct ecs_env *e, const char *name, size_t name_len, const char *value,
		size_t value_len, bool from_os);
/* The entry for name (not NUL-terminated), or NULL when unset. */
const struct ecs_env_entry *ecs_env_find(const struct ecs_env *e, const char *name, size_t name_len);
/* Value of a NUL-terminated name, or NULL when unset. */
const char *ecs_env_get(const struct ecs_env *e, const char *name);

/*
 * Parses src as a .env file (Compose's dotenv syntax) into e: each entry is
 * interpolated with e as it is so far (process environment first, then the
 * entries read before), and set unless the process environment already set
 * it.  Problems are diagnostics in r on src's spans (ECS115 for syntax,
 * ECS110/111/112 for interpolation); a source parsed before in this run is
 * parsed quietly, as its problems were reported then.  Returns 0, or -1
 * when out of memory.
 */
int ecs_env_parse_file(struct ecs_run *r, struct ecs_source *src, struct ecs_env *e);

/*
 * Reads the env file at path, or returns the source this run already read
 * from the same file (by device and inode), so that every parse of it
 * shares one file-table entry.  As ecs_run_read otherwise.
 */
struct ecs_source *ecs_env_read(struct ecs_run *r, const char *path, const char *display);

#endif
