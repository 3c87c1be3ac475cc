// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Internal interfaces of the GCC plugin. The plugin is a thin adapter: it
 * collects the declarations of a translation unit, converts GCC trees into
 * the abiguard model, and renders the core's findings as GCC diagnostics.
 * Policy lives in the core (common/), never here.
 */
#ifndef ABIGUARD_GCC_H
#define ABIGUARD_GCC_H

#include "gcc_compat.h"

#include "abiguard/engine.h"
#include "abiguard/model.h"

/* GCC locations -> abiguard locations, and the public-header test. */
class location_mapper {
      public:
	explicit location_mapper(abg_session *session) : session_(session) {}

	bool is_public(location_t loc);
	/* In the project (under its root) but not in a public header: a
	 * definition there is invisible to the library's users. */
	bool is_private(location_t loc);
	abg_location convert(location_t loc);
	/* The main source file, for facts without a location of their own. */
	abg_location main_file();

      private:
	const char *relative(const char *file);

	abg_session *session_;
	/* One-entry caches: consecutive declarations mostly share a file. */
	const char *public_file_ = nullptr;
	bool public_result_ = false;
	const char *relative_from_ = nullptr;
	const char *relative_to_ = nullptr;
};

/* GCC types -> model types, each tree converted once. */
class type_converter {
      public:
	type_converter(abg_model *model, location_mapper &locations,
		       hash_map<tree, tree> &anonymous_names)
	    : model_(model), locations_(locations),
	      anonymous_names_(anonymous_names)
	{
	}

	abg_type_id convert(tree type);
	/* A parameter: top-level qualifiers do not belong to the ABI. */
	abg_type_id convert_parameter(tree type);

      private:
	abg_type_id convert_uncached(tree type);
	abg_type_id convert_typedef_use(tree type, tree type_decl);
	abg_type_id convert_typedef(tree type, tree type_decl);
	abg_type_id convert_qualified(tree type);
	abg_type_id convert_base(tree type);
	abg_type_id convert_array(tree type);
	abg_type_id convert_function(tree type);
	abg_type_id convert_record(tree type);
	abg_type_id convert_enum(tree type);
	bool is_anonymous_record(tree type);
	abg_type_id anonymous_member_type(tree type);
	void mark_if_private(abg_type_id id, location_t definition);
	void define_record(abg_type_id id, tree record);
	void add_fields(abg_type_id record_id, tree record, uint64_t base_bits,
			const char *prefix);
	void add_enumerators(abg_type_id id, tree enumeration);
	const char *aggregate_name(tree main_variant);
	const char *calling_convention(tree function_type);
	void remember(tree type, abg_type_id id);

	abg_model *model_;
	location_mapper &locations_;
	hash_map<tree, tree> &anonymous_names_;
	hash_map<tree, abg_type_id> cache_;
};

/* The file-scope declarations of the translation unit, kept as trees until
 * the end of the unit (types may be completed after a prototype). */
class decl_collector {
      public:
	explicit decl_collector(location_mapper &locations)
	    : locations_(locations)
	{
	}

	void on_finish_decl(tree decl);
	void on_function_definition(tree fndecl);
	/* PLUGIN_GGC_MARKING: keep the collected trees alive. */
	void mark_roots();
	/* Convert everything collected into model. */
	void emit(abg_model *model);

      private:
	struct entry {
		tree decl;
		location_t public_loc; /* first public-header declaration */
		bool has_body;
	};

	entry &entry_for(tree decl);
	void note_public_location(entry &e, tree decl);
	void note_typedef(tree type_decl);
	void emit_decl(abg_model *model, type_converter &types, const entry &e);
	void emit_public_typedefs(type_converter &types);
	void build_anonymous_names(hash_map<tree, tree> &names);

	location_mapper &locations_;
	auto_vec<entry> entries_;
	hash_map<tree, unsigned> index_;
	auto_vec<tree> public_typedefs_;
	auto_vec<tree> anonymous_typedefs_;
};

/* ---- files read besides the sources (build_inputs.cc) ------------------ */

/* Name the baseline, version script and .abiguard the plugin reads in the
 * compiler's dependency output, and, under -E, in the preprocessor's
 * output for ccache. Call it once the options are final, in any mode. */
void abg_gcc_track_build_inputs(const char *plugin_name,
				const abg_options &options);

/* ---- symbol versions (symver.cc) ----------------------------------------- */

/* Every ".symver impl, name@NODE" of the unit's top-level asm statements. */
void abg_gcc_collect_symver_asm(abg_model *model, location_mapper &locations);
/* The decl's __attribute__((symver("name@NODE"))), impl = its symbol. */
void abg_gcc_collect_symver_attributes(abg_model *model, tree decl,
				       const char *symbol,
				       const abg_location &loc);

/* ---- abiguard.h's attribute (attributes.cc) ----------------------------- */

/* Register __attribute__((abiguard("..."))), the GCC spelling of the
 * abiguard.h macros. Call it in every mode but off. */
void abg_gcc_register_attributes(const char *plugin_name);
/* The string of one "abiguard" attribute of an attribute list, as found by
 * lookup_attribute("abiguard", DECL_ATTRIBUTES(d) or TYPE_ATTRIBUTES(t)):
 * "opaque", "node:LIBFOO_1.2"... NULL when it is not a string. */
const char *abg_gcc_annotation_argument(tree attribute);
/* Where an ignored annotation is recorded (for annotation-misplaced). */
struct abg_annotation_place {
	abg_model *model;
	location_mapper &locations;
};
/* What the abiguard.h annotations written on a struct/union/enum say
 * (enum abg_annotation bits); a misplaced or unknown one is recorded at
 * `loc` and ignored. */
unsigned abg_gcc_type_annotations(const abg_annotation_place &place, tree type,
				  location_t loc);
/* A FIELD_DECL written with ABIGUARD_RESERVED (others recorded at the
 * record's place: GCC and Clang place a field with attributes apart). */
bool abg_gcc_field_reserved(const abg_annotation_place &place, tree field,
			    location_t record);
/* A FUNCTION_DECL/VAR_DECL written with ABIGUARD_INTERNAL (others
 * recorded at `loc`, where the declaration is). */
bool abg_gcc_decl_internal(const abg_annotation_place &place, tree decl,
			   location_t loc);

/* ---- header version tags (tags.cc) --------------------------------------- */

/* Read the unit's tag macros through libcpp's `used` callback (chaining
 * the one installed before); in preprocessed input, tell the session
 * that they cannot be read. Call it at the start of the unit. */
void abg_gcc_watch_tag_macros(abg_session *session, location_mapper &locations);
/* Give libcpp its callback back. */
void abg_gcc_unwatch_tag_macros();
/* ABIGUARD_NODE, abiguard("node:NODE") on decl, as a tag of symbol. */
void abg_gcc_collect_node_annotations(abg_model *model, tree decl,
				      const char *symbol,
				      const abg_location &loc);

/* DECL_ASSEMBLER_NAME without GCC's leading '*'. */
const char *abg_gcc_symbol_name(tree decl);

#endif
