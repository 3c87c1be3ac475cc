/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Which symbols of a model reach a type (abiguard/reach.h). Forward, one
 * walk from every symbol marks what is reachable at all; backward, an
 * index of "who refers to whom" (compressed rows, built on the first
 * question) answers which symbols reach one given type.
 */
#include "abiguard/reach.h"
#include "abiguard/type_walk.h"

#include <stdlib.h>
#include <string.h>

static void *zalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);
	if (!p)
		abort();
	return p;
}

/* Rows by type id: items[start[t] ... start[t + 1]). */
struct csr {
	uint32_t *start, *items, *fill;
};

/* One pass over the edges of every type: parent refers to child. */
struct edge_pass {
	void (*edge)(struct csr *c, uint32_t child, uint32_t parent);
	struct csr *csr;
	abg_type_id parent;
};

static void pass_edge(void *ctx, abg_type_id child)
{
	struct edge_pass *p = ctx;
	p->edge(p->csr, child, p->parent);
}

static void each_edge(const struct abg_model *m,
		      void (*edge)(struct csr *c, uint32_t child,
				   uint32_t parent),
		      struct csr *c)
{
	struct edge_pass p = {edge, c, 0};
	for (p.parent = 1; p.parent < m->ntypes; p.parent++)
		abg_type_each_ref(&m->types[p.parent], pass_edge, &p);
}

static void count_edge(struct csr *c, uint32_t child, uint32_t parent)
{
	(void)parent;
	c->start[child + 1]++;
}

static void place_edge(struct csr *c, uint32_t child, uint32_t parent)
{
	c->items[c->start[child] + c->fill[child]++] = parent;
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

static void mark_reachable(struct abg_reach *r)
{
	const struct abg_model *m = r->baseline;
	r->reachable = zalloc(m->ntypes, sizeof *r->reachable);
	struct abg_type_walker w;
	abg_type_walker_init(&w, m);
	abg_type_walk_start(&w);
	for (size_t i = 0; i < m->nsymbols; i++)
		abg_type_walk_add(&w, m->symbols[i].type);
	for (abg_type_id t; (t = abg_type_walk_next(&w));)
		r->reachable[t] = true;
	abg_type_walker_free(&w);
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
	size_t *out = zalloc(m->nsymbols, sizeof *out);
	/* The same walk, backwards: from a type to the types that use it. */
	struct abg_type_walker w;
	abg_type_walker_init(&w, m);
	abg_type_walk_start(&w);
	abg_type_walk_add(&w, id);
	for (abg_type_id t; (t = abg_type_walk_pop(&w));) {
		for (uint32_t k = r->symbol_start[t];
		     k < r->symbol_start[t + 1]; k++)
			out[(*count)++] = r->symbols_by_type[k];
		for (uint32_t k = r->user_start[t]; k < r->user_start[t + 1];
		     k++)
			abg_type_walk_add(&w, r->users[k]);
	}
	abg_type_walker_free(&w);
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
