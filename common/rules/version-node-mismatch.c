/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * version-node-mismatch: the version script's nodes and the library's
 * version definitions differ (a node in one and not in the other).
 */
#include "abiguard/rules.h"

static void report(struct abg_check_ctx *ctx, unsigned line, const char *node,
		   const char *fmt)
{
	const struct abg_vscript *vs = ctx->vscript;
	struct abg_finding *f = abg_rule_report(
		ctx,
		(struct abg_location){
			.file = vs->path, .line = line, .column = line ? 1 : 0},
		node, fmt, node);
	abg_rule_emit(ctx, f);
}

static void check(struct abg_check_ctx *ctx)
{
	const struct abg_vscript *vs = ctx->vscript;
	const struct abg_model *lib = ctx->current;
	/* An anonymous script defines no version: nothing to compare. */
	if (!vs || (vs->nnodes == 1 && !vs->nodes[0].name[0]))
		return;
	for (size_t i = 0; i < vs->nnodes; i++)
		if (!abg_model_find_node(lib, vs->nodes[i].name))
			report(ctx, vs->nodes[i].line, vs->nodes[i].name,
			       "version node '%s' is in the version script but "
			       "not in the library's version definitions");
	for (size_t i = 0; i < lib->nnodes; i++)
		if (!abg_vscript_find_node(vs, lib->nodes[i].name))
			report(ctx, 0, lib->nodes[i].name,
			       "the library defines version node '%s', which "
			       "the version script does not have");
}

const struct abg_rule abg_rule_version_node_mismatch = {
	.id = "version-node-mismatch",
	.summary = "The version script's nodes and the library's version "
		   "definitions differ.",
	.why = "Every rule that reads the version script assumes it is the "
	       "one the library was linked with. A node only in the script "
	       "(or only in the library) means another script was used, or "
	       "the script changed after the link: the checks against it "
	       "would judge a library nobody built.",
	.when_not = "An anonymous version script (it defines no version); no "
		    "version script given.",
	.action = "check the library built from this version script (relink "
		  "it), or pass the script it was linked with",
	.severity = ABG_SEVERITY_ERROR,
	.scopes = ABG_SCOPE_LIBRARY,
	.check = check,
};
