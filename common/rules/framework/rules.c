/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The rule registry and the small vocabulary rules share: reporting with
 * the right severity, asking about nodes, naming affected symbols.
 */
#include "abiguard/rules.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The registry is generated from the files in common/rules/ (see
 * common/rules/registry.cmake): one ABG_RULE(symbol) line per rule file. */
#define ABG_RULE(symbol) extern const struct abg_rule symbol;
#include "rule_list.h"
#undef ABG_RULE

const struct abg_rule *const abg_rules[] = {
#define ABG_RULE(symbol) &symbol,
#include "rule_list.h"
#undef ABG_RULE
};
const size_t abg_nrules = sizeof abg_rules / sizeof abg_rules[0];

const struct abg_rule *abg_rule_find(const char *id)
{
	for (size_t i = 0; i < abg_nrules; i++)
		if (strcmp(abg_rules[i]->id, id) == 0)
			return abg_rules[i];
	return NULL;
}

/* The rule's severity after the severity option. */
static enum abg_severity rule_severity(const struct abg_check_ctx *ctx)
{
	return abg_options_severity(ctx->options, ctx->rule->id,
				    ctx->rule->severity);
}

size_t abg_rules_run(struct abg_check_ctx *ctx)
{
	size_t before = ctx->sink->errors;
	for (size_t i = 0; i < abg_nrules; i++) {
		if (!(abg_rules[i]->scopes & ctx->scope))
			continue;
		ctx->rule = abg_rules[i];
		ctx->rule_findings = 0;
		/* Switched off: its change kinds are off too (see
		 * abg_ctx_change_severity), so nothing it finds is shown. */
		if (rule_severity(ctx) != ABG_SEVERITY_OFF)
			abg_rules[i]->check(ctx);
	}
	ctx->rule = NULL;
	return ctx->sink->errors - before;
}

/* ---- reporting ---------------------------------------------------------- */

/* Past max-findings a finding still counts, and a NOLINT or an accepted
 * break still applies to it, but nothing of it is formatted: that is what
 * a finding costs, and a hostile input can ask for millions. */
static void report_omitted(struct abg_check_ctx *ctx, enum abg_severity sev,
			   struct abg_location loc, const char *fmt, va_list ap)
{
	if (abg_options_accepts_rule(ctx->options, ctx->rule->id)) {
		struct abg_strbuf sb = {0};
		abg_strbuf_vprintf(&sb, fmt, ap);
		if (abg_options_accepted(ctx->options, ctx->rule->id, sb.data))
			sev = ABG_SEVERITY_NOTE;
		abg_strbuf_free(&sb);
	}
	struct abg_finding f = {
		.rule_id = ctx->rule->id,
		.severity = sev,
		.loc = loc,
		.message = (char *)"",
		.omitted = true,
	};
	abg_sink_emit(ctx->sink, &f);
}

/* Findings come in runs about one node: match its name against the
 * patterns once per run. */
static bool private_node(struct abg_check_ctx *ctx, const char *node)
{
	if (!node)
		return false;
	size_t len = strlen(node);
	if (len >= sizeof ctx->last_node)
		return abg_options_is_private_node(ctx->options, node);
	if (strcmp(node, ctx->last_node) != 0) {
		memcpy(ctx->last_node, node, len + 1);
		ctx->last_node_private =
			abg_options_is_private_node(ctx->options, node);
	}
	return ctx->last_node_private;
}

static bool over_limit(struct abg_check_ctx *ctx)
{
	unsigned max = ctx->options->max_findings;
	return max && ++ctx->rule_findings > max;
}

/* A finding at severity sev, lowered to a warning in a private node or
 * for an internal entry point, and to a note when accepted. */
