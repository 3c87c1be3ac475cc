/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Writing a model as text: the baseline file and the per-TU summary
 * (docs/baseline-format.md). Everything here serves one promise: the same
 * model gives the same bytes, whatever order it was built in. So nothing is
 * written in insertion order: every list is sorted on what is written, with
 * the whole rendered line as the last tie-break.
 */
#include "abiguard/serialize.h"
#include "abiguard/type_walk.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* ---- small helpers ----------------------------------------------------- */

struct id_list {
	abg_type_id *ids;
	size_t count, cap;
};

static void id_list_push(struct id_list *l, abg_type_id id)
{
	*ABG_PUSH(l->ids, l->count, l->cap) = id;
}

static void id_list_append(struct id_list *l, const struct id_list *more)
{
	for (size_t i = 0; i < more->count; i++)
		id_list_push(l, more->ids[i]);
}

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

/*
 * Names, paths and node names are written as one space-free token: bytes
 * outside printable ASCII, the backslash and the characters in `special`
 * (separators of that token, such as '@' in "name@@NODE") become \xHH.
 * Real C names never need it; a path with a space still round-trips.
 */
static void put_token(struct abg_strbuf *sb, const char *s, const char *special)
{
	static const char hex[] = "0123456789abcdef";
	const char *run = s;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c > ' ' && c < 0x7f && c != '\\' && !strchr(special, c))
			continue;
		abg_strbuf_append_n(sb, run, (size_t)(s - run));
		char esc[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
		abg_strbuf_append_n(sb, esc, sizeof esc);
		run = s + 1;
	}
	abg_strbuf_append(sb, run);
}

static void put_location(struct abg_strbuf *sb, struct abg_location loc)
{
	if (!loc.file)
		return;
	abg_strbuf_append(sb, " at ");
	put_token(sb, loc.file, "");
	abg_strbuf_printf(sb, ":%u:%u", loc.line, loc.column);
}

/* ---- type spellings ---------------------------------------------------- */

static bool is_anonymous_record(const struct abg_type *t)
{
	return t && (t->kind == ABG_TYPE_STRUCT || t->kind == ABG_TYPE_UNION) &&
	       !t->name;
}

/*
 * The anonymous records of a type in the order its spelling shows them.
 * This mirrors abg_type_spell(): the innermost named type is printed first,
 * then the declarator that stands in its place (`hole`), in which a function
 * type has put its parameters after whatever the enclosing declarator held.
 */
static void anonymous_in_spelling_order(const struct abg_model *m,
					abg_type_id id,
					const struct id_list *hole,
					struct id_list *out)
{
	const struct abg_type *t = abg_model_type(m, id);
	if (t && (t->kind == ABG_TYPE_POINTER ||
		  t->kind == ABG_TYPE_QUALIFIED || t->kind == ABG_TYPE_ARRAY)) {
		anonymous_in_spelling_order(m, t->target, hole, out);
		return;
	}
	if (t && t->kind == ABG_TYPE_FUNCTION) {
		struct id_list inner = {0};
		struct id_list none = {0};
		id_list_append(&inner, hole);
		for (uint32_t i = 0; i < t->nparams; i++)
			anonymous_in_spelling_order(m, t->params[i], &none,
						    &inner);
		anonymous_in_spelling_order(m, t->target, &inner, out);
		free(inner.ids);
		return;
	}
	if (is_anonymous_record(t))
		id_list_push(out, id);
	id_list_append(out, hole);
}

/*
 * A type as written on a line: its C spelling, then the layout of each
 * anonymous record it shows ("union <anonymous> size 64 align 64"), which
 * the spelling alone cannot carry.
 */
static void put_type(struct abg_strbuf *sb, const struct abg_model *m,
		     abg_type_id id)
{
	size_t start = sb->len;
	abg_type_spell(m, id, sb);
	if (!strstr(sb->data + start, "<anonymous>"))
		return;
	struct id_list none = {0}, anon = {0};
	anonymous_in_spelling_order(m, id, &none, &anon);
	for (size_t i = 0; i < anon.count; i++) {
		const struct abg_type *t = abg_model_type(m, anon.ids[i]);
		abg_strbuf_printf(sb, " size %" PRIu64 " align %" PRIu32,
				  t->size_bits, t->align_bits);
	}
	free(anon.ids);
}

