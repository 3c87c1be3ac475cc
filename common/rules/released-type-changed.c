/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * released-type-changed: a struct, union, enum or typedef reachable from a
 * symbol of a released node changed its layout, and that symbol did not
 * move to a new node.
 */
#include "abiguard/rules.h"

#include <stdlib.h>
#include <string.h>

/* Enumerators are enumerator-changed's business. */
static bool is_layout_change(enum abg_change_kind kind)
{
	return kind != ABG_CHANGE_ENUMERATOR_VALUE &&
	       kind != ABG_CHANGE_ENUMERATOR_REMOVED &&
	       kind != ABG_CHANGE_ENUMERATOR_RENAMED &&
	       kind != ABG_CHANGE_ENUMERATOR_APPENDED &&
	       kind != ABG_CHANGE_SENTINEL_MOVED;
}

/* Move the layout changes of `all` (that are not off) into `out`. */
static void layout_changes(const struct abg_check_ctx *ctx,
			   struct abg_layout_diff *all,
			   struct abg_layout_diff *out)
{
	for (size_t i = 0; i < all->nchanges; i++) {
		struct abg_layout_change *c = &all->changes[i];
		if (!is_layout_change(c->kind) ||
		    abg_ctx_change_severity(ctx, c->kind) == ABG_SEVERITY_OFF)
			continue;
		*ABG_PUSH(out->changes, out->nchanges, out->cap) = *c;
		c->text = NULL;
	}
}

/* Released default symbols reaching the type whose version did not move. */
static size_t unmoved_symbols(struct abg_check_ctx *ctx, abg_type_id type,
			      size_t *out)
{
	size_t n = 0, nusers = 0;
	size_t *users = abg_reach_symbols(ctx->reach, type, &nusers);
	for (size_t i = 0; i < nusers; i++) {
		size_t idx = users[i];
		const struct abg_symbol *b = &ctx->baseline->symbols[idx];
		if (!b->is_default || !abg_ctx_symbol_frozen(ctx, b))
			continue;
		const char *now = abg_ctx_current_default_node(ctx, b->name);
		if (now && (!b->node || strcmp(now, b->node) != 0))
			continue; /* moved: the compat rule guards the old ABI */
		out[n++] = idx;
	}
	free(users);
	return n;
}

static void note_fix(struct abg_check_ctx *ctx, struct abg_finding *f,
		     const struct abg_symbol *first)
{
	if (!first->node) {
		abg_ctx_note_base_version_fix(ctx, f, first->name);
		return;
	}
	struct abg_strbuf node = {0};
	abg_ctx_suggest_node_for(ctx, first->node, &node);
	abg_finding_note(f, (struct abg_location){0},
			 "either keep the old layout, or give every affected "
			 "function a new default version in node '%s' (e.g. "
			 "'%s@@%s') and keep '%s@%s' as a compat symbol built "
			 "against the old layout",
			 node.data, first->name, node.data, first->name,
			 first->node);
	abg_strbuf_free(&node);
}

/* The symbol the finding is about: one of a public node when there is
 * one, so that a type a private node shares with public API is judged as
 * public API (a change only private nodes see is a warning). */
static const struct abg_symbol *first_public(const struct abg_check_ctx *ctx,
					     const size_t *affected,
					     size_t naffected)
{
	for (size_t i = 0; i < naffected; i++) {
		const struct abg_symbol *s =
			&ctx->baseline->symbols[affected[i]];
		if (!s->node ||
		    !abg_options_is_private_node(ctx->options, s->node))
			return s;
	}
	return &ctx->baseline->symbols[affected[0]];
}

static bool only_annotations(const struct abg_layout_diff *diff)
{
	for (size_t i = 0; i < diff->nchanges; i++)
		if (diff->changes[i].kind != ABG_CHANGE_ANNOTATION_REMOVED &&
		    diff->changes[i].kind != ABG_CHANGE_ANNOTATION_ADDED)
			return false;
	return true;
}

/* A promise of abiguard.h is part of the released ABI: kept, or changed
 * with the soname. */
