/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The rule registry and the small vocabulary rules share: reporting with
 * the right severity, asking about nodes, naming affected symbols.
 */
#include "abiguard/rules.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const struct abg_rule abg_rule_released_signature_changed;
extern const struct abg_rule abg_rule_released_type_changed;
extern const struct abg_rule abg_rule_enumerator_changed;
extern const struct abg_rule abg_rule_released_variable_changed;
extern const struct abg_rule abg_rule_compat_symbol_changed;
extern const struct abg_rule abg_rule_symbol_added_to_released_node;
extern const struct abg_rule abg_rule_symbol_unversioned;
extern const struct abg_rule abg_rule_symbol_removed;
extern const struct abg_rule abg_rule_symbol_type_unknown;
extern const struct abg_rule abg_rule_type_differs_between_units;
extern const struct abg_rule abg_rule_symver_hidden_by_local;
extern const struct abg_rule abg_rule_node_parent_not_newest;
extern const struct abg_rule abg_rule_symbol_in_two_nodes;
extern const struct abg_rule abg_rule_version_script_names_undefined;
extern const struct abg_rule abg_rule_version_node_mismatch;
extern const struct abg_rule abg_rule_declared_not_exported;
extern const struct abg_rule abg_rule_exported_not_declared;

/* Every rule file registers here; tests fail for a rule file that is
 * missing from this list. */
const struct abg_rule *const abg_rules[] = {
	&abg_rule_released_signature_changed,
	&abg_rule_released_type_changed,
	&abg_rule_enumerator_changed,
	&abg_rule_released_variable_changed,
	&abg_rule_compat_symbol_changed,
	&abg_rule_symbol_added_to_released_node,
	&abg_rule_symbol_unversioned,
	&abg_rule_symbol_removed,
	&abg_rule_symbol_type_unknown,
	&abg_rule_type_differs_between_units,
	&abg_rule_symver_hidden_by_local,
	&abg_rule_node_parent_not_newest,
	&abg_rule_symbol_in_two_nodes,
	&abg_rule_version_script_names_undefined,
	&abg_rule_version_node_mismatch,
	&abg_rule_declared_not_exported,
	&abg_rule_exported_not_declared,
};
const size_t abg_nrules = sizeof abg_rules / sizeof abg_rules[0];

const struct abg_rule *abg_rule_find(const char *id)
{
	for (size_t i = 0; i < abg_nrules; i++)
		if (strcmp(abg_rules[i]->id, id) == 0)
			return abg_rules[i];
	return NULL;
}

size_t abg_rules_run(struct abg_check_ctx *ctx)
{
	size_t before = ctx->sink->errors;
	for (size_t i = 0; i < abg_nrules; i++) {
		if (!(abg_rules[i]->scopes & ctx->scope))
			continue;
		ctx->rule = abg_rules[i];
		abg_rules[i]->check(ctx);
	}
	ctx->rule = NULL;
	return ctx->sink->errors - before;
}

/* ---- reachability ----------------------------------------------------- */

/* Calls edge(ctx, child, parent) for every type a type refers to. */
static void each_edge(const struct abg_model *m,
		      void (*edge)(void *ctx, uint32_t child, uint32_t parent),
		      void *ctx)
{
	for (abg_type_id t = 1; t < m->ntypes; t++) {
		const struct abg_type *ty = &m->types[t];
		if (ty->target)
			edge(ctx, ty->target, t);
		for (uint32_t i = 0; i < ty->nparams; i++)
			if (ty->params[i])
				edge(ctx, ty->params[i], t);
		for (uint32_t i = 0; i < ty->nfields; i++)
			if (ty->fields[i].type)
				edge(ctx, ty->fields[i].type, t);
	}
}

struct csr {
	uint32_t *start, *items, *fill;
};

static void count_edge(void *ctx, uint32_t child, uint32_t parent)
{
	(void)parent;
	((struct csr *)ctx)->start[child + 1]++;
}

static void place_edge(void *ctx, uint32_t child, uint32_t parent)
{
	struct csr *c = ctx;
	c->items[c->start[child] + c->fill[child]++] = parent;
}

static void *zalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);
	if (!p)
		abort();
	return p;
}

/* Prefix sums over start[1..n], then room for the items. */
static void csr_finish_counts(struct csr *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		c->start[i + 1] += c->start[i];
	c->items = zalloc(c->start[n], sizeof *c->items);
	c->fill = zalloc(n, sizeof *c->fill);
}

static void build_users(struct abg_reach *r)
{
	const struct abg_model *m = r->baseline;
	struct csr c = {zalloc(m->ntypes + 1, sizeof *c.start), NULL, NULL};
	each_edge(m, count_edge, &c);
	csr_finish_counts(&c, m->ntypes);
	each_edge(m, place_edge, &c);
	free(c.fill);
	r->user_start = c.start;
	r->users = c.items;

	struct csr s = {zalloc(m->ntypes + 1, sizeof *s.start), NULL, NULL};
	for (size_t i = 0; i < m->nsymbols; i++)
		s.start[m->symbols[i].type + 1]++;
	csr_finish_counts(&s, m->ntypes);
	for (size_t i = 0; i < m->nsymbols; i++)
		place_edge(&s, m->symbols[i].type, (uint32_t)i);
	free(s.fill);
	r->symbol_start = s.start;
	r->symbols_by_type = s.items;
}