/* ---- rendered, sortable lines ------------------------------------------ */

/* One line of a sorted group, rendered once so that the text itself can
 * break ties between entries that agree on every sort key. */
struct entry {
	const void *item;
	size_t group; /* version node rank for symbols */
	size_t offset, length;
	const char *text;
};

struct entries {
	struct entry *items;
	size_t count, cap;
	struct abg_strbuf text;
};

static struct entry *entries_begin(struct entries *e, const void *item)
{
	struct entry *en = ABG_PUSH(e->items, e->count, e->cap);
	en->item = item;
	en->offset = e->text.len;
	return en;
}

static void entries_end(struct entries *e)
{
	struct entry *en = &e->items[e->count - 1];
	en->length = e->text.len - en->offset;
}

/* Called once rendering is over: the text buffer no longer moves. */
static void entries_sort(struct entries *e,
			 int (*cmp)(const void *, const void *))
{
	if (!e->count)
		return; /* qsort() wants a valid pointer even for nothing */
	for (size_t i = 0; i < e->count; i++)
		e->items[i].text =
			abg_strbuf_cstr(&e->text) + e->items[i].offset;
	qsort(e->items, e->count, sizeof *e->items, cmp);
}

static int cmp_entry_text(const struct entry *x, const struct entry *y)
{
	size_t n = x->length < y->length ? x->length : y->length;
	int c = memcmp(x->text, y->text, n);
	if (c)
		return c;
	return x->length < y->length ? -1 : x->length > y->length;
}

static void put_entry(struct abg_strbuf *out, const struct entry *en)
{
	abg_strbuf_append_n(out, en->text, en->length);
	abg_strbuf_append(out, "\n");
}

static void entries_free(struct entries *e)
{
	free(e->items);
	abg_strbuf_free(&e->text);
}

/* ---- version nodes ----------------------------------------------------- */

/*
 * Nodes in the order of abg_model_canonicalize(): by depth in the parent
 * DAG (the longest chain of parents above a node), then by name. Computed
 * here, on a copy of the order, because the writer must not modify the
 * model; and in linear time, because a hostile baseline can make a DAG
 * whose paths a recursive walk would count one by one. Parents that are not
 * nodes of the model are ignored; nodes on a cycle (which the reader
 * rejects) keep the depth their other parents give them.
 */
struct node_graph {
	size_t *first; /* edges of parent p: child[first[p] .. first[p + 1]) */
	size_t *child;
	size_t *waiting; /* parents not yet placed, per node */
};

static size_t node_index(const struct abg_hash *index, const char *name)
{
	return (size_t)(uintptr_t)abg_hash_get(index, name); /* 0: none */
}

static void *zalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size);
	if (!p)
		abort();
	return p;
}

static void build_node_graph(const struct abg_model *m, struct node_graph *g)
{
	size_t n = m->nnodes, edges = 0;
	struct abg_hash index = {0};
	for (size_t i = 0; i < n; i++)
		abg_hash_put(&index, m->nodes[i].name,
			     (void *)(uintptr_t)(i + 1));
	g->first = zalloc(n + 1, sizeof *g->first);
	g->waiting = zalloc(n, sizeof *g->waiting);
	for (size_t i = 0; i < n; i++)
		for (uint32_t k = 0; k < m->nodes[i].nparents; k++) {
			size_t p = node_index(&index, m->nodes[i].parents[k]);
			if (p) {
				g->first[p]++; /* counted one slot late */
				g->waiting[i]++;
				edges++;
			}
		}
	for (size_t p = 1; p <= n; p++)
		g->first[p] += g->first[p - 1];
	size_t *fill = zalloc(n + 1, sizeof *fill);
	memcpy(fill, g->first, (n + 1) * sizeof *fill);
	g->child = zalloc(edges, sizeof *g->child);
	for (size_t i = 0; i < n; i++)
		for (uint32_t k = 0; k < m->nodes[i].nparents; k++) {
			size_t p = node_index(&index, m->nodes[i].parents[k]);
			if (p)
				g->child[fill[p - 1]++] = i;
		}
	free(fill);
	abg_hash_free(&index);
}

