/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The walk over the type graph (abiguard/type_walk.h). Depth-first from an
 * explicit stack; a type is marked when it is added, so the stack never
 * holds more entries than the model has types.
 */
#include "abiguard/type_walk.h"

#include <stdlib.h>
#include <string.h>

void abg_type_walker_init(struct abg_type_walker *w, const struct abg_model *m)
{
	memset(w, 0, sizeof *w);
	w->model = m;
	w->seen = calloc(m->ntypes ? m->ntypes : 1, sizeof *w->seen);
	if (!w->seen)
		abort();
}

void abg_type_walker_free(struct abg_type_walker *w)
{
	free(w->seen);
	free(w->stack);
	memset(w, 0, sizeof *w);
}

void abg_type_walk_start(struct abg_type_walker *w)
{
	w->nstack = 0;
	if (++w->generation == 0) {
		/* wrapped: marks of four billion walks ago would look new */
		memset(w->seen, 0,
		       (w->model->ntypes ? w->model->ntypes : 1) *
			       sizeof *w->seen);
		w->generation = 1;
	}
}

void abg_type_walk_add(struct abg_type_walker *w, abg_type_id id)
{
	if (!id || id >= w->model->ntypes || w->seen[id] == w->generation)
		return;
	w->seen[id] = w->generation;
	*ABG_PUSH(w->stack, w->nstack, w->stack_cap) = id;
}

void abg_type_each_ref(const struct abg_type *t,
		       void (*fn)(void *ctx, abg_type_id ref), void *ctx)
{
	if (t->target)
		fn(ctx, t->target);
	for (uint32_t i = 0; i < t->nparams; i++)
		if (t->params[i])
			fn(ctx, t->params[i]);
	for (uint32_t i = 0; i < t->nfields; i++)
		if (t->fields[i].type)
			fn(ctx, t->fields[i].type);
}

abg_type_id abg_type_walk_pop(struct abg_type_walker *w)
{
	return w->nstack ? w->stack[--w->nstack] : ABG_NO_TYPE;
}

static void add_ref(void *ctx, abg_type_id ref)
{
	abg_type_walk_add(ctx, ref);
}

abg_type_id abg_type_walk_next(struct abg_type_walker *w)
{
	abg_type_id id = abg_type_walk_pop(w);
	if (id)
		abg_type_each_ref(&w->model->types[id], add_ref, w);
	return id;
}

static bool is_named(const struct abg_type *t)
{
	switch (t->kind) {
	case ABG_TYPE_STRUCT:
	case ABG_TYPE_UNION:
	case ABG_TYPE_ENUM:
	case ABG_TYPE_TYPEDEF:
		return t->name != NULL;
	default:
		return false;
	}
}

void abg_type_walk_named(struct abg_type_walker *w, abg_type_id id,
			 void (*visit)(void *ctx, abg_type_id named), void *ctx)
{
	abg_type_walk_start(w);
	abg_type_walk_add(w, id);
	for (abg_type_id t; (t = abg_type_walk_next(w));)
		if (is_named(&w->model->types[t]))
			visit(ctx, t);
}
