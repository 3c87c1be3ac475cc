// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Header version tags in the Clang front ends. A project's tag macro
 * (GFAPI_PUBLIC(glfs_pread, 3.4.0)) expands to nothing, so the AST never
 * sees it: the preprocessor's MacroExpands callback notes where each
 * function-like macro was invoked in a file, and when the model is built
 * the invocations of the configured tag macros that sit in public headers
 * are handed to the core with their text, which reads the arguments (the
 * GCC plugin does the same from its own callback). ABIGUARD_NODE is
 * Clang's annotate("abiguard:node:NODE") on the declaration.
 */
#include "abiguard_clang.h"

#include "clang/AST/Attr.h"
#include "clang/Lex/MacroArgs.h"
#include "clang/Lex/PPCallbacks.h"

#include <unordered_map>

using namespace clang;

namespace abiguard_clang {

namespace {

struct invocation {
	const IdentifierInfo *macro; /* the preprocessor's, alive with it */
	SourceLocation loc;	     /* the macro's name, in a file */
};

/* What the preprocessor of one unit saw, found by its SourceManager when
 * the AST is complete (the drivers share the converter, not the
 * preprocessor's lifetime). */
struct unit_invocations {
	std::vector<invocation> invocations;
	bool preprocessed = false; /* input was preprocessed output */
};

std::unordered_map<const SourceManager *, unit_invocations> &units()
{
	static std::unordered_map<const SourceManager *, unit_invocations> u;
	return u;
}

class tag_macro_watcher : public PPCallbacks {
      public:
	tag_macro_watcher(Preprocessor &pp, bool preprocessed_input) : pp_(pp)
	{
		unit_invocations &u = units()[&pp.getSourceManager()];
		u = unit_invocations{};
		u.preprocessed = preprocessed_input;
	}

	/* Invocations written in a file, not made by another macro: which
	 * ones are tag macros is known only to the session. */
	void MacroExpands(const Token &name, const MacroDefinition &md,
			  SourceRange range, const MacroArgs *) override
	{
		const MacroInfo *mi = md.getMacroInfo();
		if (!mi || !mi->isFunctionLike() ||
		    !range.getBegin().isFileID())
			return;
		units()[&pp_.getSourceManager()].invocations.push_back(
			{name.getIdentifierInfo(), range.getBegin()});
	}

      private:
	Preprocessor &pp_;
};

/* The text from the macro's name to the end of its file. */
StringRef text_from(const SourceManager &sm, SourceLocation loc)
{
	std::pair<FileID, unsigned> at = sm.getDecomposedLoc(loc);
	bool invalid = false;
	StringRef buffer = sm.getBufferData(at.first, &invalid);
	if (invalid || at.second >= buffer.size())
		return StringRef();
	return buffer.substr(at.second);
}

} // namespace

void watch_tag_macros(Preprocessor &pp, bool preprocessed_input)
{
	pp.addPPCallbacks(
		std::make_unique<tag_macro_watcher>(pp, preprocessed_input));
}

void add_macro_tags(abg_session *session, const SourceManager &sm,
		    location_mapper &locations)
{
	auto found = units().find(&sm);
	if (found == units().end())
		return;
	if (found->second.preprocessed)
		abg_session_tags_unread(session);
	for (const invocation &inv : found->second.invocations) {
		if (!abg_session_is_tag_macro(session,
					      inv.macro->getNameStart()) ||
		    !locations.is_public(inv.loc))
			continue;
		StringRef text = text_from(sm, inv.loc);
		abg_session_add_macro_tag(session, text.data(), text.size(),
					  locations.convert(inv.loc));
	}
	units().erase(found);
}

void add_node_annotations(abg_model *model, const DeclaratorDecl *decl,
			  const char *symbol, const abg_location &loc)
{
	static const char prefix[] = "abiguard:";
	for (const Decl *d : decl->redecls())
		for (const auto *a : d->specific_attrs<AnnotateAttr>()) {
			StringRef text = a->getAnnotation();
			if (a->isInherited() || !text.startswith(prefix))
				continue;
			std::string what = text.substr(sizeof prefix - 1).str();
			abg_model_add_node_annotation(model, symbol,
						      what.c_str(), loc);
		}
}

} // namespace abiguard_clang
