/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The policy of `baseline update` (abiguard/update.h): the check first,
 * which refuses an update that would hide a break of the old one; then
 * what the new baseline keeps of the old one (released stays released) and
 * what it leaves out (layouts callers never see).
 */
#include "abiguard/update.h"
#include "abiguard/engine.h"
#include "abiguard/compare.h"
#include "abiguard/rules.h"
#include "abiguard/type_walk.h"

#include <stdlib.h>
#include <string.h>

static bool listed(const char *const *names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return false;
}

/* Released stays released; new nodes start open, except on the very first
 * baseline of a library that already shipped. */
static bool node_released(const struct abg_model *old, const char *name,
			  const char *const *open_nodes, size_t nopen)
{
	if (listed(open_nodes, nopen, name))
		return false;
	if (!old)
		return true;
	const struct abg_node *n = abg_model_find_node(old, name);
	return n && n->released;
}

static void copy_nodes(struct abg_model *out, const struct abg_model *library,
		       const struct abg_model *old,
		       const char *const *open_nodes, size_t nopen)
{
	for (size_t i = 0; i < library->nnodes; i++) {
		const struct abg_node *src = &library->nodes[i];
		struct abg_node *n = abg_model_add_node(
			out, src->name,
			node_released(old, src->name, open_nodes, nopen));
		n->known_state = true;
		for (uint32_t p = 0; p < src->nparents; p++)
			abg_model_add_parent(out, n, src->parents[p]);
	}
}

static void copy_symbols(struct abg_model *out, const struct abg_model *library)
{
	struct abg_importer im;
	abg_importer_init(&im, out, library);
	for (size_t i = 0; i < library->nsymbols; i++) {
		struct abg_symbol s = library->symbols[i];
		s.type = abg_importer_import(&im, s.type);
		s.loc = (struct abg_location){0};
		abg_model_add_symbol(out, &s);
	}
	abg_importer_free(&im);
}

struct reached {
	bool *flags;
};

static void mark_reached(void *ctx, abg_type_id named)
{
	((struct reached *)ctx)->flags[named] = true;
}

/* Named types reachable from the default (or the compat) symbols. */
static bool *reached_from(const struct abg_model *m, bool defaults)
{
	struct reached r = {calloc(m->ntypes, sizeof(bool))};
	if (!r.flags)
		abort();
	struct abg_type_walker w;
	abg_type_walker_init(&w, m);
	for (size_t i = 0; i < m->nsymbols; i++)
		if (m->symbols[i].is_default == defaults)
			abg_type_walk_named(&w, m->symbols[i].type,
					    mark_reached, &r);
	abg_type_walker_free(&w);
	return r.flags;
}

/*
 * A type defined only in the library's .c files is opaque to callers, so
 * the baseline records it as opaque: its layout may change freely without
 * touching the file. The exception is a private copy of an old layout that
 * only compat symbols use (struct foo_info_1_0): that layout is what old
 * programs were built with.
 */
static void hide_private_layouts(struct abg_model *m)
{
	bool *by_default = reached_from(m, true);
	bool *by_compat = reached_from(m, false);
	for (abg_type_id id = 1; id < m->ntypes; id++) {
		struct abg_type *t = &m->types[id];
		if (!t->private_def || (by_compat[id] && !by_default[id]))
			continue;
		t->complete = false;
		t->private_def = false;
		t->nfields = 0;
		t->nenumerators = 0;
	}
	free(by_default);
	free(by_compat);
}

/*
 * The API surface the release leaves (abiguard/model.h): every function
 * and variable a public header declared, marked when the library did not
 * export it, and every name a version node listed that it did not export.
 * Later checks judge only what changed from this state.
 */
static void record_api(struct abg_model *out, const struct abg_model *library,
		       const struct abg_vscript *vs)
{
	out->api_recorded = true;
	for (size_t i = 0; i < library->ndecls; i++) {
		const struct abg_decl *d = &library->decls[i];
		if (!d->public_header)
			continue;
		struct abg_api_entry e = {
			.kind = d->kind == ABG_DECL_VARIABLE ? ABG_API_VARIABLE
							     : ABG_API_FUNCTION,
			.name = d->symbol,
			/* as declared-not-exported counts: a default version */
			.exported = abg_model_find_default(library, d->symbol),
			.internal = d->internal,
		};
		abg_model_add_api(out, &e);
	}
	for (size_t i = 0; vs && i < vs->nnodes; i++) {
		const struct abg_vs_node *n = &vs->nodes[i];
		for (size_t k = 0; n->name[0] && k < n->npatterns; k++) {
			const struct abg_vs_pattern *p = &n->patterns[k];
			if (p->is_local || p->is_glob ||
			    p->lang != ABG_VS_LANG_C ||
			    abg_model_find_symbol(library, p->text, n->name,
						  true) ||
			    abg_model_find_symbol(library, p->text, n->name,
						  false) ||
			    !abg_model_find_node(out, n->name))
				continue;
			struct abg_api_entry e = {.kind = ABG_API_LISTED,
						  .name = p->text,
						  .node = n->name};
			abg_model_add_api(out, &e);
		}
	}
}

/*
 * A header declaration whose type differs from the definition exported
 * under its name (declaration-differs-from-definition): the baseline keeps
 * the header's type, so that units that see only the header are compared
 * with what the header said, and the mismatch is judged once, when it
 * appears or changes.
 */
static void record_header_types(struct abg_model *out,
				const struct abg_model *library)
{
	for (size_t i = 0; i < library->ndecls; i++) {
		const struct abg_decl *d = &library->decls[i];
		const struct abg_symbol *s =
			abg_model_find_default(library, d->symbol);
		struct abg_api_entry *e =
			(struct abg_api_entry *)abg_model_find_api(out,
								   d->symbol);
		if (!d->public_header || d->defined || !d->type || !s ||
		    !s->type || !e ||
		    !abg_signature_changed(library, d->type, library, s->type))
			continue;
		e->header_type = abg_model_import_type(out, library, d->type);
	}
}

struct abg_model *abg_baseline_from_library(
	const struct abg_model *library, const struct abg_model *old,
	const struct abg_vscript *vscript, const char *const *open_nodes,
	size_t nopen, const struct abg_options *options, struct abg_sink *sink)
{
	bool new_soname = old && old->soname && library->soname &&
			  strcmp(old->soname, library->soname) != 0;
	if (new_soname)
		old = NULL; /* a soname bump starts a new baseline */
	struct abg_model *out = abg_model_new();
	out->soname = abg_model_intern(out, library->soname);
	out->version =
		abg_model_intern(out, abg_library_version(library, options));
	out->target = abg_model_intern(out, library->target);
	copy_nodes(out, library, old, open_nodes, nopen);
	copy_symbols(out, library);
	record_api(out, library, vscript);
	hide_private_layouts(out);
	abg_model_canonicalize(out);
	/*
	 * One policy for the first update and every later one: the library
	 * is checked against the old baseline, or, when there is none yet,
	 * against the one it would get. What the release already got wrong
	 * is decided here, once: refused, or accepted with a justification;
	 * the next update of the same library then finds the same.
	 */
	if (abg_check_library(library, old ? old : out, vscript, options,
			      sink)) {
		abg_model_free(out);
		return NULL;
	}
	/* After the check: a first baseline reports a mismatch once, then
	 * records it. */
	record_header_types(out, library);
	return out;
}
