/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Where a compile gets its baseline from (abiguard/baseline_cache.h).
 *
 * The index of a text is cached under the text's content hash and size,
 * so every build and every checkout with the same baseline shares one
 * file, and a changed baseline simply names another (stale ones are never
 * read; deleting the directory is always safe). The text itself is read
 * and hashed by every compile: that is what ties the index to it.
 */
#define _POSIX_C_SOURCE 200809L
#include "abiguard/baseline_cache.h"

#include "abiguard/serialize.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct abg_baseline_source {
	char *path;
	char *text;
	size_t len;
	uint64_t hash;
	char *index_file; /* where its index is cached, NULL: no cache */
	char *index_bytes;
	struct abg_baseline_index *index;
	struct abg_model *full;
	const char *status;
};

const char *abg_baseline_cache_dir(struct abg_strbuf *scratch)
{
	const char *dir = getenv("ABIGUARD_CACHE_DIR");
	if (dir)
		return *dir && strcmp(dir, "off") != 0 ? dir : NULL;
	abg_strbuf_reset(scratch);
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	/* XDG: a relative value is to be ignored. */
	if (xdg && xdg[0] == '/')
		abg_strbuf_printf(scratch, "%s/abiguard", xdg);
	else if (home && home[0] == '/')
		abg_strbuf_printf(scratch, "%s/.cache/abiguard", home);
	else
		return NULL;
	return scratch->data;
}

static void index_path(const struct abg_baseline_source *src,
		       const char *cache_dir, struct abg_strbuf *out)
{
	abg_strbuf_reset(out);
	abg_strbuf_printf(out, "%s/%016" PRIx64 "-%zu.abgidx", cache_dir,
			  src->hash, src->len);
}

/* mkdir -p, quietly: a cache that cannot be made is no cache. */
static void make_dirs(const char *dir)
{
	struct abg_strbuf sb = {0};
	abg_strbuf_append(&sb, dir);
	for (char *p = sb.data + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(sb.data, 0700);
		*p = '/';
	}
	mkdir(sb.data, 0700);
	abg_strbuf_free(&sb);
}

/* The cached index, when there is one and it is this text's. */
static bool use_cached(struct abg_baseline_source *src, const char *file)
{
	struct abg_error ignored = {0};
	struct stat st;
	if (stat(file, &st) != 0) {
		src->status = "no index yet";
		return false;
	}
	size_t size = 0;
	src->index_bytes = abg_read_file(file, &size, &ignored);
	if (!src->index_bytes) {
		src->status = "index unreadable";
		return false;
	}
	const char *why = NULL;
	src->index = abg_baseline_index_open(src->index_bytes, size, src->text,
					     src->len, src->hash, &why);
	if (!src->index) {
		free(src->index_bytes);
		src->index_bytes = NULL;
		src->status = why;
		return false;
	}
	src->status = "index";
	return true;
}

/* Read the text whole; store its index for the next units. */
static int build(struct abg_baseline_source *src, const char *file,
		 struct abg_error *err)
{
	struct abg_strbuf bytes = {0};
	int rc = abg_baseline_index_build(src->path, src->text, src->len,
					  &src->full, &bytes, err);
	if (!rc && file && bytes.len) {
		struct abg_error ignored = {0};
		const char *slash = strrchr(file, '/');
		if (slash) {
			struct abg_strbuf dir = {0};
			abg_strbuf_append_n(&dir, file, (size_t)(slash - file));
			make_dirs(dir.data);
			abg_strbuf_free(&dir);
		}
		if (abg_write_file_atomic(file, bytes.data, bytes.len,
					  &ignored) == 0)
			src->status = "index built";
	}
	abg_strbuf_free(&bytes);
	return rc;
}

