/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * symbol-removed: a symbol version the baseline records is gone from the
 * linked library, and the soname did not change.
 */
#include "abiguard/rules.h"

#include <string.h>

static bool present(const struct abg_model *cur, const struct abg_symbol *b)
{
	return abg_model_find_symbol(cur, b->name, b->node, true) ||
	       abg_model_find_symbol(cur, b->name, b->node, false);
}

static bool soname_changed(const struct abg_check_ctx *ctx)
{
	const char *old = ctx->baseline->soname, *now = ctx->current->soname;
	return old && now && strcmp(old, now) != 0;
}

static void report(struct abg_check_ctx *ctx, const struct abg_symbol *b)
{
	const char *v = b->node ? b->node : "";
	const char *at = b->node ? (b->is_default ? "@@" : "@") : "";
	const struct abg_symbol *moved =
		b->is_default ? abg_model_find_default(ctx->current, b->name)
			      : NULL;
	/* A default that lost its version is exported with the base version
	 * only: there is no node to name. */
	const char *to = moved && moved->node ? moved->node : NULL;
	struct abg_finding *f =
		moved ? abg_rule_report(ctx, b->loc, b->node,
					"'%s%s%s' is gone: the default version "
					"%s%s%s but no compat symbol '%s@%s' "
					"was kept",
					b->name, at, v, to ? "moved to '" : "",
					to ? to : "is now unversioned",
					to ? "'" : "", b->name, v)
		      : abg_rule_report(ctx, b->loc, b->node,
					"'%s%s%s' was removed but the soname "
					"'%s' did not change",
					b->name, at, v,
					ctx->current->soname
						? ctx->current->soname
						: "");
	if (!f)
		return;
	if (moved)
		abg_finding_note(f, (struct abg_location){0},
				 "keep the old implementation and export it "
				 "as a compat symbol: __asm__(\".symver "
				 "%s_compat, %s@%s\"); and keep '%s' listed in "
				 "'%s' in the version script",
				 b->name, b->name, v, b->name, v);
	else
		abg_finding_note(f, (struct abg_location){0},
				 "programs linked against '%s' fail to load; "
				 "removing a symbol needs a soname bump",
				 v[0] ? v : "the library");
	abg_rule_emit(ctx, f);
}

static void check(struct abg_check_ctx *ctx)
{
	if (!ctx->baseline || soname_changed(ctx))
		return;
	for (size_t i = 0; i < ctx->baseline->nsymbols; i++) {
		const struct abg_symbol *b = &ctx->baseline->symbols[i];
		/* Open nodes never shipped: their symbols may still go. */
		if (b->node && !abg_ctx_node_released(ctx, b->node))
			continue;
		if (!present(ctx->current, b))
			report(ctx, b);
	}
}

const struct abg_rule abg_rule_symbol_removed = {
	.id = "symbol-removed",
	.summary = "A symbol version recorded in the baseline is gone, and the "
		   "soname did not change.",
	.why = "Programs linked against the library refuse to start (or fail "
	       "at the first call) when a symbol version they need is missing.",
	.when_not =
		"Symbols of open nodes; a library whose soname changed (a new "
		"baseline starts); defaults that moved to a new node while "
		"the old version stayed as a compat symbol.",
	.action = "keep the symbol (as a compat symbol name@OLD if its default "
		  "moved), or bump the soname",
	.severity = ABG_SEVERITY_ERROR,
	.scopes = ABG_SCOPE_LIBRARY,
	.check = check,
};
