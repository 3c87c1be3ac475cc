/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The text form of a model, used for two things:
 *   - the baseline file committed next to a library (soname, target, version
 *     nodes, versioned symbols with their types, and the definitions of the
 *     types they reach; no source locations, so moving a declaration in a
 *     header does not touch the baseline);
 *   - the per-TU summary embedded in object files (declarations with source
 *     locations, .symver directives, the types they reach).
 * The format is specified in docs/baseline-format.md. Writing is
 * deterministic to the byte; reading what was written and writing it again
 * gives the same bytes. The reader treats its input as untrusted.
 */
#ifndef ABIGUARD_SERIALIZE_H
#define ABIGUARD_SERIALIZE_H

#include "abiguard/model.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ABG_FORMAT_VERSION 1

enum abg_text_kind {
	ABG_TEXT_BASELINE = 1,
	ABG_TEXT_SUMMARY,
};

/*
 * Append the text of m to out. For a baseline, regenerate_command is written
 * into the header ("# Regenerate with: ..."); NULL writes a generic hint.
 * The model is not modified; output order does not depend on insertion order.
 */
void abg_model_write(const struct abg_model *m, enum abg_text_kind kind,
		     const char *regenerate_command, struct abg_strbuf *out);

/*
 * Parse text read from `path` (used in error messages and, for baselines,
 * as the file of every symbol's and type's location, so that diagnostics can
 * point at the baseline line). Returns 0, or -1 with err set (file, line).
 */
int abg_model_read(const char *path, const char *text, size_t len,
		   enum abg_text_kind kind, struct abg_model **out,
		   struct abg_error *err);

/* Convenience: read a baseline file / write one atomically. */
int abg_baseline_load(const char *path, struct abg_model **out,
		      struct abg_error *err);
int abg_baseline_save(const char *path, const struct abg_model *m,
		      const char *regenerate_command, struct abg_error *err);

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
