/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Comparing types across two models (baseline and build) the way the ABI
 * sees them: typedef names, qualifiers, field names and tag names do not
 * matter; sizes, offsets, alignment, register classes and counts do.
 * Also: the list of layout differences between two definitions of one
 * named type, in words a maintainer can act on.
 */
#ifndef ABIGUARD_COMPARE_H
#define ABIGUARD_COMPARE_H

#include "abiguard/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Same ABI: a caller compiled against one works with the other. */
bool abg_abi_equivalent(const struct abg_model *a, abg_type_id ta,
			const struct abg_model *b, abg_type_id tb);

/* The same, but named structs, unions and enums are equal when their tags
 * are: their layouts are judged separately (released-type-changed). */
bool abg_abi_equivalent_by_name(const struct abg_model *a, abg_type_id ta,
				const struct abg_model *b, abg_type_id tb);

/* A signature (or variable type) changed in a way callers notice: neither
 * the same types by name nor the same layout under other names. */
bool abg_signature_changed(const struct abg_model *a, abg_type_id ta,
			   const struct abg_model *b, abg_type_id tb);

enum abg_layout_change_kind {
	ABG_CHANGE_SIZE = 1,       /* record/enum size */
	ABG_CHANGE_ALIGN,
	ABG_CHANGE_PACKED,
	ABG_CHANGE_OPACITY,        /* complete <-> incomplete */
	ABG_CHANGE_FIELD_REMOVED,
	ABG_CHANGE_FIELD_ADDED,    /* at the end or inserted */
	ABG_CHANGE_FIELD_MOVED,    /* offset changed */
	ABG_CHANGE_FIELD_TYPE,
	ABG_CHANGE_FIELD_BITS,     /* bit-field width changed */
	ABG_CHANGE_ENUM_SIGN,
	ABG_CHANGE_ENUMERATOR_VALUE,
	ABG_CHANGE_ENUMERATOR_REMOVED,
	ABG_CHANGE_ENUMERATOR_ADDED,
	ABG_CHANGE_TYPEDEF_TARGET,
};

struct abg_layout_change {
	enum abg_layout_change_kind kind;
	char *text; /* "field 'flags' inserted at byte 8" */
};

struct abg_layout_diff {
	struct abg_layout_change *changes;
	size_t nchanges, cap;
};

/*
 * Differences between the definition of named type `ta` in `old` and `tb`
 * in `new_`. Field types are compared with abg_abi_equivalent.
 */
void abg_layout_diff(const struct abg_model *old, abg_type_id ta,
		     const struct abg_model *new_, abg_type_id tb,
		     struct abg_layout_diff *out);
bool abg_layout_diff_has(const struct abg_layout_diff *d,
			 enum abg_layout_change_kind kind);
void abg_layout_diff_free(struct abg_layout_diff *d);

#ifdef __cplusplus
}
#endif
#endif