static struct abg_finding *vreport(struct abg_check_ctx *ctx,
				   enum abg_severity sev,
				   struct abg_location loc, const char *node,
				   bool internal, const char *fmt, va_list ap)
{
	if (sev == ABG_SEVERITY_OFF)
		return NULL;
	if (sev == ABG_SEVERITY_ERROR && (internal || private_node(ctx, node)))
		sev = ABG_SEVERITY_WARNING;
	if (over_limit(ctx)) {
		report_omitted(ctx, sev, loc, fmt, ap);
		return NULL;
	}
	struct abg_strbuf sb = {0};
	abg_strbuf_vprintf(&sb, fmt, ap);
	const struct abg_accepted_break *accepted =
		abg_options_accepted(ctx->options, ctx->rule->id, sb.data);
	if (accepted)
		sev = ABG_SEVERITY_NOTE;
	struct abg_finding *f =
		abg_finding_new(ctx->rule->id, sev, loc, "%s", sb.data);
	if (accepted)
		abg_finding_note(f, (struct abg_location){0},
				 "accepted break: %s", accepted->justification);
	abg_strbuf_free(&sb);
	return f;
}

struct abg_finding *abg_rule_report(struct abg_check_ctx *ctx,
				    struct abg_location loc, const char *node,
				    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct abg_finding *f =
		vreport(ctx, rule_severity(ctx), loc, node, false, fmt, ap);
	va_end(ap);
	return f;
}

/* Why an error about an internal entry point is only a warning. */
static void note_internal(struct abg_finding *f, bool internal,
			  const char *symbol)
{
	if (f && internal)
		abg_finding_note(f, (struct abg_location){0},
				 "'%s' is an internal entry point (not public "
				 "API), so this is not fatal",
				 symbol);
}

struct abg_finding *abg_rule_report_symbol(struct abg_check_ctx *ctx,
					   struct abg_location loc,
					   const char *node, const char *symbol,
					   const char *fmt, ...)
{
	bool internal = symbol && abg_ctx_symbol_internal(ctx, symbol);
	va_list ap;
	va_start(ap, fmt);
	struct abg_finding *f =
		vreport(ctx, rule_severity(ctx), loc, node, internal, fmt, ap);
	va_end(ap);
	note_internal(f, internal, symbol);
	return f;
}

enum abg_severity abg_ctx_change_severity(const struct abg_check_ctx *ctx,
					  enum abg_change_kind kind)
{
	enum abg_severity rule = rule_severity(ctx);
	const struct abg_change_kind_info *info = abg_change_info(kind);
	if (!info || rule == ABG_SEVERITY_OFF)
		return rule;
	enum abg_severity sev = rule;
	if (info->cls == ABG_CLASS_SOURCE && sev > ABG_SEVERITY_WARNING)
		sev = ABG_SEVERITY_WARNING;
	sev = abg_options_severity(ctx->options,
				   abg_change_class_name(info->cls), sev);
	return abg_options_severity(ctx->options, info->id, sev);
}

struct abg_finding *
abg_rule_report_changes(struct abg_check_ctx *ctx, struct abg_location loc,
			const char *node, const char *symbol,
			const struct abg_layout_diff *d, const char *fmt, ...)
{
	bool internal = symbol && abg_ctx_symbol_internal(ctx, symbol);
	enum abg_severity sev = ABG_SEVERITY_OFF;
	for (size_t i = 0; i < d->nchanges; i++) {
		enum abg_severity s =
			abg_ctx_change_severity(ctx, d->changes[i].kind);
		sev = s > sev ? s : sev;
	}
	va_list ap;
	va_start(ap, fmt);
	struct abg_finding *f = vreport(ctx, sev, loc, node, internal, fmt, ap);
	va_end(ap);
	note_internal(f, internal, symbol);
	return f;
}

void abg_ctx_note_changes(const struct abg_check_ctx *ctx,
			  struct abg_finding *f,
			  const struct abg_layout_diff *d)
{
	for (size_t i = 0; f && i < d->nchanges; i++) {
		const struct abg_layout_change *c = &d->changes[i];
		const struct abg_change_kind_info *info =
			abg_change_info(c->kind);
		if (info &&
		    abg_ctx_change_severity(ctx, c->kind) != ABG_SEVERITY_OFF)
			abg_finding_note_change(f, info->id, c->text);
	}
}

