/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * See abiguard/type_blocks.h. Two passes over each summary: the first cuts
 * it into runs of lines, stepping over a repeated block with one memcmp
 * rather than line by line, and counts the runs of every key (one hash
 * lookup per run: the counts live in the key's entry, stamped with the
 * summary's number); the second copies what is kept. Blocks are compared
 * in full (no hash stands for the text), so a dropped block is always an
 * exact repetition.
 */
#include "abiguard/type_blocks.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* A block's text, copied out of the summary that had it first. */
struct abg_type_block_copy {
	const char *text; /* NULL: none */
	size_t len;
};

/*
 * One key. first.text NULL: no first block yet (the key was met first in
 * the summary being filtered), or the first summary that had the key gave
 * it more than one run: nothing is compared with it, nothing of it
 * dropped. `other` is the first block after it that differs, kept when
 * one of the two is the one line "KEY opaque" (see companion_of()).
 */
struct abg_type_block_text {
	struct abg_type_block_copy first;
	struct abg_type_block_copy other;
	bool settled;	    /* first (or its absence) is final */
	bool other_settled; /* other (or its absence) is final */
	unsigned unit;	    /* the summary `runs` counts in */
	unsigned runs;	    /* runs of the key in that summary */
};

/* One run of lines: a block (entry set) or other lines (entry NULL). */
struct abg_type_block_run {
	const char *start;
	size_t len;
	struct abg_type_block_text *entry;
	bool multi;    /* a type block: may span lines */
	bool repeated; /* found equal to the first block of its key */
};

struct runs {
	struct abg_type_block_run *items;
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
	free(b->runs);
}

static const char *line_end(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	return nl ? nl + 1 : end;
}

/* The length of the word at p: up to a space or the end of the line
 * (end is the line's end). */
static size_t word_len(const char *p, const char *end)
{
	const char *space = memchr(p, ' ', (size_t)(end - p));
	size_t n = (size_t)((space ? space : end) - p);
	return n && p[n - 1] == '\n' ? n - 1 : n;
}

static bool starts(const char *p, const char *end, const char *s, size_t n)
{
	return (size_t)(end - p) > n && memcmp(p, s, n) == 0;
}

/* A line's key: in the summary's text when its bytes are contiguous there
 * (every type line's, most declarations'), else in a scratch buffer. */
struct line_key {
	const char *data;
	size_t len;
};

/*
 * The key of the line [p, end): "struct NAME", "union NAME" or "enum NAME"
 * for a line of a type block (*multi set), "decl KIND SYMBOL" for a
 * declaration (SYMBOL: the assembler name, which the merger goes by).
 * Returns false for every other line. No copy unless the symbol is not
 * the name (NAME=SYMBOL): this runs for every line of every unit.
 */
static bool line_key(const char *p, const char *end, struct abg_strbuf *scratch,
		     struct line_key *key, bool *multi)
{
	static const struct {
		const char *s;
		size_t n;
	} kinds[] = {{"struct ", 7}, {"union ", 6}, {"enum ", 5}};
	for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
		size_t n = kinds[k].n;
		if (!starts(p, end, kinds[k].s, n))
			continue;
		size_t w = word_len(p + n, end);
		if (!w)
			return false;
		*key = (struct line_key){p, n + w};
		*multi = true;
		return true;
	}
	if (!starts(p, end, "decl ", 5))
		return false;
	const char *kind = p + 5;
	size_t kw = word_len(kind, end);
	const char *name = kind + kw + 1;
	if (!kw || name >= end || kind[kw] != ' ')
		return false;
	size_t nw = word_len(name, end);
	const char *eq = memchr(name, '=', nw);
	const char *symbol = eq ? eq + 1 : name;
	size_t sw = nw - (size_t)(symbol - name);
	if (!sw)
		return false;
	*multi = false;
	if (!eq) {
		*key = (struct line_key){p, 5 + kw + 1 + sw};
		return true;
	}
	abg_strbuf_reset(scratch);
	abg_strbuf_append_n(scratch, p, 5 + kw + 1);
	abg_strbuf_append_n(scratch, symbol, sw);
	*key = (struct line_key){scratch->data, scratch->len};
	return true;
}

/* The entry of key, created (unsettled) when the key is new. */
static struct abg_type_block_text *entry_of(struct abg_type_blocks *b,
					    const struct line_key *key)
{
	/* Hashed once; up to a NUL, as the table sees its keys. */
	size_t n = strnlen(key->data, key->len);
	uint64_t hash = abg_hash_string_n(key->data, n);
	struct abg_type_block_text *e =
		abg_hash_get_n(&b->first, key->data, n, hash);
	if (!e) {
		e = abg_arena_alloc(&b->arena, sizeof *e);
		abg_hash_put_hashed(&b->first,
				    abg_arena_strndup(&b->arena, key->data, n),
				    hash, e);
	}
	return e;
}

