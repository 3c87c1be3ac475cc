/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * symbol-node-disagreement: a symbol's header version tag, its default
 * .symver and the version script name different nodes.
 */
#include "abiguard/rules.h"

#include <string.h>

/* What the three places say about one name. */
struct sources {
	const char *name;
	const struct abg_tag *tag;
	const struct abg_symver *symver;       /* the default one: name@@NODE */
	const struct abg_vs_listing *listings; /* exact, global ones */
	const struct abg_vs_node *map_node;    /* the one node, if only one */
	size_t nlisted;
};

static bool same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static const struct abg_symver *default_symver(const struct abg_model *m,
					       const char *name)
{
	for (size_t i = 0; i < m->nsymvers; i++)
		if (m->symvers[i].is_default && m->symvers[i].node &&
		    same(m->symvers[i].name, name))
			return &m->symvers[i];
	return NULL;
}

static void find_listings(const struct abg_vscript *vs, struct sources *s)
{
	if (!vs)
		return;
	s->listings = abg_vscript_exact_listings(vs, s->name);
	for (const struct abg_vs_listing *l = s->listings; l; l = l->next)
		if (!l->pattern->is_local) {
			s->map_node = s->nlisted++ ? NULL : l->node;
		}
	if (!s->nlisted) { /* listed by a glob, if at all */
		s->listings = NULL;
		s->map_node = abg_vscript_node_for(vs, s->name, NULL);
		s->nlisted = s->map_node ? 1 : 0;
	}
}

static const struct abg_vs_node *listing_of(const struct abg_vscript *vs,
					    const struct sources *s,
					    const char *node)
{
	if (!node || !s->nlisted)
		return NULL;
	if (!s->listings)
		return same(s->map_node->name, node) ? s->map_node : NULL;
	for (const struct abg_vs_listing *l = s->listings; l; l = l->next)
		if (!l->pattern->is_local && same(l->node->name, node))
			return l->node;
	(void)vs;
	return NULL;
}

static unsigned listing_line(const struct sources *s,
			     const struct abg_vs_node *node)
{
	for (const struct abg_vs_listing *l = s->listings; l; l = l->next)
		if (l->node == node && !l->pattern->is_local)
			return l->pattern->line;
	return node ? node->line : 0;
}

/* Which place to change, and to what; NULL when the three agree. */
struct verdict {
	const char *change; /* "the header tag", "the .symver", ... */
	const char *to;	    /* the node it should name, NULL if unknown */
};

static struct verdict judge_with_map(const struct abg_vscript *vs,
				     const struct sources *s)
{
	const char *tag = s->tag->node;
	const char *sv = s->symver ? s->symver->node : NULL;
	const struct abg_vs_node *tag_in = listing_of(vs, s, tag);
	const struct abg_vs_node *sv_in = listing_of(vs, s, sv);
	const char *map = s->map_node ? s->map_node->name : NULL;
	if (!sv)
		return tag_in ? (struct verdict){0}
			      : (struct verdict){"the header tag", map};
	if (same(tag, sv))
		return tag_in ? (struct verdict){0}
			      : (struct verdict){"the version script", tag};
	if (sv_in && !tag_in)
		return (struct verdict){"the header tag", sv};
	if (tag_in && !sv_in)
		return (struct verdict){"the .symver", tag};
	if (tag_in && sv_in) /* both listed: the newer node is the default */
		return tag_in->depth > sv_in->depth
			       ? (struct verdict){"the .symver", tag}
			       : (struct verdict){"the header tag", sv};
	return (struct verdict){"the header tag and the .symver", map};
}

static struct verdict judge(const struct abg_vscript *vs,
			    const struct sources *s)
{
	if (s->nlisted)
		return judge_with_map(vs, s);
	/* No version script to ask: the .symver is what the library gets. */
	if (s->symver && !same(s->tag->node, s->symver->node))
		return (struct verdict){"the header tag", s->symver->node};
	return (struct verdict){0};
}

static struct abg_location declaration_loc(const struct abg_model *m,
					   const struct abg_tag *tag)
{
	for (size_t i = 0; i < m->ndecls; i++) {
		const struct abg_decl *d = &m->decls[i];
		if (d->public_header &&
		    same(d->symbol ? d->symbol : d->name, tag->name))
			return d->loc;
	}
	return tag->loc;
}