static void node_depths(const struct abg_model *m, unsigned *depth)
{
	struct node_graph g;
	size_t n = m->nnodes, head = 0, tail = 0;
	size_t *queue = zalloc(n, sizeof *queue);
	build_node_graph(m, &g);
	for (size_t i = 0; i < n; i++)
		if (!g.waiting[i])
			queue[tail++] = i;
	while (head < tail) {
		size_t p = queue[head++];
		for (size_t e = g.first[p]; e < g.first[p + 1]; e++) {
			size_t c = g.child[e];
			if (depth[c] < depth[p] + 1)
				depth[c] = depth[p] + 1;
			if (--g.waiting[c] == 0)
				queue[tail++] = c;
		}
	}
	free(queue);
	free(g.first);
	free(g.child);
	free(g.waiting);
}

struct ranked_node {
	const struct abg_node *node;
	unsigned depth;
};

static int cmp_ranked_node(const void *a, const void *b)
{
	const struct ranked_node *x = a, *y = b;
	if (x->depth != y->depth)
		return x->depth < y->depth ? -1 : 1;
	return cmp_str(x->node->name, y->node->name);
}

static struct ranked_node *sorted_nodes(const struct abg_model *m)
{
	struct ranked_node *nodes = zalloc(m->nnodes + 1, sizeof *nodes);
	unsigned *depth = zalloc(m->nnodes, sizeof *depth);
	node_depths(m, depth);
	for (size_t i = 0; i < m->nnodes; i++) {
		nodes[i].node = &m->nodes[i];
		nodes[i].depth = depth[i];
	}
	free(depth);
	qsort(nodes, m->nnodes, sizeof *nodes, cmp_ranked_node);
	return nodes;
}

static void write_nodes(const struct abg_model *m,
			const struct ranked_node *nodes, struct abg_strbuf *out)
{
	for (size_t i = 0; i < m->nnodes; i++) {
		const struct abg_node *n = nodes[i].node;
		abg_strbuf_append(out, "node ");
		put_token(out, n->name, "");
		abg_strbuf_append(out, n->released ? " released" : " open");
		if (n->nparents)
			abg_strbuf_append(out, " parents");
		for (uint32_t p = 0; p < n->nparents; p++) {
			abg_strbuf_append(out, " ");
			put_token(out, n->parents[p], "");
		}
		abg_strbuf_append(out, "\n");
	}
}

/* ---- symbols (baseline) ------------------------------------------------ */

static void put_versioned_name(struct abg_strbuf *sb, const char *name,
			       const char *node, bool is_default)
{
	put_token(sb, name, "@");
	if (!node)
		return;
	abg_strbuf_append(sb, is_default ? "@@" : "@");
	put_token(sb, node, "");
}

static void render_symbol(const struct abg_model *m, const struct abg_symbol *s,
			  struct abg_strbuf *sb)
{
	bool is_var = s->kind == ABG_SYMBOL_VARIABLE;
	abg_strbuf_append(sb, is_var ? "var " : "func ");
	put_versioned_name(sb, s->name, s->node, s->is_default);
	if (is_var)
		abg_strbuf_printf(sb, " %" PRIu64, s->size);
	abg_strbuf_append(sb, " ");
	put_type(sb, m, s->type);
}

/* Symbols whose node has no node line come after the known nodes (the
 * reader rejects them, but the writer still shows them), unversioned last. */
static size_t symbol_group(const struct abg_model *m, struct abg_hash *ranks,
			   const struct abg_symbol *s)
{
	if (!s->node)
		return m->nnodes + 1;
	void *rank = abg_hash_get(ranks, s->node);
	return rank ? (size_t)(uintptr_t)rank - 1 : m->nnodes;
}

