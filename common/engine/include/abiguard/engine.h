/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The engine: what a front end calls. A front end opens a session with its
 * options (this loads the baseline and the version script once), fills the
 * session's TU model with the declarations it sees, and asks the session to
 * check them and to produce the summary to embed.
 *
 *   session = abg_session_open(&options, &err);   // NULL + err: exit 2 / error
 *   if (abg_session_is_public(session, path)) ... // filter declarations
 *   model = abg_session_model(session);           // fill it
 *   abg_session_check_tu(session, &sink);         // findings -> sink
 *   abg_session_summary(session, &text);          // note payload
 *   abg_session_close(session);
 */
#ifndef ABIGUARD_ENGINE_H
#define ABIGUARD_ENGINE_H

#include "abiguard/diag.h"
#include "abiguard/elf_reader.h"
#include "abiguard/options.h"
#include "abiguard/update.h"
#include "abiguard/vscript.h"

#ifdef __cplusplus
extern "C" {
#endif

struct abg_session;

struct abg_session *abg_session_open(const struct abg_options *options,
				     struct abg_error *err);
void abg_session_close(struct abg_session *s);

enum abg_mode abg_session_mode(const struct abg_session *s);
/* The TU model the front end fills. */
struct abg_model *abg_session_model(struct abg_session *s);

/*
 * Is `path` (as the compiler spells it: absolute or relative to the working
 * directory) one of the configured public headers or inside a public
 * directory? Cached per path string; cheap enough to call per declaration.
 */
bool abg_session_is_public(struct abg_session *s, const char *path);
/* path relative to the project root, interned in the TU model. */
const char *abg_session_relative_path(struct abg_session *s, const char *path);

/* The options the session was opened with. */
const struct abg_options *abg_session_options(const struct abg_session *s);

/* ---- header version tags (tags.c) --------------------------------------- */

/* Does the tag-macro option name `macro`? Front ends ask before reading
 * an invocation's text. */
bool abg_session_is_tag_macro(const struct abg_session *s, const char *macro);
/*
 * An expansion of a tag macro at loc (in a public header): text starts at
 * the macro's name and runs at least to the invocation's closing
 * parenthesis (the rest of the file will do). The arguments are read here,
 * the same for every front end; an invocation they cannot be read from,
 * or that leaves a template empty, adds no tag.
 */
void abg_session_add_macro_tag(struct abg_session *s, const char *text,
			       size_t len, struct abg_location loc);
/* The unit's macros are gone (it is preprocessed output): with tag
 * macros configured, its summary says that its tags could not be read. */
void abg_session_tags_unread(struct abg_session *s);

/* Run the rules that can be decided in one translation unit. Returns the
 * number of findings of severity error. */
size_t abg_session_check_tu(struct abg_session *s, struct abg_sink *sink);

/* The TU summary text (the payload of the object file's note). Call it
 * last: declarations the unit does not define lose their types here. */
void abg_session_summary(struct abg_session *s, struct abg_strbuf *out);

/* ---- whole-library (post-link) ---------------------------------------- */

/*
 * Build the model of a linked library: its ELF symbols and versions, joined
 * with the merged summaries of its translation units. Merge conflicts (two
 * TUs disagreeing about a type) are kept in the model's conflicts for the
 * rule type-differs-between-units. Returns NULL with err set on unreadable
 * input.
 */
struct abg_model *abg_library_model(const struct abg_elf_file *elf,
				    struct abg_error *err);

/*
 * Apply every rule to the library model against the baseline (NULL: no
 * baseline yet) and the version script (NULL: none). Returns the number of
 * findings of severity error.
 */
size_t abg_check_library(const struct abg_model *library,
			 const struct abg_model *baseline,
			 const struct abg_vscript *vscript,
			 const struct abg_options *options,
			 struct abg_sink *sink);

#ifdef __cplusplus
}
#endif
#endif
