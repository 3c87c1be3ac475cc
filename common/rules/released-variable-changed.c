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

static void check_symbol(struct abg_check_ctx *ctx, const struct abg_symbol *s)
{
	const struct abg_symbol *b =
		abg_model_find_symbol(ctx->baseline, s->name, s->node, true);
	if (!b || !abg_ctx_node_released(ctx, s->node))
		return;
	struct abg_layout_diff diff = {0};
	abg_variable_diff(ctx->baseline, b->type, b->size, ctx->current,
			  s->type, s->size, &diff);
	if (diff.nchanges == 0)
		return;
	char *was = abg_ctx_spell(ctx->baseline, b->type);
	char *now = abg_ctx_spell(ctx->current, s->type);
	struct abg_finding *f =
		!size_only(&diff)
			? abg_rule_report_changes(
				  ctx, s->loc, s->node, &diff,
				  "type of exported variable '%s' changed "
				  "from '%s' to '%s' in released node '%s'",
				  s->name, was, now, s->node)
			: abg_rule_report_changes(
				  ctx, s->loc, s->node, &diff,
				  "size of exported variable '%s' changed "
				  "from %" PRIu64 " to %" PRIu64
				  " bytes in released node '%s'",
				  s->name, b->size, s->size, s->node);
	abg_ctx_note_changes(ctx, f, &diff);
	if (f) {
		struct abg_strbuf what = {0};
		abg_strbuf_printf(&what, "'%s@@%s' as '%s'", s->name, s->node,
				  was);
		abg_ctx_note_baseline(f, b->loc, what.data);
		abg_strbuf_free(&what);
		abg_finding_note(f, (struct abg_location){0},
				 "programs linked against '%s' have copy "
				 "relocations of the old size; export the new "
				 "variable under a new name or a new node",
				 s->node);
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
	.summary = "An exported variable of a released node changed its type "
		   "or size.",
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
