// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The abiguard GCC plugin: options, the session's life cycle, the GCC
 * events it listens to, and the rendering of findings as GCC diagnostics.
 *
 *   gcc -fplugin=abiguard -fplugin-arg-abiguard-public=include \
 *       -fplugin-arg-abiguard-baseline=abi/libfoo.so.1.abi -c foo.c
 */
#include "abiguard_gcc.h"

#include "abiguard/note.h"
#include "abiguard/options.h"

/* The two symbols cc1 looks up; everything else stays hidden. */
#define ABG_PLUGIN_EXPORT __attribute__((visibility("default")))

ABG_PLUGIN_EXPORT int plugin_is_GPL_compatible;

namespace {

const char plugin_origin[] = "-fplugin-arg-abiguard-";

struct plugin_info abiguard_info = {
	ABIGUARD_VERSION,
	"ABI policy lint for C shared libraries.\n"
	"  -fplugin-arg-abiguard-public=DIR[:DIR]   public headers\n"
	"  -fplugin-arg-abiguard-baseline=FILE      ABI baseline\n"
	"  -fplugin-arg-abiguard-version-script=FILE\n"
	"  -fplugin-arg-abiguard-mode=check|record|off\n"
	"  -fplugin-arg-abiguard-root=DIR, private-nodes=GLOB[:GLOB],\n"
	"  internal=GLOB[:GLOB], severity=RULE=LEVEL[,...], sidecar=FILE\n"
	"  Also settable in the " ABG_OPTIONS_ENV " environment variable.",
};

/* Everything the plugin keeps for one compilation. */
struct plugin_state {
	abg_options options;
	abg_session *session = nullptr;
	location_mapper *locations = nullptr;
	decl_collector *decls = nullptr;
	bool unit_started = false;
	bool finished = false;
};

plugin_state *state;

/* "file:line: message" (without the "error:" that GCC adds itself). */
void report_input_error(const abg_error *err)
{
	if (err->file[0] && err->line)
		error("abiguard: %s:%u: %s", err->file, err->line,
		      err->message);
	else if (err->file[0])
		error("abiguard: %s: %s", err->file, err->message);
	else
		error("abiguard: %s", err->message);
}

/* ---- findings -> GCC diagnostics ----------------------------------------- */

location_t gcc_location(const abg_location &loc, location_t fallback)
{
	if (loc.origin)
		return (location_t)loc.origin;
	/* Facts GCC keeps no location for (top-level asm): the core found
	 * their line in the main file; give them a real location there. */
	abg_location main = state->locations->main_file();
	if (loc.file && loc.line && main.file &&
	    strcmp(loc.file, main.file) == 0)
		return abg_gcc_main_file_location(loc.line, loc.column,
						  fallback);
	return fallback;
}

/* A location the compiler does not know (baseline, version script) is
 * written into the message itself. Messages are untrusted: "%s" only. */
void emit_note(const abg_note &note, location_t finding_loc)
{
	location_t own = gcc_location(note.loc, UNKNOWN_LOCATION);
	if (own != UNKNOWN_LOCATION)
		inform(own, "%s", note.message);
	else if (note.loc.file && note.loc.line)
		inform(finding_loc, "%s:%u: %s", note.loc.file, note.loc.line,
		       note.message);
	else if (note.loc.file)
		inform(finding_loc, "%s: %s", note.loc.file, note.message);
	else
		inform(finding_loc, "%s", note.message);
}

bool emit_finding_head(const abg_finding *f, location_t loc)
{
	const char *where = !f->loc.origin && loc == UNKNOWN_LOCATION
				    ? f->loc.file
				    : nullptr;
	switch (f->severity) {
	case ABG_SEVERITY_ERROR:
		if (where)
			error_at(loc, "%s:%u: %s [%s]", where, f->loc.line,
				 f->message, f->rule_id);
		else
			error_at(loc, "%s [%s]", f->message, f->rule_id);
		return true;
	case ABG_SEVERITY_WARNING:
		if (where)
			return warning_at(loc, 0, "%s:%u: %s [%s]", where,
					  f->loc.line, f->message, f->rule_id);
		return warning_at(loc, 0, "%s [%s]", f->message, f->rule_id);
	case ABG_SEVERITY_NOTE:
		if (where)
			inform(loc, "%s:%u: %s [%s]", where, f->loc.line,
			       f->message, f->rule_id);
		else
			inform(loc, "%s [%s]", f->message, f->rule_id);
		return true;
	case ABG_SEVERITY_OFF:
		break;
	}
	return false;
}

void emit_finding(void *, const abg_finding *f)
{
	location_t loc = gcc_location(f->loc, UNKNOWN_LOCATION);
	if (!emit_finding_head(f, loc))
		return; /* off, or a warning silenced by -w */
	for (size_t i = 0; i < f->nnotes; i++)
		emit_note(f->notes[i], loc);
}

/* ---- end of the unit ----------------------------------------------------- */

void build_tu_model()
{
	abg_model *model = abg_session_model(state->session);
	state->decls->emit(model);
	abg_gcc_collect_symver_asm(model, *state->locations);
}

void check_tu()
{
	if (abg_session_mode(state->session) != ABG_MODE_CHECK)
		return;
	abg_sink sink = {};
	sink.emit = emit_finding;
	abg_session_check_tu(state->session, &sink);
	if (sink.omitted) {
		abg_strbuf text = {};
		abg_sink_omitted_message(&sink, state->options.max_findings,
					 &text);
		inform(UNKNOWN_LOCATION, "abiguard: %s", text.data);
		abg_strbuf_free(&text);
	}
}

void summarize_tu(abg_strbuf *summary)
{
	abg_session_summary(state->session, summary);
}

void embed_summary(const abg_strbuf &summary)
{
	abg_strbuf text = {};
	abg_note_asm(summary.data ? summary.data : "", summary.len, &text);
	abg_gcc_add_toplevel_asm(abg_strbuf_cstr(&text), text.len);
	abg_strbuf_free(&text);
}

void write_sidecar(const abg_strbuf &summary)
{
	abg_error err = {};
	const char *data = summary.data ? summary.data : "";
	if (abg_write_file_atomic(state->options.sidecar, data, summary.len,
				  &err) != 0)
		report_input_error(&err);
}

/* Build, check, and deliver the summary: into the object through a
 * top-level asm statement, or (-fsyntax-only) into the sidecar file. */
void finish_tu(bool in_object)
{
	if (state->finished || seen_error())
		return;
	state->finished = true;
	build_tu_model();
	check_tu();
	if (seen_error())
		return;
	abg_strbuf summary = {};
	summarize_tu(&summary);
	if (in_object)
		embed_summary(summary);
	else if (state->options.sidecar)
		write_sidecar(summary);
	abg_strbuf_free(&summary);
}

/* ---- GCC events ---------------------------------------------------------- */

/* Every callback checks `state`: none may run after PLUGIN_FINISH freed it
 * (a late garbage collection, say). */
void on_start_unit(void *, void *)
{
	if (!state)
		return;
	state->unit_started = true;
	abg_gcc_define_macro("__ABIGUARD__=1");
	abg_gcc_watch_tag_macros(state->session, *state->locations);
}

void on_finish_decl(void *gcc_data, void *)
{
	if (state)
		state->decls->on_finish_decl((tree)gcc_data);
}

void on_pre_genericize(void *gcc_data, void *)
{
	if (state)
		state->decls->on_function_definition((tree)gcc_data);
}

void on_ggc_marking(void *, void *)
{
	if (state)
		state->decls->mark_roots();
}

void on_all_ipa_passes_start(void *, void *)
{
	if (state)
		finish_tu(true);
}

void close_session()
{
	abg_gcc_unwatch_tag_macros();
	delete state->decls;
	delete state->locations;
	abg_session_close(state->session);
	abg_options_free(&state->options);
	delete state;
	state = nullptr;
}

void on_finish(void *, void *)
{
	if (!state)
		return;
	/* -fsyntax-only never reaches the IPA passes; -E starts no unit. */
	if (state->unit_started)
		finish_tu(false);
	close_session();
}

/* ---- plugin_init --------------------------------------------------------- */

/* The directory of the file being compiled, else the working directory. */
const char *config_search_dir(char *buf, size_t size)
{
	const char *file = main_input_filename;
	const char *slash = file ? strrchr(file, '/') : nullptr;
	if (!slash)
		return ".";
	size_t n = slash == file ? 1 : (size_t)(slash - file);
	snprintf(buf, size, "%.*s", (int)n, file);
	return buf;
}

bool parse_arguments(plugin_name_args *info, abg_options *options)
{
	abg_error err = {};
	auto set = [&](const char *key, const char *value) {
		return abg_options_set(options, key, value ? value : "",
				       plugin_origin, &err) == 0;
	};
	if (!abg_gcc_for_each_plugin_argument(info, set)) {
		report_input_error(&err);
		return false;
	}
	/* Like .clang-tidy: the nearest .abiguard above the source fills in
	 * what the command line left unset; the environment overrides all. */
	char dir[4096];
	if (abg_options_load_config(options, config_search_dir(dir, sizeof dir),
				    &err) != 0) {
		report_input_error(&err);
		return false;
	}
	if (abg_options_apply_env(options, &err) != 0) {
		report_input_error(&err);
		return false;
	}
	return true;
}

void register_callbacks(const char *name)
{
	abg_gcc_register_attributes(name);
	register_callback(name, PLUGIN_START_UNIT, on_start_unit, nullptr);
	register_callback(name, PLUGIN_FINISH_DECL, on_finish_decl, nullptr);
	register_callback(name, PLUGIN_PRE_GENERICIZE, on_pre_genericize,
			  nullptr);
	register_callback(name, PLUGIN_GGC_MARKING, on_ggc_marking, nullptr);
	register_callback(name, PLUGIN_ALL_IPA_PASSES_START,
			  on_all_ipa_passes_start, nullptr);
	register_callback(name, PLUGIN_FINISH, on_finish, nullptr);
}

bool open_session()
{
	abg_error err = {};
	state->session = abg_session_open(&state->options, &err);
	if (!state->session) {
		report_input_error(&err);
		return false;
	}
	state->locations = new location_mapper(state->session);
	state->decls = new decl_collector(*state->locations);
	return true;
}

void discard_state()
{
	abg_options_free(&state->options);
	delete state;
	state = nullptr;
}

} // namespace

ABG_PLUGIN_EXPORT int plugin_init(plugin_name_args *info,
				  plugin_gcc_version *version)
{
	if (!plugin_default_version_check(version, &gcc_version))
		return 1; /* GCC reports the mismatch */
	register_callback(info->base_name, PLUGIN_INFO, nullptr,
			  &abiguard_info);

	state = new plugin_state;
	abg_options_init(&state->options);
	/* Errors are reported with error(): the compile fails, exit status 1,
	 * and nothing of the plugin runs. */
	if (!parse_arguments(info, &state->options)) {
		discard_state();
		return 0;
	}
	if (!abg_gcc_front_end_is_c()) {
		discard_state();
		return 0;
	}
	/* Also with mode=off: the build must notice when that changes. */
	abg_gcc_track_build_inputs(info->base_name, state->options);
	if (abg_options_mode(&state->options) == ABG_MODE_OFF ||
	    !open_session()) {
		discard_state();
		return 0;
	}
	register_callbacks(info->base_name);
	return 0;
}
