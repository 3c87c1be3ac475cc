// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The abiguard.h annotations in Clang: annotate("abiguard:WHAT") attributes
 * (include/abiguard.h), read where GCC's plugin reads its own spelling so
 * that the summaries agree byte for byte:
 *   - a struct, union or enum: the attributes written on its definition.
 *     GCC drops attributes written after `struct` in a declaration without
 *     members, so one written there is ignored here too, with a warning
 *     that says to write it on the definition;
 *   - a field: its own attributes (an ignored one is placed at its
 *     record);
 *   - a function or variable: the attributes of every declaration of it
 *     (GCC merges them into one declaration).
 * What an annotation means, where it may go and the words of a warning
 * are the core's (abg_annotation_read); an ignored one is recorded in the
 * model at its declaration's name, where GCC's plugin records it, and the
 * rule annotation-misplaced reports it in every front end alike.
 */
#include "abiguard_clang.h"
#include "abiguard/frontend.h"

#include "clang/AST/Attr.h"

#include <string>

using namespace clang;

namespace abiguard_clang {

namespace {

const char prefix[] = "abiguard:";

/* The argument of each annotate("abiguard:WHAT") written on d itself (not
 * inherited from an earlier declaration). */
template <typename F> void each_annotation(const Decl *d, F &&visit)
{
	for (const AnnotateAttr *a : d->specific_attrs<AnnotateAttr>()) {
		StringRef text = a->getAnnotation();
		if (a->isInherited() || !text.startswith(prefix))
			continue;
		visit(text.drop_front(sizeof prefix - 1).str());
	}
}

void read(const annotation_place &place, const Decl *d,
	  abg_annotation_site site, abg_annotation_use *use)
{
	/* a field's problems are the record's: GCC places a field with
	 * attributes elsewhere than at its name */
	const Decl *at = isa<FieldDecl>(d)
				 ? cast<Decl>(cast<FieldDecl>(d)->getParent())
				 : d;
	abg_strbuf warning = {};
	each_annotation(d, [&](const std::string &what) {
		abg_strbuf_reset(&warning);
		if (!abg_annotation_read(what.c_str(), site, use, &warning))
			abg_model_add_annotation_problem(
				place.model,
				place.locations.convert(at->getLocation()),
				abg_strbuf_cstr(&warning));
	});
	abg_strbuf_free(&warning);
}

abg_annotation_site tag_site(const TagDecl *tag)
{
	if (isa<EnumDecl>(tag))
		return ABG_SITE_ENUM;
	return cast<RecordDecl>(tag)->isUnion() ? ABG_SITE_UNION
						: ABG_SITE_STRUCT;
}

/* An annotation on a declaration without members: GCC ignores it. */
void note_declarations_only(const annotation_place &place, const TagDecl *tag)
{
	for (const TagDecl *r : tag->redecls()) {
		if (r->isThisDeclarationADefinition())
			continue;
		each_annotation(r, [&](const std::string &) {
			abg_model_add_annotation_problem(
				place.model,
				place.locations.convert(r->getLocation()),
				"an abiguard.h annotation on a declaration "
				"without members is ignored (GCC drops it); "
				"write it on the definition");
		});
	}
}

} // namespace

unsigned type_annotations(const annotation_place &place, const TagDecl *tag)
{
	note_declarations_only(place, tag);
	const TagDecl *def = tag->getDefinition();
	if (!def)
		return 0;
	abg_annotation_use use = {};
	read(place, def, tag_site(def), &use);
	return use.type_bits;
}

bool field_reserved(const annotation_place &place, const FieldDecl *field)
{
	abg_annotation_use use = {};
	read(place, field, ABG_SITE_FIELD, &use);
	return use.reserved;
}

bool decl_internal(const annotation_place &place,
		   llvm::ArrayRef<const DeclaratorDecl *> redecls)
{
	abg_annotation_use use = {};
	for (const DeclaratorDecl *d : redecls)
		read(place, d,
		     isa<FunctionDecl>(d) ? ABG_SITE_FUNCTION
					  : ABG_SITE_VARIABLE,
		     &use);
	return use.internal;
}

} // namespace abiguard_clang