static int cmp_symbol_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	const struct abg_symbol *s = x->item, *t = y->item;
	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	int c = cmp_str(s->node, t->node);
	if (!c)
		c = cmp_str(s->name, t->name);
	if (!c && s->is_default != t->is_default)
		c = s->is_default ? 1 : -1; /* compat before default */
	return c ? c : cmp_entry_text(x, y);
}

static void write_symbol_groups(const struct entries *e, struct abg_strbuf *out)
{
	for (size_t i = 0; i < e->count; i++) {
		const struct entry *en = &e->items[i];
		const struct abg_symbol *s = en->item;
		const struct abg_symbol *prev = i ? e->items[i - 1].item : NULL;
		if (!prev || en->group != e->items[i - 1].group ||
		    cmp_str(prev->node, s->node) != 0) {
			abg_strbuf_append(out, "\n# ");
			if (s->node)
				put_token(out, s->node, "");
			else
				abg_strbuf_append(out, "unversioned");
			abg_strbuf_append(out, "\n");
		}
		put_entry(out, en);
	}
}

static void write_symbols(const struct abg_model *m,
			  const struct ranked_node *nodes,
			  struct abg_strbuf *out)
{
	struct abg_hash ranks = {0};
	for (size_t i = 0; i < m->nnodes; i++)
		abg_hash_put(&ranks, nodes[i].node->name,
			     (void *)(uintptr_t)(i + 1));
	struct entries e = {0};
	for (size_t i = 0; i < m->nsymbols; i++) {
		const struct abg_symbol *s = &m->symbols[i];
		struct entry *en = entries_begin(&e, s);
		en->group = symbol_group(m, &ranks, s);
		render_symbol(m, s, &e.text);
		entries_end(&e);
	}
	entries_sort(&e, cmp_symbol_entry);
	write_symbol_groups(&e, out);
	entries_free(&e);
	abg_hash_free(&ranks);
}

/* ---- the API surface (baseline) ---------------------------------------- */

static void render_api(const struct abg_model *m, const struct abg_api_entry *a,
		       struct abg_strbuf *sb)
{
	if (a->kind == ABG_API_LISTED) {
		abg_strbuf_append(sb, "listed ");
		put_versioned_name(sb, a->name, a->node, false);
		return;
	}
	abg_strbuf_append(sb, a->kind == ABG_API_VARIABLE ? "declared var "
							  : "declared func ");
	put_token(sb, a->name, "@");
	if (!a->exported)
		abg_strbuf_append(sb, " unexported");
	if (a->internal)
		abg_strbuf_append(sb, " abiguard:internal");
	if (a->header_type) {
		abg_strbuf_append(sb, " header ");
		put_type(sb, m, a->header_type);
	}
}

/* Declarations by name; then listings in node order, by name. */
static int cmp_api_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	const struct abg_api_entry *s = x->item, *t = y->item;
	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	int c = cmp_str(s->name, t->name);
	return c ? c : cmp_entry_text(x, y);
}

static void write_api(const struct abg_model *m,
		      const struct ranked_node *nodes, struct abg_strbuf *out)
{
	if (!m->napi)
		return;
	struct abg_hash ranks = {0};
	for (size_t i = 0; i < m->nnodes; i++)
		abg_hash_put(&ranks, nodes[i].node->name,
			     (void *)(uintptr_t)(i + 1));
	struct entries e = {0};
	for (size_t i = 0; i < m->napi; i++) {
		const struct abg_api_entry *a = &m->api[i];
		struct entry *en = entries_begin(&e, a);
		en->group = a->kind == ABG_API_LISTED
				    ? (size_t)(uintptr_t)abg_hash_get(&ranks,
								      a->node)
				    : 0;
		render_api(m, a, &e.text);
		entries_end(&e);
	}
	entries_sort(&e, cmp_api_entry);
	abg_strbuf_append(out, "\n# API surface\n");
	for (size_t i = 0; i < e.count; i++)
		put_entry(out, &e.items[i]);
	entries_free(&e);
	abg_hash_free(&ranks);
}

