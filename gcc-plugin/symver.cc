// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Symbol versions written in the source: the text of top-level asm
 * statements and of symver attributes, handed to the core's parser
 * (abiguard/symver.h), which every front end shares.
 */
#include "abiguard_gcc.h"

#include "abiguard/symver.h"

namespace {

struct text_span {
	const char *p;
	size_t n;
};

text_span string_cst_text(tree s)
{
	const char *p = TREE_STRING_POINTER(s);
	int len = TREE_STRING_LENGTH(s);
	return {p, len > 0 ? strnlen(p, (size_t)len) : 0};
}

} // namespace

/* A top-level asm statement has no location in GCC's symtab; the facts it
 * states belong to the main source file. */
void abg_gcc_collect_symver_asm(abg_model *model, location_mapper &locations)
{
	abg_location loc = locations.main_file();
	for (asm_node *a = abg_gcc_first_toplevel_asm(); a; a = a->next) {
		if (!a->asm_str || TREE_CODE(a->asm_str) != STRING_CST)
			continue;
		text_span t = string_cst_text(a->asm_str);
		abg_symver_parse_asm(model, t.p, t.n, loc);
	}
}

void abg_gcc_collect_symver_attributes(abg_model *model, tree decl,
				       const char *symbol,
				       const abg_location &loc)
{
	tree attr = lookup_attribute("symver", DECL_ATTRIBUTES(decl));
	for (; attr; attr = lookup_attribute("symver", TREE_CHAIN(attr))) {
		for (tree arg = TREE_VALUE(attr); arg; arg = TREE_CHAIN(arg)) {
			tree s = TREE_VALUE(arg);
			if (s && TREE_CODE(s) == STRING_CST) {
				text_span t = string_cst_text(s);
				abg_symver_add_spec(model, symbol, t.p, t.n,
						    loc);
			}
		}
	}
}
