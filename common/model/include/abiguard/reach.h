/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Reachability from a model's symbols to its types: a question about the
 * type graph alone, asked by the rules of the baseline (which released
 * symbols does a changed type break?), so it sits in the model layer.
 */
#ifndef ABIGUARD_REACH_H
#define ABIGUARD_REACH_H

#include "abiguard/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Which baseline symbols reach a type. Whether any does is known for every
 * type after one walk; which ones is asked only about types that changed,
 * and answered by walking back from the type through the types that
 * contain or point to it (an index of those edges is built on the first
 * question). So a compile pays for its baseline once, not once per symbol
 * times the types each reaches.
 */
struct abg_reach {
	const struct abg_model *baseline;
	bool *reachable; /* by type id */
	/* types that contain or point to type t: users[user_start[t] ...
	 * user_start[t + 1]); symbols whose type is t likewise. */
	uint32_t *user_start, *users;
	uint32_t *symbol_start, *symbols_by_type;
};

/* Builds / frees the reachability index of a baseline. */
void abg_reach_build(struct abg_reach *r, const struct abg_model *baseline);
void abg_reach_free(struct abg_reach *r);
/* Does any baseline symbol reach type id? */
bool abg_reach_any(const struct abg_reach *r, abg_type_id id);
/* The indices of the baseline symbols that reach type id, ascending, in a
 * new array (free() it); *count gets their number. */
size_t *abg_reach_symbols(const struct abg_reach *r, abg_type_id id,
			  size_t *count);

#ifdef __cplusplus
}
#endif
#endif
