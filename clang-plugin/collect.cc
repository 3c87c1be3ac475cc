// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Which declarations of a translation unit belong to the library's ABI, and
 * where they are; the same choice as gcc-plugin/collect.cc. A declaration
 * is recorded when it has external linkage and either (a) is declared in a
 * public header, or (b) is defined here with default or protected
 * visibility (getLinkageAndVisibility() has -fvisibility=hidden folded in).
 *
 * GCC merges the declarations of one entity into one tree; Clang keeps one
 * Decl per declaration, so they are grouped here by their canonical Decl,
 * and the facts GCC's merge would keep are picked from the group.
 */
#include "abiguard_clang.h"
#include "abiguard/frontend.h"
#include "abiguard/symver.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"

using namespace clang;

namespace abiguard_clang {

/* ---- locations ----------------------------------------------------------- */

const char *location_mapper::file_of(SourceLocation loc)
{
	if (loc.isInvalid())
		return nullptr;
	PresumedLoc p = sm_.getPresumedLoc(sm_.getExpansionLoc(loc));
	return p.isValid() ? p.getFilename() : nullptr;
}

/* A file without #line directives or line markers has one presumed name
 * throughout; the others (preprocessed input above all) can change it at
 * any line. */
static bool has_one_name(const SrcMgr::SLocEntry &e)
{
	return e.isFile() && !e.getFile().hasLineDirectives();
}

/*
 * The facts of the file that expansion (an expansion location) is in, or
 * NULL when its presumed name can change from line to line. The name is
 * the one getPresumedLoc() takes from the file entry, read without
 * computing a line number: the first line number asked of a file counts
 * all its lines, and most files asked about are system headers whose lines
 * nothing else needs.
 */
location_mapper::file_facts *location_mapper::facts(SourceLocation expansion)
{
	FileID fid = sm_.getFileID(expansion);
	if (fid.isInvalid())
		return nullptr;
	/* consecutive declarations mostly share a file */
	if (fid == last_fid_)
		return last_facts_;
	auto found = files_.find(fid);
	if (found != files_.end()) {
		last_fid_ = fid;
		last_facts_ = found->second.one_name ? &found->second : nullptr;
		return last_facts_;
	}
	file_facts f = {};
	bool invalid = false;
	const SrcMgr::SLocEntry &e = sm_.getSLocEntry(fid, &invalid);
	f.one_name = !invalid && has_one_name(e);
	if (f.one_name) {
		const FileEntry *entry =
			e.getFile().getContentCache().OrigEntry;
		f.name = entry ? entry->getName().data()
			       : file_of(expansion); /* a memory buffer */
		f.is_public = f.name && abg_session_is_public(session_, f.name);
	}
	file_facts &stored = files_[fid] = f;
	last_fid_ = fid; /* the insertion moved what last_facts_ pointed to */
	last_facts_ = stored.one_name ? &stored : nullptr;
	return last_facts_;
}

const char *location_mapper::relative_of(file_facts &f)
{
	if (!f.relative_known) {
		f.relative_known = true;
		f.relative =
			f.name ? abg_session_relative_path(session_, f.name)
			       : nullptr;
	}
	return f.relative;
}

/* Every declaration of the unit asks, most of them in system headers. */
bool location_mapper::is_public(SourceLocation loc)
{
	if (loc.isInvalid())
		return false;
	if (const file_facts *f = facts(sm_.getExpansionLoc(loc)))
		return f->is_public;
	const char *file = file_of(loc);
	if (!file)
		return false;
	if (file != public_file_) {
		public_file_ = file;
		public_result_ = abg_session_is_public(session_, file);
	}
	return public_result_;
}

bool location_mapper::is_private(SourceLocation loc)
{
	if (is_public(loc))
		return false;
	if (loc.isInvalid())
		return false;
	if (file_facts *f = facts(sm_.getExpansionLoc(loc)))
		return relative_of(*f) != nullptr;
	const char *file = file_of(loc);
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

abg_location location_mapper::convert(SourceLocation loc)
{
	abg_location out = {};
	if (loc.isInvalid())
		return out;
	SourceLocation expansion = sm_.getExpansionLoc(loc);
	PresumedLoc p = sm_.getPresumedLoc(expansion);
	if (p.isInvalid())
		return out;
	file_facts *f = facts(expansion);
	out.file = f ? relative_of(*f) : relative(p.getFilename());
	out.line = p.getLine();
	out.column = p.getColumn();
	out.origin = expansion.getRawEncoding();
	return out;
}

abg_location location_mapper::main_file()
{
	abg_location out = {};
	if (const FileEntry *main = sm_.getFileEntryForID(sm_.getMainFileID()))
		out.file = abg_session_relative_path(
			session_, main->getName().str().c_str());
	return out;
}

/* ---- which declarations -------------------------------------------------- */

namespace {

bool is_linkable_file_scope_decl(const DeclaratorDecl *decl)
{
	return decl->getLexicalDeclContext()->isTranslationUnit() &&
	       decl->getIdentifier() && !decl->isInvalidDecl() &&
	       decl->hasExternalFormalLinkage();
}

/* A function definition that emits a symbol: not a C99 inline definition
 * (without an extern declaration it emits nothing, as GCC's DECL_EXTERNAL
 * says), but an alias or ifunc is one. */
bool defines_function(const FunctionDecl *fn)
{
	/* the body first, then one walk over the attributes: reading them
	 * costs more */
	if (fn->doesThisDeclarationHaveABody() &&
	    (!fn->isInlined() || fn->isInlineDefinitionExternallyVisible()))
		return true;
	if (fn->hasAttrs())
		for (const Attr *a : fn->getAttrs())
			if (isa<AliasAttr, IFuncAttr>(a))
				return true;
	return false;
}

/* Tentative definitions (`int x;`) define the variable too. */
bool defines_variable(const VarDecl *var)
{
	return var->isThisDeclarationADefinition() != VarDecl::DeclarationOnly;
}

bool is_definition(const DeclaratorDecl *decl)
{
	if (const auto *fn = dyn_cast<FunctionDecl>(decl))
		return defines_function(fn);
	return defines_variable(cast<VarDecl>(decl));
}

bool has_exported_visibility(const NamedDecl *decl)
{
	Visibility v = decl->getLinkageAndVisibility().getVisibility();
	return v == DefaultVisibility || v == ProtectedVisibility;
}

/*
 * Where GCC's merged declaration says it is: the definition (the one with
 * the initializer, for a variable), else the latest declaration.
 */
const DeclaratorDecl *
located_declaration(llvm::ArrayRef<const DeclaratorDecl *> redecls)
{
	for (const DeclaratorDecl *d : redecls) {
		const auto *var = dyn_cast<VarDecl>(d);
		if (var ? var->hasInit() : is_definition(d))
			return d;
	}
	return redecls.back();
}

/* The type a declaration writes: a function's as written (with its
 * typedef names), when it has a prototype. */
QualType written_type(const DeclaratorDecl *d)
{
	if (const auto *fn = dyn_cast<FunctionDecl>(d))
		if (const TypeSourceInfo *tsi = fn->getTypeSourceInfo())
			if (tsi->getType()->getAs<FunctionProtoType>())
				return tsi->getType();
	return d->getType();
}

QualType composite_type(ASTContext &ctx, QualType newer, QualType older);

QualType composite_function(ASTContext &ctx, const FunctionProtoType *newer,
			    const FunctionProtoType *older)
{
	if (newer->getNumParams() != older->getNumParams())
		return QualType(newer, 0);
	QualType ret = composite_type(ctx, newer->getReturnType(),
				      older->getReturnType());
	std::vector<QualType> params;
	for (unsigned i = 0; i < newer->getNumParams(); i++)
		params.push_back(composite_type(ctx, newer->getParamType(i),
						older->getParamType(i)));
	return ctx.getFunctionType(ret, params, newer->getExtProtoInfo());
}

QualType composite_array(ASTContext &ctx, const ArrayType *newer,
			 const ArrayType *older, Qualifiers quals)
{
	QualType element = composite_type(ctx, newer->getElementType(),
					  older->getElementType());
	const auto *sized = dyn_cast<ConstantArrayType>(newer);
	if (!sized)
		sized = dyn_cast<ConstantArrayType>(older);
	QualType array =
		sized ? ctx.getConstantArrayType(element, sized->getSize(),
						 nullptr, ArrayType::Normal, 0)
		      : ctx.getIncompleteArrayType(element, ArrayType::Normal,
						   0);
	return ctx.getQualifiedType(array, quals);
}

/*
 * C's composite type of two declarations of one entity (C11 6.2.7), built
 * part by part as GCC's composite_type() builds it, so that both plugins
 * record one type: a type written the same in both is kept as written;
 * two spellings of one pointer type (gpg-error.h declares gpgrt_fclose
 * with gpgrt_stream_t, its definition says estream_t, both typedefs of
 * struct _gpgrt__stream *) make the pointer anew, without either typedef
 * name, and so do function and array types; anything else is spelled as
 * the newer declaration spells it. A prototype beats a declaration
 * without one, and an array's size its absence.
 */
QualType composite_type(ASTContext &ctx, QualType newer, QualType older)
{
	if (newer == older)
		return newer;
	Qualifiers quals = older.getCanonicalType().getQualifiers();
	const auto *pn = newer->getAs<PointerType>();
	const auto *po = older->getAs<PointerType>();
	if (pn && po)
		return ctx.getQualifiedType(ctx.getPointerType(composite_type(
						    ctx, pn->getPointeeType(),
						    po->getPointeeType())),
					    quals);
	const auto *fn = newer->getAs<FunctionProtoType>();
	const auto *fo = older->getAs<FunctionProtoType>();
	if (fn && fo)
		return composite_function(ctx, fn, fo);
	if (fo)
		return older;
	const ArrayType *an = ctx.getAsArrayType(newer);
	const ArrayType *ao = ctx.getAsArrayType(older);
	if (an && ao)
		return composite_array(ctx, an, ao, quals);
	return newer;
}

/* The entity's type, as GCC's merge of its declarations leaves it: the
 * composite of each declaration's type with those before it. */
QualType declared_type(llvm::ArrayRef<const DeclaratorDecl *> redecls)
{
	ASTContext &ctx = redecls.front()->getASTContext();
	QualType type = written_type(redecls.front());
	for (size_t i = 1; i < redecls.size(); i++)
		type = composite_type(ctx, written_type(redecls[i]), type);
	return type;
}

/* __asm__("label") on any of the declarations, or NULL. */
const AsmLabelAttr *asm_label(llvm::ArrayRef<const DeclaratorDecl *> redecls)
{
	for (const DeclaratorDecl *d : redecls)
		if (const auto *label = d->getAttr<AsmLabelAttr>())
			return label;
	return nullptr;
}

} // namespace

/* ---- collecting ---------------------------------------------------------- */

void decl_collector::note_declaration(const DeclaratorDecl *decl)
{
	if (!is_linkable_file_scope_decl(decl))
		return;
	uint32_t at = (uint32_t)notes_.size();
	notes_.push_back(note{decl, no_note});
	auto found = index_.try_emplace(decl->getCanonicalDecl(),
					(uint32_t)entries_.size());
	if (found.second)
		entries_.push_back(entry{at, at, SourceLocation(), nullptr});
	entry &e = entries_[found.first->second];
	if (!found.second) {
		notes_[e.last].next = at;
		e.last = at;
	}
	if (is_definition(decl))
		e.defined = decl;
	/* The first public-header declaration: users fix the ABI there. */
	if (e.public_loc.isInvalid() &&
	    locations_.is_public(decl->getLocation()))
		e.public_loc = decl->getLocation();
}

void decl_collector::note_typedef(const TypedefNameDecl *decl)
{
	if (decl->isImplicit() || decl->isInvalidDecl())
		return;
	/* typedef struct { ... } foo_t; names the struct "<foo_t>"; the
	 * first typedef of a tagless type names it. */
	QualType target = decl->getUnderlyingType().getCanonicalType();
	if (const auto *tag = target->getAsTagDecl())
		if (!tag->getIdentifier())
			anonymous_names_.emplace(
				cast<TagDecl>(tag->getCanonicalDecl()), decl);
	if (locations_.is_public(decl->getLocation()))
		public_typedefs_.push_back(decl);
}

void decl_collector::collect(TranslationUnitDecl *tu)
{
	/* Room for every function and variable: a count of the unit's list
	 * costs less than growing the tables on the way. */
	size_t n = 0;
	for (const Decl *d : tu->decls())
		n += isa<FunctionDecl, VarDecl>(d);
	notes_.reserve(n);
	entries_.reserve(n);
	index_.reserve((unsigned)n);
	for (const Decl *d : tu->decls()) {
		if (const auto *fn = dyn_cast<FunctionDecl>(d))
			note_declaration(fn);
		else if (const auto *var = dyn_cast<VarDecl>(d))
			note_declaration(var);
		else if (const auto *td = dyn_cast<TypedefNameDecl>(d))
			note_typedef(td);
		else if (const auto *a = dyn_cast<FileScopeAsmDecl>(d))
			asm_decls_.push_back(a);
	}
}

/* ---- converting ---------------------------------------------------------- */

void decl_collector::emit_decl(abg_model *model, type_converter &types,
			       const entry &e)
{
	abg_decl d = {};
	if (!abg_decl_settle(&d, e.public_loc.isValid(), e.defined != nullptr,
			     e.defined && has_exported_visibility(e.defined)))
		return;
	llvm::SmallVector<const DeclaratorDecl *, 4> list;
	for (uint32_t i = e.first; i != no_note; i = notes_[i].next)
		list.push_back(notes_[i].decl);
	llvm::ArrayRef<const DeclaratorDecl *> redecls = list;

	/* Linkable declarations have an identifier, whose name Clang keeps
	 * NUL-terminated. */
	const AsmLabelAttr *label = asm_label(redecls);
	std::string labelled = label ? label->getLabel().str() : "";
	d.kind = isa<FunctionDecl>(redecls.front()) ? ABG_DECL_FUNCTION
						    : ABG_DECL_VARIABLE;
	d.name = redecls.front()->getIdentifier()->getNameStart();
	d.symbol = label ? labelled.c_str() : d.name;
	d.type = types.convert(declared_type(redecls));
	d.internal = decl_internal({model, locations_}, redecls);
	d.loc = locations_.convert(
		d.public_header ? e.public_loc
				: located_declaration(redecls)->getLocation());
	abg_model_add_decl(model, &d);
	if (d.public_header)
		add_node_annotations(model, redecls.front(), d.symbol, d.loc);
}

/*
 * Room in the model for what the entities that may be kept bring (public
 * or defined here: about one type and two names each, as the units of
 * the real libraries measured have it), so that its tables are not grown
 * and copied again and again on the way.
 */
void decl_collector::reserve(abg_model *model) const
{
	size_t kept = public_typedefs_.size();
	for (const entry &e : entries_)
		kept += e.public_loc.isValid() || e.defined;
	abg_model_reserve(model, 2 * kept, kept);
}

void decl_collector::emit(ASTContext &ctx, abg_model *model)
{
	reserve(model);
	type_converter types(ctx, model, locations_, anonymous_names_);
	for (const entry &e : entries_)
		emit_decl(model, types, e);
	for (const TypedefNameDecl *td : public_typedefs_)
		types.convert(ctx.getTypedefType(td));

	/* GCC keeps no location for top-level asm: its directives get the
	 * main file and line 0, and the core finds their line in the file.
	 * The same here, so that the summaries agree. */
	abg_location loc = locations_.main_file();
	for (const FileScopeAsmDecl *a : asm_decls_) {
		StringRef text = a->getAsmString()->getString();
		abg_symver_parse_asm(model, text.data(), text.size(), loc);
	}
}

} // namespace abiguard_clang
