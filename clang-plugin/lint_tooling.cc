// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The front end of `abiguard lint` on Clang's tooling library: the compile
 * commands of a build (CompilationDatabase, as clang-tidy reads them), and
 * one translation unit parsed with a command's own flags, its model built
 * by the Clang converter the compiler plugin uses. The command itself
 * (cli/cmd_lint.c) stays C and sees only lint.h.
 *
 * A compile command is run as clang-tidy runs it: syntax only, no output
 * or dependency file, no plugin (a GCC plugin cannot be loaded into Clang,
 * and the Clang plugin's work is done here), and flags Clang's driver does
 * not know (GCC's -fconserve-stack) dropped.
 */
#include "abiguard_clang.h"
#include "lint.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <climits>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <unistd.h>
#include <vector>

using namespace clang;

struct abg_lint_db {
	std::unique_ptr<tooling::CompilationDatabase> db;
};

namespace {

const char plugin_arg_prefix[] = "-fplugin-arg-abiguard-";

bool starts_with(const std::string &s, const char *prefix)
{
	return s.compare(0, strlen(prefix), prefix) == 0;
}

char *xstrdup(const std::string &s)
{
	char *copy = strdup(s.c_str());
	if (!copy)
		abort();
	return copy;
}

char **string_array(const std::vector<std::string> &items)
{
	auto **out =
		static_cast<char **>(calloc(items.size() + 1, sizeof(char *)));
	if (!out)
		abort();
	for (size_t i = 0; i < items.size(); i++)
		out[i] = xstrdup(items[i]);
	return out;
}

void free_strings(char **items, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(items[i]);
	free(items);
}

/* The command, with the abiguard plugin's arguments set apart and every
 * other plugin flag dropped. */
void command_from(const tooling::CompileCommand &cc, abg_lint_command *out)
{
	std::vector<std::string> args, plugin_args;
	for (const std::string &arg : cc.CommandLine) {
		if (starts_with(arg, plugin_arg_prefix))
			plugin_args.push_back(
				arg.substr(sizeof plugin_arg_prefix - 1));
		else if (!starts_with(arg, "-fplugin=") &&
			 !starts_with(arg, "-fplugin-arg-"))
			args.push_back(arg);
	}
	memset(out, 0, sizeof *out);
	out->directory = xstrdup(cc.Directory);
	out->file = xstrdup(cc.Filename);
	out->args = string_array(args);
	out->nargs = args.size();
	out->plugin_args = string_array(plugin_args);
	out->nplugin_args = plugin_args.size();
}

bool first_command(const std::vector<tooling::CompileCommand> &cmds,
		   abg_lint_command *out)
{
	if (cmds.empty())
		return false;
	command_from(cmds.front(), out);
	return true;
}

std::string real_path(const std::string &path)
{
	char *r = realpath(path.c_str(), nullptr);
	std::string out = r ? r : "";
	free(r);
	return out;
}

/* Is arg (relative to the command's directory) the command's own file,
 * which the database may spell differently (absolute)? */
bool names_command_file(const abg_lint_command *cmd, const std::string &arg)
{
	if (arg == cmd->file)
		return true;
	if (arg.empty() || arg[0] == '-')
		return false;
	std::string path =
		arg[0] == '/' ? arg : std::string(cmd->directory) + "/" + arg;
	std::string a = real_path(path);
	return !a.empty() && a == real_path(cmd->file);
}

bool is_header_name(const std::string &s)
{
	return s.size() > 2 && s.compare(s.size() - 2, 2, ".h") == 0;
}

/*
 * A header is parsed as C, not as a header to precompile: the command the
 * database infers for one says "-x c-header"; a command borrowed from a .c
 * file says nothing, and the driver would pick c-header from the name.
 */
void parse_headers_as_c(std::vector<std::string> &args,
			const std::string &source)
{
	if (!is_header_name(source))
		return;
	for (size_t i = 1; i + 1 < args.size(); i++)
		if (args[i] == "-x") {
			args[i + 1] = "c";
			return;
		}
	args.insert(args.begin() + 1, {"-x", "c"});
}

/* The command line with `source` in the place of the command's own file. */
std::vector<std::string> unit_arguments(const abg_lint_command *cmd,
					const std::string &source)
{
	std::vector<std::string> args;
	bool replaced = false;
	for (size_t i = 0; i < cmd->nargs; i++) {
		std::string arg = cmd->args[i];
		/* The "--" of inferred commands ends the options; the file
		 * goes back in below. */
		if (i > 0 && arg == "--")
			continue;
		bool is_file = !replaced && i > 0 &&
			       strcmp(cmd->args[i - 1], "-o") != 0 &&
			       names_command_file(cmd, arg);
		args.push_back(is_file ? source : arg);
		replaced |= is_file;
	}
	if (!replaced)
		args.push_back(source);
	parse_headers_as_c(args, source);
	auto adjust = tooling::combineAdjusters(
		tooling::getClangStripOutputAdjuster(),
		tooling::getClangStripDependencyFileAdjuster());
	adjust = tooling::combineAdjusters(
		adjust, tooling::getClangSyntaxOnlyAdjuster());
	args = adjust(args, source);
#ifdef ABIGUARD_CLANG_RESOURCE_DIR
	/* The builtin headers (<stddef.h>) of the Clang this was built
	 * with: the tooling library would look for them next to the
	 * running executable. */
	bool has_resource_dir = false;
	for (const std::string &a : args)
		has_resource_dir |= starts_with(a, "-resource-dir");
	if (!has_resource_dir)
		args.insert(args.begin() + 1,
			    "-resource-dir=" ABIGUARD_CLANG_RESOURCE_DIR);
#endif
	return args;
}

/* ---- Clang's errors ------------------------------------------------------ */

struct clang_error {
	std::string file; /* as the compiler reports it; empty: none */
	unsigned line = 0, column = 0;
	std::string message;
};

/* Keeps Clang's errors, shows nothing: warnings of the build's own flags
 * are not lint's business, and errors become findings. */
class error_collector : public DiagnosticConsumer {
      public:
	void HandleDiagnostic(DiagnosticsEngine::Level level,
			      const Diagnostic &info) override
	{
		/* Not counted in the consumer (the base class would), so
		 * that Clang prints no "2 errors generated." either. */
		if (level < DiagnosticsEngine::Error)
			return;
		clang_error e;
		SmallString<256> text;
		info.FormatDiagnostic(text);
		e.message = text.str().str();
		if (info.hasSourceManager() && info.getLocation().isValid()) {
			const SourceManager &sm = info.getSourceManager();
			PresumedLoc p = sm.getPresumedLoc(
				sm.getExpansionLoc(info.getLocation()));
			if (p.isValid()) {
				e.file = p.getFilename();
				e.line = p.getLine();
				e.column = p.getColumn();
			}
		}
		errors.push_back(e);
	}

	std::vector<clang_error> errors;
};

/* Clang's driver: "unknown argument: '-fconserve-stack'". */
bool drop_unknown_arguments(const std::vector<clang_error> &errors,
			    std::vector<std::string> &args)
{
	static const char marker[] = "unknown argument: '";
	bool dropped = false;
	for (const clang_error &e : errors) {
		size_t at = e.message.find(marker);
		if (at == std::string::npos)
			continue;
		at += sizeof marker - 1;
		size_t end = e.message.find('\'', at);
		if (end == std::string::npos)
			continue;
		std::string unknown = e.message.substr(at, end - at);
		for (size_t i = 1; i < args.size();) {
			if (args[i] == unknown) {
				args.erase(args.begin() + i);
				dropped = true;
			} else {
				i++;
			}
		}
	}
	return dropped;
}

/* As clang-tidy shows them: "[clang-diagnostic-error]". */
void report_errors(abg_session *session, const std::vector<clang_error> &errs,
		   abg_sink *sink)
{
	for (const clang_error &e : errs) {
		abg_location loc = {};
		if (!e.file.empty()) {
			const char *rel = abg_session_relative_path(
				session, e.file.c_str());
			loc.file = rel ? rel
				       : abg_model_intern(
						 abg_session_model(session),
						 e.file.c_str());
			loc.line = e.line;
			loc.column = e.column;
		}
		abg_finding *f = abg_finding_new("clang-diagnostic-error",
						 ABG_SEVERITY_ERROR, loc, "%s",
						 e.message.c_str());
		abg_sink_emit(sink, f);
		abg_finding_free(f);
	}
}

/* ---- the action ---------------------------------------------------------- */

class model_consumer : public ASTConsumer {
      public:
	model_consumer(CompilerInstance &ci, abg_session *session)
	    : ci_(ci), session_(session)
	{
	}

	void HandleTranslationUnit(ASTContext &ctx) override
	{
		/* The model of a broken unit means nothing. */
		if (!ci_.getDiagnostics().hasErrorOccurred())
			abiguard_clang::build_model(session_, ctx);
	}

      private:
	CompilerInstance &ci_;
	abg_session *session_;
};

class model_action : public ASTFrontendAction {
      public:
	explicit model_action(abg_session *session) : session_(session) {}

      protected:
	std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &ci,
						       StringRef) override
	{
		abiguard_clang::define_abiguard_macro(
			ci, abg_session_options(session_));
		return std::make_unique<model_consumer>(ci, session_);
	}

      private:
	abg_session *session_;
};

/* One parse; false when the driver or the front end gave up. */
bool parse_unit(abg_session *session, const std::vector<std::string> &args,
		const char *source, const char *contents,
		error_collector &errors)
{
	IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> fs(
		new llvm::vfs::OverlayFileSystem(
			llvm::vfs::getRealFileSystem()));
	if (contents) {
		IntrusiveRefCntPtr<llvm::vfs::InMemoryFileSystem> unsaved(
			new llvm::vfs::InMemoryFileSystem);
		unsaved->addFile(
			source, 0,
			llvm::MemoryBuffer::getMemBufferCopy(contents));
		fs->pushOverlay(unsaved);
	}
	IntrusiveRefCntPtr<FileManager> files(
		new FileManager(FileSystemOptions(), fs));
	tooling::ToolInvocation run(
		args, std::make_unique<model_action>(session), files.get());
	run.setDiagnosticConsumer(&errors);
	return run.run();
}

} // namespace

/* ---- lint.h -------------------------------------------------------------- */

int abg_lint_db_open(const char *build_dir, abg_lint_db **out, abg_error *err)
{
	std::string path = std::string(build_dir) + "/compile_commands.json";
	std::string message;
	std::unique_ptr<tooling::CompilationDatabase> db;
	/* Checked here first: the loader has its own wording. */
	if (access(path.c_str(), R_OK) == 0)
		db = tooling::CompilationDatabase::loadFromDirectory(build_dir,
								     message);
	if (!db)
		return abg_error_set(
			err, path.c_str(), 0,
			"cannot read the compilation database "
			"(generate it with "
			"-DCMAKE_EXPORT_COMPILE_COMMANDS=ON, meson, "
			"or bear)");
	*out = new abg_lint_db{std::move(db)};
	return 0;
}

void abg_lint_db_close(abg_lint_db *db)
{
	delete db;
}

bool abg_lint_db_find(abg_lint_db *db, const char *path, abg_lint_command *out)
{
	return first_command(db->db->getCompileCommands(path), out);
}

bool abg_lint_db_first(abg_lint_db *db, abg_lint_command *out)
{
	return first_command(db->db->getAllCompileCommands(), out);
}

void abg_lint_command_free(abg_lint_command *c)
{
	free(c->directory);
	free(c->file);
	free_strings(c->args, c->nargs);
	free_strings(c->plugin_args, c->nplugin_args);
	memset(c, 0, sizeof *c);
}

int abg_lint_build_model(abg_session *session, const abg_lint_command *cmd,
			 const char *source, const char *contents,
			 abg_sink *sink, abg_error *err)
{
	std::vector<std::string> args = unit_arguments(cmd, source);
	for (int attempt = 0; attempt < 16; attempt++) {
		error_collector errors;
		bool parsed =
			parse_unit(session, args, source, contents, errors);
		if (drop_unknown_arguments(errors.errors, args))
			continue;
		if (!errors.errors.empty()) {
			report_errors(session, errors.errors, sink);
			return 1;
		}
		if (!parsed)
			return abg_error_set(err, source, 0,
					     "Clang could not parse the file");
		return 0;
	}
	return abg_error_set(err, source, 0, "too many unknown compiler flags");
}
