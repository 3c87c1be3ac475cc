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
struct abg_fields abg_fields_enter(const struct abg_fields *f,
				   const char *name, uint64_t offset_bits,
				   abg_type_id member_type);

#ifdef __cplusplus
}
#endif
#endif
