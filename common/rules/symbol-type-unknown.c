/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * symbol-type-unknown: the baseline records the type of an exported symbol,
 * but no unit built with the plugin defines it, so nothing about its
 * signature can be checked.
 */
#include "abiguard/rules.h"

/* Every unit built with the plugin declares what it sees of the public
 * headers. A library without any summary gets one warning from the tools
 * instead of one finding per symbol. */
static bool has_summaries(const struct abg_model *m)
{
	return m->ndecls > 0;
}

static void report(struct abg_check_ctx *ctx, const struct abg_symbol *b)
{
	const char *at = b->node ? (b->is_default ? "@@" : "@") : "";
	const char *node = b->node ? b->node : "";
	struct abg_finding *f = abg_rule_report(
		ctx, b->loc, b->node,
		"'%s%s%s' is exported but no unit built with the plugin "
		"defines it, so its type cannot be checked",
		b->name, at, node);
	if (!f)
		return;
	/* The finding already points at the baseline line. */
	struct abg_strbuf type = {0};
	abg_type_spell(ctx->baseline, b->type, &type);
	abg_finding_note(f, (struct abg_location){0},
			 "the baseline records its type '%s'", type.data);
	abg_strbuf_free(&type);
	abg_finding_note(f, (struct abg_location){0},
			 "build the unit that defines '%s' with "
			 "-fplugin=abiguard (a file with its own CFLAGS, or "
			 "one the build generates, is easy to miss)",
			 b->name);
	abg_rule_emit(ctx, f);
}

static void check(struct abg_check_ctx *ctx)
{
	if (!ctx->baseline || !has_summaries(ctx->current))
		return;
	for (size_t i = 0; i < ctx->baseline->nsymbols; i++) {
		const struct abg_symbol *b = &ctx->baseline->symbols[i];
		if (!b->type)
			continue; /* never known: defined in assembly, say */
		const struct abg_symbol *now = abg_model_find_symbol(
			ctx->current, b->name, b->node, b->is_default);
		if (now && !now->type)
			report(ctx, b);
	}
}

const struct abg_rule abg_rule_symbol_type_unknown = {
	.id = "symbol-type-unknown",
	.summary = "The baseline records the type of an exported symbol, but no "
		   "unit built with the plugin defines it.",
	.why = "The unit that defines it was compiled without the plugin, so "
	       "its signature and the types it reaches go unchecked, and a "
	       "refreshed baseline would lose the type it records.",
	.when_not = "Symbols whose type the baseline does not know either "
		    "(defined in assembly); libraries without any summary "
		    "(check warns once instead); missing symbols "
		    "(symbol-removed).",
	.action = "compile the unit that defines the symbol with the plugin",
	.severity = ABG_SEVERITY_ERROR,
	.scopes = ABG_SCOPE_LIBRARY,
	.check = check,
};