/* ---- declarations and .symver directives (summary) --------------------- */

static void render_decl(const struct abg_model *m, const struct abg_decl *d,
			struct abg_strbuf *sb)
{
	abg_strbuf_append(sb, d->kind == ABG_DECL_VARIABLE ? "decl var "
							   : "decl func ");
	put_token(sb, d->name, "=");
	if (d->symbol && strcmp(d->symbol, d->name) != 0) {
		abg_strbuf_append(sb, "=");
		put_token(sb, d->symbol, "=");
	}
	const char *sep = " ";
	if (d->defined) {
		abg_strbuf_printf(sb, "%sdefined", sep);
		sep = ",";
	}
	if (d->public_header) {
		abg_strbuf_printf(sb, "%spublic", sep);
		sep = ",";
	}
	if (d->exported) {
		abg_strbuf_printf(sb, "%sexported", sep);
		sep = ",";
	}
	if (d->internal) {
		abg_strbuf_printf(sb, "%sinternal", sep);
		sep = ",";
	}
	if (*sep == ' ')
		abg_strbuf_append(sb, " -");
	abg_strbuf_append(sb, " ");
	put_type(sb, m, d->type);
	put_location(sb, d->loc);
}

static const char *decl_symbol(const struct abg_decl *d)
{
	return d->symbol ? d->symbol : d->name;
}

static int cmp_decl_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	const struct abg_decl *d = x->item, *e = y->item;
	int c = cmp_str(decl_symbol(d), decl_symbol(e));
	if (!c && d->kind != e->kind)
		c = d->kind < e->kind ? -1 : 1;
	if (!c)
		c = cmp_str(d->name, e->name);
	return c ? c : cmp_entry_text(x, y);
}

static void write_decls(const struct abg_model *m, struct abg_strbuf *out)
{
	struct entries e = {0};
	for (size_t i = 0; i < m->ndecls; i++) {
		entries_begin(&e, &m->decls[i]);
		render_decl(m, &m->decls[i], &e.text);
		entries_end(&e);
	}
	entries_sort(&e, cmp_decl_entry);
	for (size_t i = 0; i < e.count; i++)
		put_entry(out, &e.items[i]);
	entries_free(&e);
}

static int cmp_symver_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	const struct abg_symver *s = x->item, *t = y->item;
	int c = cmp_str(s->name, t->name);
	if (!c)
		c = cmp_str(s->node, t->node);
	if (!c)
		c = cmp_str(s->impl, t->impl);
	if (!c && s->is_default != t->is_default)
		c = s->is_default ? 1 : -1;
	return c ? c : cmp_entry_text(x, y);
}

static void write_symvers(const struct abg_model *m, struct abg_strbuf *out)
{
	struct entries e = {0};
	for (size_t i = 0; i < m->nsymvers; i++) {
		const struct abg_symver *s = &m->symvers[i];
		entries_begin(&e, s);
		abg_strbuf_append(&e.text, "symver ");
		put_token(&e.text, s->impl, "");
		abg_strbuf_append(&e.text, " ");
		put_versioned_name(&e.text, s->name, s->node, s->is_default);
		put_location(&e.text, s->loc);
		entries_end(&e);
	}
	entries_sort(&e, cmp_symver_entry);
	for (size_t i = 0; i < e.count; i++)
		put_entry(out, &e.items[i]);
	entries_free(&e);
}

/* "tag NAME NODE VIA at FILE:LINE:COL": a header version tag; then
 * "tags-unread" when the unit's tag macros could not be read. */
static int cmp_tag_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	const struct abg_tag *s = x->item, *t = y->item;
	int c = cmp_str(s->name, t->name);
	if (!c)
		c = cmp_str(s->node, t->node);
	return c ? c : cmp_entry_text(x, y);
}

