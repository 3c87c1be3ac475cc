/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * See abiguard/type_blocks.h. Two passes over each summary: the first cuts
 * it into runs of lines and counts the runs of every type, the second
 * copies what is kept. Blocks are compared in full (no hash stands for the
 * text), so a dropped block is always an exact repetition.
 */
#include "abiguard/type_blocks.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* text NULL: the first summary that described the type did so in more
 * than one run; nothing is compared with it, nothing of it is dropped. */
struct abg_type_block_text {
	const char *text;
	size_t len;
};

/* One run of lines: a type block (key set) or other lines (key NULL). */
struct run {
	const char *start;
	size_t len;
	const char *key; /* "KIND NAME", in the arena; NULL: not a type */
};

struct runs {
	struct run *items;
	size_t count, cap;
};

void abg_type_blocks_init(struct abg_type_blocks *b)
{
	memset(b, 0, sizeof *b);
}

void abg_type_blocks_free(struct abg_type_blocks *b)
{
	abg_hash_free(&b->first);
	abg_arena_free(&b->arena);
}

static const char *line_end(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	return nl ? nl + 1 : end;
}

/* Length of "KIND NAME" at the start of [p, end) when KIND is struct,
 * union or enum and NAME is not empty; 0 otherwise. */
static size_t type_key_len(const char *p, const char *end)
{
	static const char *const kinds[] = {"struct ", "union ", "enum "};
	size_t avail = (size_t)(end - p);
	for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
		size_t n = strlen(kinds[k]);
		if (avail <= n || memcmp(p, kinds[k], n) != 0)
			continue;
		size_t i = n;
		while (i < avail && p[i] != ' ' && p[i] != '\n' && p[i])
			i++;
		return i > n ? i : 0;
	}
	return 0;
}

static bool same_key(const struct run *r, const char *p, size_t n)
{
	return r->key && strlen(r->key) == n && memcmp(r->key, p, n) == 0;
}

/* Cut text into runs; a type line continues the previous run when it has
 * the same key, any other line continues a run of other lines. */
static void cut_runs(struct abg_arena *arena, const char *text, size_t len,
		     struct runs *out)
{
	const char *end = text + len;
	for (const char *p = text; p < end;) {
		const char *next = line_end(p, end);
		size_t n = type_key_len(p, next);
		struct run *last = out->count ? &out->items[out->count - 1] : NULL;
		if (last && (n ? same_key(last, p, n) : !last->key)) {
			last->len += (size_t)(next - p);
		} else {
			struct run *r = ABG_PUSH(out->items, out->count,
						 out->cap);
			r->start = p;
			r->len = (size_t)(next - p);
			r->key = n ? abg_arena_strndup(arena, p, n) : NULL;
		}
		p = next;
	}
}

/* Marks in `split` the keys with more than one run in this summary. */
static void find_split_types(const struct runs *runs, struct abg_hash *seen,
			     struct abg_hash *split)
{
	for (size_t i = 0; i < runs->count; i++) {
		const char *key = runs->items[i].key;
		if (!key)
			continue;
		if (abg_hash_contains(seen, key))
			abg_hash_put(split, key, (void *)key);
		else
			abg_hash_put(seen, key, (void *)key);
	}
}

static void remember(struct abg_type_blocks *b, const char *key,
		     const char *text, size_t len)
{
	struct abg_type_block_text *first =
		abg_arena_alloc(&b->arena, sizeof *first);
	if (text) {
		char *copy = abg_arena_alloc(&b->arena, len + 1);
		memcpy(copy, text, len);
		first->text = copy;
		first->len = len;
	}
	abg_hash_put(&b->first, abg_arena_strdup(&b->arena, key), first);
}

/* True when the run repeats the first block of its type; records the
 * run as that first block when there was none. */
static bool repeats_first(struct abg_type_blocks *b, const struct run *r,
			  bool split)
{
	const struct abg_type_block_text *first =
		abg_hash_get(&b->first, r->key);
	if (!first) {
		remember(b, r->key, split ? NULL : r->start, r->len);
		return false;
	}
	return !split && first->text && first->len == r->len &&
	       memcmp(first->text, r->start, r->len) == 0;
}

void abg_type_blocks_filter(struct abg_type_blocks *b, const char *text,
			    size_t len, struct abg_strbuf *out)
{
	struct abg_arena keys = {0};
	struct runs runs = {0};
	struct abg_hash seen = {0}, split = {0};
	cut_runs(&keys, text, len, &runs);
	find_split_types(&runs, &seen, &split);
	abg_strbuf_reset(out);
	for (size_t i = 0; i < runs.count; i++) {
		const struct run *r = &runs.items[i];
		if (r->key &&
		    repeats_first(b, r, abg_hash_contains(&split, r->key))) {
			b->dropped_bytes += r->len;
			continue;
		}
		abg_strbuf_append_n(out, r->start, r->len);
	}
	abg_hash_free(&split);
	abg_hash_free(&seen);
	free(runs.items);
	abg_arena_free(&keys);
}
