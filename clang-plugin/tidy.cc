// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The abiguard clang-tidy module: one check per rule of the core's
 * registry, named abiguard-<rule-id>, over the Clang converter the plugin
 * and `abiguard lint` use.
 *
 *   clang-tidy --load=/usr/lib/abiguard/abiguard-tidy.so \
 *              --checks='-*,abiguard-*' -p build src/foo.c
 *
 * The rules need the whole unit and run together (a session checks a unit
 * once), so the first enabled check to see the unit builds its model, runs
 * the session, and reports each finding under its own rule's check name,
 * if that check is enabled. clang-tidy then applies NOLINT, the header
 * filter and --warnings-as-errors as to any check.
 *
 * Options come from the same places as lint's, in the same order: the
 * -fplugin-arg-abiguard-KEY=VALUE flags of the compile command (except
 * mode and sidecar), then .clang-tidy CheckOptions `abiguard.KEY` (the
 * plugin's keys; they win over the build's), then the nearest .abiguard
 * above the source for what is still unset, then ABIGUARD_OPTIONS.
 *
 * clang-tidy hands the compile command to Clang's driver, which turns
 * -fplugin-arg-abiguard-KEY=VALUE into cc1's -plugin-arg-abiguard KEY=VALUE
 * (and -fplugin=PATH into -load PATH, which a tooling run never loads, so a
 * GCC plugin in compile_commands.json is harmless). A plugin action named
 * abiguard, registered here, receives those arguments exactly as the
 * compiler plugin does.
 */
#include "abiguard_clang.h"

#include "abiguard/options.h"
#include "abiguard/paths.h"
#include "abiguard/rules.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unistd.h>
#include <vector>

using namespace clang;
using namespace clang::tidy;
using namespace clang::ast_matchers;

namespace abiguard_clang {

namespace {

const char check_prefix[] = "abiguard-";
const char option_prefix[] = "abiguard.";
/* Hidden: write the unit's summary to this file (tests compare it with
 * the compiler plugins'). */
const char summary_option[] = "abiguard.dump-summary";

/* ---- the unit being checked ---------------------------------------------- */

/* clang-tidy checks one unit at a time; its state lives here, shared by
 * the checks of the module. */
struct unit_state {
	std::vector<std::string> plugin_args; /* of the compile command */
	bool checked = false;		      /* the session has run */
};

unit_state &unit()
{
	static unit_state state;
	return state;
}

/* Sees the compile command's -fplugin-arg-abiguard-* (as cc1's
 * -plugin-arg-abiguard), defines __ABIGUARD__ like the compiler plugins,
 * and builds nothing itself. */
class plugin_args_action : public PluginASTAction {
      protected:
	bool ParseArgs(const CompilerInstance &,
		       const std::vector<std::string> &args) override
	{
		unit().plugin_args = args;
		return true;
	}

	ActionType getActionType() override { return AddBeforeMainAction; }

