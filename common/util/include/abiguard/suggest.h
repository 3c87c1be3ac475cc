/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * "Did you mean": the known name nearest to a misspelt one. Used for rule
 * names in options, config files and NOLINT comments. The lists of names
 * come from the layer that owns them (the rules), passed down as a
 * NULL-terminated array, so this layer knows no rule.
 */
#ifndef ABIGUARD_SUGGEST_H
#define ABIGUARD_SUGGEST_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Levenshtein distance (insert, delete, substitute: 1 each). */
size_t abg_edit_distance(const char *a, const char *b);

/* Is name one of known[] (NULL-terminated)? */
bool abg_name_known(const char *name, const char *const *known);

/*
 * The name of known[] nearest to `name`, when it is near enough to be what
 * was meant (a few edits, relative to the length), else NULL.
 */
const char *abg_suggest(const char *name, const char *const *known);

#ifdef __cplusplus
}
#endif
#endif
