/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Merging the summaries of a library's translation units into the model of
 * the whole library. It works on models only: the summaries arrive already
 * parsed (abiguard/serialize.h), so the merger does not know the text.
 */
#ifndef ABIGUARD_MERGE_H
#define ABIGUARD_MERGE_H

#include "abiguard/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Merge summary `from` (one TU) into `into` (the library): types are unified
 * by name, declarations deduplicated by (kind, symbol). Returns the number
 * of conflicts found (same named type defined differently, same symbol
 * declared with different types); each is reported through on_conflict
 * (may be NULL).
 */
typedef void (*abg_merge_conflict_fn)(void *ctx, const char *what,
				      struct abg_location first,
				      struct abg_location second);
int abg_model_merge(struct abg_model *into, const struct abg_model *from,
		    abg_merge_conflict_fn on_conflict, void *ctx);

/*
 * The same for many summaries in a row (a library's units): the merger
 * indexes what `into` holds once and keeps the index current, which
 * abg_model_merge() would rebuild on every call. `into` must change only
 * through the merger while it lives.
 */
struct abg_merger;
struct abg_merger *abg_merger_new(struct abg_model *into,
				  abg_merge_conflict_fn on_conflict, void *ctx);
int abg_merger_add(struct abg_merger *merger, const struct abg_model *from);
void abg_merger_free(struct abg_merger *merger);

#ifdef __cplusplus
}
#endif
#endif