static void push_unseen(bool *seen, abg_type_id *stack, size_t *n,
			abg_type_id t)
{
	if (t && !seen[t]) {
		seen[t] = true;
		stack[(*n)++] = t;
	}
}

static void mark_reachable(struct abg_reach *r)
{
	const struct abg_model *m = r->baseline;
	r->reachable = zalloc(m->ntypes, sizeof *r->reachable);
	abg_type_id *stack = zalloc(m->ntypes, sizeof *stack);
	size_t n = 0;
	for (size_t i = 0; i < m->nsymbols; i++)
		push_unseen(r->reachable, stack, &n, m->symbols[i].type);
	while (n) {
		const struct abg_type *ty = &m->types[stack[--n]];
		push_unseen(r->reachable, stack, &n, ty->target);
		for (uint32_t i = 0; i < ty->nparams; i++)
			push_unseen(r->reachable, stack, &n, ty->params[i]);
		for (uint32_t i = 0; i < ty->nfields; i++)
			push_unseen(r->reachable, stack, &n, ty->fields[i].type);
	}
	free(stack);
}

void abg_reach_build(struct abg_reach *r, const struct abg_model *baseline)
{
	memset(r, 0, sizeof *r);
	r->baseline = baseline;
	if (baseline)
		mark_reachable(r);
}

bool abg_reach_any(const struct abg_reach *r, abg_type_id id)
{
	return r->reachable && id < r->baseline->ntypes && r->reachable[id];
}

static int by_index(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return (x > y) - (x < y);
}

size_t *abg_reach_symbols(const struct abg_reach *cr, abg_type_id id,
			  size_t *count)
{
	*count = 0;
	if (!abg_reach_any(cr, id))
		return zalloc(1, sizeof(size_t));
	/* The edge index is a cache: built on the first question. */
	struct abg_reach *r = (struct abg_reach *)cr;
	if (!r->user_start)
		build_users(r);
	const struct abg_model *m = r->baseline;
	bool *seen = zalloc(m->ntypes, sizeof *seen);
	abg_type_id *stack = zalloc(m->ntypes, sizeof *stack);
	size_t *out = zalloc(m->nsymbols, sizeof *out);
	size_t n = 0;
	seen[id] = true;
	stack[n++] = id;
	while (n) {
		abg_type_id t = stack[--n];
		for (uint32_t k = r->symbol_start[t]; k < r->symbol_start[t + 1];
		     k++)
			out[(*count)++] = r->symbols_by_type[k];
		for (uint32_t k = r->user_start[t]; k < r->user_start[t + 1];
		     k++)
			push_unseen(seen, stack, &n, r->users[k]);
	}
	free(seen);
	free(stack);
	qsort(out, *count, sizeof *out, by_index);
	return out;
}

void abg_reach_free(struct abg_reach *r)
{
	free(r->reachable);
	free(r->user_start);
	free(r->users);
	free(r->symbol_start);
	free(r->symbols_by_type);
	memset(r, 0, sizeof *r);
}

/* ---- reporting ---------------------------------------------------------- */

struct abg_finding *abg_rule_report(struct abg_check_ctx *ctx,
				    struct abg_location loc, const char *node,
				    const char *fmt, ...)
{
	enum abg_severity sev = abg_options_severity(
		ctx->options, ctx->rule->id, ctx->rule->severity);
	if (sev == ABG_SEVERITY_OFF)
		return NULL;
	if (sev == ABG_SEVERITY_ERROR &&
	    abg_options_is_private_node(ctx->options, node))
		sev = ABG_SEVERITY_WARNING;
	struct abg_strbuf sb = {0};
	va_list ap;
	va_start(ap, fmt);
	abg_strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	const struct abg_accepted_break *accepted =
		abg_options_accepted(ctx->options, ctx->rule->id, sb.data);
	if (accepted)
		sev = ABG_SEVERITY_NOTE;
	struct abg_finding *f =
		abg_finding_new(ctx->rule->id, sev, loc, "%s", sb.data);
	if (accepted)
		abg_finding_note(f, (struct abg_location){0},
				 "accepted break: %s",
				 accepted->justification);
	abg_strbuf_free(&sb);
	return f;
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

const char *abg_ctx_current_default_node(const struct abg_check_ctx *ctx,
					 const char *name)
{
	const struct abg_symbol *s =
		abg_model_find_default(ctx->current, name);
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
	const char *newest = abg_ctx_newest_released(ctx);
	if (newest)
		bump_last_number(newest, out);
	else
		abg_strbuf_append(out, "<new node>");
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
