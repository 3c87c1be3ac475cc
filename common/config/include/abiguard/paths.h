/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Where the project is: which files are public headers, and how a path is
 * written in summaries (relative to the project root, so that two checkouts
 * in different directories give the same bytes). Files outside the root
 * (system headers) get no location at all: their line numbers differ between
 * compilers and machines, and no user edits them.
 */
#ifndef ABIGUARD_PATHS_H
#define ABIGUARD_PATHS_H

#include "abiguard/options.h"

#ifdef __cplusplus
extern "C" {
#endif

struct abg_project_paths {
	char *root;	    /* absolute, no trailing slash */
	char **public_dirs; /* absolute, with trailing slash */
	size_t npublic_dirs;
	char **public_files; /* absolute */
	size_t npublic_files;
	struct abg_hash cache; /* path as given -> struct path_info */
	struct abg_hash dirs;  /* directory as given -> its real path */
	struct abg_arena arena;
};

/*
 * Root: options->root; else the parent of the first public directory (the
 * directory holding include/); else the working directory. Public paths must
 * exist (error with the path otherwise).
 */
int abg_project_paths_init(struct abg_project_paths *p,
			   const struct abg_options *options,
			   struct abg_error *err);
void abg_project_paths_free(struct abg_project_paths *p);
bool abg_project_paths_is_public(struct abg_project_paths *p, const char *path);
/* Relative to the root; NULL for files outside it. Valid until free. */
const char *abg_project_paths_relative(struct abg_project_paths *p,
				       const char *path);

#ifdef __cplusplus
}
#endif
#endif
