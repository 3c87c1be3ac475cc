// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The abiguard.h annotations in Clang: annotate("abiguard:WHAT") attributes
 * (include/abiguard.h), read where GCC's plugin reads its own spelling so
 * that the summaries agree byte for byte:
 *   - a struct, union or enum: the attributes written on its definition.
 *     GCC drops attributes written after `struct` in a declaration without
 *     members, so one written there is ignored here too, with a warning
 *     that says to write it on the definition;
 *   - a field: its own attributes;
 *   - a function or variable: the attributes of every declaration of it
 *     (GCC merges them into one declaration).
 * What an annotation means, where it may go and the words of a warning
 * are the core's (abg_annotation_read).
 */
#include "abiguard_clang.h"
#include "abiguard/frontend.h"

#include "clang/AST/Attr.h"

#include <string>

using namespace clang;

namespace abiguard_clang {

namespace {

const char prefix[] = "abiguard:";

/* The argument of an annotate("abiguard:WHAT") written on d itself (not
 * inherited from an earlier declaration), one at a time. */
template <typename F> void each_annotation(const Decl *d, F &&visit)
{
	for (const AnnotateAttr *a : d->specific_attrs<AnnotateAttr>()) {
		StringRef text = a->getAnnotation();
		if (a->isInherited() || !text.startswith(prefix))
			continue;
		visit(text.drop_front(sizeof prefix - 1).str(),
		      a->getLocation());
	}
}

void warn(ASTContext &ctx, SourceLocation loc, const char *message)
{
	DiagnosticsEngine &de = ctx.getDiagnostics();
	de.Report(loc, de.getCustomDiagID(DiagnosticsEngine::Warning, "%0"))
		<< message;
}

void read(ASTContext &ctx, const Decl *d, abg_annotation_site site,
	  abg_annotation_use *use)
{
	abg_strbuf warning = {};
	each_annotation(d, [&](const std::string &what, SourceLocation loc) {
		abg_strbuf_reset(&warning);
		if (!abg_annotation_read(what.c_str(), site, use, &warning))
			warn(ctx, loc, abg_strbuf_cstr(&warning));
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
void warn_declarations_only(ASTContext &ctx, const TagDecl *tag)
{
	for (const TagDecl *r : tag->redecls()) {
		if (r->isThisDeclarationADefinition())
			continue;
		each_annotation(r, [&](const std::string &,
				       SourceLocation loc) {
			warn(ctx, loc,
			     "an abiguard.h annotation on a declaration "
			     "without members is ignored (GCC drops it); "
			     "write it on the definition");
		});
	}
}

} // namespace

unsigned type_annotations(ASTContext &ctx, const TagDecl *tag)
{
	warn_declarations_only(ctx, tag);
	const TagDecl *def = tag->getDefinition();
	if (!def)
		return 0;
	abg_annotation_use use = {};
	read(ctx, def, tag_site(def), &use);
	return use.type_bits;
}

bool field_reserved(ASTContext &ctx, const FieldDecl *field)
{
	abg_annotation_use use = {};
	read(ctx, field, ABG_SITE_FIELD, &use);
	return use.reserved;
}

bool decl_internal(ASTContext &ctx,
		   const std::vector<const DeclaratorDecl *> &redecls)
{
	abg_annotation_use use = {};
	for (const DeclaratorDecl *d : redecls)
		read(ctx, d,
		     isa<FunctionDecl>(d) ? ABG_SITE_FUNCTION
					  : ABG_SITE_VARIABLE,
		     &use);
	return use.internal;
}

} // namespace abiguard_clang