int abg_baseline_source_open(const char *path, const char *cache_dir,
			     struct abg_baseline_source **out,
			     struct abg_error *err)
{
	struct abg_baseline_source *src = calloc(1, sizeof *src);
	if (!src)
		abort();
	*out = NULL;
	src->path = strdup(path);
	src->text = abg_read_file(path, &src->len, err);
	if (!src->path || !src->text) {
		abg_baseline_source_free(src);
		return -1;
	}
	src->status = "no cache";
	int rc = 0;
	if (!cache_dir) {
		rc = abg_model_read(path, src->text, src->len,
				    ABG_TEXT_BASELINE, &src->full, err);
	} else {
		struct abg_strbuf file = {0};
		src->hash = abg_content_hash(src->text, src->len);
		index_path(src, cache_dir, &file);
		src->index_file = strdup(file.data);
		if (!src->index_file)
			abort();
		if (!use_cached(src, file.data))
			rc = build(src, file.data, err);
		abg_strbuf_free(&file);
	}
	if (rc) {
		abg_baseline_source_free(src);
		return -1;
	}
	*out = src;
	return 0;
}

void abg_baseline_source_free(struct abg_baseline_source *src)
{
	if (!src)
		return;
	abg_baseline_index_free(src->index);
	abg_model_free(src->full);
	free(src->index_bytes);
	free(src->index_file);
	free(src->text);
	free(src->path);
	free(src);
}

const struct abg_model *
abg_baseline_source_full(struct abg_baseline_source *src, struct abg_error *err)
{
	if (!src->full && abg_model_read(src->path, src->text, src->len,
					 ABG_TEXT_BASELINE, &src->full, err))
		return NULL;
	return src->full;
}

bool abg_baseline_source_has_full(const struct abg_baseline_source *src)
{
	return src->full != NULL;
}

struct abg_model *abg_baseline_source_part(struct abg_baseline_source *src,
					   const struct abg_baseline_wants *w)
{
	if (!src->index || src->full)
		return NULL;
	struct abg_error ignored = {0};
	struct abg_model *m =
		abg_baseline_index_read(src->index, src->path, w, &ignored);
	if (m)
		return m;
	/* Hashes that match over lines that do not: replace the index with
	 * a true one, and read the text whole, as the caller will. */
	abg_baseline_index_free(src->index);
	src->index = NULL;
	free(src->index_bytes);
	src->index_bytes = NULL;
	build(src, src->index_file, &ignored);
	src->status = "index did not match its text";
	return NULL;
}

const char *abg_baseline_source_status(const struct abg_baseline_source *src)
{
	return src->status;
}

size_t abg_baseline_source_lines_read(const struct abg_baseline_source *src)
{
	return src->index ? abg_baseline_index_lines_read(src->index) : 0;
}

/* ---- what a unit asks ----------------------------------------------- */

static void add_name(const char ***names, size_t *n, size_t *cap,
		     const char *name)
{
	if (name && *name)
		*ABG_PUSH(*names, *n, *cap) = name;
}

void abg_baseline_wants_of(const struct abg_model *unit,
			   struct abg_baseline_wants *w)
{
	size_t scap = 0, tcap = 0;
	memset(w, 0, sizeof *w);
	for (size_t i = 0; i < unit->ndecls; i++) {
		add_name(&w->symbols, &w->nsymbols, &scap, unit->decls[i].name);
		add_name(&w->symbols, &w->nsymbols, &scap,
			 unit->decls[i].symbol);
	}
	for (size_t i = 0; i < unit->nsymvers; i++) {
		add_name(&w->symbols, &w->nsymbols, &scap,
			 unit->symvers[i].impl);
		add_name(&w->symbols, &w->nsymbols, &scap,
			 unit->symvers[i].name);
	}
	for (size_t i = 0; i < unit->nsymbols; i++)
		add_name(&w->symbols, &w->nsymbols, &scap,
			 unit->symbols[i].name);
	for (abg_type_id id = 1; id < unit->ntypes; id++) {
		const struct abg_type *t = &unit->types[id];
		bool named = t->kind == ABG_TYPE_STRUCT ||
			     t->kind == ABG_TYPE_UNION ||
			     t->kind == ABG_TYPE_ENUM ||
			     t->kind == ABG_TYPE_TYPEDEF;
		if (named)
			add_name(&w->types, &w->ntypes, &tcap, t->name);
	}
}

void abg_baseline_wants_free(struct abg_baseline_wants *w)
{
	free(w->symbols);
	free(w->types);
	memset(w, 0, sizeof *w);
}
