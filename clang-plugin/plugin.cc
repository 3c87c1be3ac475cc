// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The abiguard Clang plugin: options, the session's life cycle, the end of
 * the translation unit, findings as Clang diagnostics, and the summary
 * embedded in the object file.
 *
 *   clang -fplugin=/path/to/abiguard-clang.so \
 *         -fplugin-arg-abiguard-public=include \
 *         -fplugin-arg-abiguard-baseline=abi/libfoo.so.1.abi -c foo.c
 *
 * It runs before the main action (AddBeforeMainAction), so the object file
 * is still produced, and hands the summary to the code generator as one
 * more top-level asm declaration: the note then travels inside the object,
 * through LTO bitcode too, like GCC's.
 */
#include "abiguard_clang.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"

#include "abiguard/note.h"
#include "abiguard/options.h"

#include <cstring>
#include <memory>
#include <string>
#include <unistd.h>
#include <vector>

using namespace clang;

namespace abiguard_clang {

namespace {

/* "abiguard: file:line: message", like the GCC plugin's input errors. */
void report_input_error(DiagnosticsEngine &de, const abg_error &err)
{
	std::string text = "abiguard: ";
	if (err.file[0]) {
		text += err.file;
		if (err.line)
			text += ":" + std::to_string(err.line);
		text += ": ";
	}
	text += err.message;
	unsigned id = de.getCustomDiagID(DiagnosticsEngine::Error, "%0");
	de.Report(id) << text;
}

/* ---- findings -> Clang diagnostics --------------------------------------- */

/*
 * Custom diagnostics belong to no warning group, so Clang would neither
 * promote them under -Werror nor drop them under -w: the level is mapped
 * here. Returns Ignored for what must not be shown.
 */
DiagnosticsEngine::Level diagnostic_level(const DiagnosticsEngine &de,
					  abg_severity severity)
{
	switch (severity) {
	case ABG_SEVERITY_ERROR:
		return DiagnosticsEngine::Error;
	case ABG_SEVERITY_WARNING:
		if (de.getIgnoreAllWarnings())
			return DiagnosticsEngine::Ignored;
		return de.getWarningsAsErrors() ? DiagnosticsEngine::Error
						: DiagnosticsEngine::Warning;
	case ABG_SEVERITY_NOTE:
		return DiagnosticsEngine::Note;
	case ABG_SEVERITY_OFF:
		break;
	}
	return DiagnosticsEngine::Ignored;
}

/* Where the finding goes, and how to reach Clang's diagnostics. */
struct reporter {
	DiagnosticsEngine &de;
	const SourceManager &sm;
	const char *main_file; /* relative to the root, as the model has it */
};

void emit_finding(void *ctx, const abg_finding *f)
{
	auto &r = *static_cast<reporter *>(ctx);
	DiagnosticsEngine::Level level = diagnostic_level(r.de, f->severity);
	if (level == DiagnosticsEngine::Ignored)
		return;
	/* Messages are untrusted text: arguments, never the format. */
	SourceLocation loc = finding_location(r.sm, f->loc, r.main_file);
	r.de.Report(loc, r.de.getCustomDiagID(level, "%0 [%1]"))
		<< with_foreign_location(f->loc, loc.isValid(), f->message)
		<< f->rule_id;
	unsigned note = r.de.getCustomDiagID(DiagnosticsEngine::Note, "%0");
	for (size_t i = 0; i < f->nnotes; i++) {
		const abg_note &n = f->notes[i];
		SourceLocation at = finding_location(r.sm, n.loc, r.main_file);
		r.de.Report(at.isValid() ? at : loc, note)
			<< with_foreign_location(n.loc, at.isValid(),
						 n.message);
	}
}

/* Findings past max-findings were counted, not shown: say how many. */
void report_omitted(DiagnosticsEngine &de, const abg_sink &sink,
		    unsigned max_findings)
{
	if (!sink.omitted)
		return;
	abg_strbuf text = {};
	abg_sink_omitted_message(&sink, max_findings, &text);
	de.Report(de.getCustomDiagID(DiagnosticsEngine::Note, "abiguard: %0"))
		<< text.data;
	abg_strbuf_free(&text);
}

/* ---- the summary in the object ------------------------------------------- */

bool generates_code(const CompilerInstance &ci)
{
	switch (ci.getFrontendOpts().ProgramAction) {
	case frontend::EmitAssembly:
	case frontend::EmitBC:
	case frontend::EmitLLVM:
	case frontend::EmitLLVMOnly:
	case frontend::EmitCodeGenOnly:
	case frontend::EmitObj:
		return true;
	default:
		return false;
	}
}

/* One more top-level asm declaration, handed down the consumer chain to
 * the code generator (it becomes module asm). */
void embed_summary(CompilerInstance &ci, ASTContext &ctx,
		   const abg_strbuf &summary)
{
	abg_strbuf text = {};
	abg_note_asm(summary.data ? summary.data : "", summary.len, &text);
	StringRef asm_text(abg_strbuf_cstr(&text), text.len);
	QualType type = ctx.getConstantArrayType(
		ctx.CharTy, llvm::APInt(32, asm_text.size() + 1), nullptr,
		ArrayType::Normal, 0);
	StringLiteral *literal =
		StringLiteral::Create(ctx, asm_text, StringLiteral::Ascii,
				      false, type, SourceLocation());
	TranslationUnitDecl *tu = ctx.getTranslationUnitDecl();
	FileScopeAsmDecl *decl = FileScopeAsmDecl::Create(
		ctx, tu, literal, SourceLocation(), SourceLocation());
	tu->addDecl(decl);
	ci.getASTConsumer().HandleTopLevelDecl(DeclGroupRef(decl));
	abg_strbuf_free(&text);
}

/* ---- the consumer: one per translation unit ------------------------------ */

class abiguard_consumer : public ASTConsumer {
      public:
	/* Takes over options (and frees them); session is open. */
	abiguard_consumer(CompilerInstance &ci, const abg_options &options)
	    : ci_(ci), options_(options)
	{
	}

