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
 * May the chain pass through node `name` on its way to the newest released
 * public node? New nodes (JSONC_0.18 { } JSONC_0.17; JSONC_0.17 { ... }
 * JSONC_0.16;: one step adds the nodes of several releases), nodes still
 * open, and private nodes, released or not, which sit between public ones
 * (GFAPI_3.7.0 { ... } GFAPI_PRIVATE_3.7.0; GFAPI_PRIVATE_3.7.0 { ... }
 * GFAPI_3.6.0;) and say nothing about the order of releases.
 */
static bool passable(const struct abg_check_ctx *ctx, const char *name)
{
	const struct abg_node *b = abg_model_find_node(ctx->baseline, name);
	return !b || !b->released ||
	       abg_options_is_private_node(ctx->options, name);
}

/* Does n reach `newest` through passable nodes? The depth bound stops a
 * cycle. */
static bool reaches_newest(const struct abg_check_ctx *ctx,
			   const struct abg_node *n, const char *newest,
			   size_t depth)
{
	if (inherits(n, newest))
		return true;
	if (depth >= ctx->current->nnodes + ctx->baseline->nnodes)
		return false;
	for (uint32_t i = 0; i < n->nparents; i++) {
		const char *name = n->parents[i];
		const struct abg_node *p =
			abg_model_find_node(ctx->current, name);
		if (!p)
			p = abg_model_find_node(ctx->baseline, name);
		if (p && passable(ctx, name) &&
		    reaches_newest(ctx, p, newest, depth + 1))
			return true;
	}
	return false;
}

/*
 * The parent to propose: the newest released node, when it is a private
 * node in the chain (gfapi's GFAPI_3.7.4 { } GFAPI_PRIVATE_3.7.0;), else
 * the newest released public node.
 */
static const char *parent_to_propose(const struct abg_check_ctx *ctx,
				     const char *newest_public)
{
	const char *newest = abg_ctx_newest_released(ctx);
	const struct abg_node *n = abg_model_find_node(ctx->baseline, newest);
	if (n && strcmp(newest, newest_public) != 0 &&
	    reaches_newest(ctx, n, newest_public, 0))
		return newest;
	return newest_public;
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

static void report(struct abg_check_ctx *ctx, const struct abg_node *n,
		   const char *newest)
{
	bool private_newer = strcmp(newest, abg_ctx_newest_released(ctx)) != 0;
	const char *parent = parent_to_propose(ctx, newest);
	struct abg_finding *f = abg_rule_report(
		ctx, node_location(ctx, n->name), n->name,
		"new version node '%s' does not inherit from '%s', the "
		"newest released %snode",
		n->name, newest, private_newer ? "public " : "");
	if (!f)
		return;
	abg_finding_note(f, (struct abg_location){0},
			 "write it as '%s { ... } %s;' so that the "
			 "node chain keeps the order of the releases",
			 n->name, parent);
	abg_rule_emit(ctx, f);
}

static void check(struct abg_check_ctx *ctx)
{
	/* Private nodes are looked through: the order is the public one's. */
	const char *newest = abg_ctx_newest_released_public(ctx);
	if (!newest)
		newest = abg_ctx_newest_released(ctx);
	if (!newest)
		return;
	for (size_t i = 0; i < ctx->current->nnodes; i++) {
		const struct abg_node *n = &ctx->current->nodes[i];
		bool is_private =
			abg_options_is_private_node(ctx->options, n->name);
		/* A private node without parents stands outside the chain
		 * (libvirt's LIBVIRT_PRIVATE_x.y.z { ... };). One in the
		 * chain keeps its order: a warning, as in any private node. */
		if (abg_model_find_node(ctx->baseline, n->name) ||
		    (is_private && !n->nparents) ||
		    reaches_newest(ctx, n, newest, 0))
			continue;
		report(ctx, n, newest);
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
	.when_not = "Nodes already in the baseline; private nodes without "
		    "a parent (outside the chain); libraries without a "
		    "released node; a new node whose parent is another new "
		    "or open node that reaches the newest released node (the "
		    "nodes of several releases added at once). Private nodes "
		    "(private-nodes=) are looked through: the newest released "
		    "node is the newest public one, and a new node may "
		    "inherit from a private node that itself reaches it "
		    "(GFAPI_3.7.0 { ... } GFAPI_PRIVATE_3.7.0; "
		    "GFAPI_PRIVATE_3.7.0 { ... } GFAPI_3.6.0;). A new "
		    "private node with parents that skip a release is a "
		    "warning, as every finding in a private node is.",
	.action = "make the new node's parent the newest released node",
	.severity = ABG_SEVERITY_ERROR,
	.scopes = ABG_SCOPE_LIBRARY,
	.check = check,
};
