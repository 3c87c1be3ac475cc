// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The files the plugin reads besides the sources (the baseline, the
 * version script, the .abiguard file), told to the tools that decide
 * whether an object must be compiled again:
 *
 * - make, ninja, Meson, CMake: the files join the compiler's dependency
 *   output (-MD, -MMD, -M, -MF), so editing the map or refreshing the
 *   baseline recompiles the objects that were checked against it.
 * - ccache: it decides from the preprocessor's output, which it gets by
 *   running the same command with -E (the plugin is loaded there too, but
 *   only the preprocessor runs). In that output the plugin names each file
 *   in a line marker, so that the direct mode records and hashes it like a
 *   header, and writes a digest of the files' contents, of the mode and of
 *   ABIGUARD_OPTIONS as a file name "<abiguard:...>", so that the
 *   preprocessor mode's hash changes with them. The markers change no line
 *   of the sources: they sit among GCC's own "<built-in>" and
 *   "<command-line>" markers, before the first line of the main file.
 *
 * The digest also guards compiles of that output elsewhere: icecream (and
 * distcc, ccache with run_second_cpp=false) preprocess here and compile the
 * output on another machine, where the plugin reads its own copies of the
 * files. When their digest differs from the one the output carries (a
 * stale compiler environment, a relative path, options from the
 * environment, which does not travel), the compile fails with an error
 * that says so; icecream then compiles the unit here (it redoes locally
 * every GCC compile that printed a diagnostic remotely).
 *
 * Header version tags (tag-macro) are macros that expand to nothing: the
 * -E output is the same whatever version a tag names, so a changed tag
 * would be served the object of the old one. With tag macros configured,
 * the output carries a marker "<abiguard-tags:...>" unique to each run:
 * ccache's preprocessor mode never hits for it, while its direct mode,
 * which hashes the headers themselves (tags included), still does.
 *
 * ccache's direct mode cannot see the environment, so a unit compiled with
 * ABIGUARD_OPTIONS set names a path that cannot exist: ccache then keeps
 * that compile out of its direct mode (it still caches it by the
 * preprocessor's output, which carries the digest), and an object built
 * with, say, ABIGUARD_OPTIONS=mode=off is never served to a normal build.
 */
#include "abiguard_gcc.h"

#include "abiguard/baseline_cache.h"
#include "abiguard/options.h"

#include <ctime>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

/* How the digest starts, in the line marker that carries it. */
const char digest_prefix[] = "<abiguard:";

/* A path no file can have ("/dev/null" is not a directory). */
const char environment_marker[] = "/dev/null/abiguard-options-from-environment";

struct build_inputs {
	std::vector<std::string> files; /* the files read, as spelled */
	std::string digest;		/* "<abiguard:...>" */
	bool from_environment = false;
	bool tag_macros = false; /* tags the -E output cannot show */
	bool dependencies_added = false;
	bool markers_written = false;
};

build_inputs *inputs;

bool readable(const char *path)
{
	return path && path[0] && access(path, R_OK) == 0;
}

/* What each input is, for the digest: a file's role and contents count,
 * not its path (ccache's base_dir shares a cache between checkouts). */
const char *const input_roles[] = {"config", "version-script", "baseline"};
const size_t ninput_roles = sizeof input_roles / sizeof input_roles[0];

/* The files the plugin reads in this mode, by role (NULL: not read): the
 * config file always (it may turn the plugin back on), the version script
 * unless the plugin is off, the baseline in check mode. */
void files_by_role(const abg_options &options, const char *files[])
{
	enum abg_mode mode = abg_options_mode(&options);
	files[0] = options.config;
	files[1] = mode != ABG_MODE_OFF ? options.version_script : nullptr;
	files[2] = mode == ABG_MODE_CHECK ? options.baseline : nullptr;
	for (size_t i = 0; i < ninput_roles; i++)
		if (!readable(files[i]))
			files[i] = nullptr;
}

void collect_files(const abg_options &options, build_inputs &in)
{
	const char *files[ninput_roles];
	files_by_role(options, files);
	for (const char *path : files)
		if (path)
			in.files.push_back(path);
}

/* FNV-1a, 64 bits: enough to tell two versions of the same inputs apart
 * (ccache hashes the text that carries it with its own hash). */
void hash_bytes(uint64_t &h, const char *data, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)data[i];
		h *= 0x100000001b3ULL;
	}
}

void hash_string(uint64_t &h, const char *s)
{
	hash_bytes(h, s, strlen(s) + 1); /* with the NUL: a separator */
}

