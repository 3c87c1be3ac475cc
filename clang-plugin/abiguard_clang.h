// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The Clang converter: what turns a Clang ASTContext into the abiguard
 * model of a session, shared by the three Clang front ends (the compiler
 * plugin, `abiguard lint` on LibTooling and the clang-tidy module), so that
 * they cannot disagree. Like the GCC plugin it is a thin adapter: it picks
 * the declarations of a translation unit that belong to the library's ABI,
 * converts Clang types into the abiguard model with the rules of
 * gcc-plugin/convert_types.cc (every front end must write the same summary
 * for the same source), and maps the core's findings back to Clang source
 * locations. Policy lives in the core (common/), never here.
 */
#ifndef ABIGUARD_CLANG_H
#define ABIGUARD_CLANG_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Type.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"

#include <string>
#include <unordered_map>
#include <vector>

#include "abiguard/engine.h"
#include "abiguard/model.h"

namespace abiguard_clang {

/* Clang source locations -> abiguard locations, and the public-header
 * test. Locations are taken where the compiler reports them: the expansion
 * point of a macro, the file and line that #line directives state. */
class location_mapper {
      public:
	location_mapper(abg_session *session, const clang::SourceManager &sm)
	    : session_(session), sm_(sm)
	{
	}

	bool is_public(clang::SourceLocation loc);
	/* In the project (under its root) but not in a public header: a
	 * definition there is invisible to the library's users. */
	bool is_private(clang::SourceLocation loc);
	abg_location convert(clang::SourceLocation loc);
	/* The main source file, for facts without a location of their own. */
	abg_location main_file();

      private:
	/* What a file is, asked once per file: its presumed name and what
	 * depends on it, when the name is the same on every line. */
	struct file_facts {
		bool one_name; /* else #line directives can change it */
		bool is_public;
		bool relative_known;
		const char *name;
		const char *relative;
	};

	file_facts *facts(clang::SourceLocation expansion);
	const char *relative_of(file_facts &f);
	const char *file_of(clang::SourceLocation loc);
	const char *relative(const char *file);

	abg_session *session_;
	const clang::SourceManager &sm_;
	llvm::DenseMap<clang::FileID, file_facts> files_;
	clang::FileID last_fid_; /* the last one asked, and its answer */
	file_facts *last_facts_ = nullptr;
	/* One-entry caches for files whose name can change. */
	const char *public_file_ = nullptr;
	bool public_result_ = false;
	const char *relative_from_ = nullptr;
	const char *relative_to_ = nullptr;
};

/* The first file-scope typedef that names each tagless struct, union or
 * enum: the model calls `typedef struct { ... } foo_t;` "<foo_t>". */
using anonymous_names = std::unordered_map<const clang::TagDecl *,
					   const clang::TypedefNameDecl *>;

/* Clang types -> model types, each QualType converted once. */
class type_converter {
      public:
	type_converter(clang::ASTContext &ctx, abg_model *model,
		       location_mapper &locations, const anonymous_names &names)
	    : ctx_(ctx), model_(model), locations_(locations), names_(names)
	{
	}

	abg_type_id convert(clang::QualType type);
	/* A parameter or a return type: their top-level qualifiers do not
	 * belong to the ABI (C11 6.7.6.3p15, DR 423). */
	abg_type_id convert_unqualified(clang::QualType type);

      private:
	abg_type_id convert_uncached(clang::QualType type);
	abg_type_id convert_typedef_use(clang::QualType type,
					const clang::TypedefNameDecl *decl);
	abg_type_id convert_typedef(clang::QualType type,
				    const clang::TypedefNameDecl *decl);
	abg_type_id convert_base(const clang::Type *type);
	abg_type_id convert_array(const clang::ArrayType *type);
	abg_type_id convert_function(const clang::FunctionType *type);
	abg_type_id convert_record(clang::QualType type,
				   const clang::RecordType *record);
	abg_type_id convert_enum(clang::QualType type,
				 const clang::EnumType *enumeration);
	const char *base_name(const clang::Type *type);
	const char *aggregate_name(const clang::TagDecl *tag);
	const clang::RecordType *anonymous_record(clang::QualType type);
	abg_type_id anonymous_member_type(clang::QualType type,
					  const clang::RecordType *record);
	void mark_if_private(abg_type_id id, clang::SourceLocation definition);
	void define_record(abg_type_id id, const clang::RecordDecl *record);
	void add_fields(abg_type_id record_id, const clang::RecordDecl *record,
			uint64_t base_bits, const char *prefix);
	void add_enumerators(abg_type_id id,
			     const clang::EnumDecl *enumeration);
	const char *calling_convention(const clang::FunctionType *type);
	void remember(clang::QualType type, abg_type_id id);

