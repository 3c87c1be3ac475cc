// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Header version tags in the GCC plugin. A project's tag macro
 * (GFAPI_PUBLIC(glfs_pread, 3.4.0)) expands to nothing, so no tree records
 * it: libcpp's `used` callback, which it calls for every macro it expands
 * with the location of the macro's name, tells where a configured tag macro
 * was invoked, and the invocation's text is read from that place of the
 * file and handed to the core, which reads the arguments (the Clang front
 * ends do the same from their MacroExpands callback). A callback another
 * part of GCC installed is called first, as before.
 *
 * Preprocessed input (-save-temps, icecream, distcc, ccache without a
 * second preprocessor run) has no macros left: the summary then says that
 * the unit's tags were not read, and the rule says so, rather than pass.
 *
 * ABIGUARD_NODE is the attribute abiguard("node:NODE") on the declaration.
 */
#include "abiguard_gcc.h"

#include <fstream>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

/* A file's text and where its lines start, read once. */
struct source_file {
	std::string text;
	std::vector<size_t> line_starts;
};

struct tag_watch {
	abg_session *session;
	location_mapper *locations;
	void (*chained)(cpp_reader *, location_t, cpp_hashnode *);
	std::unordered_map<std::string, source_file> files;
};

tag_watch *watch;

source_file &read_source(const char *path)
{
	auto found = watch->files.find(path);
	if (found != watch->files.end())
		return found->second;
	source_file &f = watch->files[path];
	std::ifstream in(path, std::ios::binary);
	std::ostringstream text;
	text << in.rdbuf();
	f.text = text.str();
	f.line_starts.push_back(0);
	for (size_t i = 0; i < f.text.size(); i++)
		if (f.text[i] == '\n')
			f.line_starts.push_back(i + 1);
	return f;
}

/* The file's text from (line, column), both from 1, to its end. */
bool text_at(const expanded_location &at, const char **text, size_t *len)
{
	if (!at.file || at.line < 1 || at.column < 1)
		return false;
	source_file &f = read_source(at.file);
	if ((size_t)at.line > f.line_starts.size())
		return false;
	size_t offset = f.line_starts[at.line - 1] + (size_t)at.column - 1;
	if (offset >= f.text.size())
		return false;
	*text = f.text.data() + offset;
	*len = f.text.size() - offset;
	return true;
}

void on_macro_used(cpp_reader *reader, location_t loc, cpp_hashnode *node)
{
	if (watch->chained)
		watch->chained(reader, loc, node);
	if (!cpp_fun_like_macro_p(node) ||
	    linemap_location_from_macro_expansion_p(line_table, loc) ||
	    !abg_session_is_tag_macro(watch->session,
				      (const char *)NODE_NAME(node)) ||
	    !watch->locations->is_public(loc))
		return;
	const char *text;
	size_t len;
	if (text_at(expand_location(loc), &text, &len))
		abg_session_add_macro_tag(watch->session, text, len,
					  watch->locations->convert(loc));
}

} // namespace

void abg_gcc_watch_tag_macros(abg_session *session, location_mapper &locations)
{
	if (!parse_in || !abg_session_options(session)->ntag_macros)
		return;
	if (cpp_get_options(parse_in)->preprocessed) {
		abg_session_tags_unread(session);
		return;
	}
	cpp_callbacks *cb = cpp_get_callbacks(parse_in);
	watch = new tag_watch{session, &locations, cb->used, {}};
	cb->used = on_macro_used;
}

void abg_gcc_unwatch_tag_macros()
{
	if (!watch)
		return;
	if (parse_in)
		cpp_get_callbacks(parse_in)->used = watch->chained;
	delete watch;
	watch = nullptr;
}

void abg_gcc_collect_node_annotations(abg_model *model, tree decl,
				      const char *symbol,
				      const abg_location &loc)
{
	tree attr = lookup_attribute("abiguard", DECL_ATTRIBUTES(decl));
	for (; attr; attr = lookup_attribute("abiguard", TREE_CHAIN(attr))) {
		const char *what = abg_gcc_annotation_argument(attr);
		if (what)
			abg_model_add_node_annotation(model, symbol, what, loc);
	}
}