	~abiguard_consumer() override
	{
		abg_session_close(session_);
		abg_options_free(&options_);
	}

	abg_session *session() const { return session_; }

	bool open_session()
	{
		abg_error err = {};
		session_ = abg_session_open(&options_, &err);
		if (!session_)
			report_input_error(ci_.getDiagnostics(), err);
		return session_ != nullptr;
	}

	void HandleTranslationUnit(ASTContext &ctx) override
	{
		DiagnosticsEngine &de = ci_.getDiagnostics();
		if (de.hasErrorOccurred())
			return; /* the model of a broken unit means nothing */
		build_model(ctx);
		check(de, ctx.getSourceManager());
		if (de.hasErrorOccurred())
			return;
		abg_strbuf summary = {};
		abg_session_summary(session_, &summary);
		if (generates_code(ci_))
			embed_summary(ci_, ctx, summary);
		else if (options_.sidecar)
			write_sidecar(summary);
		abg_strbuf_free(&summary);
	}

      private:
	void build_model(ASTContext &ctx)
	{
		abiguard_clang::build_model(session_, ctx);
	}

	void check(DiagnosticsEngine &de, const SourceManager &sm)
	{
		if (abg_session_mode(session_) != ABG_MODE_CHECK)
			return;
		location_mapper locations(session_, sm);
		reporter r = {de, sm, locations.main_file().file};
		abg_sink sink = {};
		sink.emit = emit_finding;
		sink.ctx = &r;
		abg_session_check_tu(session_, &sink);
		report_omitted(de, sink, options_.max_findings);
	}

	void write_sidecar(const abg_strbuf &summary)
	{
		abg_error err = {};
		if (abg_write_file_atomic(options_.sidecar,
					  summary.data ? summary.data : "",
					  summary.len, &err) != 0)
			report_input_error(ci_.getDiagnostics(), err);
	}

	CompilerInstance &ci_;
	abg_options options_;
	abg_session *session_ = nullptr;
};

/* ---- the files read besides the sources ---------------------------------- */

/* The files the plugin reads in this mode: the config file always (it may
 * turn the plugin back on), the version script unless the plugin is off,
 * the baseline in check mode. As the GCC plugin does. */
std::vector<std::string> files_read(const abg_options &options)
{
	enum abg_mode mode = abg_options_mode(&options);
	const char *candidates[] = {
		options.config,
		mode != ABG_MODE_OFF ? options.version_script : nullptr,
		mode == ABG_MODE_CHECK ? options.baseline : nullptr,
	};
	std::vector<std::string> files;
	for (const char *path : candidates)
		if (path && path[0] && access(path, R_OK) == 0)
			files.push_back(path);
	return files;
}

/*
 * Adds the files to the dependency output (-MD, -MMD, -MF). Clang's
 * dependency collector is in the preprocessor's callbacks by the time a
 * plugin runs, and takes every file it is told was skipped: at the end of
 * the main file (before the collector writes the file, as this callback
 * comes first in the chain), each input is reported as a skipped include.
 */
class input_dependencies : public PPCallbacks {
      public:
	input_dependencies(Preprocessor &pp, std::vector<std::string> files)
	    : pp_(pp), files_(std::move(files))
	{
	}

