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
 * with the same "struct NAME", "union NAME" or "enum NAME". The filter
 * drops a block when it is byte for byte the block of the first summary
 * that described that type: the unit then only refers to the type by name,
 * and the merger takes the definition it already holds, which is the same.
 * A block that differs in any byte is kept, so conflicts
 * (type-differs-between-units) are found exactly as before. Typedefs and
 * every other line are always kept. The text syntax is not changed: the
 * filter reads only the first two words of a line.
 */
#ifndef ABIGUARD_TYPE_BLOCKS_H
#define ABIGUARD_TYPE_BLOCKS_H

#include "abiguard/util.h"

#ifdef __cplusplus
extern "C" {
#endif

struct abg_type_blocks {
	struct abg_hash first; /* "KIND NAME" -> struct abg_type_block_text */
	struct abg_arena arena;
	size_t dropped_bytes; /* for the curious: how much was not read */
};

void abg_type_blocks_init(struct abg_type_blocks *b);

/*
 * Write into out the summary text without the type blocks already seen,
 * identical, in an earlier summary of the same library; remember the
 * blocks seen for the first time. Summaries must be filtered in the order
 * they are merged. A type with more than one block in the same summary is
 * never dropped.
 */
void abg_type_blocks_filter(struct abg_type_blocks *b, const char *text,
			    size_t len, struct abg_strbuf *out);

void abg_type_blocks_free(struct abg_type_blocks *b);

#ifdef __cplusplus
}
#endif
#endif
