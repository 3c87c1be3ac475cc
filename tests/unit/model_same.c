/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Are two models the same, field by field (model_same.h)? Strings are
 * compared by content, types by id: a baseline image must rebuild the very
 * model its text reads as, ids and order included.
 */
#include "model_same.h"

#include <string.h>

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static bool same_loc(const struct abg_location *a, const struct abg_location *b)
{
	return same_str(a->file, b->file) && a->line == b->line &&
	       a->column == b->column && a->origin == b->origin;
}

static bool same_fields(const struct abg_type *a, const struct abg_type *b)
{
	if (a->nfields != b->nfields)
		return false;
	for (uint32_t i = 0; i < a->nfields; i++) {
		const struct abg_field *x = &a->fields[i], *y = &b->fields[i];
		if (!same_str(x->name, y->name) ||
		    x->offset_bits != y->offset_bits ||
		    x->bit_width != y->bit_width || x->type != y->type ||
		    x->reserved != y->reserved)
			return false;
	}
	return true;
}

static bool same_enumerators(const struct abg_type *a, const struct abg_type *b)
{
	if (a->nenumerators != b->nenumerators)
		return false;
	for (uint32_t i = 0; i < a->nenumerators; i++)
		if (!same_str(a->enumerators[i].name, b->enumerators[i].name) ||
		    a->enumerators[i].value != b->enumerators[i].value)
			return false;
	return true;
}

static bool same_type(const struct abg_type *a, const struct abg_type *b)
{
	if (a->kind != b->kind || !same_str(a->name, b->name) ||
	    a->target != b->target || a->quals != b->quals ||
	    a->count != b->count || a->nparams != b->nparams ||
	    a->variadic != b->variadic || a->unprototyped != b->unprototyped ||
	    !same_str(a->callconv, b->callconv) || a->complete != b->complete ||
	    a->private_def != b->private_def ||
	    a->annotations != b->annotations || a->anonymous != b->anonymous ||
	    a->size_bits != b->size_bits || a->align_bits != b->align_bits ||
	    a->packed != b->packed || a->is_signed != b->is_signed ||
	    !same_loc(&a->loc, &b->loc))
		return false;
	for (uint32_t i = 0; i < a->nparams; i++)
		if (a->params[i] != b->params[i])
			return false;
	return same_fields(a, b) && same_enumerators(a, b);
}

static const char *same_types(const struct abg_model *a,
			      const struct abg_model *b)
{
	if (a->ntypes != b->ntypes)
		return "number of types";
	for (abg_type_id id = 1; id < a->ntypes; id++)
		if (!same_type(&a->types[id], &b->types[id]))
			return "a type";
	return NULL;
}

static const char *same_decls(const struct abg_model *a,
			      const struct abg_model *b)
{
	if (a->ndecls != b->ndecls)
		return "number of declarations";
	for (size_t i = 0; i < a->ndecls; i++) {
		const struct abg_decl *x = &a->decls[i], *y = &b->decls[i];
		if (x->kind != y->kind || !same_str(x->name, y->name) ||
		    !same_str(x->symbol, y->symbol) || x->type != y->type ||
		    x->defined != y->defined ||
		    x->public_header != y->public_header ||
		    x->exported != y->exported || x->internal != y->internal ||
		    !same_loc(&x->loc, &y->loc))
			return "a declaration";
	}
	if (a->nsymvers != b->nsymvers)
		return "number of .symver directives";
	for (size_t i = 0; i < a->nsymvers; i++) {
		const struct abg_symver *x = &a->symvers[i],
					*y = &b->symvers[i];
		if (!same_str(x->impl, y->impl) ||
		    !same_str(x->name, y->name) ||
		    !same_str(x->node, y->node) ||
		    x->is_default != y->is_default ||
		    !same_loc(&x->loc, &y->loc))
			return "a .symver directive";
	}
	if (a->ntags != b->ntags ||
	    a->units_without_tags != b->units_without_tags)
		return "number of tags";
	for (size_t i = 0; i < a->ntags; i++) {
		const struct abg_tag *x = &a->tags[i], *y = &b->tags[i];
		if (!same_str(x->name, y->name) ||
		    !same_str(x->node, y->node) || !same_str(x->via, y->via) ||
		    !same_loc(&x->loc, &y->loc))
			return "a tag";
	}
	return NULL;
}

