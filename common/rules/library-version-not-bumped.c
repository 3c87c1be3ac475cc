/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * library-version-not-bumped: a library without version nodes gained
 * something programs can start to depend on (a symbol, a field appended
 * to a struct, an enumerator appended) and its minor version did not go
 * up; or its version went down.
 */
#include "abiguard/rules.h"

#include <stdio.h>
#include <string.h>

struct lib_version {
	const char *text;
	unsigned long major, minor;
};

static bool read_version(const char *text, struct lib_version *v)
{
	v->text = text;
	return text && abg_library_version_parse(text, &v->major, &v->minor);
}

/* "libfoo.so.0" and version 0.1 -> "libfoo.so.0.1"; without a soname
 * the version alone. */
static void file_name(const struct abg_check_ctx *ctx, const char *version,
		      struct abg_strbuf *out)
{
	const char *soname = ctx->baseline->soname;
	const char *so = soname ? strstr(soname, ".so.") : NULL;
	if (so)
		abg_strbuf_printf(out, "%.*s%s", (int)(so - soname + 4), soname,
				  version);
	else
		abg_strbuf_append(out, version);
}

/* The next minor: 0.0 -> 0.1, 1.2.3 -> 1.3.0 (the numbers after the
 * minor start again, as libtool's revision does). */
static void next_minor(const struct lib_version *v, struct abg_strbuf *out)
{
	abg_strbuf_printf(out, "%lu.%lu", v->major, v->minor + 1);
	const char *p = strchr(v->text, '.');
	for (p = p ? strchr(p + 1, '.') : NULL; p; p = strchr(p + 1, '.'))
		abg_strbuf_append(out, ".0");
}

static void note_bump(struct abg_check_ctx *ctx, struct abg_finding *f,
		      const struct lib_version *cur)
{
	struct abg_strbuf next = {0}, file = {0};
	next_minor(cur, &next);
	file_name(ctx, next.data, &file);
	abg_finding_note(f, (struct abg_location){0},
			 "programs built against it need this library or a "
			 "newer one; bump the minor version so that the file "
			 "says so: ship it as '%s' (or set version=%s when "
			 "the build names the file elsewhere; with libtool, "
			 "-version-info CURRENT+1:0:AGE+1)",
			 file.data, next.data);
	abg_strbuf_free(&next);
	abg_strbuf_free(&file);
}

static void report_added(struct abg_check_ctx *ctx, const struct abg_symbol *s,
			 const struct lib_version *cur)
{
	struct abg_finding *f = abg_rule_report(
		ctx, s->loc, NULL,
		"'%s' was added, but the library's version is still %s, as "
		"in the baseline",
		s->name, cur->text);
	if (!f)
		return;
	note_bump(ctx, f, cur);
	abg_rule_emit(ctx, f);
}

static void check_symbols(struct abg_check_ctx *ctx,
			  const struct lib_version *cur)
{
	for (size_t i = 0; i < ctx->current->nsymbols; i++) {
		const struct abg_symbol *s = &ctx->current->symbols[i];
		/* Internal entry points are not for programs to use (the
		 * minor bump is for what they can start to need). */
		if (s->node || abg_model_find_default(ctx->baseline, s->name) ||
		    abg_model_find_symbol(ctx->baseline, s->name, NULL, true) ||
		    abg_model_find_symbol(ctx->baseline, s->name, NULL,
					  false) ||
		    abg_ctx_symbol_internal(ctx, s->name))
			continue;
		report_added(ctx, s, cur);
	}
}

/* Only appended at the end: what old programs do not see and new ones
 * may need (a struct that grew, an enum with new values). */
static bool appended_only(const struct abg_type *old,
			  const struct abg_type *cur,
			  const struct abg_layout_diff *d)
{
	if (!d->nchanges || cur->kind != old->kind)
		return false;
	bool grown = false;
	for (size_t i = 0; i < d->nchanges; i++) {
		enum abg_change_kind k = d->changes[i].kind;
		if (k == ABG_CHANGE_FIELD_APPENDED ||
		    k == ABG_CHANGE_ENUMERATOR_APPENDED)
			grown = true;
		else if (k != ABG_CHANGE_SIZE && k != ABG_CHANGE_ALIGN)
			return false;
	}
	return grown && cur->size_bits >= old->size_bits;
}

/* What was appended, in the words of the change catalog. */
static const char *appended_text(const struct abg_layout_diff *d)
{
	for (size_t i = 0; i < d->nchanges; i++)
		if (d->changes[i].kind == ABG_CHANGE_FIELD_APPENDED ||
		    d->changes[i].kind == ABG_CHANGE_ENUMERATOR_APPENDED)
			return d->changes[i].text;
	return d->changes[0].text;
}

