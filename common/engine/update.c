/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The policy of `baseline update` (abiguard/update.h): the check first,
 * which refuses an update that would hide a break of the old one; then
 * what the new baseline keeps of the old one (released stays released) and
 * what it leaves out (layouts callers never see).
 */
#include "abiguard/update.h"
#include "abiguard/engine.h"
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

static void copy_symbols(struct abg_model *out,
			 const struct abg_model *library)
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

struct abg_model *abg_baseline_from_library(const struct abg_model *library,
					    const struct abg_model *old,
					    const struct abg_vscript *vscript,
					    const char *const *open_nodes,
					    size_t nopen,
					    const struct abg_options *options,
					    struct abg_sink *sink)
{
	bool new_soname = old && old->soname && library->soname &&
			  strcmp(old->soname, library->soname) != 0;
	if (new_soname)
		old = NULL; /* a soname bump starts a new baseline */
	if (old && abg_check_library(library, old, vscript, options, sink))
		return NULL;
	struct abg_model *out = abg_model_new();
	out->soname = abg_model_intern(out, library->soname);
	out->target = abg_model_intern(out, library->target);
	copy_nodes(out, library, old, open_nodes, nopen);
	copy_symbols(out, library);
	hide_private_layouts(out);
	abg_model_canonicalize(out);
	return out;
}
