/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * type-differs-between-units: two translation units of the same library
 * saw different definitions of one type or declarations of one symbol.
 */
#include "abiguard/rules.h"

static void check(struct abg_check_ctx *ctx)
{
	for (size_t i = 0; i < ctx->current->nconflicts; i++) {
		const struct abg_conflict *c = &ctx->current->conflicts[i];
		struct abg_finding *f = abg_rule_report(
			ctx, c->second, NULL,
			"%s differs between translation units of this library",
			c->what);
		if (!f)
			continue;
		abg_finding_note(f, c->first, "another unit saw it like this");
		abg_finding_note(f, (struct abg_location){0},
				 "look for different -D, -m, packing or "
				 "_FILE_OFFSET_BITS flags between the units");
		abg_rule_emit(ctx, f);
	}
}

const struct abg_rule abg_rule_type_differs_between_units = {
	.id = "type-differs-between-units",
	.summary = "Two translation units of the library disagree about a "
		   "type's layout or a symbol's type.",
	.why = "The library then has no single ABI: callers and the code "
	       "behind different entry points exchange the same type with "
	       "different layouts (typically after different -D, -m32, "
	       "_FILE_OFFSET_BITS or pragma pack settings per file).",
	.when_not = "Types that are opaque in some units and defined in "
		    "others; identical definitions; a declaration a unit "
		    "only sees without defining it (each unit's summary "
		    "carries the types of what it defines).",
	.action = "build every unit with the same ABI-relevant flags",
	.severity = ABG_SEVERITY_ERROR,
	.scopes = ABG_SCOPE_LIBRARY,
	.check = check,
};
