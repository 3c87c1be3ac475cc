/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Merging the summary of one translation unit into the model of the whole
 * library (abg_model_merge). Named types are unified by name, and where
 * both sides define one, the definitions are compared: two units that
 * disagree about a layout is itself a finding. Declarations are deduplicated
 * by (kind, symbol), .symver directives appended once.
 *
 * Types are copied with one importer per merge (abg_importer), not one
 * abg_model_import_type() call per declaration; a library's units go
 * through one abg_merger, which keeps its indexes between them.
 */
#include "abiguard/merge.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

struct decl_index {
	struct abg_hash functions, variables; /* symbol -> index + 1 */
};

/*
 * One merger serves many summaries: the indexes of what `into` already
 * holds are built once and kept current as declarations and .symver
 * directives are added, so merging a library's units costs the size of
 * the units, not units times the library.
 */
struct abg_merger {
	struct abg_model *into;
	const struct abg_model *from; /* the summary being merged */
	abg_merge_conflict_fn on_conflict;
	void *ctx;
	int conflicts;
	struct abg_strbuf what;
	struct decl_index decls;
	struct abg_hash symvers; /* "impl name@[@]node" -> itself */
	struct abg_hash tags;	 /* "name node file:line:col" -> itself */
	struct abg_arena keys;
	struct abg_strbuf key;
};

/* ---- comparing definitions -------------------------------------------- */

static void report(struct abg_merger *mg, struct abg_location first,
		   struct abg_location second)
{
	mg->conflicts++;
	if (mg->on_conflict)
		mg->on_conflict(mg->ctx, abg_strbuf_cstr(&mg->what), first,
				second);
}

static void put_field_name(struct abg_strbuf *sb, const struct abg_field *f,
			   uint32_t index)
{
	if (f->name && *f->name)
		abg_strbuf_printf(sb, "field '%s'", f->name);
	else
		abg_strbuf_printf(sb, "unnamed field #%" PRIu32, index + 1);
}

static void put_width(struct abg_strbuf *sb, int32_t width)
{
	if (width < 0)
		abg_strbuf_append(sb, "none");
	else
		abg_strbuf_printf(sb, "%" PRId32, width);
}

/* Appends " (why)" and returns true when the fields differ. */
static bool field_differs(const struct abg_merger *mg,
			  const struct abg_field *a, const struct abg_field *b,
			  uint32_t index, struct abg_strbuf *sb)
{
	if (strcmp(a->name, b->name) != 0) {
		abg_strbuf_printf(sb, " (field #%" PRIu32 " is '%s' vs '%s')",
				  index + 1, a->name, b->name);
		return true;
	}
	if (a->offset_bits == b->offset_bits && a->bit_width == b->bit_width &&
	    abg_type_equal(mg->into, a->type, mg->from, b->type))
		return false;
	abg_strbuf_append(sb, " (");
	put_field_name(sb, a, index);
	if (a->offset_bits != b->offset_bits) {
		abg_strbuf_printf(sb, " at bit %" PRIu64 " vs %" PRIu64,
				  a->offset_bits, b->offset_bits);
	} else if (a->bit_width != b->bit_width) {
		abg_strbuf_append(sb, " bit-field width ");
		put_width(sb, a->bit_width);
		abg_strbuf_append(sb, " vs ");
		put_width(sb, b->bit_width);
	} else {
		abg_strbuf_append(sb, " of type '");
		abg_type_spell(mg->into, a->type, sb);
		abg_strbuf_append(sb, "' vs '");
		abg_type_spell(mg->from, b->type, sb);
		abg_strbuf_append(sb, "'");
	}
	abg_strbuf_append(sb, ")");
	return true;
}

/* Size or alignment, named in sb: what records and enums share. */
static bool layout_differs(const struct abg_type *a, const struct abg_type *b,
			   struct abg_strbuf *sb)
{
	if (a->size_bits != b->size_bits) {
		abg_strbuf_printf(sb, " (size %" PRIu64 " vs %" PRIu64 " bits)",
				  a->size_bits, b->size_bits);
		return true;
	}
	if (a->align_bits != b->align_bits) {
		abg_strbuf_printf(
			sb, " (alignment %" PRIu32 " vs %" PRIu32 " bits)",
			a->align_bits, b->align_bits);
		return true;
	}
	return false;
}

