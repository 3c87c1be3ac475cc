// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Which declarations of a translation unit belong to the library's ABI, and
 * where they are. A declaration is recorded when it has linkage and either
 * (a) is declared in a public header, or (b) is defined here with default or
 * protected visibility (-fvisibility=hidden is already folded into
 * DECL_VISIBILITY). The trees are kept until the end of the unit, because a
 * type used by a prototype may be completed later.
 */
#include "abiguard_gcc.h"
#include "abiguard/frontend.h"

/* ---- locations ----------------------------------------------------------- */

bool location_mapper::is_public(location_t loc)
{
	if (loc <= BUILTINS_LOCATION)
		return false;
	const char *file = LOCATION_FILE(loc);
	if (!file)
		return false;
	if (file != public_file_) {
		public_file_ = file;
		public_result_ = abg_session_is_public(session_, file);
	}
	return public_result_;
}

bool location_mapper::is_private(location_t loc)
{
	if (loc <= BUILTINS_LOCATION || is_public(loc))
		return false;
	const char *file = LOCATION_FILE(loc);
	return file && relative(file) != nullptr;
}

const char *location_mapper::relative(const char *file)
{
	if (file != relative_from_) {
		relative_from_ = file;
		relative_to_ = abg_session_relative_path(session_, file);
	}
	return relative_to_;
}

abg_location location_mapper::convert(location_t loc)
{
	abg_location out = {};
	if (loc <= BUILTINS_LOCATION)
		return out;
	expanded_location x = expand_location(loc);
	if (x.file)
		out.file = relative(x.file);
	out.line = x.line > 0 ? (unsigned)x.line : 0;
	out.column = x.column > 0 ? (unsigned)x.column : 0;
	out.origin = (uint64_t)loc;
	return out;
}

abg_location location_mapper::main_file()
{
	abg_location out = {};
	if (main_input_filename)
		out.file = relative(main_input_filename);
	return out;
}

/* ---- collecting ---------------------------------------------------------- */

namespace {

bool is_tagless_aggregate(tree type)
{
	switch (TREE_CODE(type)) {
	case RECORD_TYPE:
	case UNION_TYPE:
	case ENUMERAL_TYPE:
		return TYPE_NAME(type) == NULL_TREE;
	default:
		return false;
	}
}

bool has_exported_visibility(tree decl)
{
	return DECL_VISIBILITY(decl) == VISIBILITY_DEFAULT ||
	       DECL_VISIBILITY(decl) == VISIBILITY_PROTECTED;
}

/* Defined in this unit: a variable that is not extern, or a function with
 * a body (DECL_INITIAL is also set for alias/ifunc definitions). C99
 * `inline` definitions stay DECL_EXTERNAL: they emit no symbol. */
bool is_defined_here(tree decl, bool has_body)
{
	if (DECL_EXTERNAL(decl))
		return false;
	if (TREE_CODE(decl) == VAR_DECL)
		return true;
	return has_body || DECL_INITIAL(decl) != NULL_TREE;
}

bool is_linkable_file_scope_decl(tree decl)
{
	return TREE_PUBLIC(decl) && DECL_FILE_SCOPE_P(decl) &&
	       DECL_NAME(decl) && TREE_TYPE(decl) != error_mark_node;
}

} // namespace

decl_collector::entry &decl_collector::entry_for(tree decl)
{
	if (unsigned *index = index_.get(decl))
		return entries_[*index];
	index_.put(decl, entries_.length());
	entry e = {decl, UNKNOWN_LOCATION, false};
	entries_.safe_push(e);
	return entries_.last();
}

/* Remember the first public-header declaration: a later definition in the
 * .c file moves DECL_SOURCE_LOCATION, but users fix the ABI in the header. */
void decl_collector::note_public_location(entry &e, tree decl)
{
	location_t loc = DECL_SOURCE_LOCATION(decl);
	if (e.public_loc == UNKNOWN_LOCATION && locations_.is_public(loc))
		e.public_loc = loc;
}

void decl_collector::note_typedef(tree type_decl)
{
	tree original = DECL_ORIGINAL_TYPE(type_decl);
	if (!DECL_NAME(type_decl) || !original || original == error_mark_node ||
	    !DECL_FILE_SCOPE_P(type_decl))
		return;
	/* typedef struct { ... } foo_t; names the struct "<foo_t>". */
	if (is_tagless_aggregate(TYPE_MAIN_VARIANT(original)))
		anonymous_typedefs_.safe_push(type_decl);
	if (locations_.is_public(DECL_SOURCE_LOCATION(type_decl)))
		public_typedefs_.safe_push(type_decl);
}

