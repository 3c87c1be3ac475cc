/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Baseline images (abiguard/baseline_image.h).
 *
 * Layout: a fixed header, then the body: the string table (count, then
 * each string's length and bytes), then the model in the order of its
 * arrays. Numbers are native 32- and 64-bit words; a string is its index
 * in the table plus one (0: NULL, SELF_FILE: the baseline itself). The
 * order of every array is the model's, and the reader rebuilds the model
 * through the same builders the text reader calls, so that the indexes
 * the model keeps (types by identity, symbols, nodes, API entries) are
 * the ones a text read would have made.
 */
#include "abiguard/baseline_image.h"

#include "abiguard/baseline_index.h"
#include "abiguard/baseline_records.h"
#include "abiguard/serialize.h"

#include <stdlib.h>
#include <string.h>

/* Bump when what an image holds, or what a text reads as, changes. */
#define IMAGE_VERSION 1u
#define BYTE_ORDER_MARK 0x01020304u
#define SELF_FILE UINT32_MAX

struct image_header {
	char magic[8];
	uint32_t version;
	uint32_t byte_order;
	uint64_t formats; /* the text formats and record keys read */
	uint64_t text_hash;
	uint64_t body_len;
	uint64_t body_hash;
};

static const char image_magic[8] = {'a', 'b', 'g', 'i', 'm', 'a', 'g', 'e'};

static uint64_t formats_signature(void)
{
	return abg_record_keys_signature() ^
	       ((uint64_t)ABG_FORMAT_VERSION << 56) ^
	       ((uint64_t)ABG_SUMMARY_FORMAT_VERSION << 48);
}

/* ---- writing ------------------------------------------------------------ */

struct writer {
	struct abg_strbuf body; /* everything after the string table */
	struct abg_hash index;	/* string -> index + 1 */
	const char **strings;	/* in the order first met */
	size_t nstrings, strings_cap;
	const char *self_file;
};

static void put_u32(struct writer *w, uint32_t v)
{
	abg_strbuf_append_n(&w->body, (const char *)&v, sizeof v);
}

static void put_u64(struct writer *w, uint64_t v)
{
	abg_strbuf_append_n(&w->body, (const char *)&v, sizeof v);
}

static void put_str(struct writer *w, const char *s)
{
	if (!s) {
		put_u32(w, 0);
		return;
	}
	uintptr_t i = (uintptr_t)abg_hash_get(&w->index, s);
	if (!i) {
		*ABG_PUSH(w->strings, w->nstrings, w->strings_cap) = s;
		i = w->nstrings;
		abg_hash_put(&w->index, s, (void *)i);
	}
	put_u32(w, (uint32_t)i);
}

static void put_loc(struct writer *w, const struct abg_location *loc)
{
	if (loc->file && w->self_file && strcmp(loc->file, w->self_file) == 0)
		put_u32(w, SELF_FILE);
	else
		put_str(w, loc->file);
	put_u32(w, loc->line);
	put_u32(w, loc->column);
}

static void put_type(struct writer *w, const struct abg_type *t)
{
	put_u32(w, t->kind);
	put_str(w, t->name);
	put_u32(w, t->target);
	put_u32(w, t->quals);
	put_u64(w, (uint64_t)t->count);
	put_u32(w, t->nparams);
	for (uint32_t i = 0; i < t->nparams; i++)
		put_u32(w, t->params[i]);
	put_u32(w, t->variadic | t->unprototyped << 1 | t->complete << 2 |
			   t->private_def << 3 | t->anonymous << 4 |
			   t->packed << 5 | t->is_signed << 6);
	put_str(w, t->callconv);
	put_u32(w, t->annotations);
	put_u64(w, t->size_bits);
	put_u32(w, t->align_bits);
	put_u32(w, t->nfields);
	for (uint32_t i = 0; i < t->nfields; i++) {
		const struct abg_field *f = &t->fields[i];
		put_str(w, f->name);
		put_u64(w, f->offset_bits);
		put_u32(w, (uint32_t)f->bit_width);
		put_u32(w, f->type);
		put_u32(w, f->reserved);
	}
	put_u32(w, t->nenumerators);
	for (uint32_t i = 0; i < t->nenumerators; i++) {
		put_str(w, t->enumerators[i].name);
		put_u64(w, (uint64_t)t->enumerators[i].value);
	}
	put_loc(w, &t->loc);
}

static void put_declarations(struct writer *w, const struct abg_model *m)
{
	put_u32(w, (uint32_t)m->ndecls);
	for (size_t i = 0; i < m->ndecls; i++) {
		const struct abg_decl *d = &m->decls[i];
		put_u32(w, d->kind);
		put_str(w, d->name);
		put_str(w, d->symbol);
		put_u32(w, d->type);
		put_u32(w, d->defined | d->public_header << 1 |
				   d->exported << 2 | d->internal << 3);
		put_loc(w, &d->loc);
	}
	put_u32(w, (uint32_t)m->nsymvers);
	for (size_t i = 0; i < m->nsymvers; i++) {
		const struct abg_symver *s = &m->symvers[i];
		put_str(w, s->impl);
		put_str(w, s->name);
		put_str(w, s->node);
		put_u32(w, s->is_default);
		put_loc(w, &s->loc);
	}
	put_u32(w, (uint32_t)m->ntags);
	for (size_t i = 0; i < m->ntags; i++) {
		const struct abg_tag *t = &m->tags[i];
		put_str(w, t->name);
		put_str(w, t->node);
		put_str(w, t->via);
		put_loc(w, &t->loc);
	}
	put_u32(w, m->units_without_tags);
}

static void put_versions(struct writer *w, const struct abg_model *m)
{
	put_u32(w, (uint32_t)m->nnodes);
	for (size_t i = 0; i < m->nnodes; i++) {
		const struct abg_node *n = &m->nodes[i];
		put_str(w, n->name);
		put_u32(w, n->released | n->known_state << 1);
		put_u32(w, n->nparents);
		for (uint32_t p = 0; p < n->nparents; p++)
			put_str(w, n->parents[p]);
	}
	put_u32(w, (uint32_t)m->nsymbols);
	for (size_t i = 0; i < m->nsymbols; i++) {
		const struct abg_symbol *s = &m->symbols[i];
		put_u32(w, s->kind);
		put_str(w, s->name);
		put_str(w, s->node);
		put_u32(w, s->is_default);
		put_u32(w, s->type);
		put_u64(w, s->size);
		put_loc(w, &s->loc);
	}
}

static void put_findings(struct writer *w, const struct abg_model *m)
{
	put_u32(w, (uint32_t)m->nconflicts);
	for (size_t i = 0; i < m->nconflicts; i++) {
		put_str(w, m->conflicts[i].what);
		put_loc(w, &m->conflicts[i].first);
		put_loc(w, &m->conflicts[i].second);
	}
	put_u32(w, (uint32_t)m->napi);
	for (size_t i = 0; i < m->napi; i++) {
		const struct abg_api_entry *e = &m->api[i];
		put_u32(w, e->kind);
		put_str(w, e->name);
		put_str(w, e->node);
		put_u32(w, e->exported | e->internal << 1);
		put_u32(w, e->header_type);
		put_loc(w, &e->loc);
	}
	put_u32(w, m->api_recorded);
	put_u32(w, (uint32_t)m->nannotation_problems);
	for (size_t i = 0; i < m->nannotation_problems; i++) {
		put_str(w, m->annotation_problems[i].message);
		put_loc(w, &m->annotation_problems[i].loc);
	}
	put_str(w, m->soname);
	put_str(w, m->version);
	put_str(w, m->target);
}

static void put_strings(const struct writer *w, struct abg_strbuf *out)
{
	uint32_t n = (uint32_t)w->nstrings;
	abg_strbuf_append_n(out, (const char *)&n, sizeof n);
	for (size_t i = 0; i < w->nstrings; i++) {
		uint32_t len = (uint32_t)strlen(w->strings[i]);
		abg_strbuf_append_n(out, (const char *)&len, sizeof len);
		abg_strbuf_append_n(out, w->strings[i], len);
	}
}

void abg_baseline_image_write(const struct abg_model *m, const char *self_file,
			      uint64_t text_hash, struct abg_strbuf *out)
{
	struct writer w = {.self_file = self_file};
	put_u32(&w, m->ntypes);
	for (uint32_t i = 1; i < m->ntypes; i++)
		put_type(&w, &m->types[i]);
	put_declarations(&w, m);
	put_versions(&w, m);
	put_findings(&w, m);

	struct abg_strbuf body = {0};
	put_strings(&w, &body);
	abg_strbuf_append_n(&body, w.body.data, w.body.len);
	struct image_header h = {
		.version = IMAGE_VERSION,
		.byte_order = BYTE_ORDER_MARK,
		.formats = formats_signature(),
		.text_hash = text_hash,
		.body_len = body.len,
		.body_hash = abg_content_hash(body.data, body.len),
	};
	memcpy(h.magic, image_magic, sizeof h.magic);
	abg_strbuf_append_n(out, (const char *)&h, sizeof h);
	abg_strbuf_append_n(out, body.data, body.len);
	abg_strbuf_free(&body);
	abg_strbuf_free(&w.body);
	abg_hash_free(&w.index);
	free(w.strings);
}

/* ---- reading ------------------------------------------------------------ */

struct loader {
	const unsigned char *p, *end;
	bool bad; /* sticky: every later read gives zeros */
	const char **strings;
	uint32_t nstrings;
	const char *self_file; /* interned in m */
	uint32_t ntypes;       /* the image's, types 1 .. ntypes - 1 */
	struct abg_model *m;
};

static bool take(struct loader *l, void *out, size_t n)
{
	if (l->bad || (size_t)(l->end - l->p) < n) {
		l->bad = true;
		memset(out, 0, n);
		return false;
	}
	memcpy(out, l->p, n);
	l->p += n;
	return true;
}

static uint32_t get_u32(struct loader *l)
{
	uint32_t v;
	take(l, &v, sizeof v);
	return v;
}

static uint64_t get_u64(struct loader *l)
{
	uint64_t v;
	take(l, &v, sizeof v);
	return v;
}

/* Bits of a flags word; any bit above `nbits` makes the image bad. */
static uint32_t get_flags(struct loader *l, unsigned nbits)
{
	uint32_t v = get_u32(l);
	if (v >> nbits)
		l->bad = true;
	return v;
}

static bool bit(uint32_t flags, unsigned i)
{
	return (flags >> i) & 1u;
}

/* A count of items of at least `min_size` bytes each: never more than
 * the bytes left could hold, so that a forged count allocates nothing. */
static uint32_t get_count(struct loader *l, size_t min_size)
{
	uint32_t n = get_u32(l);
	if ((size_t)(l->end - l->p) / min_size < n) {
		l->bad = true;
		return 0;
	}
	return n;
}

static const char *get_str(struct loader *l)
{
	uint32_t i = get_u32(l);
	if (i == SELF_FILE)
		return l->self_file;
	if (i > l->nstrings) {
		l->bad = true;
		return NULL;
	}
	return i ? l->strings[i - 1] : NULL;
}

static const char *get_name(struct loader *l)
{
	const char *s = get_str(l);
	if (!s)
		l->bad = true;
	return s;
}

static abg_type_id get_type_ref(struct loader *l)
{
	abg_type_id id = get_u32(l);
	if (id >= l->ntypes)
		l->bad = true;
	return l->bad ? ABG_NO_TYPE : id;
}

static struct abg_location get_loc(struct loader *l)
{
	struct abg_location loc = {0};
	loc.file = get_str(l);
	loc.line = get_u32(l);
	loc.column = get_u32(l);
	return loc;
}

static bool read_strings(struct loader *l)
{
	uint32_t n = get_count(l, sizeof(uint32_t));
	l->strings = malloc(((size_t)n + 1) * sizeof *l->strings);
	if (!l->strings)
		abort();
	for (uint32_t i = 0; i < n && !l->bad; i++) {
		uint32_t len = get_u32(l);
		if (l->bad || (size_t)(l->end - l->p) < len ||
		    memchr(l->p, '\0', len)) {
			l->bad = true;
			break;
		}
		l->strings[i] =
			abg_model_intern_n(l->m, (const char *)l->p, len);
		l->p += len;
		l->nstrings = i + 1;
	}
	return !l->bad;
}

/* A component of a derived type: a type made before it. */
static abg_type_id get_component(struct loader *l, abg_type_id id)
{
	abg_type_id c = get_u32(l);
	if (!c || c >= id)
		l->bad = true;
	return l->bad ? ABG_NO_TYPE : c;
}

struct type_head {
	enum abg_type_kind kind;
	const char *name;
	abg_type_id target;
	unsigned quals;
	int64_t count;
};

static bool is_qualified(const struct abg_model *m, abg_type_id id)
{
	const struct abg_type *t = abg_model_type(m, id);
	return t && t->kind == ABG_TYPE_QUALIFIED;
}

/* A function type through abg_model_function(), its parameters read from
 * the image: unqualified types made before it. */
static abg_type_id make_function(struct loader *l, abg_type_id id,
				 const struct type_head *h, uint32_t *flags,
				 const char **callconv)
{
	uint32_t n = get_count(l, sizeof(uint32_t));
	abg_type_id *params = malloc(((size_t)n + 1) * sizeof *params);
	if (!params)
		abort();
	for (uint32_t i = 0; i < n; i++) {
		params[i] = get_component(l, id);
		if (is_qualified(l->m, params[i]))
			l->bad = true;
	}
	*flags = get_flags(l, 7);
	*callconv = get_str(l);
	abg_type_id made = ABG_NO_TYPE;
	if (!l->bad && h->target < id)
		made = abg_model_function(l->m, h->target, params, n,
					  bit(*flags, 0), bit(*flags, 1),
					  *callconv);
	free(params);
	return made;
}

/* The type of every other kind, made by its builder from its key. */
static abg_type_id make_keyed(struct loader *l, abg_type_id id,
			      const struct type_head *h, uint64_t size,
			      uint32_t align, uint32_t flags)
{
	struct abg_model *m = l->m;
	bool component_ok = h->target && h->target < id;
	switch (h->kind) {
	case ABG_TYPE_VOID:
		return abg_model_void(m);
	case ABG_TYPE_BASE:
		return h->name ? abg_model_base(m, h->name, size, align,
						bit(flags, 6))
			       : ABG_NO_TYPE;
	case ABG_TYPE_POINTER:
		return component_ok ? abg_model_pointer(m, h->target)
				    : ABG_NO_TYPE;
	case ABG_TYPE_QUALIFIED:
		return component_ok && h->quals && !(h->quals & ~7u) &&
				       !is_qualified(m, h->target)
			       ? abg_model_qualified(m, h->target, h->quals)
			       : ABG_NO_TYPE;
	case ABG_TYPE_ARRAY:
		return component_ok && h->count >= -1
			       ? abg_model_array(m, h->target, h->count)
			       : ABG_NO_TYPE;
	case ABG_TYPE_STRUCT:
	case ABG_TYPE_UNION:
		return h->name ? abg_model_named(m, h->kind, h->name)
			       : abg_model_anonymous_record(m, h->kind, size,
							    align);
	case ABG_TYPE_ENUM:
	case ABG_TYPE_TYPEDEF:
		return abg_model_named(m, h->kind, h->name);
	default:
		return ABG_NO_TYPE;
	}
}

static void read_fields(struct loader *l, struct abg_type *t)
{
	uint32_t n = get_count(l, 6 * sizeof(uint32_t));
	t->fields = n ? calloc(n, sizeof *t->fields) : NULL;
	if (n && !t->fields)
		abort();
	t->nfields = t->fields_cap = n;
	for (uint32_t i = 0; i < n; i++) {
		struct abg_field *f = &t->fields[i];
		f->name = get_name(l);
		f->offset_bits = get_u64(l);
		f->bit_width = (int32_t)get_u32(l);
		f->type = get_type_ref(l);
		f->reserved = bit(get_flags(l, 1), 0);
	}
}

static void read_enumerators(struct loader *l, struct abg_type *t)
{
	uint32_t n = get_count(l, 3 * sizeof(uint32_t));
	t->enumerators = n ? calloc(n, sizeof *t->enumerators) : NULL;
	if (n && !t->enumerators)
		abort();
	t->nenumerators = t->enumerators_cap = n;
	for (uint32_t i = 0; i < n; i++) {
		t->enumerators[i].name = get_name(l);
		t->enumerators[i].value = (int64_t)get_u64(l);
	}
}

/* Type `id`: made by its builder, which must give it that very id, then
 * given what the image says about its definition. */
static bool read_type(struct loader *l, abg_type_id id)
{
	struct type_head h;
	h.kind = (enum abg_type_kind)get_u32(l);
	h.name = get_str(l);
	h.target = get_u32(l);
	h.quals = get_u32(l);
	h.count = (int64_t)get_u64(l);
	uint32_t flags = 0;
	const char *callconv = NULL;
	abg_type_id made = ABG_NO_TYPE;
	if (h.kind == ABG_TYPE_FUNCTION)
		made = make_function(l, id, &h, &flags, &callconv);
	else if (get_count(l, 1) == 0) {
		flags = get_flags(l, 7);
		callconv = get_str(l);
	} else
		l->bad = true;
	unsigned annotations = get_flags(l, 3);
	uint64_t size = get_u64(l);
	uint32_t align = get_u32(l);
	if (l->bad)
		return false;
	if (h.kind != ABG_TYPE_FUNCTION)
		made = make_keyed(l, id, &h, size, align, flags);
	if (made != id || l->m->ntypes != id + 1 ||
	    (h.kind == ABG_TYPE_TYPEDEF && h.target >= l->ntypes) ||
	    (callconv && h.kind != ABG_TYPE_FUNCTION))
		return false;
	struct abg_type *t = &l->m->types[id];
	if (h.kind == ABG_TYPE_TYPEDEF)
		t->target = h.target;
	t->complete = bit(flags, 2);
	t->private_def = bit(flags, 3);
	t->anonymous = bit(flags, 4);
	t->packed = bit(flags, 5);
	t->is_signed = bit(flags, 6);
	t->annotations = annotations;
	t->size_bits = size;
	t->align_bits = align;
	read_fields(l, t);
	read_enumerators(l, t);
	t->loc = get_loc(l);
	return !l->bad;
}

static bool read_types(struct loader *l)
{
	/* Types 1 .. ntypes - 1 follow, none shorter than 16 words. */
	l->ntypes = get_u32(l);
	if (l->bad || !l->ntypes ||
	    (size_t)(l->end - l->p) / (16 * sizeof(uint32_t)) < l->ntypes - 1)
		return false;
	abg_model_reserve(l->m, l->nstrings, l->ntypes);
	for (abg_type_id id = 1; id < l->ntypes; id++)
		if (!read_type(l, id))
			return false;
	return abg_model_self_containing(l->m) == ABG_NO_TYPE;
}

static bool kind_in(uint32_t kind, uint32_t first, uint32_t last)
{
	return kind >= first && kind <= last;
}

static void read_decls(struct loader *l)
{
	uint32_t n = get_count(l, 8 * sizeof(uint32_t));
	for (uint32_t i = 0; i < n && !l->bad; i++) {
		struct abg_decl d = {0};
		uint32_t kind = get_u32(l);
		d.kind = (enum abg_decl_kind)kind;
		d.name = get_name(l);
		d.symbol = get_name(l);
		d.type = get_type_ref(l);
		uint32_t flags = get_flags(l, 4);
		d.defined = bit(flags, 0);
		d.public_header = bit(flags, 1);
		d.exported = bit(flags, 2);
		d.internal = bit(flags, 3);
		d.loc = get_loc(l);
		if (!kind_in(kind, ABG_DECL_FUNCTION, ABG_DECL_VARIABLE))
			l->bad = true;
		if (!l->bad)
			abg_model_add_decl(l->m, &d);
	}
}

static void read_symvers_and_tags(struct loader *l)
{
	uint32_t n = get_count(l, 7 * sizeof(uint32_t));
	for (uint32_t i = 0; i < n && !l->bad; i++) {
		struct abg_symver s = {0};
		s.impl = get_name(l);
		s.name = get_name(l);
		s.node = get_name(l);
		s.is_default = bit(get_flags(l, 1), 0);
		s.loc = get_loc(l);
		if (!l->bad)
			abg_model_add_symver(l->m, &s);
	}
	n = get_count(l, 6 * sizeof(uint32_t));
	for (uint32_t i = 0; i < n && !l->bad; i++) {
		struct abg_tag t = {0};
		t.name = get_str(l);
		t.node = get_name(l);
		t.via = get_name(l);
		t.loc = get_loc(l);
		if (!l->bad)
			abg_model_add_tag(l->m, &t);
	}
	l->m->units_without_tags = get_u32(l);
}

static void read_nodes(struct loader *l)
{
	uint32_t n = get_count(l, 3 * sizeof(uint32_t));
	for (uint32_t i = 0; i < n && !l->bad; i++) {
		const char *name = get_name(l);
		uint32_t flags = get_flags(l, 2);
		uint32_t nparents = get_count(l, sizeof(uint32_t));
		if (l->bad)
			break;
		size_t before = l->m->nnodes;
		struct abg_node *node =
			abg_model_add_node(l->m, name, bit(flags, 0));
		if (l->m->nnodes != before + 1) { /* a name twice */
			l->bad = true;
			break;
		}
		node->known_state = bit(flags, 1);
		for (uint32_t p = 0; p < nparents && !l->bad; p++) {
			const char *parent = get_name(l);
			if (!l->bad)
				abg_model_add_parent(l->m, node, parent);
		}
	}
}

static void read_symbols(struct loader *l)
{
	uint32_t n = get_count(l, 9 * sizeof(uint32_t));
	abg_model_reserve_symbols(l->m, n);
	for (uint32_t i = 0; i < n && !l->bad; i++) {
		struct abg_symbol s = {0};
		uint32_t kind = get_u32(l);
		s.kind = (enum abg_symbol_kind)kind;
		s.name = get_name(l);
		s.node = get_str(l);
		s.is_default = bit(get_flags(l, 1), 0);
		s.type = get_type_ref(l);
		s.size = get_u64(l);
		s.loc = get_loc(l);
		if (!kind_in(kind, ABG_SYMBOL_FUNCTION, ABG_SYMBOL_VARIABLE))
			l->bad = true;
		if (!l->bad)
			abg_model_add_symbol(l->m, &s);
	}
}

static void read_conflicts(struct loader *l)
{
	uint32_t n = get_count(l, 7 * sizeof(uint32_t));
	for (uint32_t i = 0; i < n && !l->bad; i++) {
		const char *what = get_name(l);
		struct abg_location first = get_loc(l);
		struct abg_location second = get_loc(l);
		if (!l->bad)
			abg_model_add_conflict(l->m, what, first, second);
	}
}

static void read_api(struct loader *l)
{
	uint32_t n = get_count(l, 8 * sizeof(uint32_t));
	abg_model_reserve_api(l->m, n);
	for (uint32_t i = 0; i < n && !l->bad; i++) {
		struct abg_api_entry e = {0};
		uint32_t kind = get_u32(l);
		e.kind = (enum abg_api_kind)kind;
		e.name = get_name(l);
		e.node = get_str(l);
		uint32_t flags = get_flags(l, 2);
		e.exported = bit(flags, 0);
		e.internal = bit(flags, 1);
		e.header_type = get_type_ref(l);
		e.loc = get_loc(l);
		if (!kind_in(kind, ABG_API_FUNCTION, ABG_API_LISTED) ||
		    (kind == ABG_API_LISTED) != (e.node != NULL))
			l->bad = true;
		size_t before = l->m->napi;
		if (!l->bad)
			abg_model_add_api(l->m, &e);
		if (l->m->napi != before + 1) /* an entry twice */
			l->bad = true;
	}
	l->m->api_recorded = bit(get_flags(l, 1), 0);
}

static void read_problems_and_names(struct loader *l)
{
	uint32_t n = get_count(l, 4 * sizeof(uint32_t));
	for (uint32_t i = 0; i < n && !l->bad; i++) {
		const char *message = get_name(l);
		struct abg_location loc = get_loc(l);
		size_t before = l->m->nannotation_problems;
		if (!l->bad)
			abg_model_add_annotation_problem(l->m, loc, message);
		if (l->m->nannotation_problems != before + 1)
			l->bad = true;
	}
	l->m->soname = get_str(l);
	l->m->version = get_str(l);
	l->m->target = get_str(l);
}

static bool header_fits(const void *data, size_t len, uint64_t text_hash,
			struct image_header *h)
{
	if (len < sizeof *h)
		return false;
	memcpy(h, data, sizeof *h);
	const unsigned char *body = (const unsigned char *)data + sizeof *h;
	return memcmp(h->magic, image_magic, sizeof h->magic) == 0 &&
	       h->version == IMAGE_VERSION &&
	       h->byte_order == BYTE_ORDER_MARK &&
	       h->formats == formats_signature() && h->text_hash == text_hash &&
	       h->body_len == len - sizeof *h &&
	       h->body_hash == abg_content_hash(body, len - sizeof *h);
}

static bool read_body(struct loader *l)
{
	if (!read_strings(l) || !read_types(l))
		return false;
	read_decls(l);
	read_symvers_and_tags(l);
	read_nodes(l);
	read_symbols(l);
	read_conflicts(l);
	read_api(l);
	read_problems_and_names(l);
	return !l->bad && l->p == l->end;
}

int abg_baseline_image_read(const void *data, size_t len, const char *self_file,
			    uint64_t text_hash, struct abg_model **out)
{
	struct image_header h;
	*out = NULL;
	if (!header_fits(data, len, text_hash, &h))
		return -1;
	struct loader l = {
		.p = (const unsigned char *)data + sizeof h,
		.end = (const unsigned char *)data + len,
		.m = abg_model_new(),
	};
	l.self_file = abg_model_intern(l.m, self_file);
	bool ok = read_body(&l);
	free(l.strings);
	if (!ok) {
		abg_model_free(l.m);
		return -1;
	}
	*out = l.m;
	return 0;
}
