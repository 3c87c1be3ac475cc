/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Small utilities shared by every part of abiguard: an arena allocator (every
 * model, parsed file and ELF image owns one, so freeing is one call), a
 * growable string buffer, a string-keyed hash table and the error record that
 * parsers fill in ("file:line: message", exit status 2 at the top).
 */
#ifndef ABIGUARD_UTIL_H
#define ABIGUARD_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- arena ------------------------------------------------------------ */

struct abg_arena_block;
struct abg_arena {
	struct abg_arena_block *head;
};

void *abg_arena_alloc(struct abg_arena *arena, size_t size); /* zeroed */
char *abg_arena_strdup(struct abg_arena *arena, const char *s);
char *abg_arena_strndup(struct abg_arena *arena, const char *s, size_t n);
void abg_arena_free(struct abg_arena *arena);

/* ---- growable string -------------------------------------------------- */

struct abg_strbuf {
	char *data; /* always NUL-terminated once anything was appended */
	size_t len;
	size_t cap;
};

void abg_strbuf_append(struct abg_strbuf *sb, const char *s);
void abg_strbuf_append_n(struct abg_strbuf *sb, const char *s, size_t n);
void abg_strbuf_printf(struct abg_strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void abg_strbuf_vprintf(struct abg_strbuf *sb, const char *fmt, va_list ap);
const char *abg_strbuf_cstr(struct abg_strbuf *sb); /* "" when empty */
void abg_strbuf_reset(struct abg_strbuf *sb);	    /* keep capacity */
/* Room for extra more bytes and the NUL, made at once. */
void abg_strbuf_reserve(struct abg_strbuf *sb, size_t extra);
void abg_strbuf_free(struct abg_strbuf *sb);

/* ---- growable pointer/struct arrays ---------------------------------- */

/* Grow *items (of elem_size each) so that index *count can be written. */
void abg_grow(void **items, size_t *cap, size_t count, size_t elem_size);
/* abg_grow without zeroing the new room: for arrays whose every element
 * is written before it is read. */
void abg_grow_unzeroed(void **items, size_t *cap, size_t count,
		       size_t elem_size);
/* The capacity test is inline: pushes run per word and per token. */
#define ABG_PUSH(arr, count, cap)                                              \
	((count) < (cap)                                                       \
		 ? (void)0                                                     \
		 : abg_grow((void **)&(arr), &(cap), (count), sizeof *(arr)),  \
	 &(arr)[(count)++])

/* ABG_PUSH for an array whose pushed element is then assigned whole: the
 * room it grows by is not zeroed (a large array's zeroing was most of what
 * its growth cost). */
#define ABG_PUSH_UNZEROED(arr, count, cap)                                     \
	((count) < (cap) ? (void)0                                             \
			 : abg_grow_unzeroed((void **)&(arr), &(cap), (count), \
					     sizeof *(arr)),                   \
	 &(arr)[(count)++])

/* ---- string-keyed hash table (keys are not copied) ------------------- */

struct abg_hash_entry {
	const char *key;
	void *value;
};
struct abg_hash {
	struct abg_hash_entry *slots;
	/* The low half of each slot's abg_hash_string(key): probes compare
	 * it before the keys, resizes place entries without hashing. */
	uint32_t *hashes;
	size_t cap;
	size_t count;
};

uint64_t abg_hash_string(const char *s);
/* The same hash of the n bytes at s (no NUL needed). */
uint64_t abg_hash_string_n(const char *s, size_t n);
void *abg_hash_get(const struct abg_hash *h, const char *key);
/* The value of the key spelled by the n bytes at s, hashed as
 * abg_hash_string_n(s, n) did: readers look words up in place. */
void *abg_hash_get_n(const struct abg_hash *h, const char *s, size_t n,
		     uint64_t hash);
bool abg_hash_contains(const struct abg_hash *h, const char *key);
/* Insert or replace. */
void abg_hash_put(struct abg_hash *h, const char *key, void *value);
/* abg_hash_put with the key's hash already known. */
void abg_hash_put_hashed(struct abg_hash *h, const char *key, uint64_t hash,
			 void *value);
/* Room for count keys without a resize (a reader that knows its input's
 * size sizes its tables once). */
void abg_hash_reserve(struct abg_hash *h, size_t count);
void abg_hash_free(struct abg_hash *h);

/* The capacity an open-addressing table grows to for `count` entries and
 * one more at most three quarters full: `cap` (or `first` when the table
 * has none yet), doubled as often as that takes. */
size_t abg_table_room(size_t cap, size_t first, size_t count);

/* ---- errors ------------------------------------------------------------ */

/*
 * A fatal problem with an input (baseline, version script, ELF file, option).
 * Rendered as "file:line: error: message" (line omitted when 0); tools exit 2.
 */
struct abg_error {
	char file[512];
	unsigned line;
	char message[512];
};

/* Always returns -1 so that parsers can "return abg_error_set(...)". */
int abg_error_set(struct abg_error *err, const char *file, unsigned line,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* "file:line: error: message" into buf. */
const char *abg_error_format(const struct abg_error *err, char *buf,
			     size_t size);

/* ---- files ------------------------------------------------------------- */

/* Inputs larger than this are refused before they are read. */
#define ABG_MAX_INPUT_SIZE ((size_t)256 << 20)

/*
 * Open path for reading if it is a regular file of at most
 * ABG_MAX_INPUT_SIZE bytes: a FIFO would block, /dev/zero never ends, a
 * directory is a mistake. Returns a blocking descriptor, or -1 with err set
 * ("not a regular file (FIFO)").
 */
int abg_open_regular(const char *path, struct abg_error *err);
/* Read a whole file (NUL-terminated) opened as abg_open_regular() does.
 * Returns NULL and fills err on failure. */
char *abg_read_file(const char *path, size_t *len, struct abg_error *err);
/* size bytes at offset of fd, pread() until all are read or the file ends
 * (EINTR retried): the count read, size unless the file is shorter, or -1
 * with errno set. */
long long abg_pread_full(int fd, void *buf, size_t size, uint64_t offset);
/*
 * Write atomically: temp file in the same directory, fsync, rename. A crash
 * or a failed write leaves the previous file untouched.
 */
int abg_write_file_atomic(const char *path, const char *data, size_t len,
			  struct abg_error *err);

#ifdef __cplusplus
}
#endif
#endif