void decl_collector::on_finish_decl(tree decl)
{
	if (!decl || decl == error_mark_node)
		return;
	if (TREE_CODE(decl) == TYPE_DECL) {
		note_typedef(decl);
		return;
	}
	if (TREE_CODE(decl) != FUNCTION_DECL && TREE_CODE(decl) != VAR_DECL)
		return;
	if (!is_linkable_file_scope_decl(decl))
		return;
	/* A plain extern declaration outside the public headers is nothing
	 * to record (unless this unit defines it: see below). */
	bool in_public = locations_.is_public(DECL_SOURCE_LOCATION(decl));
	if (!in_public && DECL_EXTERNAL(decl) && !index_.get(decl))
		return;
	note_public_location(entry_for(decl), decl);
}

void decl_collector::on_function_definition(tree fndecl)
{
	if (!fndecl || TREE_CODE(fndecl) != FUNCTION_DECL ||
	    !is_linkable_file_scope_decl(fndecl))
		return;
	entry &e = entry_for(fndecl);
	e.has_body = true;
	note_public_location(e, fndecl);
}

void decl_collector::mark_roots()
{
	for (unsigned i = 0; i < entries_.length(); i++)
		gt_ggc_mx(entries_[i].decl);
	for (unsigned i = 0; i < public_typedefs_.length(); i++)
		gt_ggc_mx(public_typedefs_[i]);
	for (unsigned i = 0; i < anonymous_typedefs_.length(); i++)
		gt_ggc_mx(anonymous_typedefs_[i]);
}

/* ---- converting at the end of the unit ----------------------------------- */

void decl_collector::build_anonymous_names(hash_map<tree, tree> &names)
{
	for (unsigned i = 0; i < anonymous_typedefs_.length(); i++) {
		tree decl = anonymous_typedefs_[i];
		tree type = TYPE_MAIN_VARIANT(DECL_ORIGINAL_TYPE(decl));
		if (!names.get(type)) /* the first typedef names it */
			names.put(type, decl);
	}
}

void decl_collector::emit_decl(abg_model *model, type_converter &types,
			       const entry &e)
{
	tree decl = e.decl;
	if (TREE_TYPE(decl) == error_mark_node)
		return;
	abg_decl d = {};
	bool defined = is_defined_here(decl, e.has_body);
	if (!abg_decl_settle(&d, e.public_loc != UNKNOWN_LOCATION, defined,
			     has_exported_visibility(decl)))
		return;
	d.kind = TREE_CODE(decl) == FUNCTION_DECL ? ABG_DECL_FUNCTION
						  : ABG_DECL_VARIABLE;
	d.name = IDENTIFIER_POINTER(DECL_NAME(decl));
	d.symbol = abg_gcc_symbol_name(decl);
	d.type = types.convert(TREE_TYPE(decl));
	location_t where =
		d.public_header ? e.public_loc : DECL_SOURCE_LOCATION(decl);
	d.internal = abg_gcc_decl_internal({model, locations_}, decl, where);
	d.loc = locations_.convert(where);
	abg_model_add_decl(model, &d);
	if (d.public_header)
		abg_gcc_collect_node_annotations(model, decl, d.symbol, d.loc);

	if (defined) /* symver attributes sit on the definition */
		abg_gcc_collect_symver_attributes(
			model, decl, d.symbol,
			locations_.convert(DECL_SOURCE_LOCATION(decl)));
}

void decl_collector::emit_public_typedefs(type_converter &types)
{
	for (unsigned i = 0; i < public_typedefs_.length(); i++) {
		tree decl = public_typedefs_[i];
		if (TREE_TYPE(decl) != error_mark_node)
			types.convert(TREE_TYPE(decl));
	}
}

void decl_collector::emit(abg_model *model)
{
	hash_map<tree, tree> anonymous_names;
	build_anonymous_names(anonymous_names);
	type_converter types(model, locations_, anonymous_names);
	for (unsigned i = 0; i < entries_.length(); i++)
		emit_decl(model, types, entries_[i]);
	emit_public_typedefs(types);
}

const char *abg_gcc_symbol_name(tree decl)
{
	const char *name = IDENTIFIER_POINTER(DECL_ASSEMBLER_NAME(decl));
	return name[0] == '*' ? name + 1 : name;
}
