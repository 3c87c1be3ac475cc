/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * declaration-differs-from-definition: a public header declares a function
 * or variable with one type, and the definition the library exports under
 * that name (bound to it by .symver) has another.
 */
#include "abiguard/rules.h"

#include <stdlib.h>
#include <string.h>

/* The mismatch the baseline recorded, if it is still the same one. */
static bool recorded(const struct abg_check_ctx *ctx, const struct abg_decl *d)
{
	const struct abg_api_entry *e =
		ctx->baseline && !abg_ctx_soname_changed(ctx)
			? abg_model_find_api(ctx->baseline, d->symbol)
			: NULL;
	return e && e->header_type &&
	       !abg_signature_changed(ctx->baseline, e->header_type,
				      ctx->current, d->type);
}

static void check_decl(struct abg_check_ctx *ctx, const struct abg_decl *d)
{
	const struct abg_symbol *s =
		abg_model_find_default(ctx->current, d->symbol);
	if (!s || !s->type ||
	    !abg_signature_changed(ctx->current, d->type, ctx->current,
				   s->type) ||
	    recorded(ctx, d))
		return;
	char *header = abg_ctx_spell(ctx->current, d->type);
	char *exported = abg_ctx_spell(ctx->current, s->type);
	struct abg_finding *f = abg_rule_report_symbol(
		ctx, d->loc, s->node, s->name,
		"the public header declares '%s' as '%s', but the definition "
		"the library exports as '%s%s%s' is '%s'",
		d->name, header, s->name, s->node ? "@@" : "",
		s->node ? s->node : "", exported);
	if (f)
		abg_finding_note(f, s->loc,
				 "programs compiled against the header pass "
				 "and read the header's types; make the "
				 "declaration and the definition bound to it "
				 "agree");
	abg_rule_emit(ctx, f);
	free(header);
	free(exported);
}

/* After the link, once for the library: a unit that sees only the header
 * cannot know what definition .symver binds to the name. */
static void check(struct abg_check_ctx *ctx)
{
	const struct abg_model *m = ctx->current;
	for (size_t i = 0; i < m->ndecls; i++) {
		const struct abg_decl *d = &m->decls[i];
		if (d->public_header && !d->defined && d->type)
			check_decl(ctx, d);
	}
}

const struct abg_rule abg_rule_declaration_differs_from_definition = {
	.id = "declaration-differs-from-definition",
	.summary = "A public header declares a function or variable with a "
		   "type other than that of the definition the library "
		   "exports under its name.",
	.why = "The compiler cannot see the mismatch: the header declares "
	       "'name' while the code defines 'name_impl' and binds it to "
	       "'name' with .symver. Programs are compiled against the "
	       "header's types (size_t) and call a definition that reads "
	       "others (ssize_t).",
	.when_not = "Declarations whose definition has the same name (the "
		    "compiler already rejects conflicting types); a mismatch "
		    "the baseline records (it is reported once, when it "
		    "appears or changes).",
	.action = "make the header's declaration and the definition bound "
		  "to it agree",
	.severity = ABG_SEVERITY_WARNING,
	.scopes = ABG_SCOPE_LIBRARY,
	.check = check,
};
