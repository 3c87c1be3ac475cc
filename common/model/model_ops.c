/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Operations across whole models: structural type equality between two
 * models, copying a type from one model into another, and the canonical
 * order every writer relies on.
 */
#include "abiguard/model.h"

#include <stdlib.h>
#include <string.h>

static bool str_eq(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

bool abg_type_equal(const struct abg_model *a, abg_type_id ta,
		    const struct abg_model *b, abg_type_id tb)
{
	const struct abg_type *x = abg_model_type(a, ta);
	const struct abg_type *y = abg_model_type(b, tb);
	if (!x || !y)
		return !x && !y;
	if (x->kind != y->kind)
		return false;
	switch (x->kind) {
	case ABG_TYPE_VOID:
		return true;
	case ABG_TYPE_BASE:
	case ABG_TYPE_TYPEDEF:
	case ABG_TYPE_ENUM:
		return str_eq(x->name, y->name);
	case ABG_TYPE_STRUCT:
	case ABG_TYPE_UNION:
		if (x->name || y->name)
			return str_eq(x->name, y->name);
		/* flattened anonymous member: its fields live in the parent */
		return x->size_bits == y->size_bits &&
		       x->align_bits == y->align_bits;
	case ABG_TYPE_POINTER:
		return abg_type_equal(a, x->target, b, y->target);
	case ABG_TYPE_QUALIFIED:
		return x->quals == y->quals &&
		       abg_type_equal(a, x->target, b, y->target);
	case ABG_TYPE_ARRAY:
		return x->count == y->count &&
		       abg_type_equal(a, x->target, b, y->target);
	case ABG_TYPE_FUNCTION:
		if (x->nparams != y->nparams || x->variadic != y->variadic ||
		    x->unprototyped != y->unprototyped ||
		    !str_eq(x->callconv, y->callconv) ||
		    !abg_type_equal(a, x->target, b, y->target))
			return false;
		for (uint32_t i = 0; i < x->nparams; i++)
			if (!abg_type_equal(a, x->params[i], b, y->params[i]))
				return false;
		return true;
	}
	return false;
}

/* ---- import ------------------------------------------------------------ */

static abg_type_id import(struct abg_importer *im, abg_type_id id);

static abg_type_id import_function(struct abg_importer *im,
				   const struct abg_type *t)
{
	abg_type_id small[16] = {0};
	abg_type_id *params = small;
	if (t->nparams > 16) {
		params = malloc(t->nparams * sizeof *params);
		if (!params)
			abort();
	}
	for (uint32_t i = 0; i < t->nparams; i++)
		params[i] = import(im, t->params[i]);
	abg_type_id out = abg_model_function(im->to, import(im, t->target),
					     params, t->nparams, t->variadic,
					     t->unprototyped, t->callconv);
	if (params != small)
		free(params);
	return out;
}

/* Named types get their name now and their definition from the work list. */
static abg_type_id import_named(struct abg_importer *im, abg_type_id id)
{
	const struct abg_type *t = abg_model_type(im->from, id);
	if (!t->name) {
		if (t->kind != ABG_TYPE_STRUCT && t->kind != ABG_TYPE_UNION)
			return ABG_NO_TYPE;
		return abg_model_anonymous_record(im->to, t->kind, t->size_bits,
						  t->align_bits);
	}
	abg_type_id out = abg_model_named(im->to, t->kind, t->name);
	abg_model_annotate(im->to, out, t->annotations);
	if (t->complete && !abg_model_type(im->to, out)->complete)
		*ABG_PUSH(im->pending, im->npending, im->pending_cap) = id;
	return out;
}

static abg_type_id import_uncached(struct abg_importer *im, abg_type_id id)
{
	const struct abg_type *t = abg_model_type(im->from, id);
	struct abg_model *to = im->to;
	switch (t->kind) {
	case ABG_TYPE_VOID:
		return abg_model_void(to);
	case ABG_TYPE_BASE:
		return abg_model_base(to, t->name, t->size_bits, t->align_bits,
				      t->is_signed);
	case ABG_TYPE_POINTER:
		return abg_model_pointer(to, import(im, t->target));
	case ABG_TYPE_QUALIFIED:
		return abg_model_qualified(to, import(im, t->target), t->quals);
	case ABG_TYPE_ARRAY:
		return abg_model_array(to, import(im, t->target), t->count);
	case ABG_TYPE_FUNCTION:
		return import_function(im, t);
	default:
		return import_named(im, id);
	}
}

static abg_type_id import(struct abg_importer *im, abg_type_id id)
{
	if (!id || id >= im->from->ntypes)
		return ABG_NO_TYPE;
	if (!im->memo[id])
		im->memo[id] = import_uncached(im, id);
	return im->memo[id];
}

static void import_definition(struct abg_importer *im, abg_type_id id)
{
	const struct abg_type *t = abg_model_type(im->from, id);
	abg_type_id out = im->memo[id];
	switch (t->kind) {
	case ABG_TYPE_STRUCT:
	case ABG_TYPE_UNION:
		if (!abg_model_define_record(im->to, out, t->size_bits,
					     t->align_bits, t->packed, t->loc))
			return;
		if (t->private_def)
			abg_model_mark_private(im->to, out);
		for (uint32_t i = 0; i < t->nfields; i++) {
			const struct abg_field *f = &t->fields[i];
			abg_type_id type = import(im, f->type);
			abg_model_add_field(im->to, out, f->name,
					    f->offset_bits, f->bit_width, type);
			if (f->reserved)
				abg_model_mark_last_field_reserved(im->to, out);
		}
		break;
	case ABG_TYPE_ENUM:
		if (!abg_model_define_enum(im->to, out, t->size_bits,
					   t->align_bits, t->is_signed, t->loc))
			return;
		if (t->private_def)
			abg_model_mark_private(im->to, out);
		for (uint32_t i = 0; i < t->nenumerators; i++)
			abg_model_add_enumerator(im->to, out,
						 t->enumerators[i].name,
						 t->enumerators[i].value);
		break;
	case ABG_TYPE_TYPEDEF:
		if (!abg_model_type(im->to, out)->complete)
			abg_model_define_typedef(im->to, out,
						 import(im, t->target), t->loc);
		break;
	default:
		break;
	}
}

abg_type_id abg_importer_import(struct abg_importer *im, abg_type_id id)
{
	abg_type_id out = import(im, id);
	while (im->npending)
		import_definition(im, im->pending[--im->npending]);
	return out;
}

void abg_importer_init(struct abg_importer *im, struct abg_model *to,
		       const struct abg_model *from)
{
	memset(im, 0, sizeof *im);
	im->to = to;
	im->from = from;
	im->memo = calloc(from->ntypes + 1, sizeof *im->memo);
	if (!im->memo)
		abort();
}

void abg_importer_free(struct abg_importer *im)
{
	free(im->memo);
	free(im->pending);
	memset(im, 0, sizeof *im);
}

abg_type_id abg_model_import_type(struct abg_model *to,
				  const struct abg_model *from, abg_type_id id)
{
	struct abg_importer im;
	abg_importer_init(&im, to, from);
	abg_type_id out = abg_importer_import(&im, id);
	abg_importer_free(&im);
	return out;
}

/* ---- canonical order ------------------------------------------------- */

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

/*
 * Nodes: parents before children (depth in the DAG), then by name. Depths
 * are memoized: a hostile baseline may describe a wide diamond lattice.
 */
#define DEPTH_UNKNOWN UINT32_MAX
#define DEPTH_VISITING (UINT32_MAX - 1)

/* Depth of a node whose parents are all done (a parent still being
 * visited is a cycle, which the readers report: it counts as depth 0). */
static uint32_t depth_from_parents(const struct abg_model *m, size_t i,
				   const uint32_t *depths)
{
	uint32_t depth = 0;
	const struct abg_node *n = &m->nodes[i];
	for (uint32_t k = 0; k < n->nparents; k++) {
		const struct abg_node *p =
			abg_model_find_node(m, n->parents[k]);
		if (!p)
			continue;
		uint32_t d = depths[p - m->nodes];
		d = d >= DEPTH_VISITING ? 1 : d + 1;
		if (d > depth)
			depth = d;
	}
	return depth;
}

/* Every node's depth, memoized and without recursion: a hostile baseline
 * may chain 100,000 nodes or describe a wide diamond lattice. */
static void node_depths(const struct abg_model *m, uint32_t *depths)
{
	size_t n = m->nnodes;
	size_t *stack = malloc((n + 1) * sizeof *stack);
	uint32_t *next = calloc(n + 1, sizeof *next);
	if (!stack || !next)
		abort();
	for (size_t root = 0; root < n; root++) {
		if (depths[root] != DEPTH_UNKNOWN)
			continue;
		size_t top = 0;
		stack[top++] = root;
		depths[root] = DEPTH_VISITING;
		while (top) {
			size_t i = stack[top - 1];
			const struct abg_node *node = &m->nodes[i];
			if (next[i] == node->nparents) {
				depths[i] = depth_from_parents(m, i, depths);
				top--;
				continue;
			}
			const struct abg_node *p = abg_model_find_node(
				m, node->parents[next[i]++]);
			size_t pi = p ? (size_t)(p - m->nodes) : 0;
			if (p && depths[pi] == DEPTH_UNKNOWN) {
				depths[pi] = DEPTH_VISITING;
				stack[top++] = pi;
			}
		}
	}
	free(stack);
	free(next);
}

static const struct abg_model *sort_model;
static uint32_t *sort_depths;
static struct abg_hash sort_ranks; /* node name -> rank + 1 */

/* Compares node indexes, not nodes: qsort moves what it sorts, and a
 * depth must stay with its node. */
static int cmp_node(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	uint32_t dx = sort_depths[x], dy = sort_depths[y];
	if (dx != dy)
		return dx < dy ? -1 : 1;
	return cmp_str(sort_model->nodes[x].name, sort_model->nodes[y].name);
}

static size_t node_rank(const char *node)
{
	uintptr_t r = node ? (uintptr_t)abg_hash_get(&sort_ranks, node) : 0;
	return r ? r - 1 : SIZE_MAX; /* unversioned and unknown last */
}

static size_t *sort_symbol_ranks; /* per symbol index: its node's rank */

/* Symbol indexes, like cmp_node: each symbol's node rank is looked up once,
 * not twice per comparison. Ties keep the order they came in, as the
 * stable sort of the symbols themselves did. */
static int cmp_symbol_at(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	size_t rx = sort_symbol_ranks[i], ry = sort_symbol_ranks[j];
	if (rx != ry)
		return rx < ry ? -1 : 1;
	const struct abg_symbol *x = &sort_model->symbols[i];
	const struct abg_symbol *y = &sort_model->symbols[j];
	int c = cmp_str(x->name, y->name);
	if (!c && x->is_default != y->is_default)
		c = x->is_default ? 1 : -1;
	if (!c)
		c = cmp_str(x->node, y->node);
	if (!c)
		c = i < j ? -1 : 1;
	return c;
}

static void sort_symbols(struct abg_model *m)
{
	size_t n = m->nsymbols;
	sort_model = m;
	sort_symbol_ranks = malloc(n * sizeof *sort_symbol_ranks);
	size_t *order = malloc(n * sizeof *order);
	struct abg_symbol *sorted = malloc(n * sizeof *sorted);
	if (!sort_symbol_ranks || !order || !sorted)
		abort();
	for (size_t i = 0; i < n; i++) {
		sort_symbol_ranks[i] = node_rank(m->symbols[i].node);
		order[i] = i;
	}
	qsort(order, n, sizeof *order, cmp_symbol_at);
	for (size_t i = 0; i < n; i++)
		sorted[i] = m->symbols[order[i]];
	memcpy(m->symbols, sorted, n * sizeof *sorted);
	free(sorted);
	free(order);
	free(sort_symbol_ranks);
	sort_symbol_ranks = NULL;
	sort_model = NULL;
}

static int cmp_decl(const void *a, const void *b)
{
	const struct abg_decl *x = a, *y = b;
	int c = cmp_str(x->symbol, y->symbol);
	if (c)
		return c;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return cmp_str(x->name, y->name);
}

static int cmp_symver(const void *a, const void *b)
{
	const struct abg_symver *x = a, *y = b;
	int c = cmp_str(x->name, y->name);
	if (!c)
		c = cmp_str(x->node, y->node);
	if (!c)
		c = cmp_str(x->impl, y->impl);
	if (!c && x->is_default != y->is_default)
		c = x->is_default ? 1 : -1;
	return c;
}

/* qsort has no context argument in C11; canonicalize is not reentrant. */
static void sort_nodes(struct abg_model *m)
{
	size_t n = m->nnodes;
	if (n < 2)
		return;
	sort_model = m;
	sort_depths = malloc(n * sizeof *sort_depths);
	size_t *order = malloc(n * sizeof *order);
	struct abg_node *sorted = malloc(n * sizeof *sorted);
	if (!sort_depths || !order || !sorted)
		abort();
	for (size_t i = 0; i < n; i++) {
		sort_depths[i] = DEPTH_UNKNOWN;
		order[i] = i;
	}
	node_depths(m, sort_depths);
	qsort(order, n, sizeof *order, cmp_node);
	for (size_t i = 0; i < n; i++)
		sorted[i] = m->nodes[order[i]];
	memcpy(m->nodes, sorted, n * sizeof *sorted);
	m->node_index_stale = true; /* reordered: rebuild the index */
	free(sorted);
	free(order);
	free(sort_depths);
	sort_depths = NULL;
	sort_model = NULL;
}

void abg_model_canonicalize(struct abg_model *m)
{
	sort_nodes(m);
	for (size_t i = 0; i < m->nnodes; i++)
		abg_hash_put(&sort_ranks, m->nodes[i].name,
			     (void *)(uintptr_t)(i + 1));
	if (m->nsymbols > 1)
		sort_symbols(m);
	abg_hash_free(&sort_ranks);
	m->symbol_index_stale = true; /* reordered: rebuild the index */
	if (m->ndecls > 1)
		qsort(m->decls, m->ndecls, sizeof *m->decls, cmp_decl);
	if (m->nsymvers > 1)
		qsort(m->symvers, m->nsymvers, sizeof *m->symvers, cmp_symver);
}
