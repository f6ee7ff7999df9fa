/*
 * env_file.c - a service's env_file variables for the container's
 * Environment (ecs-mapping.md §13.3): files read in order, a later file
 * overriding an earlier one, parsed by the loader's dotenv parser; the
 * service's environment then wins in containers.c.
 */
#include <string.h>
#include <unistd.h>

#include "../compose/env.h"
#include "cvt.h"

/* Reads one file into env; a missing optional file is skipped. */
static void read_file(struct cvt *c, const struct ecs_env_file *f, struct ecs_env *env)
{
	const struct ecs_source *src;

	if (!f->resolved_path)
		return;
	if (access(f->resolved_path, R_OK) != 0) {
		if (!f->required.present || !f->required.valid || f->required.v)
			cvt_error(c, &f->span, NULL, "create the file, or mark the entry `required: false`",
				  "env file '%s' cannot be read", f->path.v ? f->path.v : f->resolved_path);
		return;
	}
	src = ecs_run_read(c->run, f->resolved_path, f->resolved_path);
	if (!src) {
		c->failed = c->run->arena.failed;
		return;
	}
	if (ecs_env_parse_file(c->run, src, env) < 0)
		c->failed = true;
}

cJSON *cvt_env_files(struct cvt *c, const struct ecs_service *s)
{
	struct ecs_env env;
	const struct ecs_env_entry **v;
	cJSON *obj;
	uint32_t n = 0;

	if (!s->n_env_files)
		return NULL;
	ecs_env_init(&env, &c->run->arena);
	for (uint32_t i = 0; i < s->n_env_files && !c->failed; i++)
		read_file(c, &s->env_files[i], &env);
	if (c->failed || !(v = ecs_arena_alloc(&c->run->arena, (env.n + 1) * sizeof(*v)))) {
		c->failed = true;
		return NULL;
	}
	/* Sorted by name (insertion: env files are short). */
	for (uint32_t i = 0; i < env.cap; i++) {
		const struct ecs_env_entry *e = &env.slots[i];
		uint32_t at = n;
		if (!e->name)
			continue;
		while (at > 0 && strcmp(v[at - 1]->name, e->name) > 0) {
			v[at] = v[at - 1];
			at--;
		}
		v[at] = e;
		n++;
	}
	obj = cvt_obj(c);
	for (uint32_t i = 0; i < n && obj; i++)
		cvt_set(c, obj, v[i]->name, cvt_strn(c, v[i]->value, v[i]->value_len));
	return obj;
}