static void note_annotation_fix(struct abg_finding *f,
				const struct abg_layout_diff *diff)
{
	if (abg_layout_diff_has(diff, ABG_CHANGE_ANNOTATION_REMOVED))
		abg_finding_note(f, (struct abg_location){0},
				 "write the annotation back: the release "
				 "promised it, and the baseline judges the "
				 "type by it; withdrawing it needs a soname "
				 "bump");
	else
		abg_finding_note(f, (struct abg_location){0},
				 "drop the annotation: programs built against "
				 "the release may embed, allocate or copy the "
				 "type, or count its values; make the promise "
				 "with a soname bump");
}

static void report(struct abg_check_ctx *ctx, abg_type_id old_id,
		   abg_type_id cur_id, const struct abg_layout_diff *diff,
		   const size_t *affected, size_t naffected)
{
	const struct abg_type *cur = abg_model_type(ctx->current, cur_id);
	const struct abg_symbol *first = first_public(ctx, affected, naffected);
	struct abg_strbuf name = {0}, list = {0};
	/* The name callers knew: a struct that became a union is the
	 * struct's. */
	abg_type_spell_name(ctx->baseline, old_id, &name);
	abg_ctx_list_symbols(ctx, affected, naffected, &list);
	/* A type now only declared may have no place in this build: then
	 * the one its definition had. */
	const struct abg_type *old = abg_model_type(ctx->baseline, old_id);
	struct abg_location loc = cur->loc.file ? cur->loc : old->loc;
	/* Internal entry points only: reported, not fatal. */
	bool all_internal = true;
	for (size_t i = 0; i < naffected && all_internal; i++)
		all_internal = abg_ctx_symbol_internal(
			ctx, ctx->baseline->symbols[affected[i]].name);
	struct abg_finding *f = abg_rule_report_changes(
		ctx, loc, first->node, all_internal ? first->name : NULL, diff,
		"'%s' %s; affects %s", name.data, diff->changes[0].text,
		list.data);
	abg_ctx_note_changes(ctx, f, diff);
	if (f) {
		struct abg_strbuf what = {0};
		if (old->complete)
			abg_strbuf_printf(&what, "the layout of '%s'",
					  name.data);
		else
			abg_strbuf_printf(&what, "'%s' as opaque", name.data);
		abg_ctx_note_baseline(f, old->loc, what.data);
		abg_strbuf_free(&what);
		if (only_annotations(diff))
			note_annotation_fix(f, diff);
		else if (abg_layout_diff_has_binary(diff))
			note_fix(ctx, f, first);
	}
	abg_rule_emit(ctx, f);
	abg_strbuf_free(&name);
	abg_strbuf_free(&list);
}

/* The build's type of the same name: a struct may have become a union (or
 * the other way), so a record missing under its kind is looked for under
 * the other. */
static abg_type_id current_definition(const struct abg_check_ctx *ctx,
				      const struct abg_type *old)
{
	abg_type_id id =
		abg_model_find_named(ctx->current, old->kind, old->name);
	const struct abg_type *t = abg_model_type(ctx->current, id);
	if ((t && t->complete) ||
	    (old->kind != ABG_TYPE_STRUCT && old->kind != ABG_TYPE_UNION))
		return id;
	abg_type_id other = abg_model_find_named(
		ctx->current,
		old->kind == ABG_TYPE_STRUCT ? ABG_TYPE_UNION : ABG_TYPE_STRUCT,
		old->name);
	const struct abg_type *o = abg_model_type(ctx->current, other);
	return o && o->complete ? other : id;
}

/* ABIGUARD_OPAQUE, but a released symbol takes, returns or is the type
 * by value: its callers copy it, so its layout is theirs too. */
static bool copied_by_callers(const struct abg_check_ctx *ctx,
			      const struct abg_type *old, abg_type_id old_id)
{
	if (!(old->annotations & ABG_ANNOT_OPAQUE))
		return false;
	size_t n = 0;
	size_t *users = abg_reach_symbols(ctx->reach, old_id, &n);
	bool copied = false;
	for (size_t i = 0; i < n && !copied; i++) {
		const struct abg_symbol *b = &ctx->baseline->symbols[users[i]];
		copied = abg_ctx_symbol_frozen(ctx, b) &&
			 abg_type_used_by_value(ctx->baseline, b->type, old_id);
	}
	free(users);
	return copied;
}

