/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * released-signature-changed: a function of a released version node changed
 * its signature, and its default version did not move to a new node.
 */
#include "abiguard/rules.h"

#include <stdlib.h>
#include <string.h>

/* What to do: new default version in a new node, old one kept as compat. */
static void note_fix(struct abg_check_ctx *ctx, struct abg_finding *f,
		     const struct abg_symbol *s)
{
	struct abg_strbuf node = {0};
	abg_ctx_suggest_node_for(ctx, s->node, &node);
	const char *parent = abg_ctx_newest_released(ctx);
	abg_finding_note(f, (struct abg_location){0},
			 "give the new signature a new default version: list "
			 "'%s' in node '%s' (%s { global: %s; } %s;) so that "
			 "it becomes '%s@@%s'",
			 s->name, node.data, node.data, s->name,
			 parent ? parent : "", s->name, node.data);
	abg_finding_note(f, (struct abg_location){0},
			 "and keep the old ABI for programs linked against "
			 "'%s': __asm__(\".symver %s_compat, %s@%s\");",
			 s->node, s->name, s->name, s->node);
	abg_strbuf_free(&node);
}

static struct abg_finding *report_change(struct abg_check_ctx *ctx,
					 const struct abg_symbol *s,
					 const struct abg_layout_diff *diff)
{
	if (!s->node)
		return abg_rule_report_changes(
			ctx, s->loc, NULL, s->name, diff,
			"signature of '%s' changed, but it is still exported "
			"with only the base version, which is released",
			s->name);
	return abg_rule_report_changes(
		ctx, s->loc, s->node, s->name, diff,
		"signature of '%s' changed, but its default version is still "
		"'%s@@%s' in released node '%s'",
		s->name, s->name, s->node, s->node);
}

/*
 * What a unit's symbol is compared with: the baseline's type of it; but a
 * unit that sees only the header's declaration compares it with what the
 * header said, when the baseline records that the header and the
 * exported definition differ (declaration-differs-from-definition judges
 * that mismatch, once).
 */
static abg_type_id recorded_type(const struct abg_check_ctx *ctx,
				 const struct abg_symbol *s,
				 const struct abg_symbol *b)
{
	const struct abg_api_entry *e =
		s->declared_only ? abg_model_find_api(ctx->baseline, s->name)
				 : NULL;
	return e && e->header_type ? e->header_type : b->type;
}

static void check_symbol(struct abg_check_ctx *ctx, const struct abg_symbol *s)
{
	const struct abg_symbol *b =
		abg_model_find_symbol(ctx->baseline, s->name, s->node, true);
	if (!b || !b->type || !abg_ctx_symbol_frozen(ctx, b))
		return;
	abg_type_id want = recorded_type(ctx, s, b);
	struct abg_layout_diff diff = {0};
	abg_signature_diff(ctx->baseline, want, ctx->current, s->type, &diff);
	if (diff.nchanges == 0) {
		abg_layout_diff_free(&diff);
		return;
	}
	char *was = abg_ctx_spell(ctx->baseline, want);
	char *now = abg_ctx_spell(ctx->current, s->type);
	struct abg_finding *f = report_change(ctx, s, &diff);
	if (f) {
		abg_ctx_note_changes(ctx, f, &diff);
		struct abg_strbuf what = {0};
		abg_strbuf_printf(&what, "'%s%s%s' as '%s'; it is now '%s'",
				  s->name, s->node ? "@@" : "",
				  s->node ? s->node : "", was, now);
		abg_ctx_note_baseline(f, b->loc, what.data);
		abg_strbuf_free(&what);
		/* a source-only change needs no new version */
		if (abg_layout_diff_has_binary(&diff) && s->node)
			note_fix(ctx, f, s);
		else if (abg_layout_diff_has_binary(&diff))
			abg_ctx_note_base_version_fix(ctx, f, s->name);
	}
	abg_rule_emit(ctx, f);
	abg_layout_diff_free(&diff);
	free(was);
	free(now);
}

static void check(struct abg_check_ctx *ctx)
{
	if (!ctx->baseline)
		return;
	for (size_t i = 0; i < ctx->current->nsymbols; i++) {
		const struct abg_symbol *s = &ctx->current->symbols[i];
		if (s->kind == ABG_SYMBOL_FUNCTION && s->is_default && s->type)
			check_symbol(ctx, s);
	}
}

const struct abg_rule abg_rule_released_signature_changed = {
	.id = "released-signature-changed",
	.summary = "A function in a released version node (or exported with "
		   "only the base version, the soname's) changed its "
		   "signature without moving to a new node.",
	.why = "Programs linked against the released node call the function "
	       "with the old parameter and return types; the new code reads "
	       "its arguments from the wrong registers or stack slots.",
	.when_not = "Changes that keep the ABI (parameter names, top-level "
		    "qualifiers, typedef renames of the same type), functions "
		    "in open nodes, functions whose default version moved "
		    "to a new node, a library whose soname changed. A changed "
		    "typedef or struct the signature names is reported once, "
		    "by released-type-changed. A source-only change (const on "
		    "a pointee) and a change of an internal entry point are "
		    "warnings.",
	.action = "new version node: give the function a new default version "
		  "name@@NEW and keep name@OLD as a compat symbol with the old "
		  "signature; or a soname bump",
	.severity = ABG_SEVERITY_ERROR,
	.scopes = ABG_SCOPE_TU | ABG_SCOPE_LIBRARY,
	.check = check,
};