void abg_rule_emit(struct abg_check_ctx *ctx, struct abg_finding *f)
{
	if (!f)
		return;
	abg_sink_emit(ctx->sink, f);
	abg_finding_free(f);
}

/* ---- questions about nodes and symbols -------------------------------- */

bool abg_ctx_node_released(const struct abg_check_ctx *ctx, const char *node)
{
	if (!ctx->baseline || !node)
		return false;
	const struct abg_node *n = abg_model_find_node(ctx->baseline, node);
	return n && n->released;
}

bool abg_ctx_soname_changed(const struct abg_check_ctx *ctx)
{
	const char *old = ctx->baseline ? ctx->baseline->soname : NULL;
	const char *now = ctx->current ? ctx->current->soname : NULL;
	return old && now && strcmp(old, now) != 0;
}

bool abg_ctx_symbol_frozen(const struct abg_check_ctx *ctx,
			   const struct abg_symbol *b)
{
	if (!ctx->baseline || abg_ctx_soname_changed(ctx))
		return false;
	/* The base version is the soname's: released with the baseline. */
	return b->node ? abg_ctx_node_released(ctx, b->node) : true;
}

/* Is some declaration of `symbol` in a public header (this build's, or
 * the API the baseline recorded)? */
static bool declared_public(const struct abg_check_ctx *ctx, const char *symbol,
			    bool *seen)
{
	const struct abg_model *m = ctx->current;
	for (size_t i = 0; m && i < m->ndecls; i++) {
		const struct abg_decl *d = &m->decls[i];
		if (strcmp(d->symbol, symbol) != 0 &&
		    strcmp(d->name, symbol) != 0)
			continue;
		*seen = true;
		if (d->public_header)
			return true;
	}
	for (size_t i = 0; m && i < m->nsymvers; i++) {
		const struct abg_symver *sv = &m->symvers[i];
		if (strcmp(sv->name, symbol) == 0 &&
		    strcmp(sv->impl, symbol) != 0 &&
		    declared_public(ctx, sv->impl, seen))
			return true;
	}
	return ctx->baseline &&
	       abg_model_find_api(ctx->baseline, symbol) != NULL;
}

/* The option's patterns and the header's ABIGUARD_GROWABLE are one
 * promise, judged by one check (abg_ctx_growth_only); the baseline's
 * annotation is the one released. */
bool abg_ctx_type_growable(const struct abg_check_ctx *ctx,
			   const struct abg_type *old)
{
	return (old->annotations & ABG_ANNOT_GROWABLE) ||
	       abg_options_is_growable(ctx->options, old->name);
}

bool abg_ctx_growth_only(const struct abg_check_ctx *ctx,
			 const struct abg_type *old, const struct abg_type *cur,
			 const struct abg_layout_diff *diff)
{
	if (!old || !cur || old->kind != ABG_TYPE_STRUCT ||
	    cur->kind != ABG_TYPE_STRUCT || !diff->nchanges ||
	    !abg_ctx_type_growable(ctx, old) ||
	    cur->size_bits < old->size_bits ||
	    cur->align_bits < old->align_bits)
		return false;
	for (size_t i = 0; i < diff->nchanges; i++) {
		enum abg_change_kind k = diff->changes[i].kind;
		if (k != ABG_CHANGE_FIELD_APPENDED && k != ABG_CHANGE_SIZE &&
		    k != ABG_CHANGE_ALIGN)
			return false;
	}
	return true;
}

/* A declaration of `symbol` (this build's, or the one the baseline's API
 * recorded) carries ABIGUARD_INTERNAL. */