static bool record_differs(const struct abg_merger *mg,
			   const struct abg_type *a, const struct abg_type *b,
			   struct abg_strbuf *sb)
{
	if (layout_differs(a, b, sb))
		return true;
	if (a->packed != b->packed) {
		abg_strbuf_printf(sb, " (%s vs %s)",
				  a->packed ? "packed" : "not packed",
				  b->packed ? "packed" : "not packed");
		return true;
	}
	for (uint32_t i = 0; i < a->nfields && i < b->nfields; i++)
		if (field_differs(mg, &a->fields[i], &b->fields[i], i, sb))
			return true;
	if (a->nfields != b->nfields) {
		abg_strbuf_printf(sb, " (%" PRIu32 " vs %" PRIu32 " fields)",
				  a->nfields, b->nfields);
		return true;
	}
	return false;
}

static bool enum_differs(const struct abg_type *a, const struct abg_type *b,
			 struct abg_strbuf *sb)
{
	if (layout_differs(a, b, sb))
		return true;
	if (a->is_signed != b->is_signed) {
		abg_strbuf_printf(sb, " (%s vs %s)",
				  a->is_signed ? "signed" : "unsigned",
				  b->is_signed ? "signed" : "unsigned");
		return true;
	}
	for (uint32_t i = 0; i < a->nenumerators && i < b->nenumerators; i++) {
		const struct abg_enumerator *x = &a->enumerators[i];
		const struct abg_enumerator *y = &b->enumerators[i];
		if (strcmp(x->name, y->name) != 0) {
			abg_strbuf_printf(sb,
					  " (enumerator #%" PRIu32
					  " is '%s' vs '%s')",
					  i + 1, x->name, y->name);
			return true;
		}
		if (x->value != y->value) {
			abg_strbuf_printf(sb,
					  " (%s = %" PRId64 " vs %" PRId64 ")",
					  x->name, x->value, y->value);
			return true;
		}
	}
	if (a->nenumerators != b->nenumerators) {
		abg_strbuf_printf(sb,
				  " (%" PRIu32 " vs %" PRIu32 " enumerators)",
				  a->nenumerators, b->nenumerators);
		return true;
	}
	return false;
}

static bool typedef_differs(const struct abg_merger *mg,
			    const struct abg_type *a, const struct abg_type *b,
			    struct abg_strbuf *sb)
{
	if (abg_type_equal(mg->into, a->target, mg->from, b->target))
		return false;
	abg_strbuf_append(sb, " ('");
	abg_type_spell(mg->into, a->target, sb);
	abg_strbuf_append(sb, "' vs '");
	abg_type_spell(mg->from, b->target, sb);
	abg_strbuf_append(sb, "')");
	return true;
}

/* The promises of abiguard.h: one unit's header makes them, another's
 * does not (an older copy of the header, an #ifdef). */
static void spell_annotations(unsigned bits, struct abg_strbuf *sb)
{
	const char *sep = "";
	for (unsigned bit = 1; bit <= ABG_ANNOT_ALL; bit <<= 1)
		if (bits & bit) {
			abg_strbuf_printf(sb, "%s%s", sep,
					  abg_annotation_name(bit));
			sep = ", ";
		}
	if (!*sep)
		abg_strbuf_append(sb, "none");
}

static bool annotations_differ(const struct abg_type *a,
			       const struct abg_type *b, struct abg_strbuf *sb)
{
	if (a->annotations != b->annotations) {
		abg_strbuf_append(sb, " (abiguard.h annotations ");
		spell_annotations(a->annotations, sb);
		abg_strbuf_append(sb, " vs ");
		spell_annotations(b->annotations, sb);
		abg_strbuf_append(sb, ")");
		return true;
	}
	for (uint32_t i = 0; i < a->nfields && i < b->nfields; i++)
		if (a->fields[i].reserved != b->fields[i].reserved) {
			abg_strbuf_printf(sb,
					  " (field '%s' is %sABIGUARD_RESERVED "
					  "vs %sABIGUARD_RESERVED)",
					  a->fields[i].name,
					  a->fields[i].reserved ? "" : "not ",
					  b->fields[i].reserved ? "" : "not ");
			return true;
		}
	return false;
}

static bool definition_differs(const struct abg_merger *mg,
			       const struct abg_type *a,
			       const struct abg_type *b, struct abg_strbuf *sb)
{
	if (a->kind != ABG_TYPE_TYPEDEF && annotations_differ(a, b, sb))
		return true;
	switch (a->kind) {
	case ABG_TYPE_STRUCT:
	case ABG_TYPE_UNION:
		return record_differs(mg, a, b, sb);
	case ABG_TYPE_ENUM:
		return enum_differs(a, b, sb);
	case ABG_TYPE_TYPEDEF:
		return typedef_differs(mg, a, b, sb);
	default:
		return false;
	}
}

static bool is_named_definition(const struct abg_type *t)
{
	return t->name && t->complete &&
	       (t->kind == ABG_TYPE_STRUCT || t->kind == ABG_TYPE_UNION ||
		t->kind == ABG_TYPE_ENUM || t->kind == ABG_TYPE_TYPEDEF);
}

