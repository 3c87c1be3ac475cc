/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Does a type contain itself by value (abiguard/model.h)? Readers of
 * untrusted input ask before anything walks the types.
 */
#include "abiguard/model.h"

#include <stdlib.h>

/* The named type that `id` holds by value (through arrays and
 * qualifiers), or 0. Pointers and functions break the containment. */
static abg_type_id held_by_value(const struct abg_model *m, abg_type_id id)
{
	const struct abg_type *t = abg_model_type(m, id);
	while (t &&
	       (t->kind == ABG_TYPE_QUALIFIED || t->kind == ABG_TYPE_ARRAY))
		t = abg_model_type(m, id = t->target);
	if (!t || !t->name)
		return ABG_NO_TYPE;
	bool container = t->kind == ABG_TYPE_STRUCT ||
			 t->kind == ABG_TYPE_UNION ||
			 t->kind == ABG_TYPE_TYPEDEF;
	return container ? id : ABG_NO_TYPE;
}

static uint32_t value_edge_count(const struct abg_type *t)
{
	if (t->kind == ABG_TYPE_TYPEDEF)
		return t->complete ? 1 : 0;
	if (t->kind == ABG_TYPE_STRUCT || t->kind == ABG_TYPE_UNION)
		return t->nfields;
	return 0;
}

static abg_type_id value_edge(const struct abg_model *m,
			      const struct abg_type *t, uint32_t i)
{
	abg_type_id to =
		t->kind == ABG_TYPE_TYPEDEF ? t->target : t->fields[i].type;
	return held_by_value(m, to);
}

struct dfs_frame {
	abg_type_id id;
	uint32_t next;
};

/* Iterative DFS from `root`: the type met again while still on the
 * stack, or 0. */
static abg_type_id cycle_from(const struct abg_model *m, abg_type_id root,
			      unsigned char *state, struct dfs_frame **stack,
			      size_t *cap)
{
	size_t depth = 0;
	*ABG_PUSH(*stack, depth, *cap) = (struct dfs_frame){root, 0};
	state[root] = 1;
	while (depth) {
		struct dfs_frame *f = &(*stack)[depth - 1];
		const struct abg_type *t = abg_model_type(m, f->id);
		if (f->next == value_edge_count(t)) {
			state[f->id] = 2;
			depth--;
			continue;
		}
		abg_type_id to = value_edge(m, t, f->next++);
		if (!to || state[to] == 2)
			continue;
		if (state[to] == 1)
			return to;
		state[to] = 1;
		*ABG_PUSH(*stack, depth, *cap) = (struct dfs_frame){to, 0};
	}
	return ABG_NO_TYPE;
}

abg_type_id abg_model_self_containing(const struct abg_model *m)
{
	unsigned char *state = calloc(m->ntypes + 1, 1);
	struct dfs_frame *stack = NULL;
	size_t cap = 0;
	abg_type_id found = ABG_NO_TYPE;
	if (!state)
		abort();
	for (abg_type_id root = 1; root < m->ntypes && !found; root++)
		if (!state[root] && held_by_value(m, root))
			found = cycle_from(m, root, state, &stack, &cap);
	free(stack);
	free(state);
	return found;
}
