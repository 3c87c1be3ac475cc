// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The attribute behind abiguard.h's macros in GCC: __attribute__((abiguard(
 * "opaque"))) and the like. Clang spells them annotate("abiguard:..."), an
 * attribute of its own, so only GCC needs one registered. This file only
 * makes GCC keep the attribute where it was written; the converters read it
 * (lookup_attribute("abiguard", ...)) and the core decides what it means.
 */
#include "abiguard_gcc.h"
#include "abiguard/frontend.h"

namespace {

/* Keep the attribute on the declaration or type it was written on; GCC
 * drops it (no_add_attrs) only when the argument is not a string, with an
 * error naming the macro's header. */
tree handle_abiguard_attribute(tree *node, tree name, tree args, int,
			       bool *no_add_attrs)
{
	tree arg = args ? TREE_VALUE(args) : NULL_TREE;

	if (!arg || TREE_CODE(arg) != STRING_CST) {
		error("%qE attribute takes a string argument; use the macros "
		      "of %<abiguard.h%>",
		      name);
		*no_add_attrs = true;
		return NULL_TREE;
	}
	(void)node;
	return NULL_TREE;
}

attribute_spec abiguard_attribute = {
	"abiguard", 1, 1, false, false, false, false, handle_abiguard_attribute,
	nullptr};

void register_abiguard_attribute(void *, void *)
{
	register_attribute(&abiguard_attribute);
}

} // namespace

void abg_gcc_register_attributes(const char *plugin_name)
{
	register_callback(plugin_name, PLUGIN_ATTRIBUTES,
			  register_abiguard_attribute, nullptr);
}

const char *abg_gcc_annotation_argument(tree attribute)
{
	tree args = TREE_VALUE(attribute);
	tree arg = args ? TREE_VALUE(args) : NULL_TREE;

	return arg && TREE_CODE(arg) == STRING_CST ? TREE_STRING_POINTER(arg)
						   : nullptr;
}

/* ---- what the annotations say -------------------------------------------- */

namespace {

/* Read every "abiguard" attribute of `list` as written on `site`; one
 * that is ignored is recorded for annotation-misplaced, at `loc`. */
abg_annotation_use read_annotations(const abg_annotation_place &place,
				    tree list, abg_annotation_site site,
				    location_t loc)
{
	abg_annotation_use use = {};
	abg_strbuf warning = {};
	for (tree a = lookup_attribute("abiguard", list); a;
	     a = lookup_attribute("abiguard", TREE_CHAIN(a))) {
		abg_strbuf_reset(&warning);
		if (!abg_annotation_read(abg_gcc_annotation_argument(a), site,
					 &use, &warning))
			abg_model_add_annotation_problem(
				place.model, place.locations.convert(loc),
				abg_strbuf_cstr(&warning));
	}
	abg_strbuf_free(&warning);
	return use;
}

abg_annotation_site type_site(tree type)
{
	switch (TREE_CODE(type)) {
	case RECORD_TYPE:
		return ABG_SITE_STRUCT;
	case UNION_TYPE:
		return ABG_SITE_UNION;
	case ENUMERAL_TYPE:
		return ABG_SITE_ENUM;
	default:
		return ABG_SITE_OTHER;
	}
}

} // namespace

unsigned abg_gcc_type_annotations(const abg_annotation_place &place, tree type,
				  location_t loc)
{
	tree main = TYPE_MAIN_VARIANT(type);
	return read_annotations(place, TYPE_ATTRIBUTES(main), type_site(main),
				loc)
		.type_bits;
}

bool abg_gcc_field_reserved(const abg_annotation_place &place, tree field,
			    location_t record)
{
	return read_annotations(place, DECL_ATTRIBUTES(field), ABG_SITE_FIELD,
				record)
		.reserved;
}

bool abg_gcc_decl_internal(const abg_annotation_place &place, tree decl,
			   location_t loc)
{
	abg_annotation_site site = TREE_CODE(decl) == FUNCTION_DECL
					   ? ABG_SITE_FUNCTION
					   : ABG_SITE_VARIABLE;
	return read_annotations(place, DECL_ATTRIBUTES(decl), site, loc)
		.internal;
}
