/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The change catalog: every kind of change the comparison can name, each
 * with a stable kebab-case id (shown in notes as "[field-inserted]", in
 * JSON and SARIF as a property, accepted by the severity option) and a
 * class. A binary change breaks programs already linked against the
 * library; a source-only change breaks (or changes the meaning of) code
 * when it is compiled again, but not the programs already built.
 */
#ifndef ABIGUARD_CHANGES_H
#define ABIGUARD_CHANGES_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The order is the catalog's: docs and `explain --list-kinds` follow it. */
enum abg_change_kind {
	ABG_CHANGE_NONE = 0,
	/* functions */
	ABG_CHANGE_RETURN_TYPE,
	ABG_CHANGE_PARAM_TYPE,
	ABG_CHANGE_PARAM_ADDED,
	ABG_CHANGE_PARAM_INSERTED,
	ABG_CHANGE_PARAM_REMOVED,
	ABG_CHANGE_PARAM_REORDERED,
	ABG_CHANGE_POINTER_LEVEL,
	ABG_CHANGE_QUALIFIER,
	ABG_CHANGE_VARIADIC,
	ABG_CHANGE_CALLCONV,
	ABG_CHANGE_CALLBACK,
	/* variables */
	ABG_CHANGE_VARIABLE_TYPE,
	ABG_CHANGE_VARIABLE_SIZE,
	ABG_CHANGE_VARIABLE_CONST,
	/* structs and unions */
	ABG_CHANGE_SIZE,
	ABG_CHANGE_ALIGN,
	ABG_CHANGE_PACKED,
	ABG_CHANGE_OPACITY,
	ABG_CHANGE_DEFINED,
	ABG_CHANGE_RECORD_KIND,
	ABG_CHANGE_FIELD_APPENDED,
	ABG_CHANGE_FIELD_INSERTED,
	ABG_CHANGE_FIELD_REMOVED,
	ABG_CHANGE_FIELD_MOVED,
	ABG_CHANGE_FIELD_RENAMED,
	ABG_CHANGE_FIELD_TYPE,
	ABG_CHANGE_FIELD_BITS,
	ABG_CHANGE_FLEXIBLE_ARRAY,
	ABG_CHANGE_ARRAY_BOUND,
	/* enums */
	ABG_CHANGE_ENUMERATOR_VALUE,
	ABG_CHANGE_ENUMERATOR_REMOVED,
	ABG_CHANGE_ENUMERATOR_RENAMED,
	ABG_CHANGE_ENUMERATOR_APPENDED,
	ABG_CHANGE_SENTINEL_MOVED,
	ABG_CHANGE_ENUM_SIZE,
	ABG_CHANGE_ENUM_INTEGER,
	/* typedefs */
	ABG_CHANGE_TYPEDEF_TARGET,
	/* abiguard.h annotations */
	ABG_CHANGE_ANNOTATION_REMOVED,
	ABG_CHANGE_ANNOTATION_ADDED,
	ABG_NCHANGE_KINDS
};

enum abg_change_class {
	ABG_CLASS_BINARY = 1, /* error by default */
	ABG_CLASS_SOURCE,     /* source-only: warning by default */
};

struct abg_change_kind_info {
	const char *id; /* kebab-case, stable */
	enum abg_change_class cls;
	const char *summary; /* one line */
	const char *why;     /* what it does to programs */
	const char *example; /* old -> new, in C */
};

/* Info of kind (ABG_CHANGE_NONE < kind < ABG_NCHANGE_KINDS), else NULL. */
const struct abg_change_kind_info *abg_change_info(enum abg_change_kind kind);
/* The kind named id, or ABG_CHANGE_NONE. */
enum abg_change_kind abg_change_find(const char *id);
/* "binary" or "source-only": also the names the severity option takes. */
const char *abg_change_class_name(enum abg_change_class cls);

#ifdef __cplusplus
}
#endif
#endif
