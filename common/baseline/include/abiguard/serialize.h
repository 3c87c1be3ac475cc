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
 * Merging summaries into a library model is abiguard/merge.h.
 */
#ifndef ABIGUARD_SERIALIZE_H
#define ABIGUARD_SERIALIZE_H

#include "abiguard/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Baselines: 2 adds the API surface ("declared", "listed"); format 1 is
 * still read. Summaries are still format 1. */
#define ABG_FORMAT_VERSION 3
/* What a baseline without a library version is written as: format 3 only
 * added the `version` line, so the others keep their bytes. */
#define ABG_FORMAT_VERSION_NO_LIBRARY_VERSION 2
#define ABG_SUMMARY_FORMAT_VERSION 1
/* The most version nodes a baseline may have: as many as a version script
 * may (ABG_VSCRIPT_MAX_NODES), a hundred times what libraries use. */
#define ABG_BASELINE_MAX_NODES 20000u

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

#ifdef __cplusplus
}
#endif
#endif