static bool annotated_internal(const struct abg_check_ctx *ctx,
			       const char *symbol)
{
	const struct abg_model *m = ctx->current;
	for (size_t i = 0; m && i < m->ndecls; i++) {
		const struct abg_decl *d = &m->decls[i];
		if (d->internal && (strcmp(d->symbol, symbol) == 0 ||
				    strcmp(d->name, symbol) == 0))
			return true;
	}
	const struct abg_api_entry *e =
		ctx->baseline ? abg_model_find_api(ctx->baseline, symbol)
			      : NULL;
	return e && e->internal;
}

bool abg_ctx_symbol_internal(const struct abg_check_ctx *ctx,
			     const char *symbol)
{
	if (abg_options_is_internal(ctx->options, symbol) ||
	    annotated_internal(ctx, symbol))
		return true;
	bool seen = false;
	if (declared_public(ctx, symbol, &seen) || !seen)
		return false;
	/* Declared, but never in a public header: that says something only
	 * when public headers are known (named to the compiler, or seen in
	 * the units' summaries). */
	if (ctx->options->npublic)
		return true;
	for (size_t i = 0; i < ctx->current->ndecls; i++)
		if (ctx->current->decls[i].public_header)
			return true;
	return false;
}

const char *abg_ctx_current_default_node(const struct abg_check_ctx *ctx,
					 const char *name)
{
	const struct abg_symbol *s = abg_model_find_default(ctx->current, name);
	if (s)
		return s->node;
	if (ctx->scope == ABG_SCOPE_TU && ctx->vscript) {
		const struct abg_vs_node *n =
			abg_vscript_node_for(ctx->vscript, name, NULL);
		return n ? n->name : NULL;
	}
	return NULL;
}

const char *abg_ctx_newest_released(const struct abg_check_ctx *ctx)
{
	const char *newest = NULL;
	for (size_t i = 0; ctx->baseline && i < ctx->baseline->nnodes; i++)
		if (ctx->baseline->nodes[i].released)
			newest = ctx->baseline->nodes[i].name;
	return newest; /* nodes are in parent-first order */
}

const char *abg_library_version(const struct abg_model *library,
				const struct abg_options *options)
{
	if (options && options->library_version)
		return options->library_version;
	return library->version;
}

const char *abg_ctx_newest_released_public(const struct abg_check_ctx *ctx)
{
	const char *newest = NULL;
	for (size_t i = 0; ctx->baseline && i < ctx->baseline->nnodes; i++) {
		const struct abg_node *n = &ctx->baseline->nodes[i];
		if (n->released &&
		    !abg_options_is_private_node(ctx->options, n->name))
			newest = n->name;
	}
	return newest;
}

/* "DEMO_1.9" -> "DEMO_1.10": bump the last number in the name. */
static void bump_last_number(const char *name, struct abg_strbuf *out)
{
	size_t len = strlen(name), end = len;
	while (end > 0 && !isdigit((unsigned char)name[end - 1]))
		end--;
	size_t start = end;
	while (start > 0 && isdigit((unsigned char)name[start - 1]))
		start--;
	if (start == end) {
		abg_strbuf_printf(out, "%s_NEXT", name);
		return;
	}
	unsigned long n = strtoul(name + start, NULL, 10);
	abg_strbuf_append_n(out, name, start);
	abg_strbuf_printf(out, "%lu%s", n + 1, name + end);
}

void abg_ctx_suggest_node(const struct abg_check_ctx *ctx,
			  struct abg_strbuf *out)
{
	for (size_t i = 0; ctx->baseline && i < ctx->baseline->nnodes; i++) {
		const struct abg_node *n = &ctx->baseline->nodes[i];
		if (!n->released &&
		    !abg_options_is_private_node(ctx->options, n->name)) {
			abg_strbuf_append(out, n->name);
			return;
		}
	}
	/* The next public node follows the newest public one, not a private
	 * node released after it. */
	const char *newest = abg_ctx_newest_released_public(ctx);
	if (!newest)
		newest = abg_ctx_newest_released(ctx);
	if (newest)
		bump_last_number(newest, out);
	else
		abg_strbuf_append(out, "<new node>");
}

