/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Symbol versions written in the source, as every front end finds them:
 *   __asm__(".symver impl, name@NODE");     (also name@@NODE, name@@@NODE)
 *   __attribute__((symver("name@NODE")))   (GCC 10+; Clang 14 ignores it)
 * Both only state which version a symbol is meant to get; the linked ELF
 * file decides. One parser here, so that the GCC plugin, the Clang plugin
 * and libclang read the same facts from the same text.
 */
#ifndef ABIGUARD_SYMVER_H
#define ABIGUARD_SYMVER_H

#include "abiguard/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Add a symver for every ".symver" directive in the text of a top-level asm
 * statement (statements separated by newlines or ';', '#' comments
 * ignored). Returns how many were added.
 */
size_t abg_symver_parse_asm(struct abg_model *m, const char *text, size_t len,
			    struct abg_location loc);

/* "name@NODE" / "name@@NODE" of a symver attribute on `impl`. Returns false
 * (and adds nothing) when the text is not of that form. */
bool abg_symver_add_spec(struct abg_model *m, const char *impl,
			 const char *spec, size_t len, struct abg_location loc);

/*
 * Some compilers keep no location for top-level asm (GCC): such symvers
 * arrive with their file but line 0. Find the line (and column) of each
 * one's ".symver IMPL," in that file, read relative to root.
 */
void abg_symver_locate(struct abg_model *m, const char *root);

#ifdef __cplusplus
}
#endif
#endif
