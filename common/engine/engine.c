/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The engine: per-TU sessions for the compiler plugins and the editor front
 * end, and the whole-library model for the post-link check (the baseline
 * refresh built on it is update.c). Version resolution (which node a
 * declaration lands in) lives in this layer, so that every front end
 * resolves the same way.
 */
#include "abiguard/engine.h"

#include "abiguard/baseline_cache.h"
#include "abiguard/compare.h"
#include "abiguard/merge.h"
#include "abiguard/note.h"
#include "abiguard/rule_names.h"
#include "abiguard/rules.h"
#include "abiguard/serialize.h"
#include "abiguard/suppress.h"
#include "abiguard/symver.h"
#include "abiguard/paths.h"
#include "abiguard/symbols.h"
#include "abiguard/type_blocks.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct abg_session {
	const struct abg_options *options;
	struct abg_baseline_source *source; /* NULL when no baseline */
	struct abg_vscript *vscript;	    /* NULL when none */
	struct abg_model *tu;
	struct abg_project_paths paths;
};

struct abg_session *abg_session_open(const struct abg_options *options,
				     struct abg_error *err)
{
	struct abg_session *s = calloc(1, sizeof *s);
	if (!s)
		abort();
	s->options = options;
	s->tu = abg_model_new();
	if (abg_project_paths_init(&s->paths, options, err) ||
	    abg_rules_check_option_names(options, err))
		goto fail;
	/* Asked to check with nothing to check against: not a pass. */
	if (options->mode == ABG_MODE_CHECK && !options->baseline) {
		abg_error_set(err, NULL, 0,
			      "mode=check needs a baseline: set baseline=FILE "
			      "(or 'baseline = FILE' in " ABG_CONFIG_NAME "), "
			      "or build with mode=record to make the first "
			      "one");
		goto fail;
	}
	if (abg_options_mode(options) == ABG_MODE_CHECK && options->baseline) {
		struct abg_strbuf dir = {0};
		int rc = abg_baseline_source_open(options->baseline,
						  abg_baseline_cache_dir(&dir),
						  &s->source, err);
		abg_strbuf_free(&dir);
		if (rc)
			goto fail;
	}
	if (options->version_script &&
	    abg_vscript_load(options->version_script, &s->vscript, err))
		goto fail;
	return s;
fail:
	abg_session_close(s);
	return NULL;
}

void abg_session_close(struct abg_session *s)
{
	if (!s)
		return;
	abg_baseline_source_free(s->source);
	abg_vscript_free(s->vscript);
	abg_model_free(s->tu);
	abg_project_paths_free(&s->paths);
	free(s);
}

enum abg_mode abg_session_mode(const struct abg_session *s)
{
	return abg_options_mode(s->options);
}

struct abg_model *abg_session_model(struct abg_session *s)
{
	return s->tu;
}

const struct abg_options *abg_session_options(const struct abg_session *s)
{
	return s->options;
}

bool abg_session_is_public(struct abg_session *s, const char *path)
{
	return abg_project_paths_is_public(&s->paths, path);
}

const char *abg_session_relative_path(struct abg_session *s, const char *path)
{
	const char *rel = abg_project_paths_relative(&s->paths, path);
	return rel ? abg_model_intern(s->tu, rel) : NULL;
}

/* The build's type that released-type-changed and enumerator-changed
 * compare a baseline type with: of the same name, a struct for a union
 * (or the other way) when that is the one defined. */
static abg_type_id counterpart(const struct abg_model *unit,
			       const struct abg_type *old)
{
	abg_type_id id = abg_model_find_named(unit, old->kind, old->name);
	const struct abg_type *t = abg_model_type(unit, id);
	if ((t && t->complete) ||
	    (old->kind != ABG_TYPE_STRUCT && old->kind != ABG_TYPE_UNION))
		return id;
	abg_type_id other = abg_model_find_named(
		unit,
		old->kind == ABG_TYPE_STRUCT ? ABG_TYPE_UNION : ABG_TYPE_STRUCT,
		old->name);
	const struct abg_type *o = abg_model_type(unit, other);
	return o && o->complete ? other : id;
}

/*
 * Does a type the unit defines differ from the baseline's? Then the rules
 * of types ask which baseline symbols reach it, which only the whole
 * baseline can answer. Symbols need no such question: the part holds each
 * symbol the unit names with every type it reaches.
 */