/* "GFAPI_3.7.1" -> "GFAPI_PRIVATE_3.7.1", gfapi's spelling; a name
 * without '_' gets "_PRIVATE" at the end. */
static void private_name(const char *public_name, struct abg_strbuf *out)
{
	const char *us = strchr(public_name, '_');
	if (!us) {
		abg_strbuf_printf(out, "%s_PRIVATE", public_name);
		return;
	}
	abg_strbuf_append_n(out, public_name, (size_t)(us - public_name));
	abg_strbuf_printf(out, "_PRIVATE%s", us);
}

void abg_ctx_suggest_node_for(const struct abg_check_ctx *ctx, const char *node,
			      struct abg_strbuf *out)
{
	if (!node || !abg_options_is_private_node(ctx->options, node)) {
		abg_ctx_suggest_node(ctx, out);
		return;
	}
	for (size_t i = 0; ctx->baseline && i < ctx->baseline->nnodes; i++) {
		const struct abg_node *n = &ctx->baseline->nodes[i];
		if (!n->released &&
		    abg_options_is_private_node(ctx->options, n->name)) {
			abg_strbuf_append(out, n->name);
			return;
		}
	}
	struct abg_strbuf pub = {0};
	abg_ctx_suggest_node(ctx, &pub);
	private_name(pub.data, out);
	abg_strbuf_free(&pub);
	/* A name a release already used would be no new node. */
	while (ctx->baseline && abg_model_find_node(ctx->baseline, out->data)) {
		struct abg_strbuf next = {0};
		bump_last_number(out->data, &next);
		abg_strbuf_free(out);
		*out = next;
	}
}

void abg_ctx_list_symbols(const struct abg_check_ctx *ctx,
			  const size_t *indices, size_t n,
			  struct abg_strbuf *out)
{
	size_t shown = n > 3 ? 2 : n;
	for (size_t i = 0; i < shown; i++) {
		const struct abg_symbol *s =
			&ctx->baseline->symbols[indices[i]];
		abg_strbuf_printf(out, "%s'%s%s%s'",
				  i == 0 ? "" : (i + 1 == n ? " and " : ", "),
				  s->name, s->is_default ? "@@" : "@",
				  s->node ? s->node : "");
	}
	if (n > shown)
		abg_strbuf_printf(out, " and %zu more", n - shown);
}

char *abg_ctx_spell(const struct abg_model *m, abg_type_id id)
{
	struct abg_strbuf sb = {0};
	abg_type_spell(m, id, &sb);
	return sb.data ? sb.data : calloc(1, 1);
}

void abg_ctx_note_baseline(struct abg_finding *f, struct abg_location where,
			   const char *what)
{
	if (where.file && where.line)
		abg_finding_note(f, (struct abg_location){0},
				 "the baseline (%s:%u) records %s", where.file,
				 where.line, what);
	else
		abg_finding_note(f, (struct abg_location){0},
				 "the baseline records %s", what);
}

const char *abg_ctx_base_version_name(const struct abg_check_ctx *ctx)
{
	const char *soname = ctx->baseline ? ctx->baseline->soname : NULL;
	return soname ? soname : "the library";
}

void abg_ctx_note_base_version_fix(struct abg_check_ctx *ctx,
				   struct abg_finding *f, const char *name)
{
	abg_finding_note(f, (struct abg_location){0},
			 "'%s' has only the base version of '%s', released "
			 "with it: programs linked against it bind to the old "
			 "ABI",
			 name, abg_ctx_base_version_name(ctx));
	abg_finding_note(f, (struct abg_location){0},
			 "either bump the soname (a new baseline starts), or "
			 "give '%s' a version node for the new ABI (%s@@NEW) "
			 "and keep the old ABI as a compat symbol in the "
			 "oldest node, which unversioned references bind to: "
			 "__asm__(\".symver %s_compat, %s@OLD\");",
			 name, name, name, name);
}
