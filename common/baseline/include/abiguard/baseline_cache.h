/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A baseline as a compile reads it: through its index when one is cached
 * for its content (built and stored on the first compile that misses),
 * the whole text otherwise. docs/architecture.md section 6 says which
 * parts of a baseline a unit reads, docs/user-guide.md where the cache is.
 */
#ifndef ABIGUARD_BASELINE_CACHE_H
#define ABIGUARD_BASELINE_CACHE_H

#include "abiguard/baseline_index.h"

#ifdef __cplusplus
extern "C" {
#endif

struct abg_baseline_source;

/*
 * Read the baseline at `path`. With a cache directory (NULL: none), look
 * there for the index of this text, and when there is none, read the text
 * whole, build its index and store it (atomically: units that race to
 * build it write the same bytes). Returns 0, or -1 with err set when the
 * baseline cannot be read or is not valid: the errors abg_baseline_load()
 * gives.
 */
int abg_baseline_source_open(const char *path, const char *cache_dir,
			     struct abg_baseline_source **out,
			     struct abg_error *err);
void abg_baseline_source_free(struct abg_baseline_source *src);

/* The whole baseline, read now if it was not (NULL with err set: the text
 * does not read, which an index of it rules out unless it was forged). */
const struct abg_model *
abg_baseline_source_full(struct abg_baseline_source *src,
			 struct abg_error *err);
/* Has the whole baseline been read? */
bool abg_baseline_source_has_full(const struct abg_baseline_source *src);

/* The names a unit's model asks the baseline about (arrays point into the
 * unit's model; free with abg_baseline_wants_free()). */
void abg_baseline_wants_of(const struct abg_model *unit,
			   struct abg_baseline_wants *w);
void abg_baseline_wants_free(struct abg_baseline_wants *w);

/* The part of the baseline that `w` needs, read through the index (the
 * caller frees it), or NULL when there is no usable index. */
struct abg_model *abg_baseline_source_part(struct abg_baseline_source *src,
					   const struct abg_baseline_wants *w);

/* How the baseline was read, for benchmarks and tests: "index",
 * "index built", or why there is no index ("no cache", "index damaged
 * (hash)", ...). */
const char *abg_baseline_source_status(const struct abg_baseline_source *src);
/* Lines of the text the last abg_baseline_source_part() read. */
size_t abg_baseline_source_lines_read(const struct abg_baseline_source *src);

/*
 * The content hash (abg_content_hash()) of the baseline at `path`, for
 * digests of a build's inputs: the hash its cached index recorded when
 * the index is this file's (nothing else is read), else the hash of the
 * text read whole. Returns 0, or -1 with err set when it cannot be read.
 */
int abg_baseline_content_digest(const char *path, const char *cache_dir,
				uint64_t *out, struct abg_error *err);

/*
 * The whole baseline at `path`, as abg_baseline_load() reads it. With a
 * cache directory (NULL: none), its image is looked up there by the text's
 * content hash (abiguard/baseline_image.h) and loaded instead of parsing
 * the text; when there is none, the text is parsed and its image stored
 * for the next tool. *status says which: "image", "image built", "no
 * cache", ... Returns 0, or -1 with err set: the errors of the text.
 */
int abg_baseline_load_cached(const char *path, const char *cache_dir,
			     struct abg_model **out, const char **status,
			     struct abg_error *err);

/* The cache directory of the environment: $ABIGUARD_CACHE_DIR ("off" or
 * empty: none), else $XDG_CACHE_HOME/abiguard, else $HOME/.cache/abiguard;
 * NULL when none. The string is static or the environment's. */
const char *abg_baseline_cache_dir(struct abg_strbuf *scratch);

#ifdef __cplusplus
}
#endif
#endif
