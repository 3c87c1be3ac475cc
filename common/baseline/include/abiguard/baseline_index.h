/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The baseline index: where in a baseline text each record is, by what it
 * is about (a symbol's name, a type's name), so that a compile reads the
 * lines its unit needs instead of the whole text.
 *
 * The index is derived data, built from one text by reading it whole; it
 * names that file by its identity (device, inode, size, modification and
 * change times) and is cached, never committed (baseline_cache.h). A
 * compile reads only the parts of it, and of the text, that its unit
 * needs, so neither is hashed whole; instead everything read is checked:
 * the header and every slot carry their own hash, every count and offset
 * is bounds checked, every run of text read must have the hash the index
 * recorded for it, and is read by the text's own parsers and must be the
 * record of the key asked for. Any doubt and the caller reads the
 * text instead. docs/architecture.md section 6.
 */
#ifndef ABIGUARD_BASELINE_INDEX_H
#define ABIGUARD_BASELINE_INDEX_H

#include "abiguard/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* 64-bit content hash (4 lanes of 64-bit multiply-rotate, read 32 bytes
 * at a time: the text is hashed in every compile, so it must run at
 * memory speed). Not cryptographic. */
uint64_t abg_content_hash(const void *data, size_t len);

/* Bytes to read from: a file (fd >= 0, read with pread: nothing is
 * mapped, so a file truncated under a compile cannot crash it) or memory. */
struct abg_bytes {
	int fd;
	const char *mem;
	uint64_t size;
};

/* Which file a text is, as stat() says: an index is used only for the
 * very file it was built from, unchanged (any write moves ctime). */
struct abg_text_identity {
	uint64_t dev, ino, size;
	uint64_t mtime_s, mtime_ns, ctime_s, ctime_ns;
};

/*
 * Read the baseline text whole (as abg_model_read() does) and write its
 * index, for the file `id` (NULL: none, for tests), to *index. Returns 0
 * with *model set, or -1 with err set when the text is not a valid
 * baseline (then there is no index).
 */
int abg_baseline_index_build(const char *path, const char *text, size_t len,
			     const struct abg_text_identity *id,
			     struct abg_model **model, struct abg_strbuf *index,
			     struct abg_error *err);

struct abg_baseline_index;

/*
 * Check an index's header against the text it claims to index (whose
 * identity is `id`, NULL: the index must have been built without one).
 * Reads only the header: the rest is read, and checked, as it is used.
 * Returns NULL, with *why saying what is wrong, when the bytes are not an
 * index of this text. Neither source is copied: both must outlive ix.
 */
struct abg_baseline_index *
abg_baseline_index_open(struct abg_bytes index, struct abg_bytes text,
			const struct abg_text_identity *id, const char **why);
void abg_baseline_index_free(struct abg_baseline_index *ix);
/* The content hash of the whole text, recorded when the index was built. */
uint64_t abg_baseline_index_text_hash(const struct abg_baseline_index *ix);
/* How many keys (symbols, API entries, types) the index has. */
uint64_t abg_baseline_index_keys(const struct abg_baseline_index *ix);

/* What a unit asks of the baseline: the names of the symbols and API
 * entries it declares, the names of the types it has. */
struct abg_baseline_wants {
	const char **symbols;
	size_t nsymbols;
	const char **types;
	size_t ntypes;
};

/*
 * The part of the baseline a unit needs: every eager line (magic, soname,
 * target, nodes, base types), the lines of each wanted symbol and type, and
 * of every type those reach. Locations are the text's lines, as in a full
 * read. Returns NULL with err set when a line is not what the index says
 * (the caller then reads the text).
 */
struct abg_model *abg_baseline_index_read(struct abg_baseline_index *ix,
					  const char *path,
					  const struct abg_baseline_wants *w,
					  struct abg_error *err);

/* The lines read by the last abg_baseline_index_read(), for benchmarks. */
size_t abg_baseline_index_lines_read(const struct abg_baseline_index *ix);

#ifdef __cplusplus
}
#endif
#endif