/*
 * Before declarations are copied: a named type both sides define must be
 * defined the same way; one the library knows only as opaque takes this
 * unit's definition, even if no new declaration reaches it.
 */
static void merge_named_types(struct abg_merger *mg, struct abg_importer *im)
{
	struct abg_strbuf why = {0};
	for (abg_type_id id = 1; id < mg->from->ntypes; id++) {
		const struct abg_type *b = abg_model_type(mg->from, id);
		if (!is_named_definition(b))
			continue;
		abg_type_id known =
			abg_model_find_named(mg->into, b->kind, b->name);
		const struct abg_type *a = abg_model_type(mg->into, known);
		if (!a)
			continue;
		if (!a->complete) {
			abg_importer_import(im, id);
			continue;
		}
		/* Two .c files may each define their own private struct with
		 * one tag: different types in C, not a conflict. */
		if (a->private_def || b->private_def)
			continue;
		abg_strbuf_reset(&why);
		if (!definition_differs(mg, a, b, &why))
			continue;
		abg_strbuf_reset(&mg->what);
		abg_strbuf_append(&mg->what, "the definition of '");
		abg_type_spell_name(mg->into, known, &mg->what);
		abg_strbuf_printf(&mg->what, "'%s", why.data);
		report(mg, a->loc, b->loc);
	}
	abg_strbuf_free(&why);
}

/* ---- declarations, .symver, target ------------------------------------ */

static const char *decl_symbol(const struct abg_decl *d)
{
	return d->symbol ? d->symbol : d->name;
}

static struct abg_hash *index_for(struct decl_index *ix,
				  enum abg_decl_kind kind)
{
	return kind == ABG_DECL_VARIABLE ? &ix->variables : &ix->functions;
}

static void index_decl(struct decl_index *ix, const struct abg_model *m,
		       size_t i)
{
	const struct abg_decl *d = &m->decls[i];
	abg_hash_put(index_for(ix, d->kind), decl_symbol(d),
		     (void *)(uintptr_t)(i + 1));
}

static void merge_into_existing(struct abg_merger *mg, struct abg_importer *im,
				size_t index, const struct abg_decl *d)
{
	struct abg_decl *e = &mg->into->decls[index];
	if (!e->type) {
		abg_type_id type = abg_importer_import(im, d->type);
		e = &mg->into->decls[index];
		e->type = type;
	} else if (d->type &&
		   !abg_type_equal(mg->into, e->type, mg->from, d->type)) {
		abg_strbuf_reset(&mg->what);
		abg_strbuf_printf(&mg->what, "the type of '%s' ('", e->name);
		abg_type_spell(mg->into, e->type, &mg->what);
		abg_strbuf_append(&mg->what, "' vs '");
		abg_type_spell(mg->from, d->type, &mg->what);
		abg_strbuf_append(&mg->what, "')");
		report(mg, e->loc, d->loc);
	}
	if (d->defined && !e->defined) {
		/* the definition is the place to point at */
		e->defined = true;
		e->loc = d->loc;
		e->loc.file = abg_model_intern(mg->into, d->loc.file);
	}
	e->public_header |= d->public_header;
	e->exported |= d->exported;
}

/* A declaration no earlier unit had: its symbol, hashed once for the
 * index, is interned under the same hash, and a name that is the symbol
 * (most are) is then the same string of the library's, found by address
 * (abg_model_intern()). */
static void add_new_decl(struct abg_merger *mg, struct abg_importer *im,
			 const struct abg_decl *d, struct abg_hash *index,
			 size_t len, uint64_t hash)
{
	const char *symbol = decl_symbol(d);
	struct abg_decl copy = *d;
	copy.symbol = abg_model_intern_n(mg->into, symbol, len);
	if (d->name == symbol)
		copy.name = copy.symbol;
	copy.type = abg_importer_import(im, d->type);
	abg_model_add_decl(mg->into, &copy);
	abg_hash_put_hashed(index, copy.symbol, hash,
			    (void *)(uintptr_t)mg->into->ndecls);
}

static void merge_decls(struct abg_merger *mg, struct abg_importer *im)
{
	struct decl_index *ix = &mg->decls;
	for (size_t i = 0; i < mg->from->ndecls; i++) {
		const struct abg_decl *d = &mg->from->decls[i];
		struct abg_hash *index = index_for(ix, d->kind);
		const char *symbol = decl_symbol(d);
		size_t len = strlen(symbol);
		uint64_t hash = abg_hash_string_n(symbol, len);
		void *found = abg_hash_get_n(index, symbol, len, hash);
		if (found)
			merge_into_existing(mg, im,
					    (size_t)(uintptr_t)found - 1, d);
		else
			add_new_decl(mg, im, d, index, len, hash);
	}
}