static const char *same_versions(const struct abg_model *a,
				 const struct abg_model *b)
{
	if (a->nnodes != b->nnodes)
		return "number of version nodes";
	for (size_t i = 0; i < a->nnodes; i++) {
		const struct abg_node *x = &a->nodes[i], *y = &b->nodes[i];
		if (!same_str(x->name, y->name) || x->released != y->released ||
		    x->known_state != y->known_state ||
		    x->nparents != y->nparents)
			return "a version node";
		for (uint32_t p = 0; p < x->nparents; p++)
			if (!same_str(x->parents[p], y->parents[p]))
				return "a version node's parent";
		if (abg_model_find_node(b, x->name) != y)
			return "the index of version nodes";
	}
	if (a->nsymbols != b->nsymbols)
		return "number of symbols";
	for (size_t i = 0; i < a->nsymbols; i++) {
		const struct abg_symbol *x = &a->symbols[i],
					*y = &b->symbols[i];
		if (x->kind != y->kind || !same_str(x->name, y->name) ||
		    !same_str(x->node, y->node) ||
		    x->is_default != y->is_default || x->type != y->type ||
		    x->size != y->size ||
		    x->declared_only != y->declared_only ||
		    !same_loc(&x->loc, &y->loc))
			return "a symbol";
		if ((abg_model_find_symbol(a, x->name, x->node,
					   x->is_default) == x) !=
		    (abg_model_find_symbol(b, y->name, y->node,
					   y->is_default) == y))
			return "the index of symbols";
	}
	return NULL;
}

static const char *same_api(const struct abg_model *a,
			    const struct abg_model *b)
{
	if (a->napi != b->napi || a->api_recorded != b->api_recorded)
		return "number of API entries";
	for (size_t i = 0; i < a->napi; i++) {
		const struct abg_api_entry *x = &a->api[i], *y = &b->api[i];
		if (x->kind != y->kind || !same_str(x->name, y->name) ||
		    !same_str(x->node, y->node) || x->exported != y->exported ||
		    x->internal != y->internal ||
		    x->header_type != y->header_type ||
		    !same_loc(&x->loc, &y->loc))
			return "an API entry";
		bool listed = x->kind == ABG_API_LISTED;
		if (listed ? !abg_model_api_listed(b, y->name, y->node)
			   : (abg_model_find_api(a, x->name) == x) !=
				     (abg_model_find_api(b, y->name) == y))
			return "the index of API entries";
	}
	return NULL;
}

static const char *same_findings(const struct abg_model *a,
				 const struct abg_model *b)
{
	if (a->nconflicts != b->nconflicts)
		return "number of conflicts";
	for (size_t i = 0; i < a->nconflicts; i++)
		if (!same_str(a->conflicts[i].what, b->conflicts[i].what) ||
		    !same_loc(&a->conflicts[i].first, &b->conflicts[i].first) ||
		    !same_loc(&a->conflicts[i].second, &b->conflicts[i].second))
			return "a conflict";
	if (a->nannotation_problems != b->nannotation_problems)
		return "number of annotation problems";
	for (size_t i = 0; i < a->nannotation_problems; i++)
		if (!same_str(a->annotation_problems[i].message,
			      b->annotation_problems[i].message) ||
		    !same_loc(&a->annotation_problems[i].loc,
			      &b->annotation_problems[i].loc))
			return "an annotation problem";
	if (!same_str(a->soname, b->soname) ||
	    !same_str(a->version, b->version) ||
	    !same_str(a->target, b->target))
		return "soname, version or target";
	return NULL;
}

/* Every type the index of `a` finds by name, `b` finds at the same id. */
static const char *same_type_index(const struct abg_model *a,
				   const struct abg_model *b)
{
	for (abg_type_id id = 1; id < a->ntypes; id++) {
		const struct abg_type *t = &a->types[id];
		if (!t->name || t->kind == ABG_TYPE_BASE)
			continue;
		if (abg_model_find_named(a, t->kind, t->name) !=
		    abg_model_find_named(b, t->kind, t->name))
			return "the index of named types";
	}
	return NULL;
}

const char *abg_test_model_difference(const struct abg_model *a,
				      const struct abg_model *b)
{
	const char *d = same_types(a, b);
	if (!d)
		d = same_type_index(a, b);
	if (!d)
		d = same_decls(a, b);
	if (!d)
		d = same_versions(a, b);
	if (!d)
		d = same_api(a, b);
	if (!d)
		d = same_findings(a, b);
	return d;
}
