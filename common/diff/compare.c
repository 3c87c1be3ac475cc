/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "abiguard/compare.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- ABI equivalence ---------------------------------------------------- */

/*
 * Records refer to each other (struct list { struct list *next; }), so the
 * comparison is coinductive: a pair already being compared further up the
 * stack is assumed equal.
 */
struct pair_stack {
	abg_type_id a[64], b[64];
	size_t n;
};

struct equiv {
	const struct abg_model *ma, *mb;
	bool by_name; /* named records and enums: equal iff same tag */
	struct pair_stack active;
};

static bool equiv(struct equiv *e, abg_type_id ta, abg_type_id tb);

/* Typedefs and qualifiers do not change the ABI. */
static abg_type_id strip(const struct abg_model *m, abg_type_id id)
{
	for (int guard = 0; guard < 64; guard++) {
		const struct abg_type *t = abg_model_type(m, id);
		if (!t || !(t->kind == ABG_TYPE_QUALIFIED ||
			    (t->kind == ABG_TYPE_TYPEDEF && t->complete)))
			return id;
		id = t->target;
	}
	return id;
}

static bool is_integer_name(const char *name)
{
	static const char *const floats[] = {"float", "double", "long double",
					     "_Float128", "__float128"};
	if (strstr(name, "_Complex"))
		return false;
	for (size_t i = 0; i < sizeof floats / sizeof floats[0]; i++)
		if (strcmp(name, floats[i]) == 0)
			return false;
	return true;
}

/* "long" and "long long" are one ABI type on LP64; int and float are not. */
static bool base_equiv(const struct abg_type *x, const struct abg_type *y)
{
	if (strcmp(x->name, y->name) == 0)
		return true;
	return x->size_bits == y->size_bits && x->is_signed == y->is_signed &&
	       is_integer_name(x->name) && is_integer_name(y->name) &&
	       strcmp(x->name, "_Bool") != 0 && strcmp(y->name, "_Bool") != 0;
}

static bool fields_equiv(struct equiv *e, const struct abg_type *x,
			 const struct abg_type *y)
{
	if (x->nfields != y->nfields)
		return false;
	for (uint32_t i = 0; i < x->nfields; i++) {
		const struct abg_field *f = &x->fields[i], *g = &y->fields[i];
		if (f->offset_bits != g->offset_bits ||
		    f->bit_width != g->bit_width || !equiv(e, f->type, g->type))
			return false;
	}
	return true;
}

static bool enums_equiv(const struct abg_type *x, const struct abg_type *y)
{
	if (x->nenumerators != y->nenumerators)
		return false;
	for (uint32_t i = 0; i < x->nenumerators; i++)
		if (x->enumerators[i].value != y->enumerators[i].value)
			return false;
	return true;
}

static bool functions_equiv(struct equiv *e, const struct abg_type *x,
			    const struct abg_type *y)
{
	if (x->nparams != y->nparams || x->variadic != y->variadic ||
	    x->unprototyped != y->unprototyped ||
	    strcmp(x->callconv ? x->callconv : "",
		   y->callconv ? y->callconv : "") != 0 ||
	    !equiv(e, x->target, y->target))
		return false;
	for (uint32_t i = 0; i < x->nparams; i++)
		if (!equiv(e, x->params[i], y->params[i]))
			return false;
	return true;
}

static bool records_equiv(struct equiv *e, abg_type_id ta, abg_type_id tb,
			  const struct abg_type *x, const struct abg_type *y)
{
	if (!x->complete || !y->complete) /* opaque handles: by name */
		return x->name && y->name && strcmp(x->name, y->name) == 0;
	if (x->size_bits != y->size_bits || x->align_bits != y->align_bits)
		return false;
	if (x->anonymous && !x->nfields)
		return true; /* flattened member: its fields live in the parent */
	for (size_t i = 0; i < e->active.n; i++)
		if (e->active.a[i] == ta && e->active.b[i] == tb)
			return true;
	if (e->active.n == 64)
		return true; /* deep enough: sizes already agree */
	e->active.a[e->active.n] = ta;
	e->active.b[e->active.n++] = tb;
	bool same = fields_equiv(e, x, y);
	e->active.n--;
	return same;
}