static void write_tags(const struct abg_model *m, struct abg_strbuf *out)
{
	struct entries e = {0};
	for (size_t i = 0; i < m->ntags; i++) {
		const struct abg_tag *t = &m->tags[i];
		if (!t->name)
			continue;
		entries_begin(&e, t);
		abg_strbuf_append(&e.text, "tag ");
		put_token(&e.text, t->name, "");
		abg_strbuf_append(&e.text, " ");
		put_token(&e.text, t->node, "");
		abg_strbuf_append(&e.text, " ");
		put_token(&e.text, t->via, "");
		put_location(&e.text, t->loc);
		entries_end(&e);
	}
	entries_sort(&e, cmp_tag_entry);
	for (size_t i = 0; i < e.count; i++)
		put_entry(out, &e.items[i]);
	entries_free(&e);
	if (m->units_without_tags)
		abg_strbuf_append(out, "tags-unread\n");
}

/* ---- types ------------------------------------------------------------- */

/* Every type reachable from the roots, sorted into what the text lists:
 * base types and named types. */
struct type_list {
	const struct abg_type **types;
	size_t count, cap;
};

struct reached_types {
	struct type_list bases, named;
};

static void type_list_push(struct type_list *l, const struct abg_type *t)
{
	*ABG_PUSH(l->types, l->count, l->cap) = t;
}

static void sort_reached(struct reached_types *r, const struct abg_type *t)
{
	switch (t->kind) {
	case ABG_TYPE_BASE:
		type_list_push(&r->bases, t);
		break;
	case ABG_TYPE_STRUCT:
	case ABG_TYPE_UNION:
		if (t->name)
			type_list_push(&r->named, t);
		break;
	case ABG_TYPE_ENUM:
	case ABG_TYPE_TYPEDEF:
		type_list_push(&r->named, t);
		break;
	default:
		break;
	}
}

/* A hostile baseline's typedef chain may be as long as the file: the
 * walker keeps its own stack. */
static void reach_types(const struct abg_model *m, enum abg_text_kind kind,
			struct reached_types *r)
{
	struct abg_type_walker w;
	abg_type_walker_init(&w, m);
	abg_type_walk_start(&w);
	if (kind == ABG_TEXT_BASELINE) {
		for (size_t i = 0; i < m->nsymbols; i++)
			abg_type_walk_add(&w, m->symbols[i].type);
		for (size_t i = 0; i < m->napi; i++)
			abg_type_walk_add(&w, m->api[i].header_type);
	} else
		for (size_t i = 0; i < m->ndecls; i++)
			abg_type_walk_add(&w, m->decls[i].type);
	for (abg_type_id id; (id = abg_type_walk_next(&w));)
		sort_reached(r, &m->types[id]);
	abg_type_walker_free(&w);
}

static const char *kind_keyword(enum abg_type_kind kind)
{
	switch (kind) {
	case ABG_TYPE_STRUCT:
		return "struct";
	case ABG_TYPE_UNION:
		return "union";
	case ABG_TYPE_ENUM:
		return "enum";
	default:
		return "typedef";
	}
}

/* a1 a2 versus b1 b2, as if each pair were one string */
static int cmp_joined(const char *a1, const char *a2, const char *b1,
		      const char *b2)
{
	for (;;) {
		if (!*a1) {
			a1 = a2;
			a2 = "";
		}
		if (!*b1) {
			b1 = b2;
			b2 = "";
		}
		unsigned char ca = (unsigned char)*a1, cb = (unsigned char)*b1;
		if (ca != cb || !ca)
			return ca < cb ? -1 : ca > cb;
		a1++;
		b1++;
	}
}

/* Named types are listed under "struct x", "enum e", or a typedef's own
 * name. */
static const char *listed_prefix(const struct abg_type *t)
{
	switch (t->kind) {
	case ABG_TYPE_STRUCT:
		return "struct ";
	case ABG_TYPE_UNION:
		return "union ";
	case ABG_TYPE_ENUM:
		return "enum ";
	default:
		return "";
	}
}

static int cmp_named_type(const void *a, const void *b)
{
	const struct abg_type *x = *(const struct abg_type *const *)a;
	const struct abg_type *y = *(const struct abg_type *const *)b;
	return cmp_joined(listed_prefix(x), x->name, listed_prefix(y), y->name);
}