	void EndOfMainFile() override
	{
		if (reported_)
			return;
		reported_ = true; /* the callback below re-enters the chain */
		FileManager &fm = pp_.getFileManager();
		Token none;
		none.startToken();
		for (const std::string &file : files_) {
			auto entry = fm.getFileRef(file);
			if (entry)
				pp_.getPPCallbacks()->FileSkipped(
					*entry, none, SrcMgr::C_User);
			else
				llvm::consumeError(entry.takeError());
		}
	}

      private:
	Preprocessor &pp_;
	std::vector<std::string> files_;
	bool reported_ = false;
};

void track_build_inputs(CompilerInstance &ci, const abg_options &options)
{
	if (ci.getDependencyOutputOpts().OutputFile.empty())
		return; /* no dependency output asked for */
	Preprocessor &pp = ci.getPreprocessor();
	pp.addPPCallbacks(
		std::make_unique<input_dependencies>(pp, files_read(options)));
}

/* ---- the plugin action --------------------------------------------------- */

/* The directory of the file being compiled, else the working directory. */
std::string config_search_dir(const CompilerInstance &ci)
{
	const auto &inputs = ci.getFrontendOpts().Inputs;
	if (inputs.empty() || !inputs.front().isFile())
		return ".";
	std::string file = inputs.front().getFile().str();
	size_t slash = file.rfind('/');
	if (slash == std::string::npos)
		return ".";
	return slash == 0 ? "/" : file.substr(0, slash);
}

class abiguard_action : public PluginASTAction {
      public:
	abiguard_action() { abg_options_init(&options_); }
	~abiguard_action() override { abg_options_free(&options_); }

      protected:
	/* args: what followed -fplugin-arg-abiguard-, "KEY=VALUE" or "KEY".
	 * A bad one is a compiler error that names it; returning false
	 * leaves the plugin out, and the error fails the compile. */
	bool ParseArgs(const CompilerInstance &ci,
		       const std::vector<std::string> &args) override
	{
		abg_error err = {};
		for (const std::string &arg : args) {
			if (set_plugin_arg(&options_, arg, &err) != 0) {
				report_input_error(ci.getDiagnostics(), err);
				return false;
			}
		}
		/* Like .clang-tidy: the nearest .abiguard above the source
		 * fills in what the command line left unset; the environment
		 * overrides all. */
		if (abg_options_load_config(&options_,
					    config_search_dir(ci).c_str(),
					    &err) != 0 ||
		    abg_options_apply_env(&options_, &err) != 0) {
			report_input_error(ci.getDiagnostics(), err);
			return false;
		}
		return true;
	}

	ActionType getActionType() override { return AddBeforeMainAction; }

	std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &ci,
						       StringRef) override
	{
		const LangOptions &lang = ci.getLangOpts();
		if (lang.CPlusPlus || lang.ObjC)
			return std::make_unique<ASTConsumer>();
		/* Also with mode=off: the build must notice when that changes. */
		track_build_inputs(ci, options_);
		if (abg_options_mode(&options_) == ABG_MODE_OFF)
			return std::make_unique<ASTConsumer>();
		auto consumer =
			std::make_unique<abiguard_consumer>(ci, options_);
		abg_options_init(&options_); /* now the consumer's */
		if (!consumer->open_session())
			return std::make_unique<ASTConsumer>();
		define_abiguard_macro(ci,
				      abg_session_options(consumer->session()));
		return consumer;
	}

      private:
	abg_options options_;
};

} // namespace

} // namespace abiguard_clang

static clang::FrontendPluginRegistry::Add<abiguard_clang::abiguard_action>
	abiguard_registration("abiguard",
			      "ABI policy lint for C shared libraries");