static void count_run(struct abg_type_blocks *b, struct abg_type_block_text *e)
{
	if (e->unit != b->units) {
		e->unit = b->units;
		e->runs = 0;
	}
	e->runs++;
}

/*
 * Does the first block of its key start at p, whole? Then the summary
 * need not be cut line by line there: the comparison is the cut. The
 * block must end at a line's end, and a type block must not go on.
 */
static bool repeats_at(const struct abg_type_block_copy *block, const char *p,
		       const char *end, bool multi, const struct line_key *key)
{
	if (!block->text || block->len > (size_t)(end - p) ||
	    memcmp(block->text, p, block->len) != 0)
		return false;
	const char *after = p + block->len;
	if (after == end)
		return true;
	if (after[-1] != '\n')
		return false;
	if (!multi)
		return true;
	/* A type block goes on when the next line has the same key. */
	size_t n = key->len;
	bool goes_on =
		(size_t)(end - after) >= n &&
		memcmp(after, key->data, n) == 0 &&
		(after + n == end || after[n] == ' ' || after[n] == '\n');
	return !goes_on;
}

static struct abg_type_block_run *push_run(struct runs *out, const char *p,
					   size_t len,
					   struct abg_type_block_text *entry,
					   bool multi)
{
	struct abg_type_block_run *r =
		ABG_PUSH_UNZEROED(out->items, out->count, out->cap);
	*r = (struct abg_type_block_run){p, len, entry, multi, false};
	return r;
}

/* Cut text into runs: a type line continues the run of the line before
 * when it has the same key; a declaration is a run of its own; other
 * lines continue a run of other lines. */
static void cut_runs(struct abg_type_blocks *b, const char *text, size_t len,
		     struct runs *out)
{
	const char *end = text + len;
	struct abg_strbuf scratch = {0};
	struct line_key key = {0}, last_key = {0};
	for (const char *p = text; p < end;) {
		const char *next = line_end(p, end);
		bool multi = false;
		bool keyed = line_key(p, next, &scratch, &key, &multi);
		struct abg_type_block_run *last =
			out->count ? &out->items[out->count - 1] : NULL;
		bool same = keyed && multi && last && last->multi &&
			    key.len == last_key.len &&
			    memcmp(key.data, last_key.data, key.len) == 0;
		if (same || (!keyed && last && !last->entry)) {
			/* A longer run than the one compared: compare again. */
			last->repeated = false;
			last->len += (size_t)(next - p);
			p = next;
			continue;
		}
		if (!keyed) {
			push_run(out, p, (size_t)(next - p), NULL, false);
			p = next;
			continue;
		}
		/* Only a type line's key is compared with the next line's,
		 * and it lies in the text, which outlives the loop. */
		last_key = multi ? key : (struct line_key){0};
		struct abg_type_block_text *e = entry_of(b, &key);
		count_run(b, e);
		const struct abg_type_block_copy *seen =
			repeats_at(&e->first, p, end, multi, &key)   ? &e->first
			: repeats_at(&e->other, p, end, multi, &key) ? &e->other
								     : NULL;
		if (seen) {
			push_run(out, p, seen->len, e, multi)->repeated = true;
			p += seen->len;
			continue;
		}
		push_run(out, p, (size_t)(next - p), e, multi);
		p = next;
	}
	abg_strbuf_free(&scratch);
}

static struct abg_type_block_copy copy_run(struct abg_type_blocks *b,
					   const struct abg_type_block_run *r)
{
	char *copy = abg_arena_alloc(&b->arena, r->len + 1);
	memcpy(copy, r->start, r->len);
	return (struct abg_type_block_copy){copy, r->len};
}

/* Settles a key met for the first time in this summary: its run becomes
 * the first block, unless the key has several runs here. */
static void settle(struct abg_type_blocks *b, struct abg_type_block_text *e,
		   const struct abg_type_block_run *r)
{
	e->settled = true;
	if (e->runs > 1)
		return;
	e->first = copy_run(b, r);
}

/* "KEY opaque": one line, the type only declared. */
static bool is_opaque_line(const char *text, size_t len)
{
	static const char word[] = " opaque";
	size_t n = sizeof word - 1;
	if (len && text[len - 1] == '\n')
		len--;
	return len > n && memcmp(text + len - n, word, n) == 0 &&
	       !memchr(text, '\n', len);
}

static bool same_text(const struct abg_type_block_copy *block,
		      const struct abg_type_block_run *r)
{
	return block->text && block->len == r->len &&
	       memcmp(block->text, r->start, r->len) == 0;
}

/*
 * The first block of a type kept after the first one (it differs) may
 * become the key's companion, dropped like the first when it comes again:
 * when the first was "opaque", the library took this definition, the
 * first it met (the merger replaces an opaque type by a definition and
 * keeps the first definition), and when this one is "opaque" it changes
 * nothing. Any other pair may be a conflict, reported for each unit that
 * has it, so it is never dropped; nor is anything after a block that did
 * not become the companion: the library may hold that one.
 */
