/*
 * engine.c - the one walk over the model, and the context rules report through.
 */
#include "engine.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../core/run.h"
#include "../model/model.h"
#include "config.h"
#include "template_view.h"

struct ecs_diag *ecs_check_report(struct ecs_check *ck, const struct ecs_span *span, const char *path,
				  const char *fmt, ...)
{
	struct ecs_diag *d;
	va_list ap;

	va_start(ap, fmt);
	d = ecs_diag_vadd(&ck->run->diags, ck->rule, span, path, fmt, ap);
	va_end(ap);
	return d;
}

void ecs_check_help(struct ecs_check *ck, struct ecs_diag *d, const char *fmt, ...)
{
	va_list ap;

	if (!d)
		return;
	va_start(ap, fmt);
	d->help = ecs_arena_vprintf(&ck->run->arena, fmt, ap);
	va_end(ap);
}

void ecs_check_related(struct ecs_check *ck, struct ecs_diag *d, const struct ecs_span *span,
		       const char *fmt, ...)
{
	va_list ap;
	const char *msg;

	if (!d)
		return;
	va_start(ap, fmt);
	msg = ecs_arena_vprintf(&ck->run->arena, fmt, ap);
	va_end(ap);
	if (msg)
		ecs_diag_related(&ck->run->diags, d, span, "%s", msg);
}

void *ecs_check_alloc(struct ecs_check *ck, size_t size)
{
	return ecs_arena_zalloc(&ck->run->arena, size ? size : 1);
}

const char *ecs_check_printf(struct ecs_check *ck, const char *fmt, ...)
{
	va_list ap;
	const char *s;

	va_start(ap, fmt);
	s = ecs_arena_vprintf(&ck->run->arena, fmt, ap);
	va_end(ap);
	return s;
}

static const struct ecs_node *option(const struct ecs_check *ck, const char *name)
{
	return ck->options ? ecs_node_map_get(ck->options, name) : NULL;
}

bool ecs_check_opt_bool(const struct ecs_check *ck, const char *name, bool dflt)
{
	const char *s = ecs_node_text(option(ck, name));

	return s ? strcmp(s, "true") == 0 : dflt;
}

long long ecs_check_opt_int(const struct ecs_check *ck, const char *name, long long dflt)
{
	const char *s = ecs_node_text(option(ck, name));

	return s ? strtoll(s, NULL, 10) : dflt;
}

uint32_t ecs_check_opt_strings(struct ecs_check *ck, const char *name, const char ***out)
{
	const struct ecs_node *n = ecs_node_deref(option(ck, name));
	const char **v;

	*out = NULL;
	if (!ecs_node_is_sequence(n) || n->seq.n == 0)
		return 0;
	v = ecs_arena_alloc(&ck->run->arena, n->seq.n * sizeof(*v));
	if (!v)
		return 0;
	for (uint32_t i = 0; i < n->seq.n; i++) {
		const char *s = ecs_node_text(n->seq.items[i]);
		v[i] = s ? s : "";
	}
	*out = v;
	return n->seq.n;
}

bool ecs_engine_wants_template(const struct ecs_policy *pol)
{
	for (size_t i = 0; i < ecs_rules_count; i++)
		if (pol->enabled[i] && ecs_rules[i]->on_template)
			return true;
	return false;
}

/* Calls hook `h` of every active rule with the given arguments. */
#define EACH_RULE(h, ...)                                                      \
	do {                                                                   \
		for (size_t k_ = 0; k_ < n; k_++)                              \
			if (cks[k_].rule->h)                                   \
				cks[k_].rule->h(&cks[k_], __VA_ARGS__);        \
	} while (0)

int ecs_engine_run(struct ecs_run *r, const struct ecs_project *p, const struct ecs_template_view *t,
		   const struct ecs_policy *pol)
{
	struct ecs_check *cks;
	size_t n = 0;

	cks = ecs_arena_zalloc(&r->arena, ecs_rules_count * sizeof(*cks));
	if (!cks)
		return -1;
	for (size_t i = 0; i < ecs_rules_count; i++) {
		const struct ecs_rule *rule = ecs_rules[i];

		if (!pol->enabled[i])
			continue;
		cks[n] = (struct ecs_check){ .run = r, .rule = rule, .project = p, .options = pol->options[i] };
		if (rule->state_size) {
			cks[n].state = ecs_arena_zalloc(&r->arena, rule->state_size);
			if (!cks[n].state)
				return -1;
		}
		n++;
	}
	if (p) {
		EACH_RULE(on_project, p);
		for (uint32_t i = 0; i < p->n_services; i++) {
			const struct ecs_service *s = &p->services[i];

			EACH_RULE(on_service, s);
			for (uint32_t j = 0; j < s->n_ports; j++)
				EACH_RULE(on_port, s, &s->ports[j]);
			for (uint32_t j = 0; j < s->n_volumes; j++)
				EACH_RULE(on_mount, s, &s->volumes[j]);
		}
		for (uint32_t i = 0; i < p->n_networks; i++)
			EACH_RULE(on_network, &p->networks[i]);
		for (uint32_t i = 0; i < p->n_volumes; i++)
			EACH_RULE(on_volume, &p->volumes[i]);
		for (uint32_t i = 0; i < p->n_secrets; i++)
			EACH_RULE(on_secret, &p->secrets[i]);
	}
	if (t)
		EACH_RULE(on_template, t);
	/* finish belongs to the model walk: a template-only run has no cross-entity state. */
	for (size_t k = 0; p && k < n; k++)
		if (cks[k].rule->finish)
			cks[k].rule->finish(&cks[k]);
	return r->arena.failed ? -1 : 0;
}
