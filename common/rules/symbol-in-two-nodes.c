/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * symbol-in-two-nodes: the version script lists a name in several nodes,
 * but the library does not export it in each of them.
 */
#include "abiguard/rules.h"

#include <stdlib.h>

static bool exported_in(const struct abg_model *m, const char *name,
			const char *node)
{
	return abg_model_find_symbol(m, name, node, true) ||
	       abg_model_find_symbol(m, name, node, false);
}

static int cmp_node_ptr(const void *a, const void *b)
{
	const struct abg_vs_node *x = *(const struct abg_vs_node *const *)a;
	const struct abg_vs_node *y = *(const struct abg_vs_node *const *)b;
	return x < y ? -1 : x > y;
}

/*
 * The nodes, from the first listing on and in file order, that export the
 * name: those that list it by name (the script's index has them) and
 * those whose global glob matches it. Not a test of every node: a script
 * may list one name in each of 200,000 nodes.
 */
static size_t exporting_nodes(const struct abg_vscript *vs,
			      const struct abg_vs_node *from, const char *name,
			      const struct abg_vs_node ***out)
{
	const struct abg_vs_node **nodes = NULL;
	size_t n = 0, cap = 0;
	for (const struct abg_vs_listing *l =
		     abg_vscript_exact_listings(vs, name);
	     l; l = l->next)
		if (!l->pattern->is_local && l->node >= from)
			*ABG_PUSH(nodes, n, cap) = l->node;
	for (size_t g = 0; g < vs->nglobs; g++) {
		const struct abg_vs_listing *l = &vs->globs[g];
		if (l->node >= from && !l->pattern->is_local &&
		    abg_vscript_node_exports(l->node, name))
			*ABG_PUSH(nodes, n, cap) = l->node;
	}
	if (n > 1)
		qsort(nodes, n, sizeof *nodes, cmp_node_ptr);
	size_t kept = 0;
	for (size_t i = 0; i < n; i++)
		if (!kept || nodes[kept - 1] != nodes[i])
			nodes[kept++] = nodes[i];
	*out = nodes;
	return kept;
}

static void check_name(struct abg_check_ctx *ctx, size_t first,
		       const struct abg_vs_pattern *p)
{
	const struct abg_vscript *vs = ctx->vscript;
	const struct abg_vs_node **nodes;
	size_t count = exporting_nodes(vs, &vs->nodes[first], p->text, &nodes);
	for (size_t i = 0; i < count; i++) {
		const struct abg_vs_node *n = nodes[i];
		if (exported_in(ctx->current, p->text, n->name))
			continue;
		struct abg_finding *f = abg_rule_report(
			ctx,
			(struct abg_location){
				.file = vs->path, .line = p->line, .column = 1},
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
	free(nodes);
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
	/* Report each name once, from where it is first listed: patterns are
	 * visited in file order, like the index's listings, so the first
	 * global pattern met for a name is its first listing. */
	struct abg_hash done = {0};
	for (size_t i = 0; i < vs->nnodes; i++)
		for (size_t k = 0; k < vs->nodes[i].npatterns; k++) {
			const struct abg_vs_pattern *p =
				&vs->nodes[i].patterns[k];
			if (p->is_local || p->is_glob)
				continue;
			const struct abg_vs_listing *head =
				abg_vscript_exact_listings(vs, p->text);
			/* Most names are listed once: no need to remember. */
			if (head->pattern == p && !head->next)
				continue;
			if (abg_hash_contains(&done, p->text))
				continue;
			abg_hash_put(&done, p->text, (void *)p);
			const struct abg_vs_pattern *first;
			size_t n = nodes_listing(head, &first);
			if (first == p && n >= 2)
				check_name(ctx, i, p);
		}
	abg_hash_free(&done);
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