	std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &ci,
						       StringRef) override
	{
		const LangOptions &lang = ci.getLangOpts();
		if (!lang.CPlusPlus && !lang.ObjC)
			define_abiguard_macro(ci);
		return std::make_unique<ASTConsumer>();
	}
};

/* ---- options ------------------------------------------------------------- */

std::string directory_of(const std::string &file)
{
	char *real = realpath(file.c_str(), nullptr);
	std::string path = real ? real : file;
	free(real);
	size_t slash = path.rfind('/');
	if (slash == std::string::npos)
		return ".";
	return slash == 0 ? "/" : path.substr(0, slash);
}

/* The build's plugin arguments, except its mode (`mode=record` makes a
 * first baseline; a check run checks whenever there is a baseline) and its
 * sidecar, exactly as lint takes them. */
int build_options(abg_options *o, const std::vector<std::string> &args,
		  abg_error *err)
{
	for (const std::string &arg : args) {
		std::string key = arg.substr(0, arg.find('='));
		if (key == "mode" || key == "sidecar")
			continue;
		if (set_plugin_arg(o, arg, err) != 0)
			return -1;
	}
	return 0;
}

/* CheckOptions abiguard.KEY: VALUE, in the order of their keys (the map
 * has none of its own). A `public` list replaces the build's, like lint's
 * --public. */
int check_options(abg_options *o, const ClangTidyOptions &tidy,
		  std::string *summary_file, abg_error *err)
{
	std::vector<std::pair<std::string, std::string>> items;
	for (const auto &entry : tidy.CheckOptions) {
		StringRef key = entry.getKey();
		if (key == summary_option)
			*summary_file = entry.getValue().Value;
		else if (key.startswith(option_prefix))
			items.emplace_back(
				key.drop_front(sizeof option_prefix - 1).str(),
				entry.getValue().Value);
	}
	std::sort(items.begin(), items.end());
	for (const auto &item : items) {
		if (item.first == "public")
			o->npublic = 0;
		if (abg_options_set(o, item.first.c_str(), item.second.c_str(),
				    "CheckOptions", err) != 0)
			return -1;
	}
	return 0;
}

int unit_options(abg_options *o, const ClangTidyOptions &tidy,
		 const std::string &main_file, std::string *summary_file,
		 abg_error *err)
{
	std::string dir = directory_of(main_file);
	if (build_options(o, unit().plugin_args, err) != 0 ||
	    check_options(o, tidy, summary_file, err) != 0 ||
	    abg_options_load_config(o, dir.c_str(), err) != 0 ||
	    abg_options_apply_env(o, err) != 0)
		return -1;
	return 0;
}

std::string input_error_text(const abg_error &err)
{
	std::string text = "abiguard: ";
	if (err.file[0]) {
		text += err.file;
		if (err.line)
			text += ":" + std::to_string(err.line);
		text += ": ";
	}
	return text + err.message;
}

/* The session's root, as the session derives it. */
std::string project_root(const abg_options &options)
{
	abg_project_paths paths = {};
	abg_error err = {};
	std::string root;
	if (abg_project_paths_init(&paths, &options, &err) == 0 && paths.root)
		root = paths.root;
	abg_project_paths_free(&paths);
	return root;
}

/* ---- findings -> clang-tidy diagnostics ---------------------------------- */

struct reporter {
	ClangTidyContext *context;
	SourceManager &sm;
	const char *main_file; /* relative to the root, as the model has it */
	std::string root;      /* the project root, absolute */
};

/*
 * Where a finding or a note goes. A place the compiler never read (the
 * baseline, the version script) is read into the SourceManager, so that
 * clang-tidy shows it as `abi/libfoo.so.1.abi:40:1: note: ...`, the place
 * `abiguard lint` names.
 */
SourceLocation tidy_location(reporter &r, const abg_location &loc)
{
	SourceLocation at = finding_location(r.sm, loc, r.main_file);
	if (at.isValid() || !loc.file || !loc.line || r.root.empty())
		return at;
	std::string path = loc.file[0] == '/' ? std::string(loc.file)
					      : r.root + "/" + loc.file;
	/* Named from the command's directory, as clang-tidy names the
	 * files the compiler read. */
	char cwd[PATH_MAX];
	if (getcwd(cwd, sizeof cwd) &&
	    path.compare(0, strlen(cwd) + 1, std::string(cwd) + "/") == 0)
		path = path.substr(strlen(cwd) + 1);
	auto file = r.sm.getFileManager().getOptionalFileRef(path);
	if (!file)
		return at;
	if (!r.sm.translateFile(*file).isValid())
		r.sm.createFileID(*file, SourceLocation(), SrcMgr::C_User);
	return r.sm.translateFileLineCol(&file->getFileEntry(), loc.line,
					 loc.column ? loc.column : 1);
}

/* Remarks for findings of severity note: clang-tidy attaches a note to the
 * diagnostic before it, and a finding has none. */
bool tidy_level(abg_severity severity, DiagnosticIDs::Level *out)
{
	switch (severity) {
	case ABG_SEVERITY_ERROR:
		*out = DiagnosticIDs::Error;
		return true;
	case ABG_SEVERITY_WARNING:
		*out = DiagnosticIDs::Warning;
		return true;
	case ABG_SEVERITY_NOTE:
		*out = DiagnosticIDs::Remark;
		return true;
	case ABG_SEVERITY_OFF:
		break;
	}
	return false;
}

void emit_finding(void *ctx, const abg_finding *f)
{
	auto &r = *static_cast<reporter *>(ctx);
	std::string check = std::string(check_prefix) + f->rule_id;
	DiagnosticIDs::Level level;
	if (!tidy_level(f->severity, &level) ||
	    !r.context->isCheckEnabled(check))
		return;
	/* Messages are untrusted text: arguments, never the format. */
	SourceLocation loc = tidy_location(r, f->loc);
	r.context->diag(check, loc, "%0", level)
		<< with_foreign_location(f->loc, loc.isValid(), f->message);
	for (size_t i = 0; i < f->nnotes; i++) {
		const abg_note &n = f->notes[i];
		SourceLocation at = tidy_location(r, n.loc);
		r.context->diag(check, at.isValid() ? at : loc, "%0",
				DiagnosticIDs::Note)
			<< with_foreign_location(n.loc, at.isValid(),
						 n.message);
	}
}

/* ---- the checks ---------------------------------------------------------- */

class rule_check : public ClangTidyCheck {
      public:
	rule_check(StringRef name, ClangTidyContext *context)
	    : ClangTidyCheck(name, context), context_(context)
	{
	}

