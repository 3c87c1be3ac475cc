/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The model: string interning, hash-consed types, declarations, version
 * nodes and symbols. Front ends call the builders; everything else reads.
 */
#include "abiguard/model.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct abg_model *abg_model_new(void)
{
	struct abg_model *m = calloc(1, sizeof *m);
	if (!m)
		abort();
	m->ntypes = 1; /* id 0 means "no type" */
	m->types_cap = 64;
	m->types = calloc(m->types_cap, sizeof *m->types);
	if (!m->types)
		abort();
	return m;
}

void abg_model_free(struct abg_model *m)
{
	if (!m)
		return;
	for (uint32_t i = 1; i < m->ntypes; i++) {
		free(m->types[i].fields);
		free(m->types[i].enumerators);
	}
	free(m->types);
	free(m->decls);
	free(m->symvers);
	free(m->tags);
	free(m->nodes);
	free(m->symbols);
	free(m->conflicts);
	free(m->annotation_problems);
	free(m->api);
	abg_hash_free(&m->api_index);
	free(m->symbol_exact.slots);
	abg_hash_free(&m->node_index);
	abg_hash_free(&m->strings);
	free(m->type_index.slots);
	abg_arena_free(&m->arena);
	free(m);
}

/* Where a string the model interned may be remembered by its address. */
static size_t recent_slot(const char *s)
{
	uintptr_t p = (uintptr_t)s;
	return (size_t)((p >> 4) ^ (p >> 16)) & (ABG_MODEL_RECENT - 1);
}

const char *abg_model_intern_n(struct abg_model *m, const char *s, size_t n)
{
	/* Looked up in place and hashed once: readers intern every word. */
	uint64_t hash = abg_hash_string_n(s, n);
	const char *found = abg_hash_get_n(&m->strings, s, n, hash);
	if (!found) {
		found = abg_arena_strndup(&m->arena, s, n);
		abg_hash_put_hashed(&m->strings, found, hash, (void *)found);
	}
	m->recent[recent_slot(found)] = found;
	return found;
}

const char *abg_model_intern(struct abg_model *m, const char *s)
{
	if (!s)
		return NULL;
	/* The builders intern what a reader has just interned (a decl's
	 * name, a field's): a string this model returned lives in its arena
	 * until the model is freed, so the same address is the same string,
	 * and it needs no strlen, hash or lookup. */
	if (m->recent[recent_slot(s)] == s)
		return s;
	return abg_model_intern_n(m, s, strlen(s));
}

/* ---- types ------------------------------------------------------------- */

static void table_resize(struct abg_model *m, uint32_t cap);

void abg_model_reserve(struct abg_model *m, size_t strings, size_t types)
{
	abg_hash_reserve(&m->strings, strings);
	if (types >= UINT32_MAX / 2)
		return;
	if (types > m->types_cap) {
		size_t cap = m->types_cap;
		abg_grow_unzeroed((void **)&m->types, &cap, types,
				  sizeof *m->types);
		m->types_cap = (uint32_t)cap;
	}
	uint32_t cap = m->type_index.cap ? m->type_index.cap : 1024;
	while (types * 4 >= (size_t)cap * 3)
		cap *= 2;
	if (cap > m->type_index.cap)
		table_resize(m, cap);
}

static abg_type_id new_type(struct abg_model *m, enum abg_type_kind kind)
{
	/* Unzeroed: the new type is cleared below, the rest stays unused.
	 * Checked here: most types fit in the room reserved for them. */
	if (m->ntypes >= m->types_cap) {
		size_t cap = m->types_cap;
		abg_grow_unzeroed((void **)&m->types, &cap, m->ntypes,
				  sizeof *m->types);
		m->types_cap = (uint32_t)cap;
	}
	abg_type_id id = m->ntypes++;
	memset(&m->types[id], 0, sizeof m->types[id]);
	m->types[id].kind = kind;
	return id;
}

/*
 * What identifies a type in the index. Readers and front ends ask for the
 * same few million types again and again, so the key is plain data, hashed
 * and compared field by field against the stored types: no key strings are
 * formatted (DESIGN.md section 8).
 */
