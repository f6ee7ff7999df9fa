/*
 * node.c - small accessors over the YAML tree.
 */
#include "node.h"

#include <string.h>

bool ecs_node_is_scalar(const struct ecs_node *n)
{
	n = ecs_node_deref(n);
	return n && n->kind == ECS_NODE_SCALAR;
}

bool ecs_node_is_mapping(const struct ecs_node *n)
{
	n = ecs_node_deref(n);
	return n && n->kind == ECS_NODE_MAPPING;
}

bool ecs_node_is_sequence(const struct ecs_node *n)
{
	n = ecs_node_deref(n);
	return n && n->kind == ECS_NODE_SEQUENCE;
}

bool ecs_node_is_null(const struct ecs_node *n)
{
	n = ecs_node_deref(n);
	if (!n || n->kind != ECS_NODE_SCALAR)
		return false;
	if (n->tag)
		return strcmp(n->tag, "tag:yaml.org,2002:null") == 0;
	if (n->style != ECS_STYLE_PLAIN)
		return false;
	const char *t = n->scalar.text;
	return t[0] == '\0' || strcmp(t, "~") == 0 || strcmp(t, "null") == 0 ||
	       strcmp(t, "Null") == 0 || strcmp(t, "NULL") == 0;
}

const char *ecs_node_text(const struct ecs_node *n)
{
	n = ecs_node_deref(n);
	return n && n->kind == ECS_NODE_SCALAR ? n->scalar.text : NULL;
}

const struct ecs_pair *ecs_node_map_pair(const struct ecs_node *n, const char *key)
{
	n = ecs_node_deref(n);
	if (!n || n->kind != ECS_NODE_MAPPING)
		return NULL;
	for (uint32_t i = 0; i < n->map.n; i++) {
		const struct ecs_node *k = ecs_node_deref(n->map.pairs[i].key);
		if (k && k->kind == ECS_NODE_SCALAR && strcmp(k->scalar.text, key) == 0)
			return &n->map.pairs[i];
	}
	return NULL;
}

const struct ecs_node *ecs_node_map_get(const struct ecs_node *n, const char *key)
{
	const struct ecs_pair *p = ecs_node_map_pair(n, key);

	return p ? ecs_node_deref(p->value) : NULL;
}