static bool types_differ(const struct abg_model *part,
			 const struct abg_model *unit)
{
	bool differ = false;
	for (abg_type_id id = 1; id < part->ntypes && !differ; id++) {
		const struct abg_type *old = &part->types[id];
		if (!old->name || (old->kind != ABG_TYPE_STRUCT &&
				   old->kind != ABG_TYPE_UNION &&
				   old->kind != ABG_TYPE_ENUM &&
				   old->kind != ABG_TYPE_TYPEDEF))
			continue;
		abg_type_id cur_id = counterpart(unit, old);
		const struct abg_type *cur = abg_model_type(unit, cur_id);
		if (!cur || !cur->complete)
			continue;
		struct abg_layout_diff diff = {0};
		abg_layout_diff(part, id, unit, cur_id, &diff);
		differ = diff.nchanges != 0;
		abg_layout_diff_free(&diff);
	}
	return differ;
}

/*
 * The baseline this unit is checked against: the part of it the unit
 * needs, read through the index, when that decides the same as the whole
 * (docs/architecture.md section 6); the whole otherwise. *part is what
 * the caller frees.
 */
static const struct abg_model *baseline_for_unit(struct abg_session *s,
						 struct abg_model **part,
						 struct abg_error *err)
{
	*part = NULL;
	if (!s->source)
		return NULL;
	if (!abg_baseline_source_has_full(s->source)) {
		struct abg_baseline_wants w;
		abg_baseline_wants_of(s->tu, &w);
		*part = abg_baseline_source_part(s->source, &w);
		abg_baseline_wants_free(&w);
		if (*part && !types_differ(*part, s->tu))
			return *part;
		abg_model_free(*part);
		*part = NULL;
	}
	return abg_baseline_source_full(s->source, err);
}

/* The text that the index vouched for does not read: the cache was
 * forged (a content hash is not a signature). Said at the baseline. */
static void report_unreadable(struct abg_sink *sink,
			      const struct abg_error *err)
{
	struct abg_location loc = {err->file, err->line, 0, 0};
	struct abg_finding *f = abg_finding_new("baseline", ABG_SEVERITY_ERROR,
						loc, "%s", err->message);
	abg_sink_emit(sink, f);
	abg_finding_free(f);
}

static void run_tu_rules(struct abg_session *s,
			 const struct abg_model *baseline,
			 struct abg_sink *sink)
{
	struct abg_reach reach;
	abg_reach_build(&reach, baseline);
	struct abg_suppress_filter filter;
	abg_suppress_init(&filter, sink, s->paths.root);
	abg_suppress_know_rules(&filter, abg_rule_ids());
	abg_suppress_generated(&filter, s->options->baseline);
	struct abg_check_ctx ctx = {
		.options = s->options,
		.baseline = baseline,
		.current = s->tu,
		.vscript = s->vscript,
		.reach = &reach,
		.scope = ABG_SCOPE_TU,
		.sink = &filter.sink,
	};
	abg_rules_run(&ctx);
	abg_suppress_free(&filter);
	abg_reach_free(&reach);
}

size_t abg_session_check_tu(struct abg_session *s, struct abg_sink *sink)
{
	abg_symver_locate(s->tu, s->paths.root);
	abg_tags_settle(s->tu);
	if (abg_session_mode(s) != ABG_MODE_CHECK)
		return 0;
	size_t before = sink->errors;
	struct abg_model *part = NULL;
	struct abg_error err = {0};
	const struct abg_model *baseline = baseline_for_unit(s, &part, &err);
	if (s->source && !baseline) {
		report_unreadable(sink, &err);
		return sink->errors - before;
	}
	abg_resolve_tu_symbols(s->tu, s->vscript, baseline);
	run_tu_rules(s, baseline, sink);
	abg_model_free(part);
	abg_model_clear_symbols(
		s->tu); /* resolved symbols are not part of the summary */
	return sink->errors - before;
}

/*
 * A summary carries the types of what its unit defines. A declaration the
 * unit only sees keeps its name, flags and location, but not its type: the
 * unit that defines it says what that is. And it is kept only when the unit
 * defines something declared in the same header: every unit that includes
 * an umbrella header sees the whole API, and if each of them listed it the
 * notes would grow with units times declarations instead of with the
 * library (docs/performance.md). The units that implement a header list
 * what else it declares, which is what declared-not-exported needs.
 */
