// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Symbol versions written in the source: top-level
 *   __asm__(".symver impl, name@NODE");   (also name@@NODE, name@@@NODE)
 * and __attribute__((symver("name@NODE"))) on a definition. Both only say
 * which version a symbol is meant to get; the linked ELF file decides.
 */
#include "abiguard_gcc.h"

namespace {

struct text_span {
	const char *p;
	size_t n;
};

bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

text_span trim(text_span s)
{
	while (s.n && is_blank(*s.p)) {
		s.p++;
		s.n--;
	}
	while (s.n && is_blank(s.p[s.n - 1]))
		s.n--;
	if (s.n >= 2 && s.p[0] == '"' && s.p[s.n - 1] == '"') /* quoted */
		return {s.p + 1, s.n - 2};
	return s;
}

/* Split `s` at the first `sep`; the rest goes to *rest (empty if none). */
text_span split(text_span s, char sep, text_span *rest)
{
	const char *at = (const char *)memchr(s.p, sep, s.n);
	if (!at) {
		*rest = {s.p + s.n, 0};
		return s;
	}
	*rest = {at + 1, s.n - (size_t)(at - s.p) - 1};
	return {s.p, (size_t)(at - s.p)};
}

/* Drop a trailing assembler comment ("# ..."). */
text_span strip_comment(text_span s)
{
	text_span rest;
	return split(s, '#', &rest);
}

/* "name@NODE", "name@@NODE" or "name@@@NODE" -> symver (impl set by caller). */
bool add_versioned_name(abg_model *model, text_span impl, text_span spec,
			const abg_location &loc)
{
	text_span node;
	text_span name = trim(split(trim(spec), '@', &node));
	size_t ats = 1;
	while (node.n && *node.p == '@') {
		node.p++;
		node.n--;
		ats++;
	}
	node = trim(node);
	impl = trim(impl);
	if (!impl.n || !name.n || !node.n || ats > 3)
		return false;

	abg_symver v = {};
	v.impl = abg_model_intern_n(model, impl.p, impl.n);
	v.name = abg_model_intern_n(model, name.p, name.n);
	v.node = abg_model_intern_n(model, node.p, node.n);
	v.is_default = ats >= 2;
	v.loc = loc;
	abg_model_add_symver(model, &v);
	return true;
}

bool starts_with_symver(text_span s)
{
	static const char directive[] = ".symver";
	size_t n = sizeof directive - 1;
	return s.n > n && memcmp(s.p, directive, n) == 0 && is_blank(s.p[n]);
}

/* One statement: ".symver impl, name@NODE[, visibility]". */
void parse_statement(abg_model *model, text_span statement,
		     const abg_location &loc)
{
	statement = trim(strip_comment(statement));
	if (!starts_with_symver(statement))
		return;
	text_span operands = {statement.p + 7, statement.n - 7};
	text_span rest, tail;
	text_span impl = split(operands, ',', &rest);
	text_span spec = split(rest, ',', &tail); /* binutils' 3rd operand */
	add_versioned_name(model, impl, spec, loc);
}

/* Statements are separated by newlines or ';'. */
void parse_asm_text(abg_model *model, text_span text, const abg_location &loc)
{
	while (text.n) {
		text_span rest;
		text_span line = split(text, '\n', &rest);
		text_span statements = line;
		while (statements.n) {
			text_span more;
			parse_statement(model, split(statements, ';', &more),
					loc);
			statements = more;
		}
		text = rest;
	}
}

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
		if (a->asm_str && TREE_CODE(a->asm_str) == STRING_CST)
			parse_asm_text(model, string_cst_text(a->asm_str), loc);
	}
}

void abg_gcc_collect_symver_attributes(abg_model *model, tree decl,
				       const char *symbol,
				       const abg_location &loc)
{
	text_span impl = {symbol, strlen(symbol)};
	tree attr = lookup_attribute("symver", DECL_ATTRIBUTES(decl));
	for (; attr; attr = lookup_attribute("symver", TREE_CHAIN(attr))) {
		for (tree arg = TREE_VALUE(attr); arg; arg = TREE_CHAIN(arg)) {
			tree s = TREE_VALUE(arg);
			if (s && TREE_CODE(s) == STRING_CST)
				add_versioned_name(model, impl,
						   string_cst_text(s), loc);
		}
	}
}
