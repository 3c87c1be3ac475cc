/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Suppression comments, spelled as clang-tidy spells them, so that editors
 * and reviewers already know them:
 *
 *   int f(long x);  // NOLINT(released-signature-changed): reason
 *   // NOLINTNEXTLINE(symbol-unversioned): reason
 *   // NOLINTBEGIN(enumerator-changed) ... // NOLINTEND(enumerator-changed)
 *
 * Without a rule list, NOLINT silences every rule on that line. Rule lists
 * are comma-separated and may use globs ("released-*").
 *
 * A name in a list that looks like one of abiguard's (abiguard-RULE, or
 * a few edits away from a rule id) but is none is a warning at that line,
 * with the nearest id: a misspelt NOLINT would otherwise suppress nothing
 * without a word. Globs and other tools' check names ("bugprone-*",
 * "clang-diagnostic-*") are left alone. Lines are read when a finding
 * points into their file, which is exactly when a misspelling matters.
 *
 * The filter sits between the rules and the real sink; it reads the source
 * line each finding points at (files relative to the project root, read
 * once each).
 */
#ifndef ABIGUARD_SUPPRESS_H
#define ABIGUARD_SUPPRESS_H

#include "abiguard/diag.h"

#ifdef __cplusplus
extern "C" {
#endif

struct abg_suppress_filter {
	struct abg_sink sink; /* give this one to the rules */
	struct abg_sink *next;
	char *root;
	struct abg_hash files; /* relative path -> struct source_file */
	size_t suppressed;
	const char *const *known_ids; /* NULL-terminated; NULL: no check */
};

void abg_suppress_init(struct abg_suppress_filter *f, struct abg_sink *next,
		       const char *root);
void abg_suppress_free(struct abg_suppress_filter *f);
/* Check the rule names of NOLINT lists against known_ids (the registry's
 * ids, passed down by the layer that owns them). */
void abg_suppress_know_rules(struct abg_suppress_filter *f,
			     const char *const *known_ids);
/*
 * Findings in `file` are not looked up in it: abiguard writes the file
 * (the baseline), so a comment there does not outlive the next update and
 * suppresses nothing. Spares reading megabytes of baseline for the
 * findings that point at its records (a removed symbol). NULL: nothing.
 */
void abg_suppress_generated(struct abg_suppress_filter *f, const char *file);
/* The id of the warning about an unknown name in a NOLINT list. */
#define ABG_NOLINT_UNKNOWN_RULE "nolint-unknown-rule"

/* Is rule_id suppressed on `line` (1-based) of the text? Exposed for tests. */
bool abg_suppressed_in_text(const char *text, unsigned line,
			    const char *rule_id);

#ifdef __cplusplus
}
#endif
#endif
