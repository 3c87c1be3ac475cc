/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * symbol-added-to-released-node: a symbol appeared in a version node that a
 * release already shipped (libvirt's "never backport into an older node").
 */
#include "abiguard/rules.h"

/* In the node in the release: exported, or listed without a definition
 * (the state the release left it in). */
static bool recorded_in(const struct abg_model *baseline, const char *name,
			const char *node)
{
	return abg_model_find_symbol(baseline, name, node, true) ||
	       abg_model_find_symbol(baseline, name, node, false) ||
	       abg_model_api_listed(baseline, name, node);
}

static bool recorded(const struct abg_model *baseline,
		     const struct abg_symbol *s)
{
	return recorded_in(baseline, s->name, s->node);
}

static void note_where_listed(struct abg_check_ctx *ctx, struct abg_finding *f,
			      const char *name)
{
	const struct abg_vs_pattern *p = NULL;
	if (!ctx->vscript || !abg_vscript_node_for(ctx->vscript, name, &p) ||
	    !p)
		return;
	abg_finding_note(f,
			 (struct abg_location){.file = ctx->vscript->path,
					       .line = p->line},
			 "the version script matches it with '%s' here",
			 p->text);
}

static void check_symbol(struct abg_check_ctx *ctx, const struct abg_symbol *s,
			 bool at_listing)
{
	if (!abg_ctx_node_released(ctx, s->node) || recorded(ctx->baseline, s))
		return;
	struct abg_finding *f = abg_rule_report(
		ctx, s->loc, s->node,
		"'%s' was added to version node '%s', which is already released",
		s->name, s->node);
	if (!f)
		return;
	if (!at_listing)
		note_where_listed(ctx, f, s->name);
	struct abg_strbuf node = {0};
	abg_ctx_suggest_node_for(ctx, s->node, &node);
	const char *parent = abg_ctx_newest_released(ctx);
	abg_finding_note(f, (struct abg_location){0},
			 "programs that see '%s' in '%s' would load on older "
			 "releases that lack it; add it to node '%s' instead: "
			 "%s { global: %s; } %s;",
			 s->name, s->node, node.data, node.data, s->name,
			 parent ? parent : "");
	abg_strbuf_free(&node);
	abg_rule_emit(ctx, f);
}

/*
 * After the link: a name newly listed in a released node that the library
 * does not export (no definition) is just as much an addition: the map
 * promises it. Only a baseline that recorded the release's listings
 * (format 2) can tell a new listing from an old one.
 */
static void check_listings(struct abg_check_ctx *ctx)
{
	const struct abg_vscript *vs = ctx->vscript;
	if (!vs || !ctx->baseline->api_recorded)
		return;
	for (size_t i = 0; i < vs->nnodes; i++) {
		const struct abg_vs_node *n = &vs->nodes[i];
		if (!n->name[0] || !abg_ctx_node_released(ctx, n->name))
			continue;
		for (size_t k = 0; k < n->npatterns; k++) {
			const struct abg_vs_pattern *p = &n->patterns[k];
			if (p->is_local || p->is_glob ||
			    p->lang != ABG_VS_LANG_C ||
			    abg_model_find_symbol(ctx->current, p->text,
						  n->name, true) ||
			    abg_model_find_symbol(ctx->current, p->text,
						  n->name, false) ||
			    recorded_in(ctx->baseline, p->text, n->name))
				continue;
			struct abg_symbol listed = {
				.kind = ABG_SYMBOL_FUNCTION,
				.name = p->text,
				.node = n->name,
				.is_default = true,
				.loc = {.file = vs->path,
					.line = p->line,
					.column = 1},
			};
			check_symbol(ctx, &listed, true);
		}
	}
}

static void check(struct abg_check_ctx *ctx)
{
	if (!ctx->baseline || abg_ctx_soname_changed(ctx))
		return;
	for (size_t i = 0; i < ctx->current->nsymbols; i++)
		if (ctx->current->symbols[i].node)
			check_symbol(ctx, &ctx->current->symbols[i], false);
	if (ctx->scope == ABG_SCOPE_LIBRARY)
		check_listings(ctx);
}

const struct abg_rule abg_rule_symbol_added_to_released_node = {
	.id = "symbol-added-to-released-node",
	.summary = "A symbol was added to a version node that was already "
		   "released.",
	.why = "Packagers and the dynamic linker treat a node as a fixed set: "
	       "a program that needs the new symbol records only the old node "
	       "and then fails at run time on a release that has the node but "
	       "not the symbol.",
	.when_not = "Symbols added to an open node or to a new node; names the "
		    "release itself already listed in the node without "
		    "defining them (the baseline records them as 'listed').",
	.action = "move the symbol to the open node (or a new node inheriting "
		  "from the newest released one)",
	.severity = ABG_SEVERITY_ERROR,
	.scopes = ABG_SCOPE_TU | ABG_SCOPE_LIBRARY,
	.check = check,
};