static int cmp_base_type(const void *a, const void *b)
{
	const struct abg_type *x = *(const struct abg_type *const *)a;
	const struct abg_type *y = *(const struct abg_type *const *)b;
	return cmp_str(x->name, y->name);
}

static void put_head(struct abg_strbuf *out, const struct abg_type *t)
{
	abg_strbuf_printf(out, "%s ", kind_keyword(t->kind));
	put_token(out, t->name, "");
}

/* " abiguard:opaque abiguard:growable": the promises of abiguard.h, in
 * the order of their bits. */
static void put_annotations(struct abg_strbuf *out, unsigned annotations)
{
	for (unsigned bit = 1; bit <= ABG_ANNOT_ALL; bit <<= 1)
		if (annotations & bit)
			abg_strbuf_printf(out, " abiguard:%s",
					  abg_annotation_name(bit));
}

static void write_base(const struct abg_type *t, struct abg_strbuf *out)
{
	abg_strbuf_printf(out,
			  "base %s size %" PRIu64 " align %" PRIu32 " %s\n",
			  t->name, t->size_bits, t->align_bits,
			  t->is_signed ? "signed" : "unsigned");
}

static void write_record(const struct abg_model *m, const struct abg_type *t,
			 bool with_locations, struct abg_strbuf *out)
{
	put_head(out, t);
	abg_strbuf_printf(out, " size %" PRIu64 " align %" PRIu32 "%s%s",
			  t->size_bits, t->align_bits,
			  t->packed ? " packed" : "",
			  t->private_def ? " private" : "");
	put_annotations(out, t->annotations);
	if (with_locations)
		put_location(out, t->loc);
	abg_strbuf_append(out, "\n");
	for (uint32_t i = 0; i < t->nfields; i++) {
		const struct abg_field *f = &t->fields[i];
		put_head(out, t);
		abg_strbuf_printf(out, " field %" PRIu64, f->offset_bits);
		if (f->bit_width >= 0)
			abg_strbuf_printf(out, ":%" PRId32, f->bit_width);
		abg_strbuf_append(out, " ");
		if (f->name && *f->name)
			put_token(out, f->name, "");
		else
			abg_strbuf_append(out, "-");
		abg_strbuf_append(out,
				  f->reserved ? " abiguard:reserved " : " ");
		put_type(out, m, f->type);
		abg_strbuf_append(out, "\n");
	}
}

static void write_enum(const struct abg_type *t, bool with_locations,
		       struct abg_strbuf *out)
{
	put_head(out, t);
	abg_strbuf_printf(out, " size %" PRIu64 " align %" PRIu32 " %s%s",
			  t->size_bits, t->align_bits,
			  t->is_signed ? "signed" : "unsigned",
			  t->private_def ? " private" : "");
	put_annotations(out, t->annotations);
	if (with_locations)
		put_location(out, t->loc);
	abg_strbuf_append(out, "\n");
	for (uint32_t i = 0; i < t->nenumerators; i++) {
		const struct abg_enumerator *e = &t->enumerators[i];
		put_head(out, t);
		abg_strbuf_append(out, " value ");
		put_token(out, e->name, "");
		/* unsigned enums store the bit pattern */
		if (t->is_signed)
			abg_strbuf_printf(out, " %" PRId64 "\n", e->value);
		else
			abg_strbuf_printf(out, " %" PRIu64 "\n",
					  (uint64_t)e->value);
	}
}

static void write_named(const struct abg_model *m, const struct abg_type *t,
			bool with_locations, struct abg_strbuf *out)
{
	if (t->kind == ABG_TYPE_TYPEDEF) {
		/* An undefined typedef is recreated by its first use. */
		if (!t->complete)
			return;
		put_head(out, t);
		abg_strbuf_append(out, " ");
		put_type(out, m, t->target);
		if (with_locations)
			put_location(out, t->loc);
		abg_strbuf_append(out, "\n");
	} else if (!t->complete) {
		put_head(out, t);
		abg_strbuf_append(out, " opaque");
		put_annotations(out, t->annotations);
		abg_strbuf_append(out, "\n");
	} else if (t->kind == ABG_TYPE_ENUM) {
		write_enum(t, with_locations, out);
	} else {
		write_record(m, t, with_locations, out);
	}
}

