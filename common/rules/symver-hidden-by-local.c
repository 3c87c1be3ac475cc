/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * symver-hidden-by-local: a .symver directive binds a name to a node whose
 * "local: *" hides it, because the node does not list the name: the linker
 * drops the versioned symbol without a word.
 */
#include "abiguard/rules.h"

static void check_symver(struct abg_check_ctx *ctx, const struct abg_symver *sv)
{
	const struct abg_vs_node *node =
		abg_vscript_find_node(ctx->vscript, sv->node);
	if (!node || abg_vscript_node_exports(node, sv->name) ||
	    !abg_vscript_node_hides(node, sv->name))
		return;
	struct abg_finding *f = abg_rule_report(
		ctx, sv->loc, sv->node,
		"'%s%s%s' will not be exported: version node '%s' hides '%s' "
		"with 'local:' and does not list it",
		sv->name, sv->is_default ? "@@" : "@", sv->node, sv->node,
		sv->name);
	if (!f)
		return;
	abg_finding_note(f,
			 (struct abg_location){.file = ctx->vscript->path,
					       .line = node->line},
			 "add '%s;' to the 'global:' list of '%s' here",
			 sv->name, sv->node);
	abg_rule_emit(ctx, f);
}

static void check(struct abg_check_ctx *ctx)
{
	if (!ctx->vscript)
		return;
	for (size_t i = 0; i < ctx->current->nsymvers; i++)
		check_symver(ctx, &ctx->current->symvers[i]);
}

const struct abg_rule abg_rule_symver_hidden_by_local = {
	.id = "symver-hidden-by-local",
	.summary = "A .symver directive targets a version node whose 'local:' "
		   "hides the name, so the versioned symbol silently "
		   "disappears at link time.",
	.why = "GNU ld applies the version script to versioned names too: a "
	       "compat symbol name@OLD whose node OLD has 'local: *' and does "
	       "not list 'name' is dropped from the library, and programs "
	       "linked against OLD no longer start.",
	.when_not = "Nodes that list the name under 'global:' (exactly or by "
		    "a glob); nodes without a matching 'local:' pattern; "
		    "builds without a version script.",
	.action = "list the name in the node's 'global:' section",
	.severity = ABG_SEVERITY_ERROR,
	.scopes = ABG_SCOPE_TU | ABG_SCOPE_LIBRARY,
	.check = check,
};
