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
};

void abg_suppress_init(struct abg_suppress_filter *f, struct abg_sink *next,
		       const char *root);
void abg_suppress_free(struct abg_suppress_filter *f);

/* Is rule_id suppressed on `line` (1-based) of the text? Exposed for tests. */
bool abg_suppressed_in_text(const char *text, unsigned line,
			    const char *rule_id);

#ifdef __cplusplus
}
#endif
#endif
