/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Version resolution: turning what a front end saw into versioned symbols.
 *   - In a TU: declarations + .symver directives + the version script (or,
 *     without one, the baseline's current node of each name).
 *   - After the link: the ELF's exported symbols, joined with the merged
 *     declarations (by assembler name, or through .symver to the
 *     implementation) to know their types and source locations.
 */
#ifndef ABIGUARD_SYMBOLS_H
#define ABIGUARD_SYMBOLS_H

#include "abiguard/elf_reader.h"
#include "abiguard/model.h"
#include "abiguard/vscript.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The default node the version script gives `name`: when the name is
 * listed by exact name in several nodes (the old one kept for a compat
 * symbol), the newest of them; otherwise ld's precedence. NULL when hidden
 * or unlisted.
 */
const char *abg_vscript_default_node(const struct abg_vscript *vs,
				     const char *name);

/* Fill tu->symbols (cleared first) from the TU's decls. */
void abg_resolve_tu_symbols(struct abg_model *tu,
			    const struct abg_vscript *vscript,
			    const struct abg_model *baseline);

/* Fill lib->symbols from the ELF exports; types from lib's decls. */
void abg_resolve_elf_symbols(struct abg_model *lib,
			     const struct abg_elf_file *elf);

#ifdef __cplusplus
}
#endif
#endif