static void check_type(struct abg_check_ctx *ctx, abg_type_id old_id,
		       const struct lib_version *cur)
{
	const struct abg_type *old = abg_model_type(ctx->baseline, old_id);
	abg_type_id cur_id =
		abg_model_find_named(ctx->current, old->kind, old->name);
	const struct abg_type *t = abg_model_type(ctx->current, cur_id);
	if (!t || !t->complete || !old->complete)
		return;
	struct abg_layout_diff d = {0};
	abg_layout_diff(ctx->baseline, old_id, ctx->current, cur_id, &d);
	if (appended_only(old, t, &d)) {
		struct abg_strbuf name = {0};
		abg_type_spell_name(ctx->baseline, old_id, &name);
		struct abg_finding *f = abg_rule_report(
			ctx, t->loc, NULL,
			"'%s' %s, but the library's version is still %s, as "
			"in the baseline",
			name.data, appended_text(&d), cur->text);
		if (f) {
			note_bump(ctx, f, cur);
			abg_rule_emit(ctx, f);
		}
		abg_strbuf_free(&name);
	}
	abg_layout_diff_free(&d);
}

static void check_types(struct abg_check_ctx *ctx,
			const struct lib_version *cur)
{
	for (abg_type_id id = 1; id < ctx->baseline->ntypes; id++) {
		const struct abg_type *t = &ctx->baseline->types[id];
		if (t->name && abg_reach_any(ctx->reach, id) &&
		    (t->kind == ABG_TYPE_STRUCT || t->kind == ABG_TYPE_UNION ||
		     t->kind == ABG_TYPE_ENUM))
			check_type(ctx, id, cur);
	}
}

static void report_down(struct abg_check_ctx *ctx,
			const struct lib_version *old,
			const struct lib_version *cur)
{
	struct abg_finding *f = abg_rule_report(
		ctx, (struct abg_location){0}, NULL,
		"the library's version went down from %s (in the baseline) "
		"to %s",
		old->text, cur->text);
	if (!f)
		return;
	abg_finding_note(f, (struct abg_location){0},
			 "installing it would replace a newer library that "
			 "programs may need; keep the version at %s or above",
			 old->text);
	abg_rule_emit(ctx, f);
}

static void check(struct abg_check_ctx *ctx)
{
	struct lib_version old, cur;
	/* Nothing recorded (older baselines, a file without a minor) or
	 * nothing known now: nothing to compare. A new soname starts over;
	 * with version nodes, a new node is the minor bump. */
	if (!ctx->baseline || abg_ctx_soname_changed(ctx) ||
	    ctx->baseline->nnodes || ctx->current->nnodes ||
	    !read_version(ctx->baseline->version, &old) ||
	    !read_version(abg_library_version(ctx->current, ctx->options),
			  &cur) ||
	    cur.major > old.major)
		return;
	if (cur.major < old.major || cur.minor < old.minor) {
		report_down(ctx, &old, &cur);
		return;
	}
	if (cur.minor > old.minor)
		return;
	check_symbols(ctx, &cur);
	check_types(ctx, &cur);
}

const struct abg_rule abg_rule_library_version_not_bumped = {
	.id = "library-version-not-bumped",
	.summary = "A library without version nodes gained a symbol, a field "
		   "at the end of a struct or an enumerator at the end of an "
		   "enum, and its minor version did not go up; or its version "
		   "went down.",
	.why = "Such additions keep programs already built working (backward "
	       "compatibility) but break forward compatibility: a program "
	       "built against the new library fails on a system that still "
	       "has the old one (\"Undefined PLT symbol\"), or reads past the "
	       "end of a struct the old one fills. The minor version in the "
	       "file name (libfoo.so.0.1, NetBSD's convention; libtool's "
	       "-version-info age) is how packagers and installers tell the "
	       "newer library from the older one (NetBSD removes the older "
	       "minors). A version that "
	       "goes down would let an older library replace a newer one.",
	.when_not = "Baselines that recorded no version (older baselines, "
		    "files named only like their soname, libfoo.so.1, "
		    "without version=); libraries with version nodes (a new "
		    "node is the minor bump); a new soname or a higher "
		    "major; internal entry points; the compile in check mode "
		    "(the plugin does not know the file the link will "
		    "write: the check runs after the link, in 'abiguard "
		    "check' and 'baseline update'). Breaks are the other "
		    "rules' findings, whatever the version: they need a new "
		    "soname.",
	.action = "bump the minor version (libfoo.so.0.0 -> libfoo.so.0.1, "
		  "or version=) with the addition; never let it go down",
	.severity = ABG_SEVERITY_ERROR,
	.scopes = ABG_SCOPE_LIBRARY,
	.check = check,
};