	bool isLanguageVersionSupported(const LangOptions &lang) const override
	{
		return !lang.CPlusPlus && !lang.ObjC;
	}

	void onStartOfTranslationUnit() override { unit().checked = false; }

	void registerMatchers(MatchFinder *finder) override
	{
		finder->addMatcher(translationUnitDecl().bind("unit"), this);
	}

	void check(const MatchFinder::MatchResult &result) override
	{
		unit_state &u = unit();
		if (u.checked)
			return; /* another check of the module ran the rules */
		u.checked = true;
		ASTContext &ctx = *result.Context;
		if (ctx.getDiagnostics().hasErrorOccurred())
			return; /* the model of a broken unit means nothing */
		run_session(ctx);
	}

      private:
	void run_session(ASTContext &ctx)
	{
		abg_options options;
		abg_options_init(&options);
		abg_error err = {};
		std::string summary_file;
		abg_session *session = nullptr;
		const SourceManager &sm = ctx.getSourceManager();
		const FileEntry *main =
			sm.getFileEntryForID(sm.getMainFileID());
		std::string main_file = main ? main->getName().str() : "";
		if (unit_options(&options, context_->getOptions(), main_file,
				 &summary_file, &err) == 0)
			session = abg_session_open(&options, &err);
		if (!session) {
			configurationDiag("%0", DiagnosticIDs::Error)
				<< input_error_text(err);
			abg_options_free(&options);
			return;
		}
		build_model(session, ctx);
		check_unit(session, options, ctx.getSourceManager());
		if (!summary_file.empty())
			write_summary(session, summary_file);
		abg_session_close(session);
		abg_options_free(&options);
	}

	/* Lint's order (model, check, summary), so that the summary is the
	 * plugins'. */
	void check_unit(abg_session *session, const abg_options &options,
			SourceManager &sm)
	{
		location_mapper locations(session, sm);
		reporter r = {context_, sm, locations.main_file().file,
			      project_root(options)};
		abg_sink sink = {};
		sink.emit = emit_finding;
		sink.ctx = &r;
		abg_session_check_tu(session, &sink);
		if (sink.omitted) {
			abg_strbuf text = {};
			abg_sink_omitted_message(&sink, options.max_findings,
						 &text);
			configurationDiag("abiguard: %0", DiagnosticIDs::Note)
				<< text.data;
			abg_strbuf_free(&text);
		}
	}

	void write_summary(abg_session *session, const std::string &file)
	{
		abg_strbuf summary = {};
		abg_session_summary(session, &summary);
		abg_error err = {};
		if (abg_write_file_atomic(file.c_str(),
					  summary.data ? summary.data : "",
					  summary.len, &err) != 0)
			configurationDiag("%0", DiagnosticIDs::Error)
				<< input_error_text(err);
		abg_strbuf_free(&summary);
	}

	ClangTidyContext *context_;
};

class abiguard_module : public ClangTidyModule {
      public:
	void addCheckFactories(ClangTidyCheckFactories &factories) override
	{
		for (size_t i = 0; i < abg_nrules; i++)
			factories.registerCheck<rule_check>(
				std::string(check_prefix) + abg_rules[i]->id);
	}
};

} // namespace

} // namespace abiguard_clang

using abiguard_module_registry = clang::tidy::ClangTidyModuleRegistry;
static abiguard_module_registry::Add<abiguard_clang::abiguard_module>
	abiguard_tidy_registration("abiguard-module",
				   "abiguard: ABI policy checks for C shared "
				   "libraries");

static clang::FrontendPluginRegistry::Add<abiguard_clang::plugin_args_action>
	abiguard_args_registration("abiguard",
				   "the compile command's abiguard options, "
				   "for the clang-tidy checks");
