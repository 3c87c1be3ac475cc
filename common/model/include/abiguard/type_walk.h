/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The one walk over the type graph. Every question of the form "which
 * types does this reach" (the types a baseline must define, the types its
 * symbols use, the named types behind a signature) is this walk: each type
 * reachable from the roots comes out once, from an explicit stack, so a
 * typedef chain as long as a hostile file cannot exhaust the C stack.
 *
 * A walker is reused across walks: starting a new one forgets what was
 * seen in O(1) (a generation counter), so walking every symbol of a large
 * library stays linear in what is reached.
 *
 *   abg_type_walker_init(&w, m);
 *   abg_type_walk_start(&w);
 *   abg_type_walk_add(&w, root);                  // as many roots as needed
 *   for (abg_type_id t; (t = abg_type_walk_next(&w));)
 *           ...                                   // once per reachable type
 *   abg_type_walker_free(&w);
 */
#ifndef ABIGUARD_TYPE_WALK_H
#define ABIGUARD_TYPE_WALK_H

#include "abiguard/model.h"

#ifdef __cplusplus
extern "C" {
#endif

struct abg_type_walker {
	const struct abg_model *model;
	uint32_t *seen; /* by type id: the generation that saw it */
	uint32_t generation;
	abg_type_id *stack;
	size_t nstack, stack_cap;
};

void abg_type_walker_init(struct abg_type_walker *w, const struct abg_model *m);
void abg_type_walker_free(struct abg_type_walker *w);

/* Begin a new walk: nothing seen, nothing pending. */
void abg_type_walk_start(struct abg_type_walker *w);
/* Add a type to the walk, unless this walk already has it. Ids that are
 * not types of the model (ABG_NO_TYPE, out of range) are ignored. */
void abg_type_walk_add(struct abg_type_walker *w, abg_type_id id);
/* The next type of the walk, after adding every type it refers to (see
 * abg_type_each_ref); ABG_NO_TYPE when the walk is done. */
abg_type_id abg_type_walk_next(struct abg_type_walker *w);
/* The next type without adding what it refers to, for walks along other
 * edges (from a type back to the types that use it, say). */
abg_type_id abg_type_walk_pop(struct abg_type_walker *w);

/* The edges of the graph: fn is called for each type t refers to directly
 * (target: pointee, element, qualified or aliased type, return type; then
 * the parameters; then the field types), ABG_NO_TYPE skipped. */
void abg_type_each_ref(const struct abg_type *t,
		       void (*fn)(void *ctx, abg_type_id ref), void *ctx);

/* One walk from id: visit() gets each named type reachable from it
 * (struct, union, enum with a name, typedef), id included. */
void abg_type_walk_named(struct abg_type_walker *w, abg_type_id id,
			 void (*visit)(void *ctx, abg_type_id named),
			 void *ctx);

#ifdef __cplusplus
}
#endif
#endif
