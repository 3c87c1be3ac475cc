/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Where a compile gets its baseline from (abiguard/baseline_cache.h).
 *
 * The index of a baseline file is cached under a name made of the file's
 * identity (device, inode, size, modification and change times): every
 * build of a checkout shares it, and a baseline that changes in any way
 * (a checkout, an update, an edit: each moves the change time, which no
 * tool can set back) names another one. Stale ones are never read;
 * deleting the directory is always safe. A compile reads the text only
 * through the lines the index names, with pread: the text is the user's
 * file, and a mapping of a file that an editor truncates in place would
 * kill the compiler with SIGBUS. A small index is mapped (see
 * MAPPED_INDEX_MAX): it is abiguard's own file, written whole under another
 * name and renamed into place, never truncated.
 */
#define _POSIX_C_SOURCE 200809L
#include "abiguard/baseline_cache.h"

#include "abiguard/baseline_image.h"
#include "abiguard/serialize.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

struct abg_baseline_source {
	char *path;
	int text_fd, index_fd;
	void *index_map;  /* the index file, mapped; NULL: none */
	char *small_text; /* a small text read whole; NULL: read by lines */
	size_t index_map_size;
	struct abg_text_identity id;
	char *index_file; /* where its index is cached, NULL: no cache */
	char *cache_dir;  /* NULL: no cache */
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

static void identity_of(const struct stat *st, struct abg_text_identity *id)
{
	memset(id, 0, sizeof *id);
	id->dev = (uint64_t)st->st_dev;
	id->ino = (uint64_t)st->st_ino;
	id->size = (uint64_t)st->st_size;
	id->mtime_s = (uint64_t)st->st_mtim.tv_sec;
	id->mtime_ns = (uint64_t)st->st_mtim.tv_nsec;
	id->ctime_s = (uint64_t)st->st_ctim.tv_sec;
	id->ctime_ns = (uint64_t)st->st_ctim.tv_nsec;
}

/* Has the text changed since it was opened? */
static bool text_changed(const struct abg_baseline_source *src)
{
	struct stat st;
	struct abg_text_identity now;
	if (fstat(src->text_fd, &st) != 0)
		return true;
	identity_of(&st, &now);
	return memcmp(&now, &src->id, sizeof now) != 0;
}

static void index_path(const struct abg_baseline_source *src,
		       const char *cache_dir, struct abg_strbuf *out)
{
	abg_strbuf_reset(out);
	abg_strbuf_printf(out, "%s/%016" PRIx64 "-%" PRIu64 ".abgidx",
			  cache_dir, abg_content_hash(&src->id, sizeof src->id),
			  src->id.size);
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

/* The directory a cache file goes in, made when it is missing. */
static void make_parent_dirs(const char *file)
{
	const char *slash = strrchr(file, '/');
	if (!slash)
		return;
	struct abg_strbuf dir = {0};
	abg_strbuf_append_n(&dir, file, (size_t)(slash - file));
	make_dirs(dir.data);
	abg_strbuf_free(&dir);
}

/* The whole text, read from the descriptor (not the path: the file read
 * is the file opened). NULL with err set. */
static char *read_text(const struct abg_baseline_source *src, size_t *len,
		       struct abg_error *err)
{
	size_t size = (size_t)src->id.size;
	char *text = malloc(size + 1);
	if (!text)
		abort();
	long long n = abg_pread_full(src->text_fd, text, size, 0);
	if (n < 0 || (size_t)n != size) {
		free(text);
		abg_error_set(err, src->path, 0, "read error");
		return NULL;
	}
	text[size] = '\0';
	*len = size;
	return text;
}

/*
 * An index this small is mapped (a unit looks up every key it needs in
 * it: a pread each was most of a compile's system calls). A larger one is
 * read with pread: the kernel maps a large file's page cache in large
 * pieces, so that a mapping of the 26 MB index of a 100,000-declaration
 * baseline added 22 MB to every compile's resident memory (shared, but
 * counted), for the few hundred keys a unit reads.
 */
#define MAPPED_INDEX_MAX ((uint64_t)1 << 20)

/*
 * A text this small is read whole, with one read, rather than a read per
 * run of wanted lines: a real library's baseline is tens of kilobytes, and
 * its units asked for a hundred and more runs each.
 */
#define SMALL_TEXT_MAX ((uint64_t)256 << 10)

static struct abg_bytes text_bytes(struct abg_baseline_source *src)
{
	struct abg_error ignored = {0};
	size_t len = 0;
	if (src->id.size <= SMALL_TEXT_MAX)
		src->small_text = read_text(src, &len, &ignored);
	if (src->small_text && len == src->id.size)
		return (struct abg_bytes){-1, src->small_text, src->id.size};
	free(src->small_text);
	src->small_text = NULL;
	return (struct abg_bytes){src->text_fd, NULL, src->id.size};
}

static void drop_index(struct abg_baseline_source *src);

/* The cached index, when there is one and it is this file's. */
static bool use_cached(struct abg_baseline_source *src, const char *file)
{
	struct abg_error ignored = {0};
	struct stat st;
	if (stat(file, &st) != 0) {
		src->status = "no index yet";
		return false;
	}
	src->index_fd = abg_open_regular(file, &ignored);
	if (src->index_fd < 0 || fstat(src->index_fd, &st) != 0) {
		src->status = "index unreadable";
		return false;
	}
	if (st.st_size <= 0 || (uint64_t)st.st_size > SIZE_MAX) {
		src->status = "index truncated";
		return false;
	}
	struct abg_bytes index = {src->index_fd, NULL, (uint64_t)st.st_size};
	if ((uint64_t)st.st_size <= MAPPED_INDEX_MAX) {
		void *map = mmap(NULL, (size_t)st.st_size, PROT_READ,
				 MAP_PRIVATE, src->index_fd, 0);
		if (map != MAP_FAILED) {
			src->index_map = map;
			src->index_map_size = (size_t)st.st_size;
			index = (struct abg_bytes){-1, map,
						   (uint64_t)st.st_size};
		}
	}
	struct abg_bytes text = text_bytes(src);
	const char *why = NULL;
	src->index = abg_baseline_index_open(index, text, &src->id, &why);
	if (!src->index) {
		drop_index(src); /* the mapping and the text read with it */
		src->status = why;
		return false;
	}
	src->status = "index";
	return true;
}

static void drop_index(struct abg_baseline_source *src)
{
	abg_baseline_index_free(src->index);
	src->index = NULL;
	if (src->index_map)
		munmap(src->index_map, src->index_map_size);
	src->index_map = NULL;
	free(src->small_text);
	src->small_text = NULL;
	if (src->index_fd >= 0)
		close(src->index_fd);
	src->index_fd = -1;
}

/* ---- the whole baseline, through its image ------------------------------ */

static void image_path(const char *cache_dir, uint64_t text_hash, size_t len,
		       struct abg_strbuf *out)
{
	abg_strbuf_reset(out);
	abg_strbuf_printf(out, "%s/%016" PRIx64 "-%zu.abgimg", cache_dir,
			  text_hash, len);
}

/*
 * The image at `file`, when it is one of this text. It is mapped, not
 * read: like the index it is abiguard's own file, renamed into place whole,
 * and a copy of its megabytes into fresh memory was a tenth of a post-link
 * check's system time. Read when it cannot be mapped.
 */
static struct abg_model *cached_image(const char *file, const char *path,
				      uint64_t text_hash)
{
	struct abg_error ignored = {0};
	struct abg_model *m = NULL;
	int fd = abg_open_regular(file, &ignored);
	if (fd < 0)
		return NULL;
	struct stat st;
	void *map = MAP_FAILED;
	if (fstat(fd, &st) == 0 && st.st_size > 0 &&
	    (uint64_t)st.st_size <= ABG_MAX_INPUT_SIZE)
		map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd,
			   0);
	close(fd);
	if (map != MAP_FAILED) {
		abg_baseline_image_read(map, (size_t)st.st_size, path,
					text_hash, &m);
		munmap(map, (size_t)st.st_size);
		return m;
	}
	size_t len = 0;
	char *bytes = abg_read_file(file, &len, &ignored);
	if (bytes)
		abg_baseline_image_read(bytes, len, path, text_hash, &m);
	free(bytes);
	return m;
}

/*
 * The image of m, when reading it back gives a model whose image is the
 * same bytes: a model the builders cannot rebuild id for id (which the
 * text reader never makes, but nothing else promises that) gets none.
 */
static bool image_of(const struct abg_model *m, const char *path,
		     uint64_t text_hash, struct abg_strbuf *out)
{
	abg_baseline_image_write(m, path, text_hash, out);
	struct abg_model *back = NULL;
	if (abg_baseline_image_read(out->data, out->len, path, text_hash,
				    &back))
		return false;
	struct abg_strbuf again = {0};
	abg_baseline_image_write(back, path, text_hash, &again);
	bool same = again.len == out->len &&
		    memcmp(again.data, out->data, out->len) == 0;
	abg_strbuf_free(&again);
	abg_model_free(back);
	return same;
}

static const char *store_image(const struct abg_model *m, const char *path,
			       uint64_t text_hash, const char *file)
{
	struct abg_strbuf bytes = {0};
	const char *status = "image not made (the model does not rebuild)";
	if (image_of(m, path, text_hash, &bytes)) {
		struct abg_error ignored = {0};
		make_parent_dirs(file);
		status = abg_write_file_atomic(file, bytes.data, bytes.len,
					       &ignored)
				 ? "image not stored"
				 : "image built";
	}
	abg_strbuf_free(&bytes);
	return status;
}

/* Read the text whole; store its index and its image for the next units. */
static int build(struct abg_baseline_source *src, struct abg_error *err)
{
	size_t len = 0;
	char *text = read_text(src, &len, err);
	if (!text)
		return -1;
	struct abg_strbuf bytes = {0};
	int rc = abg_baseline_index_build(src->path, text, len, &src->id,
					  &src->full, &bytes, err);
	/* Built from what the file held while it was read. */
	if (!rc && src->index_file && bytes.len && !text_changed(src)) {
		struct abg_error ignored = {0};
		const char *file = src->index_file;
		make_parent_dirs(file);
		if (abg_write_file_atomic(file, bytes.data, bytes.len,
					  &ignored) == 0)
			src->status = "index built";
		struct abg_strbuf image = {0};
		uint64_t hash = abg_content_hash(text, len);
		image_path(src->cache_dir, hash, len, &image);
		store_image(src->full, src->path, hash, image.data);
		abg_strbuf_free(&image);
	}
	abg_strbuf_free(&bytes);
	free(text);
	return rc;
}

/*
 * Open the text at path into src (no index yet), with its identity.
 * Returns 0, or -1 with err set; the text stays open when only its
 * identity could not be taken (src->text_fd >= 0): the caller closes it.
 */
static int open_text(struct abg_baseline_source *src, const char *path,
		     struct abg_error *err)
{
	struct stat st;
	*src = (struct abg_baseline_source){
		.path = (char *)path, .text_fd = -1, .index_fd = -1};
	src->text_fd = abg_open_regular(path, err);
	if (src->text_fd < 0)
		return -1;
	if (fstat(src->text_fd, &st) != 0)
		return abg_error_set(err, path, 0, "cannot read: %s",
				     strerror(errno));
	identity_of(&st, &src->id);
	return 0;
}

int abg_baseline_source_open(const char *path, const char *cache_dir,
			     struct abg_baseline_source **out,
			     struct abg_error *err)
{
	struct abg_baseline_source *src = calloc(1, sizeof *src);
	if (!src)
		abort();
	*out = NULL;
	int opened = open_text(src, path, err);
	src->path = strdup(path); /* the source outlives the caller's string */
	if (!src->path)
		abort();
	if (opened) {
		abg_baseline_source_free(src);
		return -1;
	}
	src->status = "no cache";
	if (cache_dir) {
		struct abg_strbuf file = {0};
		index_path(src, cache_dir, &file);
		src->index_file = strdup(file.data);
		src->cache_dir = strdup(cache_dir);
		abg_strbuf_free(&file);
		if (!src->index_file || !src->cache_dir)
			abort();
	}
	int rc = src->index_file
			 ? (use_cached(src, src->index_file) ? 0
							     : build(src, err))
			 : !abg_baseline_source_full(src, err);
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
	drop_index(src);
	if (src->text_fd >= 0)
		close(src->text_fd);
	abg_model_free(src->full);
	free(src->index_file);
	free(src->cache_dir);
	free(src->path);
	free(src);
}

/*
 * The whole baseline from the image the index's text hash names, as
 * src->full. Only for a text whose index is current: the index vouches
 * that the hash is this file's, and the image that it is of that hash.
 */
static bool load_image(struct abg_baseline_source *src)
{
	if (!src->index || !src->cache_dir)
		return false;
	struct abg_strbuf file = {0};
	uint64_t hash = abg_baseline_index_text_hash(src->index);
	image_path(src->cache_dir, hash, (size_t)src->id.size, &file);
	src->full = cached_image(file.data, src->path, hash);
	abg_strbuf_free(&file);
	if (src->full && text_changed(src)) {
		abg_model_free(src->full);
		src->full = NULL;
	}
	if (src->full)
		src->status = "image";
	return src->full != NULL;
}

/*
 * Does the unit ask for a third of the baseline or more? Then loading the
 * whole of it from its image costs less than reading its part through
 * the index (about 1,100 instructions a line of the whole against 3,500 a
 * line read), and even parsing the whole text costs about as much: a unit
 * that includes every public header asks for nearly all of it. The cost
 * stays proportional to what the unit declares.
 */
static bool wants_most(const struct abg_baseline_source *src,
		       const struct abg_baseline_wants *w)
{
	return 3 * (w->nsymbols + w->ntypes) >=
	       abg_baseline_index_keys(src->index);
}

const struct abg_model *
abg_baseline_source_full(struct abg_baseline_source *src, struct abg_error *err)
{
	if (src->full || load_image(src))
		return src->full;
	size_t len = 0;
	char *text = read_text(src, &len, err);
	if (!text)
		return NULL;
	abg_model_read(src->path, text, len, ABG_TEXT_BASELINE, &src->full,
		       err);
	/* The image was missing or did not load: the next units get one. */
	if (src->full && src->cache_dir && !text_changed(src)) {
		struct abg_strbuf file = {0};
		uint64_t hash = abg_content_hash(text, len);
		image_path(src->cache_dir, hash, len, &file);
		store_image(src->full, src->path, hash, file.data);
		abg_strbuf_free(&file);
	}
	free(text);
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
	if (wants_most(src, w))
		return NULL; /* the whole costs less: the caller reads it */
	struct abg_error ignored = {0};
	struct abg_model *m =
		abg_baseline_index_read(src->index, src->path, w, &ignored);
	if (m && !text_changed(src))
		return m;
	/* Lines that are not what the index says, or a text that changed
	 * under the compile: replace the index with a true one, and read
	 * the text whole, as the caller will. */
	abg_model_free(m);
	drop_index(src);
	build(src, &ignored);
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

int abg_baseline_content_digest(const char *path, const char *cache_dir,
				uint64_t *out, struct abg_error *err)
{
	struct abg_baseline_source src;
	int rc = open_text(&src, path, err);
	if (src.text_fd < 0)
		return -1;
	struct abg_strbuf file = {0};
	if (!rc && cache_dir) {
		index_path(&src, cache_dir, &file);
		if (use_cached(&src, file.data))
			*out = abg_baseline_index_text_hash(src.index);
	}
	if (!rc && !src.index) {
		size_t len = 0;
		char *text = read_text(&src, &len, err);
		rc = text ? 0 : -1;
		if (text)
			*out = abg_content_hash(text, len);
		free(text);
	}
	abg_strbuf_free(&file);
	drop_index(&src);
	close(src.text_fd);
	return rc;
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

/*
 * The image the text's index names, the text not read: an index that is
 * this file's (by its identity) vouches for the text's hash, as it does
 * for a compile (load_image()). NULL when there is no such index or image.
 */
static struct abg_model *image_by_index(const char *path, const char *cache_dir)
{
	struct abg_baseline_source src;
	struct abg_error ignored = {0};
	struct abg_strbuf file = {0};
	if (open_text(&src, path, &ignored) == 0) {
		src.cache_dir = (char *)cache_dir;
		index_path(&src, cache_dir, &file);
		if (use_cached(&src, file.data))
			load_image(&src);
	}
	abg_strbuf_free(&file);
	drop_index(&src);
	if (src.text_fd >= 0)
		close(src.text_fd);
	return src.full;
}

/*
 * Parse the text at src (opened, its identity taken); store its image,
 * and its index when the file did not change while it was read, so that
 * the next check finds the image without reading the text.
 */
static int parse_and_store(struct abg_baseline_source *src,
			   const char *cache_dir, struct abg_model **out,
			   const char **status, struct abg_error *err)
{
	size_t len = 0;
	char *text = read_text(src, &len, err);
	if (!text)
		return -1;
	uint64_t text_hash = abg_content_hash(text, len);
	struct abg_strbuf file = {0}, index = {0};
	image_path(cache_dir, text_hash, len, &file);
	*out = cached_image(file.data, src->path, text_hash);
	*status = "image";
	int rc = 0;
	if (!*out) {
		rc = abg_baseline_index_build(src->path, text, len, &src->id,
					      out, &index, err);
		if (!rc)
			*status = store_image(*out, src->path, text_hash,
					      file.data);
	}
	if (!rc && index.len && !text_changed(src)) {
		struct abg_error ignored = {0};
		index_path(src, cache_dir, &file);
		make_parent_dirs(file.data);
		abg_write_file_atomic(file.data, index.data, index.len,
				      &ignored);
	}
	abg_strbuf_free(&index);
	abg_strbuf_free(&file);
	free(text);
	return rc;
}

int abg_baseline_load_cached(const char *path, const char *cache_dir,
			     struct abg_model **out, const char **status,
			     struct abg_error *err)
{
	*out = NULL;
	*status = "no cache";
	if (!cache_dir) {
		size_t len = 0;
		char *text = abg_read_file(path, &len, err);
		if (!text)
			return -1;
		int rc = abg_model_read(path, text, len, ABG_TEXT_BASELINE, out,
					err);
		free(text);
		return rc;
	}
	*out = image_by_index(path, cache_dir);
	if (*out) {
		*status = "image";
		return 0;
	}
	struct abg_baseline_source src;
	int rc = open_text(&src, path, err);
	if (src.text_fd < 0)
		return -1;
	if (!rc)
		rc = parse_and_store(&src, cache_dir, out, status, err);
	close(src.text_fd);
	return rc;
}
