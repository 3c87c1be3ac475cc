/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * symbol-unversioned: an exported symbol belongs to no version node while
 * the library uses symbol versioning.
 */
#include "abiguard/rules.h"

#include <string.h>

static bool is_symver_impl(const struct abg_model *m, const char *symbol)
{
	for (size_t i = 0; i < m->nsymvers; i++)
		if (strcmp(m->symvers[i].impl, symbol) == 0)
			return true;
	return false;
}

static void note_fix(struct abg_check_ctx *ctx, struct abg_finding *f,
		     const char *name)
{
	struct abg_strbuf node = {0};
	abg_ctx_suggest_node(ctx, &node);
	const char *parent = abg_ctx_newest_released(ctx);
	abg_finding_note(f, (struct abg_location){0},
			 "if it is public API, add it to the open node in %s: "
			 "%s { global: %s; } %s;",
			 ctx->vscript ? ctx->vscript->path
				      : "the version script",
			 node.data, name, parent ? parent : "");
	abg_strbuf_free(&node);
}

/* The release declared it and did not export it: the baseline recorded
 * that state when it was made (declared-not-exported judges it). */
static bool released_unexported(const struct abg_check_ctx *ctx,
				const char *symbol)
{
	const struct abg_api_entry *e =
		ctx->baseline ? abg_model_find_api(ctx->baseline, symbol)
			      : NULL;
	return e && !e->exported;
}

/*
 * In the compiler: public API defined here. Definitions outside the public
 * headers are left to the post-link check, which knows what the linker
 * really exported: the same source is often compiled twice, and only the
 * shared build's -fvisibility=hidden keeps internal helpers out.
 */
static void check_decl(struct abg_check_ctx *ctx, const struct abg_decl *d)
{
	const struct abg_vs_pattern *p = NULL;
	if (!d->public_header ||
	    abg_vscript_node_for(ctx->vscript, d->symbol, &p) ||
	    released_unexported(ctx, d->symbol))
		return;
	struct abg_finding *f = abg_rule_report(
		ctx, d->loc, NULL,
		p ? "'%s' is declared in a public header but belongs to no "
		    "version node"
		  : "'%s' is exported but belongs to no version node",
		d->name);
	if (!f)
		return;
	if (p)
		abg_finding_note(
			f,
			(struct abg_location){.file = ctx->vscript->path,
					      .line = p->line},
			"'%s' in 'local:' hides it, so programs cannot link "
			"to it",
			p->text);
	note_fix(ctx, f, d->name);
	if (!p)
		abg_finding_note(f, (struct abg_location){0},
				 "if it is internal, make it static or give "
				 "it hidden visibility");
	abg_rule_emit(ctx, f);
}

static void check_tu(struct abg_check_ctx *ctx)
{
	if (!ctx->vscript)
		return;
	for (size_t i = 0; i < ctx->current->ndecls; i++) {
		const struct abg_decl *d = &ctx->current->decls[i];
		if (d->exported && !is_symver_impl(ctx->current, d->symbol))
			check_decl(ctx, d);
	}
}

/* After the link: the ELF says exactly what is exported. */
static void check_library(struct abg_check_ctx *ctx)
{
	if (!ctx->current->nnodes)
		return; /* the library does not use versioning */
	for (size_t i = 0; i < ctx->current->nsymbols; i++) {
		const struct abg_symbol *s = &ctx->current->symbols[i];
		if (s->node)
			continue;
		struct abg_finding *f = abg_rule_report(
			ctx, s->loc, NULL,
			"'%s' is exported but belongs to no version node",
			s->name);
		if (f && ctx->vscript)
			note_fix(ctx, f, s->name);
		abg_rule_emit(ctx, f);
	}
}

static void check(struct abg_check_ctx *ctx)
{
	if (ctx->scope == ABG_SCOPE_TU)
		check_tu(ctx);
	else
		check_library(ctx);
}

const struct abg_rule abg_rule_symbol_unversioned = {
	.id = "symbol-unversioned",
	.summary = "An exported symbol belongs to no version node while the "
		   "library uses symbol versioning.",
	.why = "An unversioned symbol binds to whatever definition comes first "
	       "and carries no dependency information: packagers cannot tell "
	       "which release a program needs, and the symbol can never get a "
	       "compat version.",
	.when_not = "Internal functions no public header declares, at compile "
		    "time (the post-link check sees what was really exported: "
		    "static and shared builds of one source differ); libraries "
		    "that do not use versioning at all.",
	.action = "add the symbol to the open node (public API), or make it "
		  "static or hidden (internal)",
	.severity = ABG_SEVERITY_ERROR,
	.scopes = ABG_SCOPE_TU | ABG_SCOPE_LIBRARY,
	.check = check,
};
