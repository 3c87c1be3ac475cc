/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * released-variable-changed: an exported variable of a released node
 * changed its type or size.
 */
#include "abiguard/rules.h"

#include <inttypes.h>
#include <stdlib.h>

/* Only the size changed: the declared type is the same. */
static bool size_only(const struct abg_layout_diff *d)
{
	return d->nchanges == 1 &&
	       d->changes[0].kind == ABG_CHANGE_VARIABLE_SIZE;
}

/*
 * A unit that sees only "extern int table[];" does not know the bound the
 * definition gives: the declaration is compatible with any (C11 6.2.7).
 */
static bool bound_left_out(const struct abg_check_ctx *ctx,
			   const struct abg_symbol *s,
			   const struct abg_symbol *b)
{
	const struct abg_type *now = abg_model_type(ctx->current, s->type);
	const struct abg_type *was = abg_model_type(ctx->baseline, b->type);
	return s->declared_only && now && was && now->kind == ABG_TYPE_ARRAY &&
	       was->kind == ABG_TYPE_ARRAY && now->count < 0 &&
	       !abg_signature_changed(ctx->baseline, was->target, ctx->current,
				      now->target);
}

static void check_symbol(struct abg_check_ctx *ctx, const struct abg_symbol *s)
{
	const struct abg_symbol *b =
		abg_model_find_symbol(ctx->baseline, s->name, s->node, true);
	if (!b || !abg_ctx_symbol_frozen(ctx, b))
		return;
	/* Without the bound, only the sizes can be compared. */
	bool typed = !bound_left_out(ctx, s, b);
	struct abg_layout_diff diff = {0};
	abg_variable_diff(ctx->baseline, typed ? b->type : 0, b->size,
			  ctx->current, typed ? s->type : 0, s->size, &diff);
	if (diff.nchanges == 0)
		return;
	char *was = abg_ctx_spell(ctx->baseline, b->type);
	char *now = abg_ctx_spell(ctx->current, s->type);
	const char *in = s->node ? "released node '"
				 : "the released base "
				   "version";
	const char *node = s->node ? s->node : "";
	const char *close = s->node ? "'" : "";
	struct abg_finding *f =
		!size_only(&diff)
			? abg_rule_report_changes(
				  ctx, s->loc, s->node, s->name, &diff,
				  "type of exported variable '%s' changed "
				  "from '%s' to '%s' in %s%s%s",
				  s->name, was, now, in, node, close)
			: abg_rule_report_changes(
				  ctx, s->loc, s->node, s->name, &diff,
				  "size of exported variable '%s' changed "
				  "from %" PRIu64 " to %" PRIu64
				  " bytes in %s%s%s",
				  s->name, b->size, s->size, in, node, close);
	abg_ctx_note_changes(ctx, f, &diff);
	if (f) {
		struct abg_strbuf what = {0};
		abg_strbuf_printf(&what, "'%s%s%s' as '%s'", s->name,
				  s->node ? "@@" : "", node, was);
		abg_ctx_note_baseline(f, b->loc, what.data);
		abg_strbuf_free(&what);
		if (s->node)
			abg_finding_note(f, (struct abg_location){0},
					 "programs linked against '%s' have "
					 "copy relocations of the old size; "
					 "export the new variable under a new "
					 "name or a new node",
					 s->node);
		else
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
		if (s->kind == ABG_SYMBOL_VARIABLE && s->is_default)
			check_symbol(ctx, s);
	}
}

const struct abg_rule abg_rule_released_variable_changed = {
	.id = "released-variable-changed",
	.summary = "An exported variable of a released node (or with only the "
		   "base version, the soname's) changed its type or size.",
	.why = "Executables that use the variable hold a copy relocation of "
	       "the size recorded at link time; a bigger variable is "
	       "truncated, a different type is misread.",
	.when_not = "Variables of open nodes; changes that keep the type's "
		    "ABI (typedef renames, qualifiers).",
	.action = "new version node (or a new variable name); or a soname bump",
	.severity = ABG_SEVERITY_ERROR,
	.scopes = ABG_SCOPE_TU | ABG_SCOPE_LIBRARY,
	.check = check,
};