static void check_type(struct abg_check_ctx *ctx, abg_type_id old_id,
		       size_t *scratch)
{
	const struct abg_type *old = abg_model_type(ctx->baseline, old_id);
	abg_type_id cur_id = current_definition(ctx, old);
	const struct abg_type *cur = abg_model_type(ctx->current, cur_id);
	/* A TU that does not define the type cannot judge it. */
	if (!cur || (!cur->complete && ctx->scope == ABG_SCOPE_TU))
		return;
	struct abg_layout_diff all = {0}, diff = {0};
	if (copied_by_callers(ctx, old, old_id))
		abg_layout_diff_by_value(ctx->baseline, old_id, ctx->current,
					 cur_id, &all);
	else
		abg_layout_diff(ctx->baseline, old_id, ctx->current, cur_id,
				&all);
	layout_changes(ctx, &all, &diff);
	/* Size-prefixed or library-allocated: growth at the end is safe. */
	bool grown = abg_ctx_growth_only(ctx, old, cur, &all);
	size_t n = diff.nchanges && !grown
			   ? unmoved_symbols(ctx, old_id, scratch)
			   : 0;
	if (n)
		report(ctx, old_id, cur_id, &diff, scratch, n);
	abg_layout_diff_free(&all);
	abg_layout_diff_free(&diff);
}

static void check(struct abg_check_ctx *ctx)
{
	if (!ctx->baseline)
		return;
	size_t *scratch = calloc(ctx->baseline->nsymbols + 1, sizeof *scratch);
	if (!scratch)
		abort();
	for (abg_type_id id = 1; id < ctx->baseline->ntypes; id++) {
		const struct abg_type *t = &ctx->baseline->types[id];
		/* Opaque ones too: a type that becomes defined is news. */
		if (t->name && abg_reach_any(ctx->reach, id) &&
		    (t->kind == ABG_TYPE_STRUCT || t->kind == ABG_TYPE_UNION ||
		     t->kind == ABG_TYPE_ENUM || t->kind == ABG_TYPE_TYPEDEF))
			check_type(ctx, id, scratch);
	}
	free(scratch);
}

const struct abg_rule abg_rule_released_type_changed = {
	.id = "released-type-changed",
	.summary = "A type reachable from a released symbol (of a released "
		   "node, or with only the base version) changed its layout, "
		   "and the symbol did not move to a new node.",
	.why = "Programs built against the released node allocate, copy and "
	       "read the type with the old size, alignment and field offsets; "
	       "the library now reads and writes it with the new ones. The "
	       "promises of abiguard.h (opaque, growable, append-only) the "
	       "release made are part of that ABI: dropping one, or making "
	       "one after the release, is a change too.",
	.when_not = "Types reachable only from open nodes or from symbols "
		    "whose default version moved to a new node; opaque types "
		    "(declared but never defined in public headers, or "
		    "ABIGUARD_OPAQUE and never passed by value); typedefs "
		    "of the same type; fields wrapped in an anonymous union "
		    "with their offsets and sizes kept; fields appended to a "
		    "struct the 'growable' option names or ABIGUARD_GROWABLE "
		    "marks (size-prefixed or library-allocated), every old "
		    "field kept in place; new fields within the bytes of an "
		    "ABIGUARD_RESERVED field; a "
		    "library whose soname changed. A renamed field that keeps "
		    "its place and type, "
		    "other source-only changes, and types only internal entry "
		    "points reach are warnings.",
	.action = "new version node for every function that deals with the "
		  "type, with compat symbols built against the old layout; or "
		  "a soname bump",
	.severity = ABG_SEVERITY_ERROR,
	.scopes = ABG_SCOPE_TU | ABG_SCOPE_LIBRARY,
	.check = check,
};
