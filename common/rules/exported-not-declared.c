/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * exported-not-declared: the library exports a symbol that no public header
 * declares.
 */
#include "abiguard/rules.h"

/* Declared in a public header, under its own name or through .symver
 * (the header declares "name", the code defines "name_1_2"). */
static bool declared(const struct abg_hash *public_names, const char *name)
{
	return abg_hash_contains(public_names, name);
}

static void check(struct abg_check_ctx *ctx)
{
	const struct abg_model *m = ctx->current;
	if (!m->ndecls)
		return; /* no summaries embedded: nothing to compare with */
	struct abg_hash public_names = {0};
	abg_hash_reserve(&public_names, m->ndecls);
	/* ABIGUARD_INTERNAL says where the export is declared, and why */
	for (size_t i = 0; i < m->ndecls; i++)
		if (m->decls[i].public_header || m->decls[i].internal)
			abg_hash_put(&public_names, m->decls[i].symbol,
				     &public_names);
	for (size_t i = 0; i < m->nsymbols; i++) {
		const struct abg_symbol *s = &m->symbols[i];
		if (!s->is_default || declared(&public_names, s->name) ||
		    abg_options_is_internal(ctx->options, s->name))
			continue; /* named internal: not API, by design */
		struct abg_finding *f = abg_rule_report(
			ctx, s->loc, s->node,
			"'%s' is exported but no public header declares it",
			s->name);
		if (!f)
			continue;
		abg_finding_note(f, (struct abg_location){0},
				 "if it is internal, hide it ('local:' in the "
				 "version script, or hidden visibility); if it "
				 "is API, declare it in a public header");
		abg_rule_emit(ctx, f);
	}
	abg_hash_free(&public_names);
}

const struct abg_rule abg_rule_exported_not_declared = {
	.id = "exported-not-declared",
	.summary = "The library exports a symbol that no public header "
		   "declares.",
	.why = "An undeclared export is ABI nobody meant to promise: programs "
	       "can still bind to it (by declaring it themselves, or through "
	       "dlsym), and from then on it can never change or go away.",
	.when_not = "Compat versions (name@OLD); libraries whose objects "
		    "carry no abiguard summaries; symbols declared in a public "
		    "header under their versioned name; internal entry points "
		    "that match the 'internal' patterns (default: names "
		    "starting with '_') or are declared ABIGUARD_INTERNAL.",
	.action = "hide it, or declare it in a public header",
	.severity = ABG_SEVERITY_WARNING,
	.scopes = ABG_SCOPE_LIBRARY,
	.check = check,
};
