/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * compat-symbol-changed: a compat symbol name@OLD no longer has the ABI the
 * baseline records for name in OLD.
 */
#include "abiguard/rules.h"

#include <stdlib.h>

/* The baseline entry for (name, node): default or already compat. */
static const struct abg_symbol *recorded(const struct abg_model *baseline,
					 const struct abg_symbol *s)
{
	const struct abg_symbol *b =
		abg_model_find_symbol(baseline, s->name, s->node, true);
	return b ? b : abg_model_find_symbol(baseline, s->name, s->node, false);
}

static void check_symbol(struct abg_check_ctx *ctx, const struct abg_symbol *s)
{
	const struct abg_symbol *b = recorded(ctx->baseline, s);
	if (!b || !b->type ||
	    abg_abi_equivalent(ctx->baseline, b->type, ctx->current, s->type))
		return;
	char *was = abg_ctx_spell(ctx->baseline, b->type);
	char *now = abg_ctx_spell(ctx->current, s->type);
	struct abg_finding *f = abg_rule_report(
		ctx, s->loc, s->node,
		"compat symbol '%s@%s' has type '%s', which does not match "
		"the ABI recorded for '%s'",
		s->name, s->node, now, s->node);
	if (f) {
		struct abg_layout_diff diff = {0};
		abg_signature_diff(ctx->baseline, b->type, ctx->current,
				   s->type, &diff);
		abg_ctx_note_changes(ctx, f, &diff);
		abg_layout_diff_free(&diff);
		struct abg_strbuf what = {0};
		abg_strbuf_printf(&what, "'%s@%s%s' as '%s'", s->name,
				  b->is_default ? "@" : "", s->node, was);
		abg_ctx_note_baseline(f, b->loc, what.data);
		abg_strbuf_free(&what);
		abg_finding_note(
			f, (struct abg_location){0},
			"the compat implementation must keep the old "
			"signature and the old layouts of the types it "
			"uses");
	}
	abg_rule_emit(ctx, f);
	free(was);
	free(now);
}

static void check(struct abg_check_ctx *ctx)
{
	if (!ctx->baseline)
		return;
	for (size_t i = 0; i < ctx->current->nsymbols; i++) {
		const struct abg_symbol *s = &ctx->current->symbols[i];
		if (!s->is_default && s->node && s->type)
			check_symbol(ctx, s);
	}
}

const struct abg_rule abg_rule_compat_symbol_changed = {
	.id = "compat-symbol-changed",
	.summary =
		"A compat symbol name@OLD does not have the ABI the baseline "
		"records for OLD.",
	.why = "Programs linked against OLD bind to the compat symbol; if its "
	       "signature or the layout of its types changed, they break just "
	       "as if the default version had changed in place.",
	.when_not = "Compat symbols whose ABI matches the baseline (typedef "
		    "names, parameter names and qualifiers may differ).",
	.action = "build the compat implementation against the old signature "
		  "and old type layouts",
	.severity = ABG_SEVERITY_ERROR,
	.scopes = ABG_SCOPE_TU | ABG_SCOPE_LIBRARY,
	.check = check,
};