static void write_types(const struct abg_model *m, enum abg_text_kind kind,
			struct abg_strbuf *out)
{
	struct reached_types r = {{0}, {0}};
	reach_types(m, kind, &r);

	if (r.bases.count)
		qsort(r.bases.types, r.bases.count, sizeof *r.bases.types,
		      cmp_base_type);
	if (r.named.count)
		qsort(r.named.types, r.named.count, sizeof *r.named.types,
		      cmp_named_type);

	bool baseline = kind == ABG_TEXT_BASELINE;
	if (baseline && r.bases.count)
		abg_strbuf_append(out, "\n# base types\n");
	for (size_t i = 0; i < r.bases.count; i++)
		write_base(r.bases.types[i], out);
	if (baseline && r.named.count)
		abg_strbuf_append(out, "\n# types\n");
	for (size_t i = 0; i < r.named.count; i++)
		write_named(m, r.named.types[i], !baseline, out);
	free(r.bases.types);
	free(r.named.types);
}

/* ---- the whole text ---------------------------------------------------- */

/* The command goes into a comment line: control characters would end it. */
static void put_comment_text(struct abg_strbuf *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		char ch = c < ' ' || c == 0x7f ? ' ' : (char)c;
		abg_strbuf_append_n(out, &ch, 1);
	}
}

static void write_baseline_header(const struct abg_model *m,
				  const char *regenerate_command,
				  struct abg_strbuf *out)
{
	abg_strbuf_append(out,
			  "# abiguard ABI baseline. Generated by abiguard; "
			  "do not edit by hand.\n# Regenerate with: ");
	put_comment_text(out, regenerate_command ? regenerate_command
						 : "abiguard baseline update");
	abg_strbuf_printf(out,
			  "\n# Type sizes, alignments and offsets are in bits; "
			  "variable sizes in bytes.\nabiguard-baseline %d\n",
			  m->version ? ABG_FORMAT_VERSION
				     : ABG_FORMAT_VERSION_NO_LIBRARY_VERSION);
	if (m->soname) {
		abg_strbuf_append(out, "soname ");
		put_token(out, m->soname, "");
		abg_strbuf_append(out, "\n");
	}
	if (m->version) {
		abg_strbuf_append(out, "version ");
		put_token(out, m->version, "");
		abg_strbuf_append(out, "\n");
	}
}

static void write_target(const struct abg_model *m, struct abg_strbuf *out)
{
	if (!m->target)
		return;
	abg_strbuf_append(out, "target ");
	put_token(out, m->target, "");
	abg_strbuf_append(out, "\n");
}

void abg_model_write(const struct abg_model *m, enum abg_text_kind kind,
		     const char *regenerate_command, struct abg_strbuf *out)
{
	if (kind == ABG_TEXT_SUMMARY) {
		abg_strbuf_printf(out, "abiguard-summary %d\n",
				  ABG_SUMMARY_FORMAT_VERSION);
		write_target(m, out);
		write_decls(m, out);
		write_symvers(m, out);
		write_tags(m, out);
		write_types(m, kind, out);
		return;
	}
	write_baseline_header(m, regenerate_command, out);
	write_target(m, out);
	struct ranked_node *nodes = sorted_nodes(m);
	write_nodes(m, nodes, out);
	write_symbols(m, nodes, out);
	write_types(m, kind, out);
	/* Last, so that adding it moved no line a diagnostic points at. */
	write_api(m, nodes, out);
	free(nodes);
}

int abg_baseline_save(const char *path, const struct abg_model *m,
		      const char *regenerate_command, struct abg_error *err)
{
	struct abg_strbuf text = {0};
	abg_model_write(m, ABG_TEXT_BASELINE, regenerate_command, &text);
	int rc = abg_write_file_atomic(path, abg_strbuf_cstr(&text), text.len,
				       err);
	abg_strbuf_free(&text);
	return rc;
}
