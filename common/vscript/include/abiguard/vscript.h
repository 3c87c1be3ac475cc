/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * GNU ld version scripts (the "VERSION" command language, as in
 * libvirt_public.syms, gfapi.map, libbpf.map).
 *
 *   # comment            /+ comment +/ (C style)
 *   LIBFOO_1.0 { global: foo; bar*; extern "C" { baz; }; local: *; };
 *   LIBFOO_1.1 { foo_new; } LIBFOO_1.0;
 *   { global: anon; local: *; };          (anonymous node: only node)
 *
 * Matching follows ld: an exact name beats a glob, a glob other than "*"
 * beats "*"; within one precedence class the first node in the file wins.
 */
#ifndef ABIGUARD_VSCRIPT_H
#define ABIGUARD_VSCRIPT_H

#include "abiguard/util.h"

#ifdef __cplusplus
extern "C" {
#endif

enum abg_vs_lang {
	ABG_VS_LANG_C = 0,
	ABG_VS_LANG_CXX,
	ABG_VS_LANG_JAVA,
};

struct abg_vs_pattern {
	const char *text; /* the name or glob, unquoted */
	bool is_glob;	  /* contains *, ? or [ and was not quoted */
	bool is_local;	  /* listed under local: */
	enum abg_vs_lang lang;
	unsigned line;
};

struct abg_vs_node {
	const char *name; /* "" for the anonymous node */
	unsigned line;
	struct abg_vs_pattern *patterns;
	size_t npatterns;
	const char **parents;
	size_t nparents;
	unsigned depth; /* longest parent chain above it: 0 for a root */
};

/* One pattern of one node; listings of a name are chained in file order. */
struct abg_vs_listing {
	const struct abg_vs_node *node;
	const struct abg_vs_pattern *pattern;
	const struct abg_vs_listing *next;
};

struct abg_vscript {
	struct abg_arena arena;
	const char *path;
	struct abg_vs_node *nodes;
	size_t nnodes;
	/* Built once after parsing, so that a lookup costs the patterns that
	 * can match rather than the whole script (a 10,000-name script is
	 * asked about every declaration of every unit). */
	struct abg_hash exact;	      /* name -> first abg_vs_listing */
	struct abg_hash node_names;   /* node name -> abg_vs_node */
	struct abg_vs_listing *globs; /* every glob pattern, in file order */
	size_t nglobs;
};

/* What a script may hold (docs/reliability.md): a thousand times what
 * libraries use, and little enough to read in well under a second. */
#define ABG_VSCRIPT_MAX_NODES 20000u
#define ABG_VSCRIPT_MAX_ENTRIES 200000u /* names plus parent references */

/* Parse text (len bytes) read from path. On error returns -1 and fills err
 * with path and the line of the problem. */
int abg_vscript_parse(const char *path, const char *text, size_t len,
		      struct abg_vscript **out, struct abg_error *err);
int abg_vscript_load(const char *path, struct abg_vscript **out,
		     struct abg_error *err);
void abg_vscript_free(struct abg_vscript *vs);

const struct abg_vs_node *abg_vscript_find_node(const struct abg_vscript *vs,
						const char *name);

/*
 * Which node exports `symbol`? Returns the node whose global: pattern wins
 * by ld's precedence rules, or NULL when no global pattern matches or a
 * local: pattern wins. *matched (optional) receives the winning pattern
 * (also for local: wins, so callers can report it).
 */
const struct abg_vs_node *
abg_vscript_node_for(const struct abg_vscript *vs, const char *symbol,
		     const struct abg_vs_pattern **matched);

/* The patterns that name `symbol` exactly (not by glob), global or
 * local, in file order; NULL when there is none. */
const struct abg_vs_listing *
abg_vscript_exact_listings(const struct abg_vscript *vs, const char *symbol);

/* Does node list `symbol` under global: by exact name or glob? */
bool abg_vscript_node_exports(const struct abg_vs_node *node,
			      const char *symbol);
/* Does node have a local: pattern matching `symbol` (typically "*")? */
bool abg_vscript_node_hides(const struct abg_vs_node *node, const char *symbol);

#ifdef __cplusplus
}
#endif
#endif
