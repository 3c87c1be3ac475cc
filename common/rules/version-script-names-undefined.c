/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * version-script-names-undefined: the version script exports a name the
 * library does not define (a typo, or a function removed from the code).
 */
#include "abiguard/rules.h"

/* The release already listed it without a definition: the baseline
 * recorded that as the release's state, to be judged once. */
static bool released_state(const struct abg_check_ctx *ctx, const char *name,
			   const char *node)
{
	return ctx->baseline && !abg_ctx_soname_changed(ctx) &&
	       abg_model_api_listed(ctx->baseline, name, node);
}

static void check(struct abg_check_ctx *ctx)
{
	const struct abg_vscript *vs = ctx->vscript;
	if (!vs)
		return;
	struct abg_hash exported = {0}; /* every version of every name */
	abg_hash_reserve(&exported, ctx->current->nsymbols);
	for (size_t i = 0; i < ctx->current->nsymbols; i++)
		abg_hash_put(&exported, ctx->current->symbols[i].name,
			     &exported);
	for (size_t i = 0; i < vs->nnodes; i++)
		for (size_t k = 0; k < vs->nodes[i].npatterns; k++) {
			const struct abg_vs_pattern *p =
				&vs->nodes[i].patterns[k];
			if (p->is_local || p->is_glob ||
			    p->lang != ABG_VS_LANG_C ||
			    abg_hash_contains(&exported, p->text) ||
			    released_state(ctx, p->text, vs->nodes[i].name))
				continue;
			struct abg_finding *f = abg_rule_report(
				ctx,
				(struct abg_location){.file = vs->path,
						      .line = p->line,
						      .column = 1},
				vs->nodes[i].name,
				"version node '%s' lists '%s', which the library "
				"does not define",
				vs->nodes[i].name, p->text);
			abg_rule_emit(ctx, f);
		}
	abg_hash_free(&exported);
}

const struct abg_rule abg_rule_version_script_names_undefined = {
	.id = "version-script-names-undefined",
	.summary = "The version script lists a name the library does not "
		   "define.",
	.why = "A name in the map that nothing defines is a typo or a "
	       "removed function. GNU ld accepts it silently (lld refuses), "
	       "so the intended export is simply missing, and packaging "
	       "scripts that read the map list a symbol that is not there.",
	.when_not = "Glob patterns; names under 'local:'; extern \"C++\" "
		    "patterns.",
	.action = "fix the name, or remove it (a removed symbol needs a "
		  "soname bump)",
	.severity = ABG_SEVERITY_ERROR,
	.scopes = ABG_SCOPE_LIBRARY,
	.check = check,
};