	clang::ASTContext &ctx_;
	abg_model *model_;
	location_mapper &locations_;
	const anonymous_names &names_;
	llvm::DenseMap<void *, abg_type_id> cache_;
};

/* The file-scope declarations of the translation unit, grouped by entity
 * (a prototype in a header and the definition in the .c file are one). */
class decl_collector {
      public:
	explicit decl_collector(location_mapper &locations)
	    : locations_(locations)
	{
	}

	void collect(clang::TranslationUnitDecl *tu);
	/* Convert everything collected into model. */
	void emit(clang::ASTContext &ctx, abg_model *model);

      private:
	/* An entity, with the facts every one of its declarations adds to;
	 * the declarations themselves are a list through notes_, in the
	 * order of the unit, read only for the entities kept. */
	struct entry {
		uint32_t first, last;		      /* in notes_ */
		clang::SourceLocation public_loc;     /* first public one */
		const clang::DeclaratorDecl *defined; /* last definition */
	};
	struct note {
		const clang::DeclaratorDecl *decl;
		uint32_t next; /* the entity's next declaration, or no_note */
	};
	static constexpr uint32_t no_note = UINT32_MAX;

	void reserve(abg_model *model) const;
	void note_declaration(const clang::DeclaratorDecl *decl);
	void note_typedef(const clang::TypedefNameDecl *decl);
	void note_asm(const clang::FileScopeAsmDecl *decl);
	void emit_decl(abg_model *model, type_converter &types, const entry &e);

	location_mapper &locations_;
	std::vector<entry> entries_;
	std::vector<note> notes_;
	llvm::DenseMap<const clang::Decl *, uint32_t> index_;
	std::vector<const clang::TypedefNameDecl *> public_typedefs_;
	std::vector<const clang::FileScopeAsmDecl *> asm_decls_;
	anonymous_names anonymous_names_;
};

/* ---- abiguard.h's annotations (annotations.cc) ---------------------------- */

/* Where an ignored annotation is recorded (for annotation-misplaced). */
struct annotation_place {
	abg_model *model;
	location_mapper &locations;
};
/* What the annotations on the definition of a struct/union/enum say (enum
 * abg_annotation bits); misplaced, unknown or ignored ones are recorded. */
unsigned type_annotations(const annotation_place &place,
			  const clang::TagDecl *tag);
/* A field written with ABIGUARD_RESERVED (others recorded). */
bool field_reserved(const annotation_place &place,
		    const clang::FieldDecl *field);
/* A declaration of the function or variable carries ABIGUARD_INTERNAL
 * (others recorded). */
bool decl_internal(const annotation_place &place,
		   llvm::ArrayRef<const clang::DeclaratorDecl *> redecls);

/* ---- what the drivers share (session.cc) ---------------------------------- */

/* The model of the whole translation unit, into the session's model. */
void build_model(abg_session *session, clang::ASTContext &ctx);

/* What both plugins define, so that abiguard.h can tell: the same in lint
 * and in clang-tidy, or the model of an annotated header would differ.
 * Also starts watching the unit's tag macros (tags.cc), which every
 * driver needs at the same point. options: the session's, when it is
 * open already; without tag macros nothing is watched (a preprocessor
 * with callbacks does more work on every directive and expansion). */
void define_abiguard_macro(clang::CompilerInstance &ci,
			   const abg_options *options = nullptr);

/* ---- header version tags (tags.cc) ---------------------------------------- */

/* Note every function-like macro invoked in a file of the unit; for
 * preprocessed input (a .i file), that its macros are gone. */
void watch_tag_macros(clang::Preprocessor &pp, bool preprocessed_input);
/* The invocations of tag macros in public headers, into the session's
 * model; a unit compiled from preprocessed output says its tags are
 * unread. */
void add_macro_tags(abg_session *session, const clang::SourceManager &sm,
		    location_mapper &locations);
/* ABIGUARD_NODE (annotate("abiguard:node:NODE")) on any declaration of the
 * entity, as a tag of symbol at loc. */
void add_node_annotations(abg_model *model, const clang::DeclaratorDecl *decl,
			  const char *symbol, const abg_location &loc);

/* One "KEY=VALUE" or "KEY" as it follows -fplugin-arg-abiguard-. */
int set_plugin_arg(abg_options *options, const std::string &arg,
		   abg_error *err);

/* Where a finding (or a note of one) goes in Clang's terms: the compiler's
 * own location when the converter stored one; else, for facts the core
 * located in the main file (top-level .symver, which carries no location
 * so that the summary agrees with GCC's), that line of the main file;
 * else an invalid location. main_file is the main file as the model names
 * it (location_mapper::main_file()). */
clang::SourceLocation finding_location(const clang::SourceManager &sm,
				       const abg_location &loc,
				       const char *main_file);

/* A location the compiler does not know (baseline, version script) is
 * written into the message itself, as the GCC plugin does. */
std::string with_foreign_location(const abg_location &loc, bool placed,
				  const char *message);

} // namespace abiguard_clang

#endif
