/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Deduplication of summaries across the units of one library, before they
 * are read. With an umbrella header every unit describes nearly every type
 * of the library, in the same words: 100 units of a 10,000-function
 * library repeat 2,600 type definitions 100 times each, nine tenths of the
 * text. Reading them again only for the merger to find them equal is
 * most of the post-link check's time.
 *
 * A type block is the run of consecutive lines of one summary that start
 * with the same "struct NAME", "union NAME" or "enum NAME"; a declaration
 * line ("decl KIND NAME[=SYMBOL] ...") is a block of its own, keyed by
 * kind and symbol as the merger keys it. The filter drops a block when it
 * is byte for byte the first block any earlier summary gave for that key:
 * merging it again would change nothing (the merger keeps the first
 * definition of a type; a declaration equal to the one that created the
 * library's entry adds no flag, no type and no location), and the unit
 * then only refers to the type by name. A type seen first as "opaque" has
 * a second block dropped the same way, its first definition (the one the
 * library took), and so does one defined first, its "opaque" line: with a
 * module header per unit, most units see a type of another module only
 * declared, and the unit that defines it comes later. A declaration of
 * unknown type ("decl func NAME public <unknown> at LOC": a unit that
 * only sees it in a header it implements) is dropped when the first block
 * of its symbol had each of its flags: merging it would only add flags the
 * library's entry has. Any other block that differs in any byte is kept,
 * so conflicts (type-differs-between-units) are found exactly as before.
 * Typedefs and every other line are always kept. The text syntax is not
 * changed: the filter reads only the first words of a line.
 */
#ifndef ABIGUARD_TYPE_BLOCKS_H
#define ABIGUARD_TYPE_BLOCKS_H

#include "abiguard/util.h"

#ifdef __cplusplus
extern "C" {
#endif

struct abg_type_blocks {
	struct abg_hash first; /* key -> struct abg_type_block_text */
	struct abg_arena arena;
	size_t dropped_bytes; /* for the curious: how much was not read */
	unsigned units;	      /* summaries filtered so far */
	/* The runs of lines of the summary being filtered: kept from one
	 * summary to the next, so the array grows once, not per summary. */
	struct abg_type_block_run *runs;
	size_t runs_cap;
};

void abg_type_blocks_init(struct abg_type_blocks *b);

/*
 * Write into out the summary text without the blocks already seen,
 * identical, in an earlier summary of the same library; remember the
 * blocks seen for the first time. Summaries must be filtered in the order
 * they are merged. A key with more than one block in the same summary is
 * never dropped there, and never compared with when it was so in the
 * first summary that had it.
 */
void abg_type_blocks_filter(struct abg_type_blocks *b, const char *text,
			    size_t len, struct abg_strbuf *out);

void abg_type_blocks_free(struct abg_type_blocks *b);

#ifdef __cplusplus
}
#endif
#endif
