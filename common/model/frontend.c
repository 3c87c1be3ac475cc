/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The rules every front end shares (abiguard/frontend.h): names of
 * tagless types, the flattening of anonymous members, which declarations
 * a summary records.
 */
#include "abiguard/frontend.h"

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
