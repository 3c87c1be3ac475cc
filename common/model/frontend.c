/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The rules every front end shares (abiguard/frontend.h): names of
 * tagless types, the flattening of anonymous members, which declarations
 * a summary records.
 */
#include "abiguard/frontend.h"
#include "abiguard/suggest.h"

#include <string.h>

static bool given(const char *s)
{
	return s && *s;
}

/* "<name>", interned. */
static const char *bracketed(struct abg_model *m, const char *name)
{
	struct abg_strbuf sb = {0};
	abg_strbuf_printf(&sb, "<%s>", name);
	const char *interned = abg_model_intern(m, abg_strbuf_cstr(&sb));
	abg_strbuf_free(&sb);
	return interned;
}

const char *abg_tag_name(struct abg_model *m, enum abg_type_kind kind,
			 const char *tag, const char *typedef_name,
			 const char *first_enumerator)
{
	if (given(tag))
		return abg_model_intern(m, tag);
	if (given(typedef_name))
		return bracketed(m, typedef_name);
	if (kind != ABG_TYPE_ENUM)
		return NULL;
	if (given(first_enumerator))
		return bracketed(m, first_enumerator);
	return abg_model_intern(m, "<anonymous>");
}

struct abg_fields abg_fields_of(struct abg_model *m, abg_type_id record)
{
	return (struct abg_fields){m, record, 0, ""};
}

/* prefix + name, interned; "" for an unnamed member. */
static const char *access_name(const struct abg_fields *f, const char *name)
{
	if (!given(name))
		return "";
	if (!*f->prefix)
		return abg_model_intern(f->model, name);
	struct abg_strbuf sb = {0};
	abg_strbuf_printf(&sb, "%s%s", f->prefix, name);
	const char *interned = abg_model_intern(f->model, abg_strbuf_cstr(&sb));
	abg_strbuf_free(&sb);
	return interned;
}

void abg_fields_add(const struct abg_fields *f, const char *name,
		    uint64_t offset_bits, int32_t bit_width, abg_type_id type)
{
	abg_model_add_field(f->model, f->record, access_name(f, name),
			    f->base_bits + offset_bits, bit_width, type);
}

struct abg_fields abg_fields_enter(const struct abg_fields *f, const char *name,
				   uint64_t offset_bits,
				   abg_type_id member_type)
{
	const char *member = access_name(f, name);
	abg_fields_add(f, name, offset_bits, -1, member_type);
	struct abg_fields inner = *f;
	inner.base_bits = f->base_bits + offset_bits;
	/* an unnamed member's fields are reached as if they were the
	 * parent's: they keep its prefix */
	if (*member) {
		struct abg_strbuf sb = {0};
		abg_strbuf_printf(&sb, "%s.", member);
		inner.prefix = abg_model_intern(f->model, abg_strbuf_cstr(&sb));
		abg_strbuf_free(&sb);
	}
	return inner;
}

bool abg_decl_settle(struct abg_decl *d, bool in_public_header, bool defined,
		     bool visible)
{
	d->public_header = in_public_header;
	d->defined = defined;
	d->exported = defined && visible;
	return d->public_header || d->exported;
}

/* ---- abiguard.h annotations ------------------------------------------- */

struct annotation_info {
	const char *argument; /* the attribute's argument */
	const char *macro;    /* what the user wrote */
	const char *belongs;  /* where it goes, for the warning */
};

static const struct annotation_info annotations[] = {
	{"opaque", "ABIGUARD_OPAQUE", "a struct or union"},
	{"growable", "ABIGUARD_GROWABLE", "a struct"},
	{"append-only", "ABIGUARD_APPEND_ONLY", "an enum"},
	{"reserved", "ABIGUARD_RESERVED", "a struct or union field"},
	{"internal", "ABIGUARD_INTERNAL", "a function or variable declaration"},
};
#define NANNOTATIONS (sizeof annotations / sizeof annotations[0])

static const char *site_name(enum abg_annotation_site site)
{
	switch (site) {
	case ABG_SITE_STRUCT:
		return "a struct";
	case ABG_SITE_UNION:
		return "a union";
	case ABG_SITE_ENUM:
		return "an enum";
	case ABG_SITE_FIELD:
		return "a field";
	case ABG_SITE_FUNCTION:
		return "a function";
	case ABG_SITE_VARIABLE:
		return "a variable";
	default:
		return "this declaration";
	}
}

static bool placed_right(size_t which, enum abg_annotation_site site)
{
	switch (which) {
	case 0:
		return site == ABG_SITE_STRUCT || site == ABG_SITE_UNION;
	case 1:
		return site == ABG_SITE_STRUCT;
	case 2:
		return site == ABG_SITE_ENUM;
	case 3:
		return site == ABG_SITE_FIELD;
	default:
		return site == ABG_SITE_FUNCTION || site == ABG_SITE_VARIABLE;
	}
}

static void apply(size_t which, struct abg_annotation_use *use)
{
	if (which < 3)
		use->type_bits |= 1u << which; /* the order of enum bits */
	else if (which == 3)
		use->reserved = true;
	else
		use->internal = true;
}

static void unknown_annotation(const char *argument, struct abg_strbuf *warning)
{
	const char *names[NANNOTATIONS + 1];
	for (size_t i = 0; i < NANNOTATIONS; i++)
		names[i] = annotations[i].argument;
	names[NANNOTATIONS] = NULL;
	const char *near = abg_suggest(argument, names);
	abg_strbuf_printf(warning, "unknown abiguard.h annotation '%s'",
			  argument);
	for (size_t i = 0; near && i < NANNOTATIONS; i++)
		if (strcmp(near, annotations[i].argument) == 0)
			abg_strbuf_printf(warning, "; did you mean %s?",
					  annotations[i].macro);
	abg_strbuf_append(warning, " (it is ignored; use the macros of "
				   "abiguard.h)");
}

bool abg_annotation_read(const char *argument, enum abg_annotation_site site,
			 struct abg_annotation_use *use,
			 struct abg_strbuf *warning)
{
	if (!argument)
		return true;
	if (strncmp(argument, "node:", 5) == 0)
		return true; /* the version node tag: read apart */
	for (size_t i = 0; i < NANNOTATIONS; i++) {
		if (strcmp(argument, annotations[i].argument) != 0)
			continue;
		if (placed_right(i, site)) {
			apply(i, use);
			return true;
		}
		abg_strbuf_printf(warning,
				  "%s belongs on %s, not on %s; it is ignored",
				  annotations[i].macro, annotations[i].belongs,
				  site_name(site));
		return false;
	}
	unknown_annotation(argument, warning);
	return false;
}