void compute_digest(const abg_options &options, build_inputs &in)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	char mode[16];
	snprintf(mode, sizeof mode, "mode %d", (int)abg_options_mode(&options));
	hash_string(h, "abiguard " ABIGUARD_VERSION);
	hash_string(h, mode);
	const char *env = getenv(ABG_OPTIONS_ENV);
	in.from_environment = env && env[0];
	hash_string(h, in.from_environment ? env : "");
	const char *files[ninput_roles];
	files_by_role(options, files);
	for (size_t i = 0; i < ninput_roles; i++) {
		if (!files[i])
			continue;
		hash_string(h, input_roles[i]);
		abg_error err = {};
		size_t len = 0;
		if (strcmp(input_roles[i], "baseline") == 0) {
			/* A baseline may be 100 MB: its content hash comes
			 * from its cached index, not from reading it. */
			abg_strbuf dir = {};
			uint64_t content = 0;
			if (abg_baseline_content_digest(
				    files[i], abg_baseline_cache_dir(&dir),
				    &content, &err) == 0)
				hash_bytes(h, (const char *)&content,
					   sizeof content);
			else
				hash_string(h, err.message);
			abg_strbuf_free(&dir);
			continue;
		}
		char *data = abg_read_file(files[i], &len, &err);
		if (data)
			hash_bytes(h, data, len);
		else
			hash_string(h, err.message);
		free(data);
	}
	char text[64];
	snprintf(text, sizeof text, "%s%016llx>", digest_prefix,
		 (unsigned long long)h);
	in.digest = text;
}

void add_dependencies(build_inputs &in)
{
	in.dependencies_added = true;
	mkdeps *deps = parse_in ? cpp_get_deps(parse_in) : nullptr;
	if (!deps)
		return; /* no -M option */
	for (const std::string &path : in.files)
		deps_add_dep(deps, path.c_str());
}

/* A name no other run writes: the process, the time, a counter. */
std::string unique_tags_marker()
{
	static unsigned runs;
	struct timespec now = {};
	clock_gettime(CLOCK_REALTIME, &now);
	char text[96];
	snprintf(text, sizeof text, "<abiguard-tags:%ld.%ld.%ld.%u>",
		 (long)getpid(), (long)now.tv_sec, (long)now.tv_nsec, runs++);
	return text;
}

/* Line markers in the -E output; each one is a file change for the
 * preprocessor, so this runs once, guarded against its own callbacks. */
void write_cache_markers(build_inputs &in)
{
	in.markers_written = true;
	cpp_change_file(parse_in, LC_RENAME, in.digest.c_str());
	for (const std::string &path : in.files)
		cpp_change_file(parse_in, LC_RENAME, path.c_str());
	if (in.from_environment)
		cpp_change_file(parse_in, LC_RENAME, environment_marker);
	if (in.tag_macros)
		cpp_change_file(parse_in, LC_RENAME,
				unique_tags_marker().c_str());
	cpp_change_file(parse_in, LC_RENAME, "<command-line>");
}

/* Compiling preprocessed output: the digest it carries must be ours. */
void compare_digest(build_inputs &in, const char *carried)
{
	if (in.digest == carried)
		return;
	error_at(UNKNOWN_LOCATION, "abiguard: %s",
		 "this unit was preprocessed with other abiguard inputs "
		 "(baseline, version script, .abiguard, " ABG_OPTIONS_ENV
		 ") than the plugin finds here; compile it where it was "
		 "preprocessed, or give the compiler environment the same "
		 "files at the same absolute paths");
}

/*
 * PLUGIN_INCLUDE_FILE fires when the preprocessor enters the main file
 * (GCC has put it first in the dependencies by then: make's -MP treats the
 * first one as the source), then for "<built-in>" and "<command-line>",
 * with -E as without.
 */
void on_include_file(void *gcc_data, void *)
{
	const char *file = (const char *)gcc_data;
	if (!inputs || !file)
		return;
	if (!inputs->dependencies_added)
		add_dependencies(*inputs);
	if (flag_preprocess_only && !inputs->markers_written &&
	    strcmp(file, "<command-line>") == 0)
		write_cache_markers(*inputs);
}

/* After parsing: a line marker of preprocessed input renamed the file to
 * the digest (line markers of preprocessed input are no include events,
 * so the line maps are where to look). */
void on_all_ipa_passes_start(void *, void *)
{
	if (!inputs || flag_preprocess_only)
		return;
	for (unsigned i = 0; i < LINEMAPS_ORDINARY_USED(line_table); i++) {
		const line_map_ordinary *map =
			LINEMAPS_ORDINARY_MAP_AT(line_table, i);
		const char *file = ORDINARY_MAP_FILE_NAME(map);
		if (file && strncmp(file, digest_prefix,
				    sizeof digest_prefix - 1) == 0) {
			compare_digest(*inputs, file);
			return;
		}
	}
}

void on_finish(void *, void *)
{
	delete inputs;
	inputs = nullptr;
}

} // namespace

void abg_gcc_track_build_inputs(const char *plugin_name,
				const abg_options &options)
{
	if (!parse_in || inputs)
		return; /* not a C-family compiler (lto1) */
	inputs = new build_inputs;
	inputs->tag_macros = options.ntag_macros > 0;
	collect_files(options, *inputs);
	compute_digest(options, *inputs);
	register_callback(plugin_name, PLUGIN_INCLUDE_FILE, on_include_file,
			  nullptr);
	register_callback(plugin_name, PLUGIN_ALL_IPA_PASSES_START,
			  on_all_ipa_passes_start, nullptr);
	register_callback(plugin_name, PLUGIN_FINISH, on_finish, nullptr);
}
