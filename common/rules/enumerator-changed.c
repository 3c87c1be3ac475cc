/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * enumerator-changed: an enumerator of an enum reachable from a released
 * symbol changed its value or disappeared (binary changes), or was renamed
 * in place, added, or a sentinel moved (source-only changes: warnings).
 */
#include "abiguard/rules.h"

#include <stdlib.h>
#include <string.h>

static const struct abg_symbol *first_released_user(struct abg_check_ctx *ctx,
						    abg_type_id id)
{
	size_t n = 0;
	size_t *users = abg_reach_symbols(ctx->reach, id, &n);
	const struct abg_symbol *found = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct abg_symbol *b = &ctx->baseline->symbols[users[i]];
		/* A public user, if there is one: an enum that a private
		 * node shares with public API is public API. */
		if (abg_ctx_symbol_frozen(ctx, b) &&
		    (!found || abg_ctx_symbol_internal(ctx, found->name) ||
		     (found->node &&
		      abg_options_is_private_node(ctx->options, found->node))))
			found = b;
	}
	free(users);
	return found;
}

static bool is_enumerator_change(enum abg_change_kind kind)
{
	return kind == ABG_CHANGE_ENUMERATOR_VALUE ||
	       kind == ABG_CHANGE_ENUMERATOR_REMOVED ||
	       kind == ABG_CHANGE_ENUMERATOR_RENAMED ||
	       kind == ABG_CHANGE_ENUMERATOR_APPENDED ||
	       kind == ABG_CHANGE_SENTINEL_MOVED;
}

static const struct abg_enumerator *find(const struct abg_type *t,
					 const char *name)
{
	for (uint32_t i = 0; i < t->nenumerators; i++)
		if (strcmp(t->enumerators[i].name, name) == 0)
			return &t->enumerators[i];
	return NULL;
}

/* The message of one change: the words used since the rule began for a
 * value that moved or an enumerator removed, the change's own otherwise. */
static void headline(const struct abg_type *old, const struct abg_type *cur,
		     const struct abg_layout_change *c, size_t index,
		     struct abg_strbuf *out)
{
	const struct abg_enumerator *e =
		index < old->nenumerators ? &old->enumerators[index] : NULL;
	const struct abg_enumerator *n = e ? find(cur, e->name) : NULL;
	if (c->kind == ABG_CHANGE_ENUMERATOR_VALUE && e && n)
		abg_strbuf_printf(out,
				  "enumerator '%s' of 'enum %s' changed value "
				  "from %lld to %lld",
				  e->name, old->name, (long long)e->value,
				  (long long)n->value);
	else if (c->kind == ABG_CHANGE_ENUMERATOR_REMOVED && e)
		abg_strbuf_printf(out,
				  "enumerator '%s' (= %lld) of 'enum %s' was "
				  "removed",
				  e->name, (long long)e->value, old->name);
	else
		abg_strbuf_printf(out, "'enum %s': %s", old->name, c->text);
}

static void report(struct abg_check_ctx *ctx, const struct abg_type *old,
		   const struct abg_type *cur,
		   const struct abg_layout_change *c,
		   const struct abg_symbol *user)
{
	struct abg_layout_diff one = {.changes = (struct abg_layout_change *)c,
				      .nchanges = 1};
	size_t index = c->enumerator
			       ? (size_t)(c->enumerator - old->enumerators)
			       : old->nenumerators;
	struct abg_strbuf message = {0};
	headline(old, cur, c, index, &message);
	struct abg_finding *f =
		abg_rule_report_changes(ctx, cur->loc, user->node, user->name,
					&one, "%s", message.data);
	abg_strbuf_free(&message);
	if (!f)
		return;
	abg_ctx_note_changes(ctx, f, &one);
	/* 'name@@NODE', 'name@NODE', or 'name' with only the base version */
	const char *at = user->node ? (user->is_default ? "@@" : "@") : "";
	const char *node = user->node ? user->node : "";
	struct abg_strbuf what = {0};
	if (index < old->nenumerators)
		abg_strbuf_printf(&what, "'%s' = %lld, used by '%s%s%s'",
				  old->enumerators[index].name,
				  (long long)old->enumerators[index].value,
				  user->name, at, node);
	else
		abg_strbuf_printf(&what, "'enum %s', used by '%s%s%s'",
				  old->name, user->name, at, node);
	abg_ctx_note_baseline(f, old->loc, what.data);
	abg_strbuf_free(&what);
	bool binary = c->kind == ABG_CHANGE_ENUMERATOR_VALUE ||
		      c->kind == ABG_CHANGE_ENUMERATOR_REMOVED;
	if (binary)
		abg_finding_note(f, (struct abg_location){0},
				 "programs compiled against '%s' still pass "
				 "and compare the old value; append new "
				 "enumerators after the existing ones instead",
				 user->node ? user->node
					    : abg_ctx_base_version_name(ctx));
	if (binary && !user->node)
		abg_ctx_note_base_version_fix(ctx, f, user->name);
	abg_rule_emit(ctx, f);
}

static void check_enum(struct abg_check_ctx *ctx, abg_type_id id)
{
	const struct abg_type *old = &ctx->baseline->types[id];
	abg_type_id cur_id =
		abg_model_find_named(ctx->current, ABG_TYPE_ENUM, old->name);
	const struct abg_type *cur = abg_model_type(ctx->current, cur_id);
	if (!cur || !cur->complete)
		return;
	struct abg_layout_diff diff = {0};
	abg_layout_diff(ctx->baseline, id, ctx->current, cur_id, &diff);
	const struct abg_symbol *user = NULL;
	for (size_t i = 0; i < diff.nchanges; i++) {
		if (!is_enumerator_change(diff.changes[i].kind))
			continue;
		if (!user)
			user = first_released_user(ctx, id);
		if (!user)
			break;
		report(ctx, old, cur, &diff.changes[i], user);
	}
	abg_layout_diff_free(&diff);
}

static void check(struct abg_check_ctx *ctx)
{
	if (!ctx->baseline)
		return;
	for (abg_type_id id = 1; id < ctx->baseline->ntypes; id++) {
		const struct abg_type *t = &ctx->baseline->types[id];
		if (t->kind == ABG_TYPE_ENUM && t->name && t->complete &&
		    abg_reach_any(ctx->reach, id))
			check_enum(ctx, id);
	}
}

const struct abg_rule abg_rule_enumerator_changed = {
	.id = "enumerator-changed",
	.summary = "An enumerator of an enum used by a released symbol changed "
		   "its value or was removed (or, a warning: was renamed, "
		   "added, or a sentinel moved).",
	.why = "Enumerator values are compiled into the programs that use "
	       "them; after the change a program passes or expects a value "
	       "that now means something else.",
	.when_not = "Enums used only by open nodes. Enumerators added with "
		    "new values, renamed in place, and sentinels such as "
		    "*_LAST, *_MAX, *_COUNT moving are source-only changes: "
		    "warnings by default (severity source-only=LEVEL); for "
		    "an ABIGUARD_APPEND_ONLY enum, enumerators added after "
		    "the old ones and a sentinel moving are no finding.",
	.action = "restore the value (append new enumerators at the end), or "
		  "a soname bump",
	.severity = ABG_SEVERITY_ERROR,
	.scopes = ABG_SCOPE_TU | ABG_SCOPE_LIBRARY,
	.check = check,
};
