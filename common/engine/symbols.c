/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "abiguard/symbols.h"

#include <stdio.h>
#include <string.h>

/* ---- version script -------------------------------------------------- */

const char *abg_vscript_default_node(const struct abg_vscript *vs,
				     const char *name)
{
	const struct abg_vs_node *best = NULL;
	unsigned best_depth = 0;
	for (const struct abg_vs_listing *l =
		     abg_vscript_exact_listings(vs, name);
	     l; l = l->next) {
		const struct abg_vs_node *n = l->node;
		if (l->pattern->is_local || l->pattern->lang != ABG_VS_LANG_C)
			continue;
		/* The parser computed each node's depth once. */
		unsigned d = n->depth;
		if (!best || d >= best_depth) {
			best = n;
			best_depth = d;
		}
	}
	if (!best)
		best = abg_vscript_node_for(vs, name, NULL);
	return best && best->name[0] ? best->name : NULL;
}

/* ---- in a translation unit --------------------------------------------- */

static enum abg_symbol_kind symbol_kind(const struct abg_decl *d)
{
	return d->kind == ABG_DECL_FUNCTION ? ABG_SYMBOL_FUNCTION
					    : ABG_SYMBOL_VARIABLE;
}

/* First declaration wins: public-header declarations are added first, so
 * findings point where users edit the API. But the type is what the unit
 * defines, when it defines it: a header may declare `name` with one type
 * while `.symver` binds a definition of another to it, and the library
 * exports the definition. */
static void add_once(struct abg_model *m, const struct abg_decl *d,
		     const char *name, const char *node, bool is_default)
{
	struct abg_symbol *seen = (struct abg_symbol *)abg_model_find_symbol(
		m, name, node, is_default);
	if (seen) {
		if (d->defined && seen->declared_only) {
			seen->type = d->type;
			seen->declared_only = false;
		}
		return;
	}
	struct abg_symbol s = {
		.kind = symbol_kind(d),
		.name = name,
		.node = node,
		.is_default = is_default,
		.type = d->type,
		.declared_only = !d->defined,
		.loc = d->loc,
	};
	abg_model_add_symbol(m, &s);
}

static bool add_from_symvers(struct abg_model *tu, const struct abg_decl *d)
{
	bool any = false;
	for (size_t i = 0; i < tu->nsymvers; i++) {
		const struct abg_symver *sv = &tu->symvers[i];
		if (strcmp(sv->impl, d->symbol) != 0)
			continue;
		add_once(tu, d, sv->name, sv->node, sv->is_default);
		any = true;
	}
	return any;
}

static const struct abg_symver *default_symver(const struct abg_model *tu,
					       const char *name)
{
	for (size_t i = 0; i < tu->nsymvers; i++)
		if (tu->symvers[i].is_default &&
		    strcmp(tu->symvers[i].name, name) == 0)
			return &tu->symvers[i];
	return NULL;
}

static const char *node_of(const struct abg_model *tu,
			   const struct abg_vscript *vscript,
			   const struct abg_model *baseline, const char *name)
{
	const struct abg_symver *sv = default_symver(tu, name);
	if (sv)
		return sv->node;
	if (vscript)
		return abg_vscript_default_node(vscript, name);
	const struct abg_symbol *b =
		baseline ? abg_model_find_default(baseline, name) : NULL;
	return b ? b->node : NULL;
}

/*
 * Is `symbol` exported with only the base version? With no version script
 * every export is; with one, a name that no pattern matches (ld exports it
 * unversioned), or that the anonymous node lists. A local: match hides it.
 */
static bool base_version_export(const struct abg_vscript *vscript,
				const char *symbol)
{
	if (!vscript)
		return true;
	const struct abg_vs_pattern *p = NULL;
	const struct abg_vs_node *n = abg_vscript_node_for(vscript, symbol, &p);
	return n ? !n->name[0] : !p;
}