static bool equiv(struct equiv *e, abg_type_id ta, abg_type_id tb)
{
	ta = strip(e->ma, ta);
	tb = strip(e->mb, tb);
	const struct abg_type *x = abg_model_type(e->ma, ta);
	const struct abg_type *y = abg_model_type(e->mb, tb);
	if (!x || !y)
		return !x && !y;
	if (x->kind != y->kind)
		return false;
	switch (x->kind) {
	case ABG_TYPE_VOID:
		return true;
	case ABG_TYPE_BASE:
		return base_equiv(x, y);
	case ABG_TYPE_POINTER:
		return equiv(e, x->target, y->target);
	case ABG_TYPE_ARRAY:
		return x->count == y->count && equiv(e, x->target, y->target);
	case ABG_TYPE_FUNCTION:
		return functions_equiv(e, x, y);
	case ABG_TYPE_STRUCT:
	case ABG_TYPE_UNION:
		if (e->by_name && x->name && y->name)
			return strcmp(x->name, y->name) == 0;
		return records_equiv(e, ta, tb, x, y);
	case ABG_TYPE_ENUM:
		if (e->by_name && x->name && y->name)
			return strcmp(x->name, y->name) == 0;
		if (!x->complete || !y->complete)
			return x->name && y->name &&
			       strcmp(x->name, y->name) == 0;
		return x->size_bits == y->size_bits &&
		       x->is_signed == y->is_signed && enums_equiv(x, y);
	case ABG_TYPE_TYPEDEF: /* incomplete typedef: compare by name */
	case ABG_TYPE_QUALIFIED:
		return x->name && y->name && strcmp(x->name, y->name) == 0;
	}
	return false;
}

bool abg_abi_equivalent(const struct abg_model *a, abg_type_id ta,
			const struct abg_model *b, abg_type_id tb)
{
	struct equiv e = {.ma = a, .mb = b};
	return equiv(&e, ta, tb);
}

bool abg_abi_equivalent_by_name(const struct abg_model *a, abg_type_id ta,
				const struct abg_model *b, abg_type_id tb)
{
	struct equiv e = {.ma = a, .mb = b, .by_name = true};
	return equiv(&e, ta, tb);
}

bool abg_signature_changed(const struct abg_model *a, abg_type_id ta,
			   const struct abg_model *b, abg_type_id tb)
{
	return !abg_abi_equivalent_by_name(a, ta, b, tb) &&
	       !abg_abi_equivalent(a, ta, b, tb);
}

/* ---- layout differences --------------------------------------------- */

