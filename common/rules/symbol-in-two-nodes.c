/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * symbol-in-two-nodes: the version script lists a name in several nodes,
 * but the library does not export it in each of them.
 */
#include "abiguard/rules.h"

static bool exported_in(const struct abg_model *m, const char *name,
			const char *node)
{
	return abg_model_find_symbol(m, name, node, true) ||
	       abg_model_find_symbol(m, name, node, false);
}

static void check_name(struct abg_check_ctx *ctx, size_t first,
		       const struct abg_vs_pattern *p)
{
	const struct abg_vscript *vs = ctx->vscript;
	for (size_t i = first; i < vs->nnodes; i++) {
		const struct abg_vs_node *n = &vs->nodes[i];
		if (!abg_vscript_node_exports(n, p->text) ||
		    exported_in(ctx->current, p->text, n->name))
			continue;
		struct abg_finding *f = abg_rule_report(
			ctx,
			(struct abg_location){.file = vs->path, .line = p->line,
					      .column = 1},
			n->name,
			"'%s' is listed in several version nodes but the library "
			"has no '%s@%s'",
			p->text, p->text, n->name);
		if (!f)
			continue;
		abg_finding_note(f, (struct abg_location){0},
				 "a name listed in two nodes needs a .symver "
				 "for each: '%s@@NEWEST' for the default and "
				 "'%s@OLD' for every older node; without them "
				 "ld keeps one and drops the other",
				 p->text, p->text);
		abg_rule_emit(ctx, f);
	}
}

/*
 * How many nodes list the name under global: (the script's index has its
 * listings in file order), and which pattern lists it first.
 */
static size_t nodes_listing(const struct abg_vs_listing *l,
			    const struct abg_vs_pattern **first)
{
	size_t n = 0;
	const struct abg_vs_node *last = NULL;
	*first = NULL;
	for (; l; l = l->next) {
		if (l->pattern->is_local)
			continue;
		if (!*first)
			*first = l->pattern;
		if (l->node != last)
			n++;
		last = l->node;
	}
	return n;
}

static void check(struct abg_check_ctx *ctx)
{
	const struct abg_vscript *vs = ctx->vscript;
	if (!vs)
		return;
	/* Report each name once, from where it is first listed. */
	for (size_t i = 0; i < vs->nnodes; i++)
		for (size_t k = 0; k < vs->nodes[i].npatterns; k++) {
			const struct abg_vs_pattern *p = &vs->nodes[i].patterns[k];
			if (p->is_local || p->is_glob)
				continue;
			const struct abg_vs_pattern *first;
			size_t n = nodes_listing(
			    abg_vscript_exact_listings(vs, p->text), &first);
			if (first == p && n >= 2)
				check_name(ctx, i, p);
		}
}

const struct abg_rule abg_rule_symbol_in_two_nodes = {
	.id = "symbol-in-two-nodes",
	.summary = "The version script lists a name in several nodes, but the "
		   "library does not export it in each of them.",
	.why = "Listing a name in an old and a new node is how a compat "
	       "symbol is kept (gfapi's style), but only .symver decides which "
	       "version each definition gets; without one per node, GNU ld "
	       "binds the plain definition to one node and silently drops "
	       "the other version.",
	.when_not = "Names exported in every node that lists them (name@OLD "
		    "and name@@NEW both present); names listed once.",
	.action = "add the missing .symver (or drop the name from the node "
		  "it does not belong to)",
	.severity = ABG_SEVERITY_ERROR,
	.scopes = ABG_SCOPE_LIBRARY,
	.check = check,
};