/*
 * The header declares `name` with one type while `.symver` binds a
 * definition of another type to it as the default version: the summary
 * keeps the header's type, so that the library sees the mismatch once
 * (declaration-differs-from-definition) and the baseline can record it.
 */
static bool header_differs_from_bound_definition(const struct abg_model *tu,
						 const struct abg_decl *d)
{
	if (!d->public_header || !d->type)
		return false;
	for (size_t i = 0; i < tu->nsymvers; i++) {
		const struct abg_symver *sv = &tu->symvers[i];
		if (!sv->is_default || strcmp(sv->name, d->symbol) != 0 ||
		    strcmp(sv->impl, d->symbol) == 0)
			continue;
		for (size_t k = 0; k < tu->ndecls; k++) {
			const struct abg_decl *impl = &tu->decls[k];
			if (impl->defined && impl->type &&
			    strcmp(impl->symbol, sv->impl) == 0)
				return !abg_type_equal(tu, impl->type, tu,
						       d->type);
		}
	}
	return false;
}

/* Does a .symver of the unit bind a definition of it to d's name? gfapi
 * defines pub_glfs_init and binds it to glfs_init, which glfs.h declares:
 * the unit implements glfs.h as if it defined glfs_init. */
static bool bound_by_symver(const struct abg_model *tu,
			    const struct abg_decl *d)
{
	for (size_t i = 0; i < tu->nsymvers; i++) {
		const struct abg_symver *sv = &tu->symvers[i];
		if (strcmp(sv->name, d->symbol) != 0)
			continue;
		for (size_t k = 0; k < tu->ndecls; k++)
			if (tu->decls[k].defined &&
			    strcmp(tu->decls[k].symbol, sv->impl) == 0)
				return true;
	}
	return false;
}

static void summarize_declarations(struct abg_model *tu)
{
	struct abg_hash implemented = {0}; /* header -> itself */
	for (size_t i = 0; i < tu->ndecls; i++) {
		const struct abg_decl *d = &tu->decls[i];
		if (d->public_header && d->loc.file &&
		    (d->defined || bound_by_symver(tu, d)))
			abg_hash_put(&implemented, d->loc.file,
				     (void *)d->loc.file);
	}
	size_t kept = 0;
	for (size_t i = 0; i < tu->ndecls; i++) {
		struct abg_decl d = tu->decls[i];
		if (!d.defined &&
		    !header_differs_from_bound_definition(tu, &d)) {
			if (!d.loc.file ||
			    !abg_hash_contains(&implemented, d.loc.file))
				continue;
			d.type = ABG_NO_TYPE;
		}
		tu->decls[kept++] = d;
	}
	tu->ndecls = kept;
	abg_hash_free(&implemented);
}

void abg_session_summary(struct abg_session *s, struct abg_strbuf *out)
{
	abg_symver_locate(s->tu, s->paths.root);
	abg_tags_settle(s->tu);
	summarize_declarations(s->tu);
	abg_model_canonicalize(s->tu);
	abg_model_write(s->tu, ABG_TEXT_SUMMARY, NULL, out);
}

/* ---- whole library ------------------------------------------------------ */

/* Conflicts are kept in the library model; the rule
 * type-differs-between-units reports them with the other findings. */
static void record_conflict(void *ctx, const char *what,
			    struct abg_location first,
			    struct abg_location second)
{
	abg_model_add_conflict(ctx, what, first, second);
}

static int merge_notes(struct abg_model *lib, const struct abg_elf_file *elf,
		       struct abg_error *err)
{
	struct abg_merger *merger = abg_merger_new(lib, record_conflict, lib);
	/* One unit's note at a time: read from the file into the same
	 * buffer, its text decompressed into another, rid of the type blocks
	 * earlier units described in the same words (abiguard/type_blocks.h),
	 * read, merged and freed before the next. */
	struct abg_strbuf raw = {0}, text = {0}, kept = {0};
	struct abg_type_blocks blocks;
	abg_type_blocks_init(&blocks);
	int rc = 0;
	for (size_t i = 0; i < elf->nnotes && !rc; i++) {
		struct abg_model *tu = NULL;
		const unsigned char *payload;
		const char *summary;
		size_t len;
		rc = abg_elf_note_read(elf, i, &raw, &payload, err);
		if (!rc)
			rc = abg_note_text(elf->path, payload,
					   elf->notes[i].size, &text, &summary,
					   &len, err);
		if (!rc) {
			abg_type_blocks_filter(&blocks, summary, len, &kept);
			rc = abg_model_read(elf->path, abg_strbuf_cstr(&kept),
					    kept.len, ABG_TEXT_SUMMARY, &tu,
					    err);
		}
		if (!rc)
			abg_merger_add(merger, tu);
		abg_model_free(tu);
	}
	abg_type_blocks_free(&blocks);
	abg_strbuf_free(&kept);
	abg_strbuf_free(&text);
	abg_strbuf_free(&raw);
	abg_merger_free(merger);
	return rc;
}

