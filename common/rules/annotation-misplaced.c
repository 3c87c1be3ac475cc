/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * annotation-misplaced: an abiguard.h annotation the front end ignored,
 * because it is unknown or written where it means nothing. The front ends
 * record each one where they read it (abg_annotation_read has the words);
 * this rule reports them, so that every front end shows them alike.
 */
#include "abiguard/rules.h"

static void check(struct abg_check_ctx *ctx)
{
	const struct abg_model *m = ctx->current;
	for (size_t i = 0; m && i < m->nannotation_problems; i++) {
		const struct abg_annotation_problem *p =
			&m->annotation_problems[i];
		abg_rule_emit(ctx, abg_rule_report(ctx, p->loc, NULL, "%s",
						   p->message));
	}
}

const struct abg_rule abg_rule_annotation_misplaced = {
	.id = "annotation-misplaced",
	.summary = "An abiguard.h annotation is unknown, or written where it "
		   "means nothing (ABIGUARD_RESERVED on a function, "
		   "ABIGUARD_APPEND_ONLY on a struct); it is ignored.",
	.why = "The promise the header means to make is not made: the checks "
	       "judge the type or declaration without it, and the baseline "
	       "does not record it.",
	.when_not =
		"Annotations where they belong (see abiguard-annotations(7)); "
		"ABIGUARD_NODE, which is judged with the version script. "
		"An annotation in a declaration of a struct, union or "
		"enum without members is ignored by GCC without a word, "
		"and by the Clang front ends with this finding.",
	.action = "move the annotation to where it belongs, or fix its "
		  "spelling (use the macros of abiguard.h)",
	.severity = ABG_SEVERITY_WARNING,
	.scopes = ABG_SCOPE_TU,
	.check = check,
};
