// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * What the three Clang drivers share around the converter: the model of a
 * whole unit, the plugin-argument syntax, and the way back from a core
 * finding to a Clang source location.
 */
#include "abiguard_clang.h"

#include <cstring>

using namespace clang;

namespace abiguard_clang {

void build_model(abg_session *session, ASTContext &ctx)
{
	location_mapper locations(session, ctx.getSourceManager());
	decl_collector decls(locations);
	decls.collect(ctx.getTranslationUnitDecl());
	decls.emit(ctx, abg_session_model(session));
	add_macro_tags(session, ctx.getSourceManager(), locations);
}

void define_abiguard_macro(CompilerInstance &ci, const abg_options *options)
{
	Preprocessor &pp = ci.getPreprocessor();
	const auto &inputs = ci.getFrontendOpts().Inputs;
	pp.setPredefines(pp.getPredefines() + "#define __ABIGUARD__ 1\n");
	if (options && !options->ntag_macros)
		return;
	watch_tag_macros(pp,
			 !inputs.empty() && inputs.front().isPreprocessed());
}

int set_plugin_arg(abg_options *options, const std::string &arg, abg_error *err)
{
	static const char origin[] = "-fplugin-arg-abiguard-";
	size_t eq = arg.find('=');
	std::string key = arg.substr(0, eq);
	std::string value = eq == std::string::npos ? "" : arg.substr(eq + 1);
	return abg_options_set(options, key.c_str(), value.c_str(), origin,
			       err);
}

SourceLocation finding_location(const SourceManager &sm,
				const abg_location &loc, const char *main_file)
{
	if (loc.origin)
		return SourceLocation::getFromRawEncoding(
			(SourceLocation::UIntTy)loc.origin);
	if (loc.file && loc.line && main_file &&
	    strcmp(loc.file, main_file) == 0)
		return sm.translateLineCol(sm.getMainFileID(), loc.line,
					   loc.column ? loc.column : 1);
	return SourceLocation();
}

std::string with_foreign_location(const abg_location &loc, bool placed,
				  const char *message)
{
	if (placed || !loc.file)
		return message;
	std::string text = loc.file;
	if (loc.line)
		text += ":" + std::to_string(loc.line);
	return text + ": " + message;
}

} // namespace abiguard_clang
