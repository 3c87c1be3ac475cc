/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Header version tags, as the front ends hand them over: the text of a tag
 * macro's invocation (the macro expands to nothing, so the compilers'
 * preprocessor callbacks are the only place it is seen) and the
 * ABIGUARD_NODE attribute. Reading the arguments here, from the source
 * text, gives every front end the same tag.
 */
#include "abiguard/engine.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define TAG_MAX_ARGS 99

struct invocation {
	char *args[TAG_MAX_ARGS];
	size_t nargs;
};

static bool is_ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* Past a comment or a string or character literal starting at p; p itself
 * when there is none. */
static const char *skip_comment_or_literal(const char *p, const char *end)
{
	if (p + 1 < end && p[0] == '/' && p[1] == '*') {
		const char *close = p + 2;
		while (close + 1 < end && !(close[0] == '*' && close[1] == '/'))
			close++;
		return close + 1 < end ? close + 2 : end;
	}
	if (p + 1 < end && p[0] == '/' && p[1] == '/') {
		while (p < end && *p != '\n')
			p++;
		return p;
	}
	if (*p == '"' || *p == '\'') {
		char quote = *p++;
		while (p < end && *p != quote && *p != '\n')
			p += *p == '\\' && p + 1 < end ? 2 : 1;
		return p < end ? p + 1 : end;
	}
	return p;
}

/* Append one byte of an argument: whitespace, comments and line
 * continuations drop out (node names and C names have none). */
static void add_arg_byte(struct abg_strbuf *arg, char c)
{
	if (!isspace((unsigned char)c) && c != '\\')
		abg_strbuf_append_n(arg, &c, 1);
}

static void finish_arg(struct invocation *inv, struct abg_strbuf *arg)
{
	if (inv->nargs < TAG_MAX_ARGS)
		inv->args[inv->nargs++] = strdup(abg_strbuf_cstr(arg));
	abg_strbuf_reset(arg);
}

/* "NAME ( a, b(c), d )": the arguments at the top level of the outer
 * parentheses. False when the text has no complete invocation. */
static bool read_invocation(const char *p, const char *end,
			    struct invocation *inv)
{
	while (p < end && is_ident_char(*p))
		p++;
	for (const char *q; p < end; p = q) {
		q = skip_comment_or_literal(p, end);
		if (q == p && !isspace((unsigned char)*p) && *p != '\\')
			break;
		if (q == p)
			q++;
	}
	if (p >= end || *p != '(')
		return false;
	struct abg_strbuf arg = {0};
	int depth = 0;
	for (p++; p < end;) {
		const char *q = skip_comment_or_literal(p, end);
		if (q != p && (*p == '"' || *p == '\''))
			for (; p < q; p++)
				add_arg_byte(&arg, *p);
		if (q != p) {
			p = q;
			continue;
		}
		char c = *p++;
		if (c == '(' || c == '[' || c == '{')
			depth++;
		else if ((c == ')' || c == ']' || c == '}') && depth)
			depth--;
		else if (c == ')') {
			finish_arg(inv, &arg);
			abg_strbuf_free(&arg);
			return true;
		} else if (c == ',' && !depth) {
			finish_arg(inv, &arg);
			continue;
		}
		add_arg_byte(&arg, c);
	}
	abg_strbuf_free(&arg);
	return false;
}

static void free_invocation(struct invocation *inv)
{
	for (size_t i = 0; i < inv->nargs; i++)
		free(inv->args[i]);
}

static size_t name_length(const char *text, size_t len)
{
	size_t n = 0;
	while (n < len && is_ident_char(text[n]))
		n++;
	return n;
}

bool abg_session_is_tag_macro(const struct abg_session *s, const char *macro)
{
	return abg_options_tag_macro(abg_session_options(s), macro) != NULL;
}

static void add_tag(struct abg_session *s, const struct abg_tag_macro *tm,
		    const struct invocation *inv, struct abg_location loc)
{
	struct abg_strbuf name = {0}, node = {0};
	const char *const *args = (const char *const *)inv->args;
	if (abg_tag_macro_expand(tm->node, args, inv->nargs, &node) &&
	    (!tm->name[0] ||
	     abg_tag_macro_expand(tm->name, args, inv->nargs, &name))) {
		struct abg_tag t = {
			.name = tm->name[0] ? abg_strbuf_cstr(&name) : NULL,
			.node = abg_strbuf_cstr(&node),
			.via = tm->macro,
			.loc = loc,
		};
		abg_model_add_tag(abg_session_model(s), &t);
	}
	abg_strbuf_free(&name);
	abg_strbuf_free(&node);
}

void abg_session_add_macro_tag(struct abg_session *s, const char *text,
			       size_t len, struct abg_location loc)
{
	size_t n = name_length(text, len);
	char macro[256];
	if (!n || n >= sizeof macro)
		return;
	memcpy(macro, text, n);
	macro[n] = '\0';
	const struct abg_tag_macro *tm =
		abg_options_tag_macro(abg_session_options(s), macro);
	struct invocation inv = {0};
	if (tm && read_invocation(text, text + len, &inv))
		add_tag(s, tm, &inv, loc);
	free_invocation(&inv);
}

void abg_session_tags_unread(struct abg_session *s)
{
	struct abg_model *m = abg_session_model(s);
	if (abg_session_options(s)->ntag_macros)
		m->units_without_tags = 1;
}
