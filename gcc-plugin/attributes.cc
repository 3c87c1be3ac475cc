// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * The attribute behind abiguard.h's macros in GCC: __attribute__((abiguard(
 * "opaque"))) and the like. Clang spells them annotate("abiguard:..."), an
 * attribute of its own, so only GCC needs one registered. This file only
 * makes GCC keep the attribute where it was written; the converters read it
 * (lookup_attribute("abiguard", ...)) and the core decides what it means.
 */
#include "abiguard_gcc.h"

namespace {

/* Keep the attribute on the declaration or type it was written on; GCC
 * drops it (no_add_attrs) only when the argument is not a string, with an
 * error naming the macro's header. */
tree handle_abiguard_attribute(tree *node, tree name, tree args, int,
			       bool *no_add_attrs)
{
	tree arg = args ? TREE_VALUE(args) : NULL_TREE;

	if (!arg || TREE_CODE(arg) != STRING_CST) {
		error("%qE attribute takes a string argument; use the macros "
		      "of %<abiguard.h%>",
		      name);
		*no_add_attrs = true;
		return NULL_TREE;
	}
	(void)node;
	return NULL_TREE;
}

attribute_spec abiguard_attribute = {
	"abiguard", 1, 1, false, false, false, false, handle_abiguard_attribute,
	nullptr};

void register_abiguard_attribute(void *, void *)
{
	register_attribute(&abiguard_attribute);
}

} // namespace

void abg_gcc_register_attributes(const char *plugin_name)
{
	register_callback(plugin_name, PLUGIN_ATTRIBUTES,
			  register_abiguard_attribute, nullptr);
}

const char *abg_gcc_annotation_argument(tree attribute)
{
	tree args = TREE_VALUE(attribute);
	tree arg = args ? TREE_VALUE(args) : NULL_TREE;

	return arg && TREE_CODE(arg) == STRING_CST ? TREE_STRING_POINTER(arg)
						   : nullptr;
}