static void resolve_decl(struct abg_model *tu, const struct abg_decl *d,
			 const struct abg_vscript *vscript,
			 const struct abg_model *baseline)
{
	if (add_from_symvers(tu, d))
		return;
	const char *node = node_of(tu, vscript, baseline, d->symbol);
	if (node)
		add_once(tu, d, d->symbol, node, true);
	else if (base_version_export(vscript, d->symbol))
		add_once(tu, d, d->symbol, NULL, true);
}

void abg_resolve_tu_symbols(struct abg_model *tu,
			    const struct abg_vscript *vscript,
			    const struct abg_model *baseline)
{
	abg_model_clear_symbols(tu);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < tu->ndecls; i++) {
			const struct abg_decl *d = &tu->decls[i];
			bool first_pass = d->public_header;
			if ((pass == 0) != first_pass)
				continue;
			if (d->public_header || d->exported)
				resolve_decl(tu, d, vscript, baseline);
		}
}

/* ---- after the link -------------------------------------------------- */

struct decl_index {
	struct abg_hash by_symbol;  /* symbol -> decl */
	struct abg_hash by_version; /* "name@node" / "name@@node" -> symver */
	struct abg_strbuf key;
};

static const char *version_key(struct decl_index *ix, const char *name,
			       const char *node, bool is_default)
{
	abg_strbuf_reset(&ix->key);
	abg_strbuf_printf(&ix->key, "%s%s%s", name, is_default ? "@@" : "@",
			  node);
	return ix->key.data;
}

static void index_build(struct decl_index *ix, struct abg_model *lib)
{
	memset(ix, 0, sizeof *ix);
	abg_hash_reserve(&ix->by_symbol, lib->ndecls);
	for (size_t i = 0; i < lib->ndecls; i++) {
		struct abg_decl *d = &lib->decls[i];
		struct abg_decl *seen = abg_hash_get(&ix->by_symbol, d->symbol);
		if (!seen || (d->defined && !seen->defined))
			abg_hash_put(&ix->by_symbol, d->symbol, d);
	}
	for (size_t i = 0; i < lib->nsymvers; i++) {
		struct abg_symver *sv = &lib->symvers[i];
		const char *key = abg_model_intern(
			lib,
			version_key(ix, sv->name, sv->node, sv->is_default));
		abg_hash_put(&ix->by_version, key, sv);
	}
}

static const struct abg_decl *find_decl(struct decl_index *ix,
					const struct abg_elf_symbol *es)
{
	/* Most libraries version by script alone: no key to spell. */
	if (es->version && ix->by_version.count) {
		const struct abg_symver *sv = abg_hash_get(
			&ix->by_version,
			version_key(ix, es->name, es->version, es->is_default));
		if (sv)
			return abg_hash_get(&ix->by_symbol, sv->impl);
	}
	return abg_hash_get(&ix->by_symbol, es->name);
}

void abg_resolve_elf_symbols(struct abg_model *lib,
			     const struct abg_elf_file *elf)
{
	struct decl_index ix;
	index_build(&ix, lib);
	abg_model_clear_symbols(lib);
	for (size_t i = 0; i < elf->nsymbols; i++) {
		const struct abg_elf_symbol *es = &elf->symbols[i];
		const struct abg_decl *d = find_decl(&ix, es);
		struct abg_symbol s = {
			.kind = es->is_function ? ABG_SYMBOL_FUNCTION
						: ABG_SYMBOL_VARIABLE,
			.name = es->name,
			.node = es->version,
			.is_default = es->is_default || !es->version,
			.type = d ? d->type : ABG_NO_TYPE,
			.size = es->is_function ? 0 : es->size,
			.loc = d ? d->loc : (struct abg_location){0},
		};
		abg_model_add_symbol(lib, &s);
	}
	abg_hash_free(&ix.by_symbol);
	abg_hash_free(&ix.by_version);
	abg_strbuf_free(&ix.key);
}
