/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * enumerator-changed: an enumerator of an enum reachable from a released
 * symbol changed its value or disappeared.
 */
#include "abiguard/rules.h"

#include <stdlib.h>
#include <string.h>

/* Sentinels are expected to move when values are appended before them. */
static bool is_sentinel(const char *name)
{
	static const char *const suffixes[] = {"_LAST", "_MAX", "_COUNT",
					       "_NUM", "_END"};
	size_t len = strlen(name);
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		size_t n = strlen(suffixes[i]);
		if (len > n && strcmp(name + len - n, suffixes[i]) == 0)
			return true;
	}
	return false;
}

static const struct abg_symbol *
first_released_user(struct abg_check_ctx *ctx, abg_type_id id)
{
	size_t n = 0;
	size_t *users = abg_reach_symbols(ctx->reach, id, &n);
	const struct abg_symbol *found = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct abg_symbol *b = &ctx->baseline->symbols[users[i]];
		if (abg_ctx_symbol_frozen(ctx, b) &&
		    (!found || abg_ctx_symbol_internal(ctx, found->name)))
			found = b; /* a public user, if there is one */
	}
	free(users);
	return found;
}

static const struct abg_enumerator *find(const struct abg_type *t,
					 const char *name)
{
	for (uint32_t i = 0; i < t->nenumerators; i++)
		if (strcmp(t->enumerators[i].name, name) == 0)
			return &t->enumerators[i];
	return NULL;
}

/* Kept with its value, or a sentinel that may move. */
static bool unchanged(const struct abg_enumerator *e,
		      const struct abg_enumerator *now)
{
	return now && (now->value == e->value || is_sentinel(e->name));
}

static bool any_changed(const struct abg_type *old, const struct abg_type *cur)
{
	for (uint32_t i = 0; i < old->nenumerators; i++)
		if (!unchanged(&old->enumerators[i],
			       find(cur, old->enumerators[i].name)))
			return true;
	return false;
}

static void check_enum(struct abg_check_ctx *ctx, abg_type_id id)
{
	const struct abg_type *old = &ctx->baseline->types[id];
	const struct abg_type *cur = abg_model_type(
		ctx->current,
		abg_model_find_named(ctx->current, ABG_TYPE_ENUM, old->name));
	if (!cur || !cur->complete || !any_changed(old, cur))
		return;
	const struct abg_symbol *user = first_released_user(ctx, id);
	if (!user)
		return;
	for (uint32_t i = 0; i < old->nenumerators; i++) {
		const struct abg_enumerator *e = &old->enumerators[i];
		const struct abg_enumerator *n = find(cur, e->name);
		if (unchanged(e, n))
			continue;
		struct abg_finding *f =
			n ? abg_rule_report_symbol(ctx, cur->loc, user->node,
					    user->name,
					    "enumerator '%s' of 'enum %s' "
					    "changed value from %lld to %lld",
					    e->name, old->name,
					    (long long)e->value,
					    (long long)n->value)
			  : abg_rule_report_symbol(ctx, cur->loc, user->node,
					    user->name,
					    "enumerator '%s' (= %lld) of 'enum "
					    "%s' was removed",
					    e->name, (long long)e->value,
					    old->name);
		if (!f)
			continue;
		struct abg_strbuf what = {0};
		abg_strbuf_printf(&what, "'%s' = %lld, used by '%s%s%s%s'",
				  e->name, (long long)e->value, user->name,
				  user->node ? "@" : "",
				  user->node && user->is_default ? "@" : "",
				  user->node ? user->node : "");
		abg_ctx_note_baseline(f, old->loc, what.data);
		abg_strbuf_free(&what);
		abg_finding_note(f, (struct abg_location){0},
				 "programs compiled against '%s' still pass "
				 "and compare the old value; append new "
				 "enumerators after the existing ones instead",
				 user->node ? user->node
					    : abg_ctx_base_version_name(ctx));
		if (!user->node)
			abg_ctx_note_base_version_fix(ctx, f, user->name);
		abg_rule_emit(ctx, f);
	}
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
		   "its value or was removed.",
	.why = "Enumerator values are compiled into the programs that use "
	       "them; after the change a program passes or expects a value "
	       "that now means something else.",
	.when_not = "Enumerators appended with new values; sentinels such as "
		    "*_LAST, *_MAX, *_COUNT moving; enums used only by open "
		    "nodes.",
	.action = "restore the value (append new enumerators at the end), or "
		  "a soname bump",
	.severity = ABG_SEVERITY_ERROR,
	.scopes = ABG_SCOPE_TU | ABG_SCOPE_LIBRARY,
	.check = check,
};