static void companion_of(struct abg_type_blocks *b,
			 struct abg_type_block_text *e,
			 const struct abg_type_block_run *r)
{
	e->other_settled = true;
	if (e->runs > 1 || !e->first.text || !r->multi)
		return;
	if (is_opaque_line(e->first.text, e->first.len) ||
	    is_opaque_line(r->start, r->len))
		e->other = copy_run(b, r);
}

/* Of a declaration line "decl KIND NAME FLAGS TYPE [at LOC]", what
 * merging it can add to the library's entry: its flags ("-" for none),
 * and its type unless it is unknown. */
struct decl_words {
	const char *flags;
	size_t flags_len;
	bool type_unknown;
};

static bool decl_words(const char *p, size_t len, struct decl_words *out)
{
	const char *end = p + len;
	if (len && end[-1] == '\n')
		end--;
	const char *w = p;
	for (int skip = 0; skip < 3; skip++) {
		const char *space = memchr(w, ' ', (size_t)(end - w));
		if (!space)
			return false;
		w = space + 1;
	}
	const char *space = memchr(w, ' ', (size_t)(end - w));
	if (!space || space == w)
		return false;
	*out = (struct decl_words){w, (size_t)(space - w), false};
	static const char unknown[] = "<unknown>";
	const size_t n = sizeof unknown - 1;
	const char *type = space + 1;
	size_t rest = (size_t)(end - type);
	out->type_unknown = rest >= n && memcmp(type, unknown, n) == 0 &&
			    (rest == n || (rest > n + 4 &&
					   memcmp(type + n, " at ", 4) == 0));
	return true;
}

/* Is flag [f, f + n) one of the comma-separated list? */
static bool flag_listed(const char *f, size_t n, const char *list, size_t len)
{
	for (const char *p = list, *end = list + len; p < end;) {
		const char *comma = memchr(p, ',', (size_t)(end - p));
		const char *stop = comma ? comma : end;
		if ((size_t)(stop - p) == n && memcmp(p, f, n) == 0)
			return true;
		p = stop + 1;
	}
	return false;
}

static bool flags_within(const struct decl_words *mine,
			 const struct decl_words *theirs)
{
	const char *p = mine->flags, *end = p + mine->flags_len;
	if (mine->flags_len == 1 && *p == '-')
		return true;
	while (p < end) {
		const char *comma = memchr(p, ',', (size_t)(end - p));
		const char *stop = comma ? comma : end;
		if (!flag_listed(p, (size_t)(stop - p), theirs->flags,
				 theirs->flags_len))
			return false;
		p = stop + 1;
	}
	return true;
}

/*
 * A declaration of unknown type (a unit that only sees it) merges into
 * the library's entry for its symbol by adding its flags, nothing else
 * (abg_merger_add()); the entry has at least the flags of the key's first
 * block, which made it. With each of them there already, the line adds
 * nothing: with a module header per unit, the units that implement a
 * header list every other function it declares, after the unit that
 * defines one has described it.
 */
static bool adds_nothing(const struct abg_type_block_copy *first,
			 const struct abg_type_block_run *r)
{
	struct decl_words mine, theirs;
	return decl_words(r->start, r->len, &mine) && mine.type_unknown &&
	       decl_words(first->text, first->len, &theirs) &&
	       flags_within(&mine, &theirs);
}

/* True when the run repeats the first block of its key (or its
 * companion), or is a declaration that adds nothing to it: to be
 * dropped. */
static bool drops(struct abg_type_blocks *b, const struct abg_type_block_run *r)
{
	struct abg_type_block_text *e = r->entry;
	if (!e->settled) {
		settle(b, e, r);
		return false;
	}
	bool comparable = e->runs == 1 && e->first.text;
	if (comparable &&
	    (r->repeated || same_text(&e->first, r) || same_text(&e->other, r)))
		return true;
	if (comparable && !r->multi && adds_nothing(&e->first, r))
		return true;
	if (!e->other_settled)
		companion_of(b, e, r);
	return false;
}

void abg_type_blocks_filter(struct abg_type_blocks *b, const char *text,
			    size_t len, struct abg_strbuf *out)
{
	struct runs runs = {b->runs, 0, b->runs_cap};
	b->units++;
	cut_runs(b, text, len, &runs);
	abg_strbuf_reset(out);
	for (size_t i = 0; i < runs.count; i++) {
		const struct abg_type_block_run *r = &runs.items[i];
		if (r->entry && drops(b, r)) {
			b->dropped_bytes += r->len;
			continue;
		}
		abg_strbuf_append_n(out, r->start, r->len);
	}
	b->runs = runs.items;
	b->runs_cap = runs.cap;
}
