/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "abiguard/suggest.h"

#include <stdlib.h>
#include <string.h>

/* Names compared here are rule ids, a few dozen bytes; longer input is cut
 * so that a hostile 20 MB value costs no more than a short one. */
#define NAME_MAX_COMPARED 128

size_t abg_edit_distance(const char *a, const char *b)
{
	size_t na = strnlen(a, NAME_MAX_COMPARED);
	size_t nb = strnlen(b, NAME_MAX_COMPARED);
	size_t row[NAME_MAX_COMPARED + 1];
	for (size_t j = 0; j <= nb; j++)
		row[j] = j;
	for (size_t i = 1; i <= na; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[nb];
}

bool abg_name_known(const char *name, const char *const *known)
{
	for (size_t i = 0; known && known[i]; i++)
		if (strcmp(name, known[i]) == 0)
			return true;
	return false;
}

const char *abg_suggest(const char *name, const char *const *known)
{
	/* A third of the name, at least two edits: "releasd-type-chaged" is
	 * caught, "bugprone-foo" is not taken for a rule. */
	size_t limit = strnlen(name, NAME_MAX_COMPARED) / 3;
	if (limit < 2)
		limit = 2;
	const char *best = NULL;
	size_t best_distance = limit + 1;
	size_t n = strnlen(name, NAME_MAX_COMPARED);
	for (size_t i = 0; known && known[i]; i++) {
		/* The lengths alone bound the distance: most names are
		 * ruled out without the quadratic part (a header may hold
		 * thousands of NOLINT comments for other tools). */
		size_t m = strnlen(known[i], NAME_MAX_COMPARED);
		if ((n > m ? n - m : m - n) >= best_distance)
			continue;
		size_t d = abg_edit_distance(name, known[i]);
		if (d < best_distance) {
			best = known[i];
			best_distance = d;
		}
	}
	return best;
}
