/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What every front end must decide the same way when it turns a compiler's
 * declarations into a model, so that the GCC plugin and the Clang converter
 * write the same summary byte for byte. Each front end reads the facts off
 * its own trees (a tag, a typedef name, a field's offset); the rules that
 * turn those facts into model names, fields and declarations live here,
 * once.
 */
#ifndef ABIGUARD_FRONTEND_H
#define ABIGUARD_FRONTEND_H

#include "abiguard/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The model name of a struct, union or enum (kind), interned in m:
 *   - its tag;
 *   - else, when a typedef names the tagless type
 *     (typedef struct { ... } foo_t;), "<foo_t>": the front end passes the
 *     first file-scope typedef of it;
 *   - else, for an enum with enumerators, "<FIRST_ENUMERATOR>"
 *     (enumerators share the ordinary identifier namespace with typedef
 *     names, so both are unique in a translation unit);
 *   - else "<anonymous>" for an enum, and NULL for a struct or union: that
 *     is an anonymous member's record, flattened into its parent.
 * NULL or "" for a fact the front end does not have.
 */
const char *abg_tag_name(struct abg_model *m, enum abg_type_kind kind,
			 const char *tag, const char *typedef_name,
			 const char *first_enumerator);

/*
 * Adding a record's fields, anonymous members flattened (see model.h): the
 * front end walks the fields of the record it defines, and for a member of
 * a tagless struct/union type without a typedef enters that member and
 * walks the member's own fields with what abg_fields_enter() returns. The
 * C access names ("a", "u.a") and the absolute bit offsets come from here.
 */
struct abg_fields {
	struct abg_model *model;
	abg_type_id record; /* the record being defined */
	uint64_t base_bits; /* offset of the member walked, 0 at the top */
	const char *prefix; /* its access name and ".", or "" */
};

/* The fields of `record` itself. */
struct abg_fields abg_fields_of(struct abg_model *m, abg_type_id record);
/* A field `name` (NULL or "" when unnamed: unnamed members and bit-fields
 * stay "" at any depth) at offset_bits within the member walked;
 * bit_width -1 when it is not a bit-field. */
void abg_fields_add(const struct abg_fields *f, const char *name,
		    uint64_t offset_bits, int32_t bit_width, abg_type_id type);
/* An anonymous-typed member at offset_bits (member_type: the anonymous
 * record, abg_model_anonymous_record(), with the member's qualifiers):
 * adds the member itself, and returns where its own fields go. */
struct abg_fields abg_fields_enter(const struct abg_fields *f, const char *name,
				   uint64_t offset_bits,
				   abg_type_id member_type);

/*
 * Whether a function or variable belongs to the unit's summary, from what
 * the front end gathered over all the entity's declarations (a prototype
 * in a header and the definition in the .c file are one entity):
 *   - in_public_header: one of them is in a public header;
 *   - defined: this unit defines it (emits its symbol: not a C99 inline
 *     definition, but an alias or an ifunc);
 *   - visible: that definition has default or protected visibility.
 * It belongs when declared in a public header, or defined here and
 * visible. Sets d->public_header, d->defined and d->exported; returns
 * false when the entity is not recorded.
 *
 * Its location (d->loc) is then, when d->public_header, the first public
 * declaration's (users fix the ABI in the header, whatever a later
 * definition in a .c file says), else the definition's, else the latest
 * declaration's: where the compiler's merged declaration says it is.
 */
bool abg_decl_settle(struct abg_decl *d, bool in_public_header, bool defined,
		     bool visible);

/*
 * The annotations of abiguard.h (include/abiguard.h), as a front end reads
 * them: each attribute's argument ("opaque", "growable", "append-only",
 * "reserved", "internal", "node:NODE") where it was written. What may go
 * where, and the words of a warning when it may not, are decided here.
 */
enum abg_annotation_site {
	ABG_SITE_STRUCT = 1,
	ABG_SITE_UNION,
	ABG_SITE_ENUM,
	ABG_SITE_FIELD,
	ABG_SITE_FUNCTION,
	ABG_SITE_VARIABLE,
	ABG_SITE_OTHER, /* a typedef, a parameter... */
};

struct abg_annotation_use {
	unsigned type_bits; /* enum abg_annotation, for a struct/union/enum */
	bool reserved;	    /* a field */
	bool internal;	    /* a function or variable */
};

/*
 * Read one argument written on `site`, adding what it says to `use`.
 * Returns false with a warning in `warning` (appended, without location)
 * when the annotation is unknown or does not belong there; it is then
 * ignored. "node:..." is accepted anywhere here: the version node tag is
 * read (and judged) apart.
 */
bool abg_annotation_read(const char *argument, enum abg_annotation_site site,
			 struct abg_annotation_use *use,
			 struct abg_strbuf *warning);

#ifdef __cplusplus
}
#endif
#endif
