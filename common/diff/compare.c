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

static bool is_record(const struct abg_type *t)
{
	return t->kind == ABG_TYPE_STRUCT || t->kind == ABG_TYPE_UNION;
}

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

/* Qualifiers only: a typedef stays, to be compared by its name. */
static abg_type_id strip_quals(const struct abg_model *m, abg_type_id id)
{
	const struct abg_type *t = abg_model_type(m, id);
	return t && t->kind == ABG_TYPE_QUALIFIED ? t->target : id;
}

static bool same_typedef(struct equiv *e, abg_type_id ta, abg_type_id tb)
{
	const struct abg_type *x =
		abg_model_type(e->ma, strip_quals(e->ma, ta));
	const struct abg_type *y =
		abg_model_type(e->mb, strip_quals(e->mb, tb));
	return x && y && x->kind == ABG_TYPE_TYPEDEF &&
	       y->kind == ABG_TYPE_TYPEDEF && x->complete && y->complete &&
	       strcmp(x->name, y->name) == 0;
}

static bool equiv(struct equiv *e, abg_type_id ta, abg_type_id tb)
{
	if (e->by_name && same_typedef(e, ta, tb))
		return true;
	ta = strip(e->ma, ta);
	tb = strip(e->mb, tb);
	const struct abg_type *x = abg_model_type(e->ma, ta);
	const struct abg_type *y = abg_model_type(e->mb, tb);
	if (!x || !y)
		return !x && !y;
	if (e->by_name && is_record(x) && is_record(y) && x->name && y->name)
		return strcmp(x->name, y->name) == 0; /* struct-became-union */
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

/* Field by field: an initializer would zero the whole stack of pairs, in
 * every comparison of every parameter and field, where only the entries
 * below active.n are ever read. */
static bool equivalent(const struct abg_model *a, abg_type_id ta,
		       const struct abg_model *b, abg_type_id tb, bool by_name)
{
	struct equiv e;
	e.ma = a;
	e.mb = b;
	e.by_name = by_name;
	e.active.n = 0;
	return equiv(&e, ta, tb);
}

bool abg_abi_equivalent(const struct abg_model *a, abg_type_id ta,
			const struct abg_model *b, abg_type_id tb)
{
	return equivalent(a, ta, b, tb, false);
}

bool abg_abi_equivalent_by_name(const struct abg_model *a, abg_type_id ta,
				const struct abg_model *b, abg_type_id tb)
{
	return equivalent(a, ta, b, tb, true);
}

bool abg_signature_changed(const struct abg_model *a, abg_type_id ta,
			   const struct abg_model *b, abg_type_id tb)
{
	return !abg_abi_equivalent_by_name(a, ta, b, tb) &&
	       !abg_abi_equivalent(a, ta, b, tb);
}

/* ---- the changes, in words ------------------------------------------- */

static void add_change(struct abg_layout_diff *d, enum abg_change_kind kind,
		       const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void add_change(struct abg_layout_diff *d, enum abg_change_kind kind,
		       const char *fmt, ...)
{
	struct abg_layout_change *c = ABG_PUSH(d->changes, d->nchanges, d->cap);
	struct abg_strbuf sb = {0};
	va_list ap;
	va_start(ap, fmt);
	abg_strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	c->kind = kind;
	c->text = sb.data;
	c->enumerator = NULL;
}

/* The enumerator of the old model the change just added is about. */
static void about(struct abg_layout_diff *d, const struct abg_enumerator *e)
{
	d->changes[d->nchanges - 1].enumerator = e;
}

static char *spell(const struct abg_model *m, abg_type_id id)
{
	struct abg_strbuf sb = {0};
	abg_type_spell(m, id, &sb);
	return sb.data ? sb.data : calloc(1, 1);
}

/* "<what> changed from 'OLD' to 'NEW'", with the types spelled. */
static void add_type_change(struct abg_layout_diff *d,
			    enum abg_change_kind kind, const char *what,
			    const struct abg_model *old, abg_type_id ta,
			    const struct abg_model *new_, abg_type_id tb)
{
	char *x = spell(old, ta), *y = spell(new_, tb);
	add_change(d, kind, "%s changed from '%s' to '%s'", what, x, y);
	free(x);
	free(y);
}

static const struct abg_type *stripped(const struct abg_model *m,
				       abg_type_id id)
{
	return abg_model_type(m, strip(m, id));
}

/* Qualifiers of a type as written, through typedefs. */
static unsigned quals_of(const struct abg_model *m, abg_type_id id)
{
	unsigned q = 0;
	for (int guard = 0; guard < 64; guard++) {
		const struct abg_type *t = abg_model_type(m, id);
		if (!t || !(t->kind == ABG_TYPE_QUALIFIED ||
			    (t->kind == ABG_TYPE_TYPEDEF && t->complete)))
			break;
		q |= t->kind == ABG_TYPE_QUALIFIED ? t->quals : 0;
		id = t->target;
	}
	return q;
}

/* Does const/volatile/restrict differ on some pointee (not on the value
 * itself, which a by-value parameter's callee owns)? */
static bool pointee_quals_differ(const struct abg_model *old, abg_type_id ta,
				 const struct abg_model *new_, abg_type_id tb)
{
	for (int depth = 0; depth < 16; depth++) {
		const struct abg_type *x = stripped(old, ta);
		const struct abg_type *y = stripped(new_, tb);
		if (!x || !y || x->kind != y->kind ||
		    (x->kind != ABG_TYPE_POINTER && x->kind != ABG_TYPE_ARRAY))
			return false;
		ta = x->target;
		tb = y->target;
		if (quals_of(old, ta) != quals_of(new_, tb))
			return true;
	}
	return false;
}

static int pointer_level(const struct abg_model *m, abg_type_id id)
{
	int level = 0;
	const struct abg_type *t = stripped(m, id);
	while (t && t->kind == ABG_TYPE_POINTER && level < 64) {
		level++;
		t = stripped(m, t->target);
	}
	return level;
}

static bool is_function_pointer(const struct abg_model *m, abg_type_id id)
{
	const struct abg_type *t = stripped(m, id);
	if (!t || t->kind != ABG_TYPE_POINTER)
		return false;
	t = stripped(m, t->target);
	return t && t->kind == ABG_TYPE_FUNCTION;
}

/*
 * An integer type and an enum whose underlying type has its size and
 * signedness, one in place of the other (also behind the same pointers or
 * arrays): the enum is compatible with that integer type (C11 6.7.2.2), so
 * it is passed, returned and stored alike. Source-level at most.
 */
static bool is_enum_integer_swap(const struct abg_model *old, abg_type_id ta,
				 const struct abg_model *new_, abg_type_id tb)
{
	const struct abg_type *x = stripped(old, ta);
	const struct abg_type *y = stripped(new_, tb);
	for (int depth = 0; x && y && x->kind == y->kind && depth < 16;
	     depth++) {
		if (x->kind != ABG_TYPE_POINTER &&
		    (x->kind != ABG_TYPE_ARRAY || x->count != y->count))
			return false;
		x = stripped(old, x->target);
		y = stripped(new_, y->target);
	}
	if (!x || !y || x->kind == y->kind)
		return false;
	const struct abg_type *e = x->kind == ABG_TYPE_ENUM ? x : y;
	const struct abg_type *i = e == x ? y : x;
	return e->kind == ABG_TYPE_ENUM && e->complete &&
	       i->kind == ABG_TYPE_BASE && is_integer_name(i->name) &&
	       strcmp(i->name, "_Bool") != 0 && e->size_bits == i->size_bits &&
	       e->is_signed == i->is_signed;
}

/* A parameter, return type or typedef target: the most specific kind. */
static void diff_value(const struct abg_model *old, abg_type_id ta,
		       const struct abg_model *new_, abg_type_id tb,
		       enum abg_change_kind kind, const char *what,
		       struct abg_layout_diff *out)
{
	if (!abg_signature_changed(old, ta, new_, tb)) {
		if (pointee_quals_differ(old, ta, new_, tb))
			add_type_change(out, ABG_CHANGE_QUALIFIER, what, old,
					ta, new_, tb);
		return;
	}
	if (is_enum_integer_swap(old, ta, new_, tb))
		kind = ABG_CHANGE_ENUM_INTEGER;
	else if (pointer_level(old, ta) != pointer_level(new_, tb))
		kind = ABG_CHANGE_POINTER_LEVEL;
	else if (is_function_pointer(old, ta) && is_function_pointer(new_, tb))
		kind = ABG_CHANGE_CALLBACK;
	add_type_change(out, kind, what, old, ta, new_, tb);
}

/* ---- functions ------------------------------------------------------- */

static bool same_param(const struct abg_model *old, abg_type_id ta,
		       const struct abg_model *new_, abg_type_id tb)
{
	return !abg_signature_changed(old, ta, new_, tb);
}

/* new_ is old with one parameter more at `at` (or -1). */
static int inserted_param(const struct abg_model *old, const struct abg_type *x,
			  const struct abg_model *new_,
			  const struct abg_type *y)
{
	/* From the end: (int) -> (int, int) is an addition at the end. */
	for (uint32_t at = y->nparams; at-- > 0;) {
		bool fits = true;
		for (uint32_t i = 0, j = 0; fits && i < x->nparams; i++, j++) {
			j += j == at;
			fits = same_param(old, x->params[i], new_,
					  y->params[j]);
		}
		if (fits)
			return (int)at;
	}
	return -1;
}

/* The same parameter types, in another order. */
static bool reordered(const struct abg_model *old, const struct abg_type *x,
		      const struct abg_model *new_, const struct abg_type *y)
{
	bool used[64] = {false}, moved = false;
	if (x->nparams != y->nparams || x->nparams > 64)
		return false;
	for (uint32_t i = 0; i < x->nparams; i++) {
		uint32_t j = 0;
		while (j < y->nparams &&
		       (used[j] ||
			!same_param(old, x->params[i], new_, y->params[j])))
			j++;
		if (j == y->nparams)
			return false;
		used[j] = true;
		moved |= i != j;
	}
	return moved;
}

static void param_added_or_removed(struct abg_layout_diff *out,
				   enum abg_change_kind kind,
				   const struct abg_model *m, abg_type_id type,
				   uint32_t index, const char *how)
{
	char *t = spell(m, type);
	add_change(out, kind, "parameter %u ('%s') was %s", index + 1, t, how);
	free(t);
}

static void diff_params(const struct abg_model *old, const struct abg_type *x,
			const struct abg_model *new_, const struct abg_type *y,
			struct abg_layout_diff *out)
{
	char what[32];
	if (reordered(old, x, new_, y)) {
		struct abg_strbuf was = {0}, now = {0};
		for (uint32_t i = 0; i < x->nparams; i++) {
			char *a = spell(old, x->params[i]);
			char *b = spell(new_, y->params[i]);
			abg_strbuf_printf(&was, "%s%s", i ? ", " : "", a);
			abg_strbuf_printf(&now, "%s%s", i ? ", " : "", b);
			free(a);
			free(b);
		}
		add_change(out, ABG_CHANGE_PARAM_REORDERED,
			   "parameters were reordered from (%s) to (%s)",
			   abg_strbuf_cstr(&was), abg_strbuf_cstr(&now));
		abg_strbuf_free(&was);
		abg_strbuf_free(&now);
		return;
	}
	int at = -1;
	if (y->nparams == x->nparams + 1 &&
	    (at = inserted_param(old, x, new_, y)) >= 0) {
		param_added_or_removed(
			out,
			(uint32_t)at + 1 == y->nparams
				? ABG_CHANGE_PARAM_ADDED
				: ABG_CHANGE_PARAM_INSERTED,
			new_, y->params[at], (uint32_t)at,
			(uint32_t)at + 1 == y->nparams ? "added" : "inserted");
		return;
	}
	if (x->nparams == y->nparams + 1 &&
	    (at = inserted_param(new_, y, old, x)) >= 0) {
		param_added_or_removed(out, ABG_CHANGE_PARAM_REMOVED, old,
				       x->params[at], (uint32_t)at, "removed");
		return;
	}
	uint32_t n = x->nparams < y->nparams ? x->nparams : y->nparams;
	for (uint32_t i = 0; i < n; i++) {
		/* The label is printed only for a parameter that changed:
		 * every function of a library comes through here. */
		if (!abg_signature_changed(old, x->params[i], new_,
					   y->params[i]) &&
		    !pointee_quals_differ(old, x->params[i], new_,
					  y->params[i]))
			continue;
		snprintf(what, sizeof what, "parameter %u", i + 1);
		diff_value(old, x->params[i], new_, y->params[i],
			   ABG_CHANGE_PARAM_TYPE, what, out);
	}
	for (uint32_t i = n; i < y->nparams; i++)
		param_added_or_removed(out, ABG_CHANGE_PARAM_ADDED, new_,
				       y->params[i], i, "added");
	for (uint32_t i = n; i < x->nparams; i++)
		param_added_or_removed(out, ABG_CHANGE_PARAM_REMOVED, old,
				       x->params[i], i, "removed");
}

/* A return or parameter type that diff_value() finds no change in. */
static bool same_value(const struct abg_model *old, abg_type_id ta,
		       const struct abg_model *new_, abg_type_id tb)
{
	return !abg_signature_changed(old, ta, new_, tb) &&
	       !pointee_quals_differ(old, ta, new_, tb);
}

/*
 * Nothing that abg_signature_diff() reports differs: the convention, the
 * ellipsis, the number of parameters, and each type against the one at
 * its place (then no parameter moved either). Most functions of a library
 * come this way; each type is compared once, not once for the search of
 * a reordering and again for its own change.
 */
static bool same_signature(const struct abg_model *old,
			   const struct abg_type *x,
			   const struct abg_model *new_,
			   const struct abg_type *y)
{
	if (strcmp(x->callconv ? x->callconv : "the default",
		   y->callconv ? y->callconv : "the default") != 0 ||
	    x->variadic != y->variadic || x->nparams != y->nparams ||
	    !same_value(old, x->target, new_, y->target))
		return false;
	for (uint32_t i = 0; i < x->nparams; i++)
		if (!same_value(old, x->params[i], new_, y->params[i]))
			return false;
	return true;
}

void abg_signature_diff(const struct abg_model *old, abg_type_id ta,
			const struct abg_model *new_, abg_type_id tb,
			struct abg_layout_diff *out)
{
	const struct abg_type *x = stripped(old, ta);
	const struct abg_type *y = stripped(new_, tb);
	if (!x || !y || x->kind != ABG_TYPE_FUNCTION ||
	    y->kind != ABG_TYPE_FUNCTION || same_signature(old, x, new_, y))
		return;
	const char *cx = x->callconv ? x->callconv : "the default";
	const char *cy = y->callconv ? y->callconv : "the default";
	if (strcmp(cx, cy) != 0)
		add_change(out, ABG_CHANGE_CALLCONV,
			   "calling convention changed from %s to %s", cx, cy);
	if (x->variadic != y->variadic)
		add_change(out, ABG_CHANGE_VARIADIC, "it %s variadic",
			   y->variadic ? "became" : "is no longer");
	diff_value(old, x->target, new_, y->target, ABG_CHANGE_RETURN_TYPE,
		   "return type", out);
	diff_params(old, x, new_, y, out);
}

/* ---- variables ------------------------------------------------------- */

/* const of a variable: on the type, or on an array's elements. */
static bool is_const_object(const struct abg_model *m, abg_type_id id)
{
	for (int guard = 0; guard < 16; guard++) {
		if (quals_of(m, id) & ABG_QUAL_CONST)
			return true;
		const struct abg_type *t = stripped(m, id);
		if (!t || t->kind != ABG_TYPE_ARRAY)
			return false;
		id = t->target;
	}
	return false;
}

static bool array_bound_only(const struct abg_model *old, abg_type_id ta,
			     const struct abg_model *new_, abg_type_id tb)
{
	const struct abg_type *x = stripped(old, ta);
	const struct abg_type *y = stripped(new_, tb);
	return x && y && x->kind == ABG_TYPE_ARRAY &&
	       y->kind == ABG_TYPE_ARRAY && x->count != y->count &&
	       abg_abi_equivalent_by_name(old, x->target, new_, y->target);
}

void abg_variable_diff(const struct abg_model *old, abg_type_id ta,
		       uint64_t old_size, const struct abg_model *new_,
		       abg_type_id tb, uint64_t new_size,
		       struct abg_layout_diff *out)
{
	bool typed = ta && tb;
	if (typed && abg_signature_changed(old, ta, new_, tb)) {
		enum abg_change_kind kind = ABG_CHANGE_VARIABLE_TYPE;
		if (array_bound_only(old, ta, new_, tb))
			kind = ABG_CHANGE_ARRAY_BOUND;
		else if (is_enum_integer_swap(old, ta, new_, tb))
			kind = ABG_CHANGE_ENUM_INTEGER;
		add_type_change(out, kind, "type", old, ta, new_, tb);
		return;
	}
	if (old_size && new_size && old_size != new_size)
		add_change(out, ABG_CHANGE_VARIABLE_SIZE,
			   "size changed from %" PRIu64 " to %" PRIu64 " bytes",
			   old_size, new_size);
	if (!typed)
		return;
	if (is_const_object(old, ta) != is_const_object(new_, tb))
		add_type_change(out, ABG_CHANGE_VARIABLE_CONST, "type", old, ta,
				new_, tb);
	else if (pointee_quals_differ(old, ta, new_, tb))
		add_type_change(out, ABG_CHANGE_QUALIFIER, "type", old, ta,
				new_, tb);
}

/* ---- records --------------------------------------------------------- */

/* Offsets are stored in bits; people think in bytes unless it's a
 * bit-field. */
static void describe_offset(uint64_t bits, char *buf, size_t size)
{
	if (bits % 8 == 0)
		snprintf(buf, size, "byte %" PRIu64, bits / 8);
	else
		snprintf(buf, size, "bit %" PRIu64, bits);
}

/*
 * The field of t named name, looked for first at index hint: the other
 * layout's field at the same index, which is the same field in a layout
 * that did not change, so that comparing two records costs one pass over
 * their fields, not one per field. A named field appears once per record
 * (compilers and the baseline reader refuse a second), so the field found
 * there is the one the scan would find.
 */
static const struct abg_field *find_field(const struct abg_type *t,
					  const char *name, uint32_t hint)
{
	if (*name && hint < t->nfields &&
	    strcmp(t->fields[hint].name, name) == 0)
		return &t->fields[hint];
	for (uint32_t i = 0; i < t->nfields; i++)
		if (strcmp(t->fields[i].name, name) == 0)
			return &t->fields[i];
	return NULL;
}

static bool is_flexible(const struct abg_model *m, abg_type_id id)
{
	const struct abg_type *t = stripped(m, id);
	return t && t->kind == ABG_TYPE_ARRAY && t->count < 0;
}

/* A field's type changed: array bounds and callbacks have their kinds. */
static enum abg_change_kind field_type_kind(const struct abg_model *old,
					    abg_type_id ta,
					    const struct abg_model *new_,
					    abg_type_id tb)
{
	if (is_flexible(old, ta) || is_flexible(new_, tb))
		return ABG_CHANGE_FLEXIBLE_ARRAY;
	if (array_bound_only(old, ta, new_, tb))
		return ABG_CHANGE_ARRAY_BOUND;
	if (is_function_pointer(old, ta) && is_function_pointer(new_, tb))
		return ABG_CHANGE_CALLBACK;
	if (is_enum_integer_swap(old, ta, new_, tb))
		return ABG_CHANGE_ENUM_INTEGER;
	return ABG_CHANGE_FIELD_TYPE;
}

static void diff_field(const struct abg_model *old, const struct abg_field *f,
		       const struct abg_model *new_, const struct abg_field *g,
		       struct abg_layout_diff *out)
{
	char a[48], b[48], what[200];
	bool bits = f->bit_width >= 0 || g->bit_width >= 0;
	if (f->offset_bits != g->offset_bits) {
		describe_offset(f->offset_bits, a, sizeof a);
		describe_offset(g->offset_bits, b, sizeof b);
		add_change(out,
			   bits ? ABG_CHANGE_FIELD_BITS
				: ABG_CHANGE_FIELD_MOVED,
			   "%s '%s' moved from %s to %s",
			   bits ? "bit-field" : "field", f->name, a, b);
	}
	if (f->bit_width != g->bit_width) {
		if (f->bit_width >= 0 && g->bit_width >= 0)
			add_change(out, ABG_CHANGE_FIELD_BITS,
				   "bit-field '%s' changed width from %d to "
				   "%d",
				   f->name, f->bit_width, g->bit_width);
		else
			add_change(out, ABG_CHANGE_FIELD_BITS,
				   "field '%s' %s a bit-field", f->name,
				   g->bit_width >= 0 ? "became"
						     : "is no longer");
	}
	/* The label is printed only for a field that changed: every field
	 * of every released type comes through here. */
	enum abg_change_kind kind;
	if (abg_signature_changed(old, f->type, new_, g->type))
		kind = field_type_kind(old, f->type, new_, g->type);
	else if (quals_of(old, f->type) != quals_of(new_, g->type) ||
		 pointee_quals_differ(old, f->type, new_, g->type))
		kind = ABG_CHANGE_QUALIFIER;
	else
		return;
	snprintf(what, sizeof what, "field '%s'", f->name);
	add_type_change(out, kind, what, old, f->type, new_, g->type);
}

/* The anonymous union (flattened: a nameless field of an anonymous record
 * type) whose bytes hold field g, or NULL. */
static const struct abg_field *enclosing_union(const struct abg_model *m,
					       const struct abg_type *t,
					       const struct abg_field *g)
{
	const struct abg_field *found = NULL;
	for (uint32_t i = 0; i < t->nfields && &t->fields[i] < g; i++) {
		const struct abg_field *u = &t->fields[i];
		const struct abg_type *ut = abg_model_type(m, u->type);
		if (*u->name || !ut || ut->kind != ABG_TYPE_UNION ||
		    !ut->anonymous)
			continue;
		if (g->offset_bits >= u->offset_bits &&
		    g->offset_bits < u->offset_bits + ut->size_bits)
			found = u; /* the innermost one comes last */
	}
	return found;
}

/*
 * Field g is new, but only as another name for bytes that keep their
 * meaning: it sits in an anonymous union, and every field of the old
 * layout within the union's bytes is still there, at its offset, with its
 * type, inside that union. That is how option structs are made
 * extensible: struct opts { void *ctx; } becoming
 * struct opts { union { size_t sz; void *ctx; }; }, libbpf's
 * union { int replace_prog_fd; int replace_fd; }, or a new, larger
 * alternative in a union of per-kind options. What a larger union does
 * to the struct (its size, fields after it that move) is judged on its
 * own, as any other growth.
 */
static bool is_alias(const struct abg_model *old, const struct abg_type *x,
		     const struct abg_model *new_, const struct abg_type *y,
		     const struct abg_field *g)
{
	const struct abg_field *u = enclosing_union(new_, y, g);
	if (!u)
		return false;
	const struct abg_type *ut = abg_model_type(new_, u->type);
	uint64_t end = u->offset_bits + ut->size_bits;
	bool wraps = false;
	for (uint32_t i = 0; i < x->nfields; i++) {
		const struct abg_field *f = &x->fields[i];
		if (!*f->name || f->offset_bits < u->offset_bits ||
		    f->offset_bits >= end)
			continue;
		const struct abg_field *kept = find_field(y, f->name, i);
		if (!kept || kept->offset_bits != f->offset_bits ||
		    kept->bit_width != f->bit_width ||
		    abg_signature_changed(old, f->type, new_, kept->type) ||
		    enclosing_union(new_, y, kept) != u)
			return false;
		wraps = true;
	}
	return wraps;
}

/* Old field f and new field g are one field under two names. */
static bool is_rename(const struct abg_model *old, const struct abg_field *f,
		      const struct abg_model *new_, const struct abg_field *g)
{
	return f->offset_bits == g->offset_bits &&
	       f->bit_width == g->bit_width &&
	       !abg_signature_changed(old, f->type, new_, g->type);
}

/* The old field that new field g renames: gone from new, same place. */
static const struct abg_field *renamed_from(const struct abg_model *old,
					    const struct abg_type *x,
					    const struct abg_model *new_,
					    const struct abg_type *y,
					    const struct abg_field *g)
{
	for (uint32_t i = 0; i < x->nfields; i++) {
		const struct abg_field *f = &x->fields[i];
		if (*f->name && !find_field(y, f->name, i) &&
		    is_rename(old, f, new_, g))
			return f;
	}
	return NULL;
}

/* The new field that renames old field f, if any. */
static const struct abg_field *renamed_to(const struct abg_model *old,
					  const struct abg_type *x,
					  const struct abg_model *new_,
					  const struct abg_type *y,
					  const struct abg_field *f)
{
	for (uint32_t i = 0; i < y->nfields; i++) {
		const struct abg_field *g = &y->fields[i];
		if (*g->name && !find_field(x, g->name, i) &&
		    renamed_from(old, x, new_, y, g) == f)
			return g;
	}
	return NULL;
}

/* Appended: after every field the old layout had (a union's members have
 * no order). */
static bool is_appended(const struct abg_type *x, const struct abg_field *g)
{
	if (x->kind == ABG_TYPE_UNION)
		return true;
	for (uint32_t i = 0; i < x->nfields; i++) {
		/* "size_t : 0" holds no bytes: it only pads the tail, and a
		 * field put in that padding comes after every old one. */
		if (x->fields[i].bit_width == 0)
			continue;
		if (x->fields[i].offset_bits >= g->offset_bits)
			return false;
	}
	return true;
}

static void
diff_added_field(const struct abg_model *old, const struct abg_type *x,
		 const struct abg_model *new_, const struct abg_type *y,
		 const struct abg_field *g, struct abg_layout_diff *out)
{
	char where[48];
	const struct abg_field *f = renamed_from(old, x, new_, y, g);
	if (f) {
		add_change(out, ABG_CHANGE_FIELD_RENAMED,
			   "field '%s' was renamed to '%s' (same offset and "
			   "type)",
			   f->name, g->name);
		return;
	}
	if (is_alias(old, x, new_, y, g))
		return; /* a layout-preserving rewrite */
	describe_offset(g->offset_bits, where, sizeof where);
	if (is_flexible(new_, g->type))
		add_change(out, ABG_CHANGE_FLEXIBLE_ARRAY,
			   "flexible array member '%s' was added at %s",
			   g->name, where);
	else if (is_appended(x, g))
		add_change(out, ABG_CHANGE_FIELD_APPENDED,
			   "field '%s' was added at the end (at %s)", g->name,
			   where);
	else
		add_change(out, ABG_CHANGE_FIELD_INSERTED,
			   "field '%s' was inserted at %s", g->name, where);
}

/* Bits a field occupies: its width, or its type's size (0: unknown). */
static uint64_t field_bits(const struct abg_model *m, const struct abg_field *f)
{
	if (f->bit_width >= 0)
		return (uint64_t)f->bit_width;
	const struct abg_type *t = stripped(m, f->type);
	uint64_t count = 1;
	while (t && t->kind == ABG_TYPE_ARRAY) {
		if (t->count < 0)
			return 0;
		count *= (uint64_t)t->count;
		t = stripped(m, t->target);
	}
	if (!t)
		return 0;
	if (t->kind == ABG_TYPE_POINTER || t->kind == ABG_TYPE_FUNCTION)
		return 0; /* the target's word; not needed for padding */
	return t->size_bits * count;
}

/*
 * ABIGUARD_RESERVED: old field f is padding a later release may use. New
 * field g (or g renamed from f, or with f's name and another type) lies
 * within f's bytes: it uses the padding, as promised. Whatever changes
 * outside those bytes is judged as usual.
 */
static bool uses_reserved(const struct abg_model *old,
			  const struct abg_field *f,
			  const struct abg_model *new_,
			  const struct abg_field *g)
{
	uint64_t room = field_bits(old, f), used = field_bits(new_, g);
	return f->reserved && room && used &&
	       g->offset_bits >= f->offset_bits &&
	       g->offset_bits + used <= f->offset_bits + room;
}

static const struct abg_field *reserved_holding(const struct abg_model *old,
						const struct abg_type *x,
						const struct abg_model *new_,
						const struct abg_field *g)
{
	for (uint32_t i = 0; i < x->nfields; i++)
		if (uses_reserved(old, &x->fields[i], new_, g))
			return &x->fields[i];
	return NULL;
}

static void diff_fields(const struct abg_model *old, const struct abg_type *x,
			const struct abg_model *new_, const struct abg_type *y,
			struct abg_layout_diff *out)
{
	char where[48];
	for (uint32_t i = 0; i < y->nfields; i++) {
		const struct abg_field *g = &y->fields[i];
		if (*g->name && !find_field(x, g->name, i) &&
		    !reserved_holding(old, x, new_, g))
			diff_added_field(old, x, new_, y, g, out);
	}
	for (uint32_t i = 0; i < x->nfields; i++) {
		const struct abg_field *f = &x->fields[i];
		if (!*f->name)
			continue; /* anonymous: its named fields say it all */
		if (f->reserved) {
			/* used, renamed or gone: its bytes are what counts,
			 * and the size and the fields after it say that */
			const struct abg_field *g = find_field(y, f->name, i);
			if (g && !uses_reserved(old, f, new_, g))
				diff_field(old, f, new_, g, out);
			continue;
		}
		const struct abg_field *g = find_field(y, f->name, i);
		if (g) {
			diff_field(old, f, new_, g, out);
			continue;
		}
		if (renamed_to(old, x, new_, y, f))
			continue;
		describe_offset(f->offset_bits, where, sizeof where);
		add_change(out,
			   is_flexible(old, f->type) ? ABG_CHANGE_FLEXIBLE_ARRAY
						     : ABG_CHANGE_FIELD_REMOVED,
			   "%s '%s' (at %s) was removed",
			   is_flexible(old, f->type) ? "flexible array member"
						     : "field",
			   f->name, where);
	}
}

/* ---- enums ------------------------------------------------------------ */

bool abg_is_sentinel_name(const char *name)
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

/*
 * An enum's enumerators by name. Each question below asks, for every
 * enumerator of one enum, about a name of the other: a scan each time
 * made diffing an enum quadratic, and a library's error-code enum of a
 * thousand enumerators cost every unit that includes it a million and a
 * half string compares. Small enums keep the scan; larger ones are
 * hashed once per diff, the first enumerator of each name kept, as the
 * scan found it.
 */
#define ENUMERATORS_HASHED_FROM 16

struct enumerator_names {
	const struct abg_type *t;
	struct abg_hash first; /* name -> index + 1 */
	bool hashed;
};

static void enumerator_names_init(struct enumerator_names *ix,
				  const struct abg_type *t)
{
	*ix = (struct enumerator_names){.t = t};
	if (t->nenumerators < ENUMERATORS_HASHED_FROM)
		return;
	ix->hashed = true;
	for (uint32_t i = 0; i < t->nenumerators; i++) {
		const char *name = t->enumerators[i].name;
		if (!abg_hash_contains(&ix->first, name))
			abg_hash_put(&ix->first, name,
				     (void *)(uintptr_t)(i + 1));
	}
}

static void enumerator_names_free(struct enumerator_names *ix)
{
	abg_hash_free(&ix->first);
}

static const struct abg_enumerator *
find_enumerator(const struct enumerator_names *ix, const char *name)
{
	const struct abg_type *t = ix->t;
	if (ix->hashed) {
		uintptr_t i = (uintptr_t)abg_hash_get(&ix->first, name);
		return i ? &t->enumerators[i - 1] : NULL;
	}
	for (uint32_t i = 0; i < t->nenumerators; i++)
		if (strcmp(t->enumerators[i].name, name) == 0)
			return &t->enumerators[i];
	return NULL;
}

/* Old enumerator i, gone from y, renamed: y has a new name at place i
 * with the same value. */
static const struct abg_enumerator *
enum_renamed_to(const struct enumerator_names *xs, uint32_t i,
		const struct enumerator_names *ys)
{
	const struct abg_type *x = xs->t, *y = ys->t;
	if (i >= y->nenumerators)
		return NULL;
	const struct abg_enumerator *n = &y->enumerators[i];
	return n->value == x->enumerators[i].value &&
			       !find_enumerator(xs, n->name)
		       ? n
		       : NULL;
}

static bool is_renamed_enumerator(const struct enumerator_names *xs,
				  const struct enumerator_names *ys, uint32_t j)
{
	const struct abg_type *x = xs->t, *y = ys->t;
	const struct abg_enumerator *n = &y->enumerators[j];
	return j < x->nenumerators &&
	       !find_enumerator(ys, x->enumerators[j].name) &&
	       enum_renamed_to(xs, j, ys) == n;
}

static bool has_value(const struct abg_type *t, int64_t value)
{
	for (uint32_t i = 0; i < t->nenumerators; i++)
		if (t->enumerators[i].value == value)
			return true;
	return false;
}

/* A sentinel of x that moved, or NULL. */
static const struct abg_enumerator *
moved_sentinel(const struct enumerator_names *xs,
	       const struct enumerator_names *ys)
{
	const struct abg_type *x = xs->t;
	for (uint32_t i = 0; i < x->nenumerators; i++) {
		const struct abg_enumerator *e = &x->enumerators[i];
		const struct abg_enumerator *n = find_enumerator(ys, e->name);
		if (n && n->value != e->value && abg_is_sentinel_name(e->name))
			return e;
	}
	return NULL;
}

static void diff_old_enumerators(const struct enumerator_names *xs,
				 const struct enumerator_names *ys,
				 struct abg_layout_diff *out)
{
	const struct abg_type *x = xs->t;
	for (uint32_t i = 0; i < x->nenumerators; i++) {
		const struct abg_enumerator *e = &x->enumerators[i];
		const struct abg_enumerator *n = find_enumerator(ys, e->name);
		const struct abg_enumerator *r =
			n ? NULL : enum_renamed_to(xs, i, ys);
		if (r)
			add_change(out, ABG_CHANGE_ENUMERATOR_RENAMED,
				   "enumerator '%s' (= %" PRId64
				   ") was renamed to '%s'",
				   e->name, e->value, r->name);
		else if (!n)
			add_change(out, ABG_CHANGE_ENUMERATOR_REMOVED,
				   "enumerator '%s' (= %" PRId64
				   ") was removed",
				   e->name, e->value);
		else if (n->value != e->value &&
			 abg_is_sentinel_name(e->name) &&
			 (x->annotations & ABG_ANNOT_APPEND_ONLY))
			continue; /* the promise: a sentinel may move */
		else if (n->value != e->value && abg_is_sentinel_name(e->name))
			add_change(out, ABG_CHANGE_SENTINEL_MOVED,
				   "sentinel '%s' moved from %" PRId64
				   " to %" PRId64,
				   e->name, e->value, n->value);
		else if (n->value != e->value)
			add_change(out, ABG_CHANGE_ENUMERATOR_VALUE,
				   "enumerator '%s' changed value from %" PRId64
				   " to %" PRId64,
				   e->name, e->value, n->value);
		else
			continue;
		about(out, e);
	}
}

/*
 * ABIGUARD_APPEND_ONLY: new enumerator j of y comes after every old one
 * but the sentinels (which may follow it).
 */
static bool after_old_enumerators(const struct enumerator_names *xs,
				  const struct abg_type *y, uint32_t j)
{
	for (uint32_t k = j + 1; k < y->nenumerators; k++) {
		const char *name = y->enumerators[k].name;
		if (find_enumerator(xs, name) && !abg_is_sentinel_name(name))
			return false;
	}
	return true;
}

static void diff_new_enumerators(const struct enumerator_names *xs,
				 const struct enumerator_names *ys,
				 struct abg_layout_diff *out)
{
	const struct abg_type *x = xs->t, *y = ys->t;
	for (uint32_t j = 0; j < y->nenumerators; j++) {
		const struct abg_enumerator *n = &y->enumerators[j];
		if (find_enumerator(xs, n->name) ||
		    is_renamed_enumerator(xs, ys, j) || has_value(x, n->value))
			continue; /* an alias, or what moved an old value */
		if ((x->annotations & ABG_ANNOT_APPEND_ONLY) &&
		    after_old_enumerators(xs, y, j))
			continue; /* the promise: appended at the end */
		add_change(out, ABG_CHANGE_ENUMERATOR_APPENDED,
			   "enumerator '%s' (= %" PRId64 ") was added", n->name,
			   n->value);
	}
}

/* The same enumerators in the same order: nothing to find. The common
 * case, and a public header's enum can have a thousand of them (every
 * gpg_err_code_t), which every unit including it compares. */
static bool same_enumerators(const struct abg_type *x, const struct abg_type *y)
{
	if (x->nenumerators != y->nenumerators)
		return false;
	for (uint32_t i = 0; i < x->nenumerators; i++)
		if (x->enumerators[i].value != y->enumerators[i].value ||
		    strcmp(x->enumerators[i].name, y->enumerators[i].name) != 0)
			return false;
	return true;
}

static void diff_enum(const struct abg_type *x, const struct abg_type *y,
		      struct abg_layout_diff *out)
{
	if (x->size_bits != y->size_bits || x->is_signed != y->is_signed)
		add_change(
			out, ABG_CHANGE_ENUM_SIZE,
			"underlying type changed from %s %" PRIu64
			" bytes to %s %" PRIu64 " bytes",
			x->is_signed ? "signed" : "unsigned", x->size_bits / 8,
			y->is_signed ? "signed" : "unsigned", y->size_bits / 8);
	if (same_enumerators(x, y))
		return;
	struct enumerator_names xs, ys;
	enumerator_names_init(&xs, x);
	enumerator_names_init(&ys, y);
	diff_old_enumerators(&xs, &ys, out);
	/* Enumerators added before a sentinel are what moved it. */
	if (!moved_sentinel(&xs, &ys))
		diff_new_enumerators(&xs, &ys, out);
	enumerator_names_free(&xs);
	enumerator_names_free(&ys);
}

/* ---- named types ------------------------------------------------------ */

static const char *annotation_macro(unsigned bit)
{
	switch (bit) {
	case ABG_ANNOT_OPAQUE:
		return "OPAQUE";
	case ABG_ANNOT_GROWABLE:
		return "GROWABLE";
	default:
		return "APPEND_ONLY";
	}
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

static void diff_typedef(const struct abg_model *old, const struct abg_type *x,
			 const struct abg_model *new_, const struct abg_type *y,
			 struct abg_layout_diff *out)
{
	if (abg_signature_changed(old, x->target, new_, y->target)) {
		char *a = spell(old, x->target);
		char *b = spell(new_, y->target);
		enum abg_change_kind kind = ABG_CHANGE_TYPEDEF_TARGET;
		if (is_function_pointer(old, x->target) &&
		    is_function_pointer(new_, y->target))
			kind = ABG_CHANGE_CALLBACK;
		else if (is_enum_integer_swap(old, x->target, new_, y->target))
			kind = ABG_CHANGE_ENUM_INTEGER;
		add_change(out, kind, "now names '%s' instead of '%s'", b, a);
		free(a);
		free(b);
	} else if (pointee_quals_differ(old, x->target, new_, y->target) ||
		   quals_of(old, x->target) != quals_of(new_, y->target)) {
		add_type_change(out, ABG_CHANGE_QUALIFIER, "its target", old,
				x->target, new_, y->target);
	}
}

/*
 * The promises of abiguard.h the baseline recorded for x, against y's
 * (x_visible, y_visible: their definitions are in public headers).
 * Losing one is a change, unless y's layout is no longer there to make it
 * on (the definition left the headers: opacity speaks for that); gaining
 * one is a change when callers saw x's layout, and may rely on what the
 * promise gives up. Returns the bits that changed.
 */
static unsigned diff_annotations(const struct abg_type *x, bool x_visible,
				 const struct abg_type *y, bool y_visible,
				 struct abg_layout_diff *out)
{
	bool layout_seen = x_visible && !(x->annotations & ABG_ANNOT_OPAQUE);
	unsigned lost = y_visible ? x->annotations & ~y->annotations : 0;
	unsigned gained = layout_seen ? y->annotations & ~x->annotations : 0;
	for (unsigned bit = 1; bit <= ABG_ANNOT_ALL; bit <<= 1) {
		if (lost & bit)
			add_change(out, ABG_CHANGE_ANNOTATION_REMOVED,
				   "is no longer ABIGUARD_%s, as it was "
				   "released",
				   annotation_macro(bit));
		if (gained & bit)
			add_change(out, ABG_CHANGE_ANNOTATION_ADDED,
				   "became ABIGUARD_%s after its release; "
				   "callers may rely on what it gives up",
				   annotation_macro(bit));
	}
	return lost | gained;
}

static void layout_diff(const struct abg_model *old, abg_type_id ta,
			const struct abg_model *new_, abg_type_id tb,
			bool honour_opaque, struct abg_layout_diff *out);

void abg_layout_diff(const struct abg_model *old, abg_type_id ta,
		     const struct abg_model *new_, abg_type_id tb,
		     struct abg_layout_diff *out)
{
	layout_diff(old, ta, new_, tb, true, out);
}

void abg_layout_diff_by_value(const struct abg_model *old, abg_type_id ta,
			      const struct abg_model *new_, abg_type_id tb,
			      struct abg_layout_diff *out)
{
	layout_diff(old, ta, new_, tb, false, out);
}

bool abg_type_used_by_value(const struct abg_model *m, abg_type_id fn_or_var,
			    abg_type_id type)
{
	const struct abg_type *t = abg_model_type(m, fn_or_var);
	if (!t)
		return false;
	if (t->kind != ABG_TYPE_FUNCTION)
		return strip(m, fn_or_var) == type;
	if (strip(m, t->target) == type)
		return true;
	for (uint32_t i = 0; i < t->nparams; i++)
		if (strip(m, t->params[i]) == type)
			return true;
	return false;
}

static void layout_diff(const struct abg_model *old, abg_type_id ta,
			const struct abg_model *new_, abg_type_id tb,
			bool honour_opaque, struct abg_layout_diff *out)
{
	const struct abg_type *x = abg_model_type(old, ta);
	const struct abg_type *y = abg_model_type(new_, tb);
	if (!x || !y)
		return;
	/* What callers can see: a private definition is as opaque as none,
	 * and so is one abiguard.h calls opaque. */
	bool x_visible = x->complete && !x->private_def;
	bool y_visible = y->complete && !y->private_def;
	if ((diff_annotations(x, x_visible, y, y_visible, out) &
	     ABG_ANNOT_OPAQUE) &&
	    honour_opaque)
		return; /* the layout's visibility is what changed */
	if (honour_opaque) {
		x_visible = x_visible && !(x->annotations & ABG_ANNOT_OPAQUE);
		y_visible = y_visible && !(y->annotations & ABG_ANNOT_OPAQUE);
	}
	if (x_visible != y_visible) {
		if (x_visible)
			add_change(out, ABG_CHANGE_OPACITY,
				   "became opaque (no longer defined in the "
				   "public headers)");
		else
			add_change(out, ABG_CHANGE_DEFINED,
				   "is now defined in the public headers (was "
				   "opaque)");
		return;
	}
	if (!x_visible)
		return;
	if (x->kind != y->kind) {
		/* Every offset and the size follow: one change says it. */
		add_change(out, ABG_CHANGE_RECORD_KIND, "became a %s",
			   y->kind == ABG_TYPE_UNION ? "union" : "struct");
		return;
	}
	if (x->kind == ABG_TYPE_TYPEDEF) {
		diff_typedef(old, x, new_, y, out);
		return;
	}
	if (x->kind == ABG_TYPE_ENUM) {
		diff_enum(x, y, out);
		return;
	}
	diff_sizes(x, y, out);
	diff_fields(old, x, new_, y, out);
}

bool abg_layout_diff_has(const struct abg_layout_diff *d,
			 enum abg_change_kind kind)
{
	for (size_t i = 0; i < d->nchanges; i++)
		if (d->changes[i].kind == kind)
			return true;
	return false;
}

bool abg_layout_diff_has_binary(const struct abg_layout_diff *d)
{
	for (size_t i = 0; i < d->nchanges; i++) {
		const struct abg_change_kind_info *info =
			abg_change_info(d->changes[i].kind);
		if (!info || info->cls == ABG_CLASS_BINARY)
			return true;
	}
	return false;
}

void abg_layout_diff_free(struct abg_layout_diff *d)
{
	for (size_t i = 0; i < d->nchanges; i++)
		free(d->changes[i].text);
	free(d->changes);
	memset(d, 0, sizeof *d);
}