/*
 * The version the build gave the library, read from the real name of its
 * file: libfoo.so.0.1 with soname libfoo.so.0 is 0.1, libfoo.so.1.2.3 with
 * soname libfoo.so.1 is 1.2.3. The path may be a symlink (libfoo.so.0 ->
 * libfoo.so.0.1, as installed): the file it leads to counts. A file named
 * like its soname (libfoo.so.1) has no minor, and one not named after its
 * soname says nothing: unknown, NULL.
 */
static const char *file_version(struct abg_model *lib, const char *path,
				const char *soname)
{
	const char *so = soname ? strstr(soname, ".so.") : NULL;
	if (!path || !so)
		return NULL;
	char *real = realpath(path, NULL);
	const char *file = real ? real : path;
	const char *slash = strrchr(file, '/');
	const char *base = slash ? slash + 1 : file;
	size_t n = strlen(soname);
	const char *version = NULL;
	unsigned long major, minor;
	if (strncmp(base, soname, n) == 0 && base[n] == '.' &&
	    abg_library_version_parse(base + (so - soname) + 4, &major, &minor))
		version = abg_model_intern(lib, base + (so - soname) + 4);
	free(real);
	return version;
}

struct abg_model *abg_library_model(const struct abg_elf_file *elf,
				    struct abg_error *err)
{
	struct abg_model *lib = abg_model_new();
	/* Sized once from the exports (a 10,000-function library has about
	 * two types and three strings per symbol), not grown unit by unit. */
	abg_model_reserve(lib, 3 * elf->nsymbols, 2 * elf->nsymbols);
	abg_model_reserve_symbols(lib, elf->nsymbols);
	lib->soname = abg_model_intern(lib, elf->soname);
	lib->version = file_version(lib, elf->path, elf->soname);
	lib->target = abg_model_intern(lib, elf->target);
	if (merge_notes(lib, elf, err)) {
		abg_model_free(lib);
		return NULL;
	}
	for (size_t i = 0; i < elf->nversions; i++) {
		struct abg_node *n =
			abg_model_add_node(lib, elf->versions[i].name, false);
		for (size_t p = 0; p < elf->versions[i].nparents; p++)
			abg_model_add_parent(lib, n,
					     elf->versions[i].parents[p]);
	}
	abg_resolve_elf_symbols(lib, elf);
	abg_model_canonicalize(lib);
	return lib;
}

size_t abg_check_library(const struct abg_model *library,
			 const struct abg_model *baseline,
			 const struct abg_vscript *vscript,
			 const struct abg_options *options,
			 struct abg_sink *sink)
{
	struct abg_reach reach;
	abg_reach_build(&reach, baseline);
	/* Findings point into the sources of the project: NOLINT comments
	 * there apply after the link too. */
	struct abg_project_paths paths;
	struct abg_error ignored;
	bool have_root = abg_project_paths_init(&paths, options, &ignored) == 0;
	struct abg_suppress_filter filter;
	abg_suppress_init(&filter, sink, have_root ? paths.root : NULL);
	abg_suppress_know_rules(&filter, abg_rule_ids());
	abg_suppress_generated(&filter, options->baseline);
	struct abg_check_ctx ctx = {
		.options = options,
		.baseline = baseline,
		.current = library,
		.vscript = vscript,
		.reach = &reach,
		.scope = ABG_SCOPE_LIBRARY,
		.sink = &filter.sink,
	};
	size_t before = sink->errors;
	abg_rules_run(&ctx);
	abg_suppress_free(&filter);
	abg_project_paths_free(&paths);
	abg_reach_free(&reach);
	return sink->errors - before;
}