struct type_key {
	enum abg_type_kind kind;
	/* Base types, named records, enums, typedefs: interned in the model,
	 * so the same name is the same pointer, hashed and compared as one. */
	const char *name;
	abg_type_id target;  /* pointee, qualified or element type, return */
	int64_t n;	     /* qualifiers, array count, anonymous size */
	uint32_t align_bits; /* anonymous records */
	bool variadic, unprototyped;
	const char *callconv;	   /* "" for the default */
	const abg_type_id *params; /* already unqualified */
	uint32_t nparams;
};

static uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
	return h;
}

static uint64_t key_hash(const struct type_key *k)
{
	uint64_t h = mix(0, (uint64_t)k->kind);
	if (k->name)
		h = mix(h, (uint64_t)(uintptr_t)k->name);
	h = mix(h, k->target);
	h = mix(h, (uint64_t)k->n);
	h = mix(h, k->align_bits);
	h = mix(h, (uint64_t)k->variadic << 1 | (uint64_t)k->unprototyped);
	if (k->callconv && *k->callconv)
		h = mix(h, abg_hash_string(k->callconv));
	for (uint32_t i = 0; i < k->nparams; i++)
		h = mix(h, k->params[i]);
	return h;
}

static bool same_string(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static bool same_params(const struct abg_type *t, const struct type_key *k)
{
	return t->nparams == k->nparams &&
	       (!k->nparams || memcmp(t->params, k->params,
				      k->nparams * sizeof *k->params) == 0);
}

static bool key_matches(const struct abg_type *t, const struct type_key *k)
{
	if (t->kind != k->kind)
		return false;
	switch (k->kind) {
	case ABG_TYPE_VOID:
		return true;
	case ABG_TYPE_POINTER:
		return t->target == k->target;
	case ABG_TYPE_QUALIFIED:
		return t->target == k->target && t->quals == (unsigned)k->n;
	case ABG_TYPE_ARRAY:
		return t->target == k->target && t->count == k->n;
	case ABG_TYPE_FUNCTION:
		return t->target == k->target && t->variadic == k->variadic &&
		       t->unprototyped == k->unprototyped &&
		       same_string(t->callconv ? t->callconv : "",
				   k->callconv) &&
		       same_params(t, k);
	case ABG_TYPE_STRUCT:
	case ABG_TYPE_UNION:
		if (!k->name)
			return !t->name && t->size_bits == (uint64_t)k->n &&
			       t->align_bits == k->align_bits;
		return t->name == k->name;
	default: /* base, enum, typedef: by name */
		return t->name == k->name;
	}
}

/* The slot holding the type of key k, or the empty slot where it goes. */
static abg_type_id *table_slot(const struct abg_model *m,
			       const struct type_key *k, uint64_t hash)
{
	const struct abg_type_table *tt = &m->type_index;
	uint32_t mask = tt->cap - 1;
	for (uint32_t i = (uint32_t)hash & mask;; i = (i + 1) & mask) {
		abg_type_id *slot = &tt->slots[i];
		if (!*slot || key_matches(&m->types[*slot], k))
			return slot;
	}
}

static abg_type_id table_find(const struct abg_model *m,
			      const struct type_key *k)
{
	if (!m->type_index.cap)
		return ABG_NO_TYPE;
	return *table_slot(m, k, key_hash(k));
}

/* The key a stored type was found by: only the fields that identify it
 * (a typedef's target, set later, is not one of them). */
static struct type_key key_of(const struct abg_type *t)
{
	struct type_key k = {.kind = t->kind};
	switch (t->kind) {
	case ABG_TYPE_VOID:
		break;
	case ABG_TYPE_POINTER:
		k.target = t->target;
		break;
	case ABG_TYPE_QUALIFIED:
		k.target = t->target;
		k.n = t->quals;
		break;
	case ABG_TYPE_ARRAY:
		k.target = t->target;
		k.n = t->count;
		break;
	case ABG_TYPE_FUNCTION:
		k.target = t->target;
		k.variadic = t->variadic;
		k.unprototyped = t->unprototyped;
		k.callconv = t->callconv ? t->callconv : "";
		k.params = t->params;
		k.nparams = t->nparams;
		break;
	default:
		k.name = t->name;
		if (!t->name) { /* anonymous record */
			k.n = (int64_t)t->size_bits;
			k.align_bits = t->align_bits;
		}
		break;
	}
	return k;
}

static void table_resize(struct abg_model *m, uint32_t cap)
{
	struct abg_type_table old = m->type_index;
	m->type_index.slots = calloc(cap, sizeof *m->type_index.slots);
	if (!m->type_index.slots)
		abort();
	m->type_index.cap = cap;
	for (uint32_t i = 0; i < old.cap; i++)
		if (old.slots[i]) {
			struct type_key k = key_of(&m->types[old.slots[i]]);
			*table_slot(m, &k, key_hash(&k)) = old.slots[i];
		}
	free(old.slots);
}

static void table_grow(struct abg_model *m)
{
	table_resize(m, m->type_index.cap ? m->type_index.cap * 2 : 1024);
}

/* Look up the type of key k, or create it (with the key's identity set). */
static abg_type_id intern_type(struct abg_model *m, const struct type_key *k,
			       bool *created)
{
	if ((m->type_index.count + 1) * 4 >= m->type_index.cap * 3)
		table_grow(m);
	abg_type_id *slot = table_slot(m, k, key_hash(k));
	*created = *slot == ABG_NO_TYPE;
	if (!*created)
		return *slot;
	abg_type_id id = new_type(m, k->kind);
	*slot = id;
	m->type_index.count++;
	return id;
}

abg_type_id abg_model_void(struct abg_model *m)
{
	bool created;
	struct type_key k = {.kind = ABG_TYPE_VOID};
	abg_type_id id = intern_type(m, &k, &created);
	if (created)
		m->types[id].complete = true;
	return id;
}

abg_type_id abg_model_base(struct abg_model *m, const char *name,
			   uint64_t size_bits, uint32_t align_bits,
			   bool is_signed)
{
	bool created;
	struct type_key k = {.kind = ABG_TYPE_BASE,
			     .name = abg_model_intern(m, name)};
	abg_type_id id = intern_type(m, &k, &created);
	if (created) {
		struct abg_type *t = &m->types[id];
		t->name = k.name;
		t->size_bits = size_bits;
		t->align_bits = align_bits;
		t->is_signed = is_signed;
		t->complete = true;
	}
	return id;
}

/* Pointers, qualified types and arrays: the key fields are the type's. */
static abg_type_id derived_type(struct abg_model *m, const struct type_key *k)
{
	bool created;
	abg_type_id id = intern_type(m, k, &created);
	if (created) {
		struct abg_type *t = &m->types[id];
		t->target = k->target;
		if (k->kind == ABG_TYPE_QUALIFIED)
			t->quals = (unsigned)k->n;
		else if (k->kind == ABG_TYPE_ARRAY)
			t->count = k->n;
		t->complete = true;
	}
	return id;
}

abg_type_id abg_model_pointer(struct abg_model *m, abg_type_id pointee)
{
	struct type_key k = {.kind = ABG_TYPE_POINTER, .target = pointee};
	return derived_type(m, &k);
}

abg_type_id abg_model_qualified(struct abg_model *m, abg_type_id base,
				unsigned quals)
{
	const struct abg_type *b = abg_model_type(m, base);
	if (b && b->kind == ABG_TYPE_QUALIFIED) {
		quals |= b->quals;
		base = b->target;
	}
	if (!quals)
		return base;
	struct type_key k = {
		.kind = ABG_TYPE_QUALIFIED, .target = base, .n = quals};
	return derived_type(m, &k);
}

abg_type_id abg_model_array(struct abg_model *m, abg_type_id element,
			    int64_t count)
{
	struct type_key k = {.kind = ABG_TYPE_ARRAY,
			     .target = element,
			     .n = count < 0 ? -1 : count};
	return derived_type(m, &k);
}

/* Top-level qualifiers of a parameter are not part of the function type
 * (C11 6.7.6.3p15); dropping them here keeps every front end identical. */
static abg_type_id unqualified(const struct abg_model *m, abg_type_id id)
{
	const struct abg_type *t = abg_model_type(m, id);
	return t && t->kind == ABG_TYPE_QUALIFIED ? t->target : id;
}

abg_type_id abg_model_function(struct abg_model *m, abg_type_id ret,
			       const abg_type_id *params, uint32_t nparams,
			       bool variadic, bool unprototyped,
			       const char *callconv)
{
	abg_type_id small[16];
	abg_type_id *plain =
		nparams <= 16 ? small : malloc(nparams * sizeof *plain);
	if (!plain)
		abort();
	for (uint32_t i = 0; i < nparams; i++)
		plain[i] = unqualified(m, params[i]);
	struct type_key k = {
		.kind = ABG_TYPE_FUNCTION,
		.target = ret,
		.variadic = variadic,
		.unprototyped = unprototyped,
		.callconv = callconv ? callconv : "",
		.params = plain,
		.nparams = nparams,
	};
	bool created;
	abg_type_id id = intern_type(m, &k, &created);
	if (created) {
		struct abg_type *t = &m->types[id];
		t->target = ret;
		t->nparams = nparams;
		t->variadic = variadic;
		t->unprototyped = unprototyped;
		t->callconv = abg_model_intern(m, callconv);
		t->complete = true;
		if (nparams) {
			t->params = abg_arena_alloc(
				&m->arena, nparams * sizeof *t->params);
			memcpy(t->params, plain, nparams * sizeof *plain);
		}
	}
	if (plain != small)
		free(plain);
	return id;
}

static bool is_named_kind(enum abg_type_kind kind)
{
	return kind == ABG_TYPE_STRUCT || kind == ABG_TYPE_UNION ||
	       kind == ABG_TYPE_ENUM || kind == ABG_TYPE_TYPEDEF;
}

abg_type_id abg_model_find_named(const struct abg_model *m,
				 enum abg_type_kind kind, const char *name)
{
	if (!is_named_kind(kind) || !name)
		return ABG_NO_TYPE;
	/* A name the model never interned names none of its types. */
	const char *interned = abg_hash_get(&m->strings, name);
	if (!interned)
		return ABG_NO_TYPE;
	struct type_key k = {.kind = kind, .name = interned};
	return table_find(m, &k);
}

static abg_type_id named_interned(struct abg_model *m, enum abg_type_kind kind,
				  const char *name)
{
	bool created;
	struct type_key k = {.kind = kind, .name = name};
	abg_type_id id = intern_type(m, &k, &created);
	if (created) {
		struct abg_type *t = &m->types[id];
		t->name = name;
		t->anonymous = name[0] == '<';
	}
	return id;
}

abg_type_id abg_model_named(struct abg_model *m, enum abg_type_kind kind,
			    const char *name)
{
	if (!is_named_kind(kind) || !name)
		return ABG_NO_TYPE;
	return named_interned(m, kind, abg_model_intern(m, name));
}

abg_type_id abg_model_named_n(struct abg_model *m, enum abg_type_kind kind,
			      const char *name, size_t len)
{
	if (!is_named_kind(kind) || !name)
		return ABG_NO_TYPE;
	return named_interned(m, kind, abg_model_intern_n(m, name, len));
}

abg_type_id abg_model_anonymous_record(struct abg_model *m,
				       enum abg_type_kind kind,
				       uint64_t size_bits, uint32_t align_bits)
{
	bool created;
	struct type_key k = {.kind = kind,
			     .n = (int64_t)size_bits,
			     .align_bits = align_bits};
	abg_type_id id = intern_type(m, &k, &created);
	if (created) {
		struct abg_type *t = &m->types[id];
		t->anonymous = true;
		t->complete = true;
		t->size_bits = size_bits;
		t->align_bits = align_bits;
	}
	return id;
}

static bool define(struct abg_model *m, abg_type_id id,
		   enum abg_type_kind kind_a, enum abg_type_kind kind_b,
		   struct abg_location loc)
{
	struct abg_type *t = id < m->ntypes ? &m->types[id] : NULL;
	if (!t || !id || t->complete ||
	    (t->kind != kind_a && t->kind != kind_b))
		return false;
	t->complete = true;
	t->loc = loc;
	t->loc.file = abg_model_intern(m, loc.file);
	return true;
}

bool abg_model_define_record(struct abg_model *m, abg_type_id id,
			     uint64_t size_bits, uint32_t align_bits,
			     bool packed, struct abg_location loc)
{
	if (!define(m, id, ABG_TYPE_STRUCT, ABG_TYPE_UNION, loc))
		return false;
	struct abg_type *t = &m->types[id];
	t->size_bits = size_bits;
	t->align_bits = align_bits;
	t->packed = packed;
	return true;
}

void abg_model_add_field(struct abg_model *m, abg_type_id record,
			 const char *name, uint64_t offset_bits,
			 int32_t bit_width, abg_type_id type)
{
	struct abg_type *t = &m->types[record];
	size_t count = t->nfields, cap = t->fields_cap;
	struct abg_field *f = ABG_PUSH_UNZEROED(t->fields, count, cap);
	t->nfields = (uint32_t)count;
	t->fields_cap = (uint32_t)cap;
	*f = (struct abg_field){
		.name = abg_model_intern(m, name ? name : ""),
		.offset_bits = offset_bits,
		.bit_width = bit_width,
		.type = type,
	};
}

bool abg_model_define_enum(struct abg_model *m, abg_type_id id,
			   uint64_t size_bits, uint32_t align_bits,
			   bool is_signed, struct abg_location loc)
{
	if (!define(m, id, ABG_TYPE_ENUM, ABG_TYPE_ENUM, loc))
		return false;
	struct abg_type *t = &m->types[id];
	t->size_bits = size_bits;
	t->align_bits = align_bits;
	t->is_signed = is_signed;
	return true;
}

void abg_model_add_enumerator(struct abg_model *m, abg_type_id en,
			      const char *name, int64_t value)
{
	struct abg_type *t = &m->types[en];
	size_t count = t->nenumerators, cap = t->enumerators_cap;
	struct abg_enumerator *e = ABG_PUSH(t->enumerators, count, cap);
	t->nenumerators = (uint32_t)count;
	t->enumerators_cap = (uint32_t)cap;
	e->name = abg_model_intern(m, name);
	e->value = value;
}

bool abg_model_define_typedef(struct abg_model *m, abg_type_id id,
			      abg_type_id target, struct abg_location loc)
{
	if (!define(m, id, ABG_TYPE_TYPEDEF, ABG_TYPE_TYPEDEF, loc))
		return false;
	m->types[id].target = target;
	return true;
}

void abg_model_mark_private(struct abg_model *m, abg_type_id id)
{
	if (id && id < m->ntypes)
		m->types[id].private_def = true;
}

void abg_model_annotate(struct abg_model *m, abg_type_id id,
			unsigned annotations)
{
	if (id && id < m->ntypes)
		m->types[id].annotations |= annotations & ABG_ANNOT_ALL;
}

void abg_model_mark_last_field_reserved(struct abg_model *m, abg_type_id record)
{
	if (record && record < m->ntypes && m->types[record].nfields)
		m->types[record].fields[m->types[record].nfields - 1].reserved =
			true;
}

void abg_model_add_annotation_problem(struct abg_model *m,
				      struct abg_location loc,
				      const char *message)
{
	const char *file = abg_model_intern(m, loc.file);
	const char *text = abg_model_intern(m, message);
	for (size_t i = 0; i < m->nannotation_problems; i++) {
		const struct abg_annotation_problem *p =
			&m->annotation_problems[i];
		/* interned: equal strings are the same pointer */
		if (p->message == text && p->loc.file == file &&
		    p->loc.line == loc.line && p->loc.column == loc.column)
			return;
	}
	struct abg_annotation_problem *p =
		ABG_PUSH(m->annotation_problems, m->nannotation_problems,
			 m->annotation_problems_cap);
	p->message = text;
	p->loc = loc;
	p->loc.file = file;
}

static const struct {
	unsigned bit;
	const char *name;
} annotation_names[] = {
	{ABG_ANNOT_OPAQUE, "opaque"},
	{ABG_ANNOT_GROWABLE, "growable"},
	{ABG_ANNOT_APPEND_ONLY, "append-only"},
};

const char *abg_annotation_name(unsigned annotation)
{
	for (size_t i = 0;
	     i < sizeof annotation_names / sizeof annotation_names[0]; i++)
		if (annotation_names[i].bit == annotation)
			return annotation_names[i].name;
	return NULL;
}

unsigned abg_annotation_find(const char *name)
{
	for (size_t i = 0;
	     name && i < sizeof annotation_names / sizeof annotation_names[0];
	     i++)
		if (strcmp(annotation_names[i].name, name) == 0)
			return annotation_names[i].bit;
	return 0;
}

/* ---- declarations, versions, symbols ---------------------------------- */

static struct abg_location intern_loc(struct abg_model *m,
				      struct abg_location loc)
{
	loc.file = abg_model_intern(m, loc.file);
	return loc;
}

struct abg_decl *abg_model_add_decl(struct abg_model *m,
				    const struct abg_decl *d)
{
	struct abg_decl *out =
		ABG_PUSH_UNZEROED(m->decls, m->ndecls, m->decls_cap);
	*out = *d;
	out->name = abg_model_intern(m, d->name);
	out->symbol = abg_model_intern(m, d->symbol ? d->symbol : d->name);
	out->loc = intern_loc(m, d->loc);
	return out;
}

struct abg_symver *abg_model_add_symver(struct abg_model *m,
					const struct abg_symver *s)
{
	struct abg_symver *out =
		ABG_PUSH(m->symvers, m->nsymvers, m->symvers_cap);
	*out = *s;
	out->impl = abg_model_intern(m, s->impl);
	out->name = abg_model_intern(m, s->name);
	out->node = abg_model_intern(m, s->node);
	out->loc = intern_loc(m, s->loc);
	return out;
}

struct abg_node *abg_model_find_node(const struct abg_model *cm,
				     const char *name)
{
	/* Logically const: only the cache is rebuilt after a reorder. */
	struct abg_model *m = (struct abg_model *)cm;
	if (!name)
		return NULL;
	if (m->node_index_stale) {
		abg_hash_free(&m->node_index);
		for (size_t i = 0; i < m->nnodes; i++)
			abg_hash_put(&m->node_index, m->nodes[i].name,
				     (void *)(uintptr_t)(i + 1));
		m->node_index_stale = false;
	}
	uintptr_t i = (uintptr_t)abg_hash_get(&m->node_index, name);
	return i ? &m->nodes[i - 1] : NULL;
}

struct abg_node *abg_model_add_node(struct abg_model *m, const char *name,
				    bool released)
{
	struct abg_node *n = abg_model_find_node(m, name);
	if (n)
		return n;
	n = ABG_PUSH(m->nodes, m->nnodes, m->nodes_cap);
	n->name = abg_model_intern(m, name);
	n->released = released;
	abg_hash_put(&m->node_index, n->name, (void *)(uintptr_t)m->nnodes);
	return n;
}

/* The array doubles when its size reaches a power of two: a node with
 * 20,000 parents costs twice their size, not the sum of every copy. */
void abg_model_add_parent(struct abg_model *m, struct abg_node *node,
			  const char *parent)
{
	uint32_t n = node->nparents;
	if ((n & (n - 1)) == 0) {
		size_t cap = n ? 2 * (size_t)n : 1;
		const char **parents =
			abg_arena_alloc(&m->arena, cap * sizeof *parents);
		if (n)
			memcpy(parents, node->parents, n * sizeof *parents);
		node->parents = parents;
	}
	node->parents[node->nparents++] = abg_model_intern(m, parent);
}

/* What a key of symbol_exact asks for. */
enum symbol_key_kind {
	SYMBOL_DEFAULT = 1, /* name@@node (node NULL: unversioned) */
	SYMBOL_COMPAT,	    /* name@node */
	SYMBOL_ANY_DEFAULT, /* name@@ any node, or unversioned */
};

static size_t symbol_key_hash(const struct abg_symbol_key *k)
{
	uint64_t h = (uint64_t)(uintptr_t)k->name;
	h = (h ^ (uint64_t)(uintptr_t)k->node * 0x9e3779b97f4a7c15ull) +
	    k->kind;
	/* murmur3's finalizer: pointers differ in their middle bits, the
	 * table indexes by the low ones. */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	return (size_t)(h ^ (h >> 33));
}

/* The slot holding key k, or the empty one where it goes. */
static struct abg_symbol_key *symbol_slot(const struct abg_symbol_index *ix,
					  const struct abg_symbol_key *k)
{
	size_t mask = ix->cap - 1;
	for (size_t i = symbol_key_hash(k) & mask;; i = (i + 1) & mask) {
		struct abg_symbol_key *slot = &ix->slots[i];
		if (!slot->name ||
		    (slot->name == k->name && slot->node == k->node &&
		     slot->kind == k->kind))
			return slot;
	}
}

static void symbol_index_free(struct abg_symbol_index *ix)
{
	free(ix->slots);
	ix->slots = NULL;
	ix->cap = ix->count = 0;
}

static void symbol_index_resize(struct abg_symbol_index *ix, size_t cap)
{
	struct abg_symbol_index old = *ix;
	ix->cap = cap;
	ix->slots = calloc(ix->cap, sizeof *ix->slots);
	if (!ix->slots)
		abort();
	for (size_t i = 0; i < old.cap; i++)
		if (old.slots[i].name)
			*symbol_slot(ix, &old.slots[i]) = old.slots[i];
	free(old.slots);
}

static void symbol_index_grow(struct abg_symbol_index *ix)
{
	symbol_index_resize(ix, ix->cap ? ix->cap * 2 : 64);
}

static void put_first(struct abg_model *m, const char *name, const char *node,
		      enum symbol_key_kind kind, size_t i)
{
	struct abg_symbol_index *ix = &m->symbol_exact;
	if ((ix->count + 1) * 4 > ix->cap * 3)
		symbol_index_grow(ix);
	struct abg_symbol_key k = {name, node, kind, i};
	struct abg_symbol_key *slot = symbol_slot(ix, &k);
	if (slot->name)
		return;
	*slot = k;
	ix->count++;
}

static void index_symbol(struct abg_model *m, size_t i)
{
	const struct abg_symbol *s = &m->symbols[i];
	put_first(m, s->name, s->node,
		  s->is_default ? SYMBOL_DEFAULT : SYMBOL_COMPAT, i);
	if (s->is_default)
		put_first(m, s->name, NULL, SYMBOL_ANY_DEFAULT, i);
}

/* Room for `keys` keys, made at once. */
static void symbol_index_reserve(struct abg_symbol_index *ix, size_t keys)
{
	size_t cap = abg_table_room(ix->cap, 64, keys);
	if (cap > ix->cap)
		symbol_index_resize(ix, cap);
}

/*
 * A reorder (abg_model_canonicalize) and a clear make the index stale; the
 * model is logically const here, only its cache changes. Rebuilt whole, in
 * insertion order, sized once: two keys for a default version.
 */
static void refresh_symbol_index(const struct abg_model *cm)
{
	struct abg_model *m = (struct abg_model *)cm;
	if (!m->symbol_index_stale)
		return;
	symbol_index_free(&m->symbol_exact);
	symbol_index_reserve(&m->symbol_exact, 2 * m->nsymbols);
	for (size_t i = 0; i < m->nsymbols; i++)
		index_symbol(m, i);
	m->symbol_index_stale = false;
}

/* The model's copy of s, or NULL when it never interned s. */
static const char *interned(const struct abg_model *m, const char *s)
{
	if (m->recent[recent_slot(s)] == s)
		return s;
	return abg_hash_get(&m->strings, s);
}

/* A node name as this model interned it. The address asked last proves
 * nothing alone (a string of another model may have been freed and its
 * memory reused), so the remembered copy is compared, which costs less
 * than hashing the name again. */
static const char *interned_node(const struct abg_model *cm, const char *node)
{
	struct abg_model *m = (struct abg_model *)cm;
	if (m->lookup_node_asked == node && m->lookup_node_own &&
	    strcmp(m->lookup_node_own, node) == 0)
		return m->lookup_node_own;
	m->lookup_node_asked = node;
	m->lookup_node_own = interned(m, node);
	return m->lookup_node_own;
}

void abg_model_reserve_symbols(struct abg_model *m, size_t symbols)
{
	size_t want = m->nsymbols + symbols;
	if (want > m->symbols_cap)
		abg_grow_unzeroed((void **)&m->symbols, &m->symbols_cap, want,
				  sizeof *m->symbols);
	/* A stale index is sized when it is rebuilt. Two keys for a default
	 * version (its node's, and any node's). */
	if (!m->symbol_index_stale)
		symbol_index_reserve(&m->symbol_exact,
				     m->symbol_exact.count + 2 * symbols);
}

/* Stale: the symbols that follow (a library's exports, by the thousand)
 * are indexed once, by the first lookup after them, not key by key and
 * then again after the reorder that comes before any lookup. */
void abg_model_clear_symbols(struct abg_model *m)
{
	m->nsymbols = 0;
	symbol_index_free(&m->symbol_exact);
	m->symbol_index_stale = true;
}

struct abg_symbol *abg_model_add_symbol(struct abg_model *m,
					const struct abg_symbol *s)
{
	struct abg_symbol *out =
		ABG_PUSH_UNZEROED(m->symbols, m->nsymbols, m->symbols_cap);
	*out = *s;
	out->name = abg_model_intern(m, s->name);
	out->node = abg_model_intern(m, s->node);
	out->loc = intern_loc(m, s->loc);
	/* A stale index is rebuilt whole, this symbol with the others. */
	if (!m->symbol_index_stale)
		index_symbol(m, m->nsymbols - 1);
	return out;
}

/*
 * The first symbol, in insertion order, named NAME that is the default
 * version of NODE (is_default), or a non-default one of NODE; node NULL with
 * is_default asks for the default of any node or the unversioned symbol.
 */
static const struct abg_symbol *lookup_symbol(const struct abg_model *m,
					      const char *name,
					      const char *node, bool is_default)
{
	refresh_symbol_index(m);
	/* A node cannot be named "*": the old spelling of "any node". */
	bool any = is_default && (!node || strcmp(node, "*") == 0);
	struct abg_symbol_key k = {
		.name = interned(m, name),
		.node = any || !node ? NULL : interned_node(m, node),
		.kind = any	     ? SYMBOL_ANY_DEFAULT
			: is_default ? SYMBOL_DEFAULT
				     : SYMBOL_COMPAT,
	};
	if (!k.name || (node && !any && !k.node) || !m->symbol_exact.count)
		return NULL;
	const struct abg_symbol_key *slot = symbol_slot(&m->symbol_exact, &k);
	return slot->name ? &m->symbols[slot->index] : NULL;
}

const struct abg_symbol *abg_model_find_default(const struct abg_model *m,
						const char *name)
{
	return lookup_symbol(m, name, NULL, true);
}

const struct abg_symbol *abg_model_find_symbol(const struct abg_model *m,
					       const char *name,
					       const char *node,
					       bool is_default)
{
	/* An unversioned symbol is keyed "name@@", like "default of any
	 * node": check that the hit really is unversioned. */
	const struct abg_symbol *s = lookup_symbol(m, name, node, is_default);
	if (s && !node && s->node)
		return NULL;
	return s;
}

void abg_model_add_conflict(struct abg_model *m, const char *what,
			    struct abg_location first,
			    struct abg_location second)
{
	struct abg_conflict *c =
		ABG_PUSH(m->conflicts, m->nconflicts, m->conflicts_cap);
	c->what = abg_model_intern(m, what);
	c->first = intern_loc(m, first);
	c->second = intern_loc(m, second);
}