static void note_places(struct abg_check_ctx *ctx, struct abg_finding *f,
			const struct sources *s)
{
	const struct abg_vscript *vs = ctx->vscript;
	abg_finding_note(f, s->tag->loc, "the header tag %s says %s",
			 s->tag->via, s->tag->node);
	if (s->symver)
		abg_finding_note(f, s->symver->loc,
				 "the .symver binds '%s' to '%s@@%s'",
				 s->symver->impl, s->name, s->symver->node);
	else
		abg_finding_note(f, (struct abg_location){0},
				 "no .symver gives '%s' a default version "
				 "here",
				 s->name);
	if (s->nlisted == 1 || (s->nlisted && !s->listings))
		abg_finding_note(f,
				 (struct abg_location){
					 .file = vs->path,
					 .line = listing_line(s, s->map_node),
					 .column = 1},
				 "the version script lists '%s' in %s", s->name,
				 s->map_node->name);
	else if (vs)
		for (const struct abg_vs_listing *l = s->listings; l;
		     l = l->next)
			if (!l->pattern->is_local)
				abg_finding_note(
					f,
					(struct abg_location){
						.file = vs->path,
						.line = l->pattern->line,
						.column = 1},
					"the version script lists '%s' in %s",
					s->name, l->node->name);
}

static void note_fix(struct abg_finding *f, const struct sources *s,
		     struct verdict v)
{
	if (v.to)
		abg_finding_note(f, (struct abg_location){0},
				 "change %s to name %s: the others agree on "
				 "it, and the header tag names the node of "
				 "the default version",
				 v.change, v.to);
	else
		abg_finding_note(f, (struct abg_location){0},
				 "make the header tag, the default .symver "
				 "and the version script name one node for "
				 "'%s'",
				 s->name);
}

static void check_name(struct abg_check_ctx *ctx, const struct abg_tag *tag)
{
	struct sources s = {.name = tag->name, .tag = tag};
	s.symver = default_symver(ctx->current, tag->name);
	find_listings(ctx->vscript, &s);
	struct verdict v = judge(ctx->vscript, &s);
	if (!v.change)
		return;
	/* Always an error: a private node named by mistake is the bug. */
	struct abg_finding *f = abg_rule_report(
		ctx, declaration_loc(ctx->current, tag), NULL,
		"the header tag, the .symver and the version script do not "
		"agree on the version node of '%s'",
		tag->name);
	if (!f)
		return;
	note_places(ctx, f, &s);
	note_fix(f, &s, v);
	abg_rule_emit(ctx, f);
}

/* A unit compiled from preprocessed output has no macros left to read:
 * say so rather than pass its tags unchecked. */
static void report_unread(struct abg_check_ctx *ctx)
{
	uint32_t units = ctx->current->units_without_tags;
	struct abg_finding *f = abg_finding_new(
		ctx->rule->id, ABG_SEVERITY_WARNING, (struct abg_location){0},
		"header version tags could not be read in %u unit%s compiled "
		"from preprocessed output (the tag macros are gone there); "
		"their tags were not checked",
		units, units == 1 ? "" : "s");
	abg_finding_note(f, (struct abg_location){0},
			 "compile those units from their sources (ccache "
			 "does by default; with -save-temps, icecream or "
			 "distcc the unit is preprocessed first)");
	abg_rule_emit(ctx, f);
}

static bool checked_before(const struct abg_model *m, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (same(m->tags[j].name, m->tags[i].name))
			return true;
	return false;
}

static void check(struct abg_check_ctx *ctx)
{
	const struct abg_model *m = ctx->current;
	if (m->units_without_tags &&
	    abg_options_severity(ctx->options, ctx->rule->id,
				 ctx->rule->severity) != ABG_SEVERITY_OFF)
		report_unread(ctx);
	for (size_t i = 0; i < m->ntags; i++)
		if (m->tags[i].name && !checked_before(m, i))
			check_name(ctx, &m->tags[i]);
}

const struct abg_rule abg_rule_symbol_node_disagreement = {
	.id = "symbol-node-disagreement",
	.summary = "A symbol's header version tag, its default .symver and "
		   "the version script name different version nodes.",
	.why = "Projects that tag each declaration with its node in the "
	       "header (gfapi's GFAPI_PUBLIC(glfs_pread, 3.4.0), or "
	       "ABIGUARD_NODE) state the node three times: in the header, in "
	       "the .symver that binds the definition, and in the version "
	       "script. The linker only reads the last two, so a mismatch "
	       "ships silently: a function bound to a private node that the "
	       "header documents as public, or a header that promises an "
	       "older node than programs will need at run time.",
	.when_not = "Symbols without a header tag (the tag-macro option or "
		    "ABIGUARD_NODE); compat versions (name@OLD next to the "
		    "default name@@NEW: the tag names the default's node); a "
		    "name the version script lists in several nodes when the "
		    "tag and the .symver name one of them and agree.",
	.action = "change the place the notes name (when two agree, the odd "
		  "one out) so that all three name the same node",
	.severity = ABG_SEVERITY_ERROR,
	.scopes = ABG_SCOPE_TU | ABG_SCOPE_LIBRARY,
	.check = check,
};