static void add_change(struct abg_layout_diff *d,
		       enum abg_layout_change_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void add_change(struct abg_layout_diff *d,
		       enum abg_layout_change_kind kind, const char *fmt, ...)
{
	struct abg_layout_change *c = ABG_PUSH(d->changes, d->nchanges, d->cap);
	struct abg_strbuf sb = {0};
	va_list ap;
	va_start(ap, fmt);
	abg_strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	c->kind = kind;
	c->text = sb.data;
}

/* Offsets are stored in bits; people think in bytes unless it's a
 * bit-field. */
static void describe_offset(uint64_t bits, char *buf, size_t size)
{
	if (bits % 8 == 0)
		snprintf(buf, size, "byte %" PRIu64, bits / 8);
	else
		snprintf(buf, size, "bit %" PRIu64, bits);
}

static const struct abg_field *find_field(const struct abg_type *t,
					  const char *name)
{
	for (uint32_t i = 0; i < t->nfields; i++)
		if (strcmp(t->fields[i].name, name) == 0)
			return &t->fields[i];
	return NULL;
}

static char *spell(const struct abg_model *m, abg_type_id id)
{
	struct abg_strbuf sb = {0};
	abg_type_spell(m, id, &sb);
	return sb.data;
}

static void diff_field(const struct abg_model *old, const struct abg_field *f,
		       const struct abg_model *new_, const struct abg_field *g,
		       struct abg_layout_diff *out)
{
	char a[48], b[48];
	if (f->offset_bits != g->offset_bits) {
		describe_offset(f->offset_bits, a, sizeof a);
		describe_offset(g->offset_bits, b, sizeof b);
		add_change(out, ABG_CHANGE_FIELD_MOVED,
			   "field '%s' moved from %s to %s", f->name, a, b);
	}
	if (f->bit_width != g->bit_width)
		add_change(out, ABG_CHANGE_FIELD_BITS,
			   "bit-field '%s' changed width from %d to %d",
			   f->name, f->bit_width, g->bit_width);
	if (abg_signature_changed(old, f->type, new_, g->type)) {
		char *x = spell(old, f->type), *y = spell(new_, g->type);
		add_change(out, ABG_CHANGE_FIELD_TYPE,
			   "field '%s' changed type from '%s' to '%s'", f->name,
			   x, y);
		free(x);
		free(y);
	}
}

static void diff_fields(const struct abg_model *old, const struct abg_type *x,
			const struct abg_model *new_, const struct abg_type *y,
			struct abg_layout_diff *out)
{
	char where[48];
	for (uint32_t i = 0; i < y->nfields; i++) {
		const struct abg_field *g = &y->fields[i];
		if (!*g->name || find_field(x, g->name))
			continue;
		describe_offset(g->offset_bits, where, sizeof where);
		bool at_end = g->offset_bits >= x->size_bits;
		add_change(out, ABG_CHANGE_FIELD_ADDED,
			   at_end ? "field '%s' was added at the end (at %s)"
				  : "field '%s' was inserted at %s",
			   g->name, where);
	}
	for (uint32_t i = 0; i < x->nfields; i++) {
		const struct abg_field *f = &x->fields[i];
		if (!*f->name)
			continue; /* anonymous: its named fields say it all */
		const struct abg_field *g = find_field(y, f->name);
		if (g) {
			diff_field(old, f, new_, g, out);
			continue;
		}
		describe_offset(f->offset_bits, where, sizeof where);
		add_change(out, ABG_CHANGE_FIELD_REMOVED,
			   "field '%s' (at %s) was removed", f->name, where);
	}
}

static const struct abg_enumerator *find_enumerator(const struct abg_type *t,
						    const char *name)
{
	for (uint32_t i = 0; i < t->nenumerators; i++)
		if (strcmp(t->enumerators[i].name, name) == 0)
			return &t->enumerators[i];
	return NULL;
}

static void diff_enum(const struct abg_type *x, const struct abg_type *y,
		      struct abg_layout_diff *out)
{
	if (x->is_signed != y->is_signed)
		add_change(out, ABG_CHANGE_ENUM_SIGN,
			   "underlying type changed from %s to %s",
			   x->is_signed ? "signed" : "unsigned",
			   y->is_signed ? "signed" : "unsigned");
	for (uint32_t i = 0; i < x->nenumerators; i++) {
		const struct abg_enumerator *e = &x->enumerators[i];
		const struct abg_enumerator *n = find_enumerator(y, e->name);
		if (!n)
			add_change(out, ABG_CHANGE_ENUMERATOR_REMOVED,
				   "enumerator '%s' (= %" PRId64 ") was removed",
				   e->name, e->value);
		else if (n->value != e->value)
			add_change(out, ABG_CHANGE_ENUMERATOR_VALUE,
				   "enumerator '%s' changed value from %" PRId64
				   " to %" PRId64,
				   e->name, e->value, n->value);
	}
	for (uint32_t i = 0; i < y->nenumerators; i++)
		if (!find_enumerator(x, y->enumerators[i].name))
			add_change(out, ABG_CHANGE_ENUMERATOR_ADDED,
				   "enumerator '%s' (= %" PRId64 ") was added",
				   y->enumerators[i].name,
				   y->enumerators[i].value);
}

static void diff_sizes(const struct abg_type *x, const struct abg_type *y,
		       struct abg_layout_diff *out)
{
	if (x->size_bits != y->size_bits) {
		bool bytes = x->size_bits % 8 == 0 && y->size_bits % 8 == 0;
		add_change(out, ABG_CHANGE_SIZE,
			   "%s from %" PRIu64 " to %" PRIu64 " %s",
			   y->size_bits > x->size_bits ? "grew" : "shrank",
			   bytes ? x->size_bits / 8 : x->size_bits,
			   bytes ? y->size_bits / 8 : y->size_bits,
			   bytes ? "bytes" : "bits");
	}
	if (x->align_bits != y->align_bits)
		add_change(out, ABG_CHANGE_ALIGN,
			   "alignment changed from %" PRIu32 " to %" PRIu32
			   " bytes",
			   x->align_bits / 8, y->align_bits / 8);
	if (x->packed != y->packed)
		add_change(out, ABG_CHANGE_PACKED, "%s packed",
			   y->packed ? "became" : "is no longer");
}

void abg_layout_diff(const struct abg_model *old, abg_type_id ta,
		     const struct abg_model *new_, abg_type_id tb,
		     struct abg_layout_diff *out)
{
	const struct abg_type *x = abg_model_type(old, ta);
	const struct abg_type *y = abg_model_type(new_, tb);
	if (!x || !y)
		return;
	/* What callers can see: a private definition is as opaque as none. */
	bool x_visible = x->complete && !x->private_def;
	bool y_visible = y->complete && !y->private_def;
	if (x_visible != y_visible) {
		add_change(out, ABG_CHANGE_OPACITY,
			   x_visible ? "became opaque (no longer defined "
				       "in the public headers)"
				     : "is now defined in the public headers "
				       "(was opaque)");
		return;
	}
	if (!x_visible)
		return;
	if (x->kind == ABG_TYPE_TYPEDEF) {
		if (abg_signature_changed(old, x->target, new_, y->target)) {
			char *a = spell(old, x->target);
			char *b = spell(new_, y->target);
			add_change(out, ABG_CHANGE_TYPEDEF_TARGET,
				   "now names '%s' instead of '%s'", b, a);
			free(a);
			free(b);
		}
		return;
	}
	diff_sizes(x, y, out);
	if (x->kind == ABG_TYPE_ENUM)
		diff_enum(x, y, out);
	else
		diff_fields(old, x, new_, y, out);
}

bool abg_layout_diff_has(const struct abg_layout_diff *d,
			 enum abg_layout_change_kind kind)
{
	for (size_t i = 0; i < d->nchanges; i++)
		if (d->changes[i].kind == kind)
			return true;
	return false;
}

void abg_layout_diff_free(struct abg_layout_diff *d)
{
	for (size_t i = 0; i < d->nchanges; i++)
		free(d->changes[i].text);
	free(d->changes);
	memset(d, 0, sizeof *d);
}
