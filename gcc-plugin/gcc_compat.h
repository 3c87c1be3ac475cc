// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Every difference between GCC versions that the plugin cares about, in one
 * place. The other plugin sources include this header instead of GCC's
 * headers and call the abg_gcc_* helpers below where the internal API moved
 * between releases. Built and tested with GCC 12; GCC 10 is the oldest
 * release with the symver attribute, which the plugin reads.
 */
#ifndef ABIGUARD_GCC_COMPAT_H
#define ABIGUARD_GCC_COMPAT_H

// clang-format off: GCC's headers must come in this order.
#include "gcc-plugin.h" /* must be the first GCC header */
#include "plugin-version.h"

#if GCCPLUGIN_VERSION_MAJOR < 10
#error "the abiguard GCC plugin needs GCC 10 or newer"
#endif

#include "tree.h"
#include "stringpool.h"
#include "attribs.h"
#include "cgraph.h"
#include "langhooks.h"
#include "stor-layout.h"       /* min_align_of_type */
#include "c-family/c-common.h" /* before diagnostic.h, or it #errors */
#include "c-family/c-pragma.h"
#include "diagnostic.h"
#include "ggc.h"
#include "opts.h"
#include "toplev.h"
// clang-format on

/*
 * parse_in (the C preprocessor) exists only in the C-family compilers. The
 * plugin is also loaded by lto1 when -fplugin=abiguard reaches an LTO link
 * through CFLAGS; a weak reference lets it load there (and do nothing)
 * instead of failing on an undefined symbol.
 */
extern struct cpp_reader *parse_in __attribute__((weak));

/* libcpp's dependency list (mkdeps.h, which GCC does not install). */
class mkdeps;
extern void deps_add_dep(class mkdeps *deps, const char *file);

/* True in cc1 (C, any -std); false in cc1plus, cc1obj, lto1, f951 ... */
static inline bool abg_gcc_front_end_is_c(void)
{
	const char *name = lang_hooks.name;
	return name && strncmp(name, "GNU C", 5) == 0 &&
	       strncmp(name, "GNU C++", 7) != 0;
}

/* Define a macro for the translation unit (PLUGIN_START_UNIT). Not in
 * preprocessed input (-fpreprocessed: -save-temps, icecream's remote
 * compiles), where the macro did its work already and a definition is
 * read as a broken line marker. */
static inline void abg_gcc_define_macro(const char *definition)
{
	if (parse_in && !cpp_get_options(parse_in)->preprocessed)
		cpp_define(parse_in, definition);
}

/* The first top-level asm statement of the unit; asm_node::next chains. */
static inline asm_node *abg_gcc_first_toplevel_asm(void)
{
	return symtab->first_asm_symbol();
}

/*
 * A location for LINE:COLUMN of the main source file, for facts that GCC
 * keeps no location of its own for. The line map of the main file that
 * starts last at or before LINE covers it (maps for included files come
 * between the main file's maps).
 */
static inline location_t
abg_gcc_main_file_location(unsigned line, unsigned column, location_t fallback)
{
	const line_map_ordinary *best = NULL;
	for (unsigned i = 0; i < LINEMAPS_ORDINARY_USED(line_table); i++) {
		const line_map_ordinary *map =
			LINEMAPS_ORDINARY_MAP_AT(line_table, i);
		const char *file = ORDINARY_MAP_FILE_NAME(map);
		if (file && main_input_filename &&
		    strcmp(file, main_input_filename) == 0 &&
		    ORDINARY_MAP_STARTING_LINE_NUMBER(map) <=
			    (linenum_type)line)
			best = map;
	}
	if (!best)
		return fallback;
	return linemap_position_for_line_and_column(line_table, best, line,
						    column);
}

/* Add a top-level asm statement that reaches the object (and LTO IR). */
static inline void abg_gcc_add_toplevel_asm(const char *text, size_t len)
{
	symtab->finalize_toplevel_asm(build_string(len, text));
}

/* A declaration GCC made itself (__va_list_tag, __builtin_va_list ...);
 * DECL_IS_BUILTIN was renamed DECL_IS_UNDECLARED_BUILTIN in GCC 11. */
static inline bool abg_gcc_is_builtin_decl(const_tree decl)
{
	return DECL_SOURCE_LOCATION(decl) <= BUILTINS_LOCATION;
}

/*
 * The plugin's arguments, in command-line order: fn(key, value) for every
 * -fplugin-arg-NAME-KEY[=VALUE] (value NULL without '='); false when fn
 * returns false.
 *
 * GCC 12 (plugin.cc, parse_plugin_arg_opt) shortens a value by one
 * character for every '=' inside it, so "severity=rule=warning" reaches
 * plugin_name_args as "rule=warnin". The options as written are kept in
 * save_decoded_options; read them from there, and use plugin_name_args only
 * if the two do not list the same arguments.
 */
template <typename Fn>
static inline bool
abg_gcc_for_each_plugin_argument(const plugin_name_args *info, Fn fn)
{
	size_t name_len = strlen(info->base_name);
	auto matches = [&](const cl_decoded_option &o) {
		return o.opt_index == OPT_fplugin_arg_ && o.arg &&
		       strncmp(o.arg, info->base_name, name_len) == 0 &&
		       o.arg[name_len] == '-';
	};
	unsigned saved = save_decoded_options ? save_decoded_options_count : 0;
	int count = 0;
	for (unsigned i = 0; i < saved; i++)
		count += matches(save_decoded_options[i]);
	if (count != info->argc) {
		for (int i = 0; i < info->argc; i++)
			if (!fn(info->argv[i].key, info->argv[i].value))
				return false;
		return true;
	}
	for (unsigned i = 0; i < saved; i++) {
		const cl_decoded_option &o = save_decoded_options[i];
		if (!matches(o))
			continue;
		const char *key = o.arg + name_len + 1;
		const char *eq = strchr(key, '=');
		char *key_copy =
			eq ? xstrndup(key, (size_t)(eq - key)) : xstrdup(key);
		bool go_on = fn(key_copy, eq ? eq + 1 : nullptr);
		free(key_copy);
		if (!go_on)
			return false;
	}
	return true;
}

/* _BitInt(N) has its own tree code since GCC 14. */
static inline bool abg_gcc_is_bitint_type(const_tree t)
{
#if GCCPLUGIN_VERSION_MAJOR >= 14
	return TREE_CODE(t) == BITINT_TYPE;
#else
	(void)t;
	return false;
#endif
}

#endif
