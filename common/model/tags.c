/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Header version tags: the node a public header says a symbol belongs to.
 * The front ends hand over what they read (a tag macro's invocation, an
 * ABIGUARD_NODE attribute); which declaration an unnamed tag belongs to is
 * decided here, once, so that every front end names the same one.
 */
#include "abiguard/model.h"

#include <stdlib.h>
#include <string.h>

struct abg_tag *abg_model_add_tag(struct abg_model *m, const struct abg_tag *t)
{
	struct abg_tag *out = ABG_PUSH(m->tags, m->ntags, m->tags_cap);
	*out = *t;
	out->name = t->name ? abg_model_intern(m, t->name) : NULL;
	out->node = abg_model_intern(m, t->node);
	out->via = abg_model_intern(m, t->via);
	out->loc.file = t->loc.file ? abg_model_intern(m, t->loc.file) : NULL;
	return out;
}

void abg_model_add_node_annotation(struct abg_model *m, const char *symbol,
				   const char *annotation,
				   struct abg_location loc)
{
	static const char prefix[] = "node:";
	const char *node = annotation + sizeof prefix - 1;
	if (strncmp(annotation, prefix, sizeof prefix - 1) != 0 || !*node)
		return;
	struct abg_tag t = {
		.name = symbol,
		.node = node,
		.via = "ABIGUARD_NODE",
		.loc = loc,
	};
	abg_model_add_tag(m, &t);
}

const struct abg_tag *abg_model_find_tag(const struct abg_model *m,
					 const char *name)
{
	for (size_t i = 0; i < m->ntags; i++)
		if (m->tags[i].name && strcmp(m->tags[i].name, name) == 0)
			return &m->tags[i];
	return NULL;
}

static bool same_file(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static bool before(struct abg_location a, struct abg_location b)
{
	return a.line < b.line || (a.line == b.line && a.column < b.column);
}

/* The declaration an unnamed tag is written on: the last one of its file
 * that starts before it (the tag follows the declarator). */
static const struct abg_decl *declaration_of(const struct abg_model *m,
					     struct abg_location tag)
{
	const struct abg_decl *best = NULL;
	for (size_t i = 0; i < m->ndecls; i++) {
		const struct abg_decl *d = &m->decls[i];
		if (!same_file(d->loc.file, tag.file) || !before(d->loc, tag))
			continue;
		if (!best || before(best->loc, d->loc))
			best = d;
	}
	return best;
}

static bool same_tag(const struct abg_tag *a, const struct abg_tag *b)
{
	return strcmp(a->name, b->name) == 0 && strcmp(a->node, b->node) == 0 &&
	       same_file(a->loc.file, b->loc.file) &&
	       a->loc.line == b->loc.line && a->loc.column == b->loc.column;
}

static bool seen_before(const struct abg_model *m, size_t kept,
			const struct abg_tag *t)
{
	for (size_t i = 0; i < kept; i++)
		if (same_tag(&m->tags[i], t))
			return true;
	return false;
}

void abg_tags_settle(struct abg_model *m)
{
	size_t kept = 0;
	for (size_t i = 0; i < m->ntags; i++) {
		struct abg_tag t = m->tags[i];
		if (!t.name) {
			const struct abg_decl *d = declaration_of(m, t.loc);
			t.name = d ? (d->symbol ? d->symbol : d->name) : NULL;
		}
		if (!t.name || seen_before(m, kept, &t))
			continue;
		m->tags[kept++] = t;
	}
	m->ntags = kept;
}
