/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * public-declaration-removed: a function or variable the release's public
 * headers declared is declared by none of them now.
 */
#include "abiguard/rules.h"

#include <string.h>

/* The names this build's public headers declare. */
static void public_names(const struct abg_model *m, struct abg_hash *out)
{
	abg_hash_reserve(out, m->ndecls);
	for (size_t i = 0; i < m->ndecls; i++)
		if (m->decls[i].public_header)
			abg_hash_put(out, m->decls[i].symbol, out);
}

static void report(struct abg_check_ctx *ctx, const struct abg_api_entry *e)
{
	/* Declared for a private node's export: private API, a warning. */
	const struct abg_symbol *s =
		abg_model_find_default(ctx->baseline, e->name);
	struct abg_finding *f = abg_rule_report(
		ctx, e->loc, s ? s->node : NULL,
		"'%s' was declared in a public header of the release, and no "
		"public header declares it now",
		e->name);
	if (!f)
		return;
	abg_finding_note(f, (struct abg_location){0},
			 "programs that use it no longer compile against the "
			 "new headers%s; keep the declaration (mark it "
			 "deprecated) until the soname changes",
			 e->exported ? ", though those already linked still "
				       "run"
				     : "");
	abg_rule_emit(ctx, f);
}

static void check(struct abg_check_ctx *ctx)
{
	const struct abg_model *m = ctx->current;
	/* Without summaries (or a baseline that recorded the API) there is
	 * nothing to compare. */
	if (!ctx->baseline || !ctx->baseline->api_recorded || !m->ndecls ||
	    abg_ctx_soname_changed(ctx))
		return;
	struct abg_hash declared = {0};
	public_names(m, &declared);
	for (size_t i = 0; i < ctx->baseline->napi; i++) {
		const struct abg_api_entry *e = &ctx->baseline->api[i];
		/* An export that went with its declaration is
		 * symbol-removed's. */
		if (e->kind != ABG_API_LISTED &&
		    !abg_hash_contains(&declared, e->name) &&
		    (!e->exported || abg_model_find_default(m, e->name)))
			report(ctx, e);
	}
	abg_hash_free(&declared);
}

const struct abg_rule abg_rule_public_declaration_removed = {
	.id = "public-declaration-removed",
	.summary = "A function or variable that the release's public headers "
		   "declared is no longer declared in any of them.",
	.why = "Programs that call the function or use the variable stop "
	       "compiling against the new headers: a source-level break, even "
	       "when the symbol is still exported and programs already linked "
	       "keep running.",
	.when_not = "Baselines that did not record the API surface (format "
		    "1); libraries whose objects carry no abiguard summaries; "
		    "a library whose soname changed; declarations moved to "
		    "another public header; exports removed together with "
		    "their declaration (symbol-removed reports those).",
	.action = "keep the declaration until a soname bump (mark it "
		  "deprecated), or bump the soname",
	.severity = ABG_SEVERITY_WARNING,
	.scopes = ABG_SCOPE_LIBRARY,
	.check = check,
};
