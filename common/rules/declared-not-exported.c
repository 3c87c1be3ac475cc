/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * declared-not-exported: a public header declares a function or variable
 * that the linked library does not export.
 */
#include "abiguard/rules.h"

/* The release already declared it without exporting it: recorded in the
 * baseline as the release's state, judged when the baseline was made. */
static bool released_state(const struct abg_check_ctx *ctx, const char *name)
{
	const struct abg_api_entry *e =
		ctx->baseline && !abg_ctx_soname_changed(ctx)
			? abg_model_find_api(ctx->baseline, name)
			: NULL;
	return e && !e->exported;
}

static void check(struct abg_check_ctx *ctx)
{
	const struct abg_model *m = ctx->current;
	for (size_t i = 0; i < m->ndecls; i++) {
		const struct abg_decl *d = &m->decls[i];
		if (!d->public_header || abg_model_find_default(m, d->symbol) ||
		    released_state(ctx, d->symbol))
			continue;
		struct abg_finding *f = abg_rule_report(
			ctx, d->loc, NULL,
			"'%s' is declared in a public header but the library "
			"does not export it",
			d->name);
		if (!f)
			continue;
		abg_finding_note(f, (struct abg_location){0},
				 "programs that call it fail to link; define "
				 "it and list it in the open version node, or "
				 "remove the declaration");
		abg_rule_emit(ctx, f);
	}
}

const struct abg_rule abg_rule_declared_not_exported = {
	.id = "declared-not-exported",
	.summary = "A public header declares a function or variable that the "
		   "library does not export.",
	.why = "Programs compile against the declaration and then fail to "
	       "link (or, with lazy binding, fail at the first call). No "
	       "program linked against an earlier release can break (the "
	       "name was never exported; one that was is symbol-removed), "
	       "so it is a warning: some libraries keep a declaration out "
	       "of their version script on purpose.",
	.when_not = "static and inline functions; declarations outside the "
		    "public headers; symbols exported under another version "
		    "(name@@NODE counts); headers of which no unit defines "
		    "anything (summaries list a header's declarations from "
		    "the units that implement it).",
	.action = "export it (define it and add it to the open node), or "
		  "remove the declaration",
	.severity = ABG_SEVERITY_WARNING,
	.scopes = ABG_SCOPE_LIBRARY,
	.check = check,
};
