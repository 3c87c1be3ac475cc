/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Comparing types across two models (baseline and build) the way the ABI
 * sees them: typedef names, qualifiers, field names and tag names do not
 * matter; sizes, offsets, alignment, register classes and counts do.
 * Also: the list of changes between two definitions of one named type,
 * two function types or two variables, each named by its kind in the
 * change catalog (abiguard/changes.h), in words a maintainer can act on.
 * Rewrites that keep the layout (a field wrapped in an anonymous union
 * with offsets and sizes unchanged, a typedef of the same type) are not
 * changes.
 */
#ifndef ABIGUARD_COMPARE_H
#define ABIGUARD_COMPARE_H

#include "abiguard/changes.h"
#include "abiguard/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Same ABI: a caller compiled against one works with the other. */
bool abg_abi_equivalent(const struct abg_model *a, abg_type_id ta,
			const struct abg_model *b, abg_type_id tb);

/* The same, but named structs, unions and enums are equal when their tags
 * are, and typedefs when their names are: their definitions are judged
 * separately (released-type-changed), so one change is one finding. */
bool abg_abi_equivalent_by_name(const struct abg_model *a, abg_type_id ta,
				const struct abg_model *b, abg_type_id tb);

/* A signature (or variable type) changed in a way callers notice: neither
 * the same types by name nor the same layout under other names. */
bool abg_signature_changed(const struct abg_model *a, abg_type_id ta,
			   const struct abg_model *b, abg_type_id tb);

/* One change, with the words a maintainer acts on (without its id). */
struct abg_layout_change {
	enum abg_change_kind kind;
	char *text; /* "field 'flags' was inserted at byte 8" */
	/* An enumerator change: the old model's enumerator (NULL for one
	 * that is new). */
	const struct abg_enumerator *enumerator;
};

struct abg_layout_diff {
	struct abg_layout_change *changes;
	size_t nchanges, cap;
};

/*
 * Differences between the definition of named type `ta` in `old` and `tb`
 * in `new_` (a struct may meet a union of the same tag). Named types a
 * field uses are compared by name: their own layouts are diffed apart.
 */
void abg_layout_diff(const struct abg_model *old, abg_type_id ta,
		     const struct abg_model *new_, abg_type_id tb,
		     struct abg_layout_diff *out);
/* The same, but a layout ABIGUARD_OPAQUE hides is compared: for a type a
 * released function takes or returns by value, whose callers copy it. */
void abg_layout_diff_by_value(const struct abg_model *old, abg_type_id ta,
			      const struct abg_model *new_, abg_type_id tb,
			      struct abg_layout_diff *out);
/* Does function (or variable) type fn_or_var of m take, return or hold
 * `type` itself (through typedefs and qualifiers), not through a
 * pointer? */
bool abg_type_used_by_value(const struct abg_model *m, abg_type_id fn_or_var,
			    abg_type_id type);
/* Differences between two function types: return type, parameters,
 * variadic, calling convention, qualifiers of pointees. */
void abg_signature_diff(const struct abg_model *old, abg_type_id ta,
			const struct abg_model *new_, abg_type_id tb,
			struct abg_layout_diff *out);
/* Differences between two variables' types and sizes (bytes, 0: unknown). */
void abg_variable_diff(const struct abg_model *old, abg_type_id ta,
		       uint64_t old_size, const struct abg_model *new_,
		       abg_type_id tb, uint64_t new_size,
		       struct abg_layout_diff *out);
bool abg_layout_diff_has(const struct abg_layout_diff *d,
			 enum abg_change_kind kind);
/* Does d hold a change of the binary class (one that breaks programs
 * already built)? */
bool abg_layout_diff_has_binary(const struct abg_layout_diff *d);
/* Sentinel enumerator names: *_LAST, *_MAX, *_COUNT, *_NUM, *_END. */
bool abg_is_sentinel_name(const char *name);
void abg_layout_diff_free(struct abg_layout_diff *d);

#ifdef __cplusplus
}
#endif
#endif
