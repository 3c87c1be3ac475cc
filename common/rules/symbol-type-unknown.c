/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * symbol-type-unknown: the baseline records the type of an exported symbol,
 * but no unit built with the plugin defines it, so nothing about its
 * signature can be checked.
 */
#include "abiguard/rules.h"

/* Every unit built with the plugin declares what it sees of the public
 * headers. A library without any summary gets one finding for all its
 * symbols instead of one per symbol. */
static bool has_summaries(const struct abg_model *m)
{
	return m->ndecls > 0;
}

/* An exported symbol whose type the baseline records: the current model
 * has it, without a type. */
static bool type_unknown(const struct abg_check_ctx *ctx,
			 const struct abg_symbol *b)
{
	if (!b->type)
		return false; /* never known: defined in assembly, say */
	const struct abg_symbol *now = abg_model_find_symbol(
		ctx->current, b->name, b->node, b->is_default);
	return now && !now->type;
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

/*
 * No unit carries a summary (built without the plugin, with mode=off, or
 * a cache served such objects): nothing the baseline records a type for
 * can be checked, so the check must not pass. One finding, at the first
 * such symbol.
 */
static void report_no_summaries(struct abg_check_ctx *ctx)
{
	const struct abg_symbol *first = NULL;
	size_t count = 0;
	for (size_t i = 0; i < ctx->baseline->nsymbols; i++) {
		const struct abg_symbol *b = &ctx->baseline->symbols[i];
		if (type_unknown(ctx, b) && !count++)
			first = b;
	}
	if (!first)
		return;
	struct abg_finding *f = abg_rule_report(
		ctx, first->loc, first->node,
		"the library carries no abiguard summary, so the types the "
		"baseline records for '%s' and %zu more exported symbols "
		"cannot be checked",
		first->name, count - 1);
	if (!f)
		return;
	abg_finding_note(f, (struct abg_location){0},
			 "every unit was compiled without -fplugin=abiguard, "
			 "with mode=off, or its note was removed; a compiler "
			 "cache may have served such objects");
	abg_finding_note(f, (struct abg_location){0},
			 "rebuild the library with the plugin in check or "
			 "record mode");
	abg_rule_emit(ctx, f);
}

static void check(struct abg_check_ctx *ctx)
{
	if (!ctx->baseline)
		return;
	if (!has_summaries(ctx->current)) {
		report_no_summaries(ctx);
		return;
	}
	for (size_t i = 0; i < ctx->baseline->nsymbols; i++) {
		const struct abg_symbol *b = &ctx->baseline->symbols[i];
		if (type_unknown(ctx, b))
			report(ctx, b);
	}
}

const struct abg_rule abg_rule_symbol_type_unknown = {
	.id = "symbol-type-unknown",
	.summary =
		"The baseline records the type of an exported symbol, but no "
		"unit built with the plugin defines it.",
	.why = "The unit that defines it was compiled without the plugin, so "
	       "its signature and the types it reaches go unchecked, and a "
	       "refreshed baseline would lose the type it records.",
	.when_not = "Symbols whose type the baseline does not know either "
		    "(defined in assembly); missing symbols "
		    "(symbol-removed). A library without any summary gets "
		    "one finding for all its symbols.",
	.action = "compile the unit that defines the symbol with the plugin",
	.severity = ABG_SEVERITY_ERROR,
	.scopes = ABG_SCOPE_LIBRARY,
	.check = check,
};
