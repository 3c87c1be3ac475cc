/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * node-parent-not-newest: a version node the baseline does not know yet
 * does not inherit from the newest released node.
 */
#include "abiguard/rules.h"

#include <string.h>

static bool inherits(const struct abg_node *n, const char *parent)
{
	for (uint32_t i = 0; i < n->nparents; i++)
		if (strcmp(n->parents[i], parent) == 0)
			return true;
	return false;
}

/*
 * A new node may hang off another new node, when one step adds the nodes of
 * several releases (JSONC_0.18 { } JSONC_0.17; JSONC_0.17 { ... }
 * JSONC_0.16;): the chain is in order as long as it reaches the newest
 * released node through new nodes only. The depth bound stops a cycle.
 */
static bool reaches_newest(const struct abg_check_ctx *ctx,
			   const struct abg_node *n, const char *newest,
			   size_t depth)
{
	if (inherits(n, newest))
		return true;
	if (depth >= ctx->current->nnodes)
		return false;
	for (uint32_t i = 0; i < n->nparents; i++) {
		const struct abg_node *p =
			abg_model_find_node(ctx->current, n->parents[i]);
		if (p && !abg_model_find_node(ctx->baseline, p->name) &&
		    reaches_newest(ctx, p, newest, depth + 1))
			return true;
	}
	return false;
}

/* Where the node is written: the version script if we have it. */
static struct abg_location node_location(const struct abg_check_ctx *ctx,
					 const char *name)
{
	const struct abg_vs_node *vn =
		ctx->vscript ? abg_vscript_find_node(ctx->vscript, name) : NULL;
	if (vn)
		return (struct abg_location){.file = ctx->vscript->path,
					     .line = vn->line,
					     .column = 1};
	return (struct abg_location){0};
}

static void check(struct abg_check_ctx *ctx)
{
	const char *newest = abg_ctx_newest_released(ctx);
	if (!newest)
		return;
	for (size_t i = 0; i < ctx->current->nnodes; i++) {
		const struct abg_node *n = &ctx->current->nodes[i];
		if (abg_model_find_node(ctx->baseline, n->name) ||
		    reaches_newest(ctx, n, newest, 0) ||
		    abg_options_is_private_node(ctx->options, n->name))
			continue;
		struct abg_finding *f = abg_rule_report(
			ctx, node_location(ctx, n->name), n->name,
			"new version node '%s' does not inherit from '%s', the "
			"newest released node",
			n->name, newest);
		if (!f)
			continue;
		abg_finding_note(f, (struct abg_location){0},
				 "write it as '%s { ... } %s;' so that the "
				 "node chain keeps the order of the releases",
				 n->name, newest);
		abg_rule_emit(ctx, f);
	}
}

const struct abg_rule abg_rule_node_parent_not_newest = {
	.id = "node-parent-not-newest",
	.summary = "A new version node does not inherit from the newest "
		   "released node.",
	.why = "Version nodes record the order of releases; tools and "
	       "packagers (and readers of the map) derive \"which release "
	       "added this\" from the chain. A new node hanging off an older "
	       "one, or off nothing, says the wrong thing about what it "
	       "extends.",
	.when_not = "Nodes already in the baseline; private nodes; libraries "
		    "without a released node; a new node whose parent is "
		    "another new node that reaches the newest released node "
		    "(the nodes of several releases added at once).",
	.action = "make the new node's parent the newest released node",
	.severity = ABG_SEVERITY_ERROR,
	.scopes = ABG_SCOPE_LIBRARY,
	.check = check,
};