static const char *symver_key(struct abg_merger *mg, const struct abg_symver *s)
{
	abg_strbuf_reset(&mg->key);
	abg_strbuf_printf(&mg->key, "%s %s%s%s", s->impl, s->name,
			  s->is_default ? "@@" : "@", s->node ? s->node : "");
	return mg->key.data;
}

static void index_symver(struct abg_merger *mg, const struct abg_symver *s)
{
	const char *key = abg_arena_strdup(&mg->keys, symver_key(mg, s));
	abg_hash_put(&mg->symvers, key, (void *)key);
}

static void merge_symvers(struct abg_merger *mg)
{
	for (size_t i = 0; i < mg->from->nsymvers; i++) {
		const struct abg_symver *s = &mg->from->symvers[i];
		if (abg_hash_contains(&mg->symvers, symver_key(mg, s)))
			continue;
		index_symver(mg, s);
		abg_model_add_symver(mg->into, s);
	}
}

/* Every unit that includes a header brings its tags: kept once. */
static const char *tag_key(struct abg_merger *mg, const struct abg_tag *t)
{
	abg_strbuf_reset(&mg->key);
	abg_strbuf_printf(&mg->key, "%s %s %s:%u:%u", t->name, t->node,
			  t->loc.file ? t->loc.file : "", t->loc.line,
			  t->loc.column);
	return mg->key.data;
}

static void index_tag(struct abg_merger *mg, const struct abg_tag *t)
{
	const char *key = abg_arena_strdup(&mg->keys, tag_key(mg, t));
	abg_hash_put(&mg->tags, key, (void *)key);
}

static void merge_tags(struct abg_merger *mg)
{
	for (size_t i = 0; i < mg->from->ntags; i++) {
		const struct abg_tag *t = &mg->from->tags[i];
		if (!t->name || abg_hash_contains(&mg->tags, tag_key(mg, t)))
			continue;
		index_tag(mg, t);
		abg_model_add_tag(mg->into, t);
	}
	mg->into->units_without_tags += mg->from->units_without_tags;
}

static void merge_target(struct abg_merger *mg)
{
	const char *a = mg->into->target, *b = mg->from->target;
	if (!b)
		return;
	if (!a) {
		mg->into->target = abg_model_intern(mg->into, b);
		return;
	}
	if (strcmp(a, b) == 0)
		return;
	struct abg_location none = {0};
	abg_strbuf_reset(&mg->what);
	abg_strbuf_printf(&mg->what, "the target ('%s' vs '%s')", a, b);
	report(mg, none, none);
}

struct abg_merger *abg_merger_new(struct abg_model *into,
				  abg_merge_conflict_fn on_conflict, void *ctx)
{
	struct abg_merger *mg = calloc(1, sizeof *mg);
	if (!mg)
		abort();
	mg->into = into;
	mg->on_conflict = on_conflict;
	mg->ctx = ctx;
	for (size_t i = 0; i < into->ndecls; i++)
		index_decl(&mg->decls, into, i);
	for (size_t i = 0; i < into->nsymvers; i++)
		index_symver(mg, &into->symvers[i]);
	for (size_t i = 0; i < into->ntags; i++)
		if (into->tags[i].name)
			index_tag(mg, &into->tags[i]);
	return mg;
}

int abg_merger_add(struct abg_merger *mg, const struct abg_model *from)
{
	int before = mg->conflicts;
	mg->from = from;
	struct abg_importer im;
	abg_importer_init(&im, mg->into, from);
	merge_target(mg);
	merge_named_types(mg, &im);
	merge_decls(mg, &im);
	merge_symvers(mg);
	merge_tags(mg);
	abg_importer_free(&im);
	mg->from = NULL;
	return mg->conflicts - before;
}

void abg_merger_free(struct abg_merger *mg)
{
	if (!mg)
		return;
	abg_strbuf_free(&mg->what);
	abg_strbuf_free(&mg->key);
	abg_hash_free(&mg->decls.functions);
	abg_hash_free(&mg->decls.variables);
	abg_hash_free(&mg->symvers);
	abg_hash_free(&mg->tags);
	abg_arena_free(&mg->keys);
	free(mg);
}

int abg_model_merge(struct abg_model *into, const struct abg_model *from,
		    abg_merge_conflict_fn on_conflict, void *ctx)
{
	struct abg_merger *mg = abg_merger_new(into, on_conflict, ctx);
	int conflicts = abg_merger_add(mg, from);
	abg_merger_free(mg);
	return conflicts;
}
