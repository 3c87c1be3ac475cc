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

/* An exact name of a global: list: where it is first listed, and in how
 * many nodes. */
struct listing {
	size_t first_node;
	const struct abg_vs_pattern *first;
	size_t last_node;
	size_t nnodes;
};

static bool is_exact_global(const struct abg_vs_pattern *p)
{
	return !p->is_local && !p->is_glob;
}

/* One pass over the script, so that the rule stays linear in its size. */
static void count_listings(const struct abg_vscript *vs,
			   struct abg_hash *by_name, struct abg_arena *arena)
{
	for (size_t i = 0; i < vs->nnodes; i++)
		for (size_t k = 0; k < vs->nodes[i].npatterns; k++) {
			const struct abg_vs_pattern *p = &vs->nodes[i].patterns[k];
			if (!is_exact_global(p))
				continue;
			struct listing *l = abg_hash_get(by_name, p->text);
			if (!l) {
				l = abg_arena_alloc(arena, sizeof *l);
				*l = (struct listing){.first_node = i,
						      .first = p,
						      .last_node = i,
						      .nnodes = 1};
				abg_hash_put(by_name, p->text, l);
			} else if (l->last_node != i) {
				l->last_node = i;
				l->nnodes++;
			}
		}
}

static void check(struct abg_check_ctx *ctx)
{
	const struct abg_vscript *vs = ctx->vscript;
	if (!vs)
		return;
	struct abg_hash by_name = {0};
	struct abg_arena arena = {0};
	count_listings(vs, &by_name, &arena);
	/* Report each name once, from where it is first listed. */
	for (size_t i = 0; i < vs->nnodes; i++)
		for (size_t k = 0; k < vs->nodes[i].npatterns; k++) {
			const struct abg_vs_pattern *p = &vs->nodes[i].patterns[k];
			if (!is_exact_global(p))
				continue;
			const struct listing *l = abg_hash_get(&by_name, p->text);
			if (l->first == p && l->nnodes >= 2)
				check_name(ctx, i, p);
		}
	abg_hash_free(&by_name);
	abg_arena_free(&arena);
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
