/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "abiguard/symver.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct span {
	const char *p;
	size_t n;
};

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Without surrounding blanks, and without quotes around a quoted name. */
static struct span trim(struct span s)
{
	while (s.n && is_blank(*s.p)) {
		s.p++;
		s.n--;
	}
	while (s.n && is_blank(s.p[s.n - 1]))
		s.n--;
	if (s.n >= 2 && s.p[0] == '"' && s.p[s.n - 1] == '"')
		return (struct span){s.p + 1, s.n - 2};
	return s;
}

/* Split at the first `sep`; what follows goes to *rest (empty if none). */
static struct span split(struct span s, char sep, struct span *rest)
{
	const char *at = memchr(s.p, sep, s.n);
	if (!at) {
		*rest = (struct span){s.p + s.n, 0};
		return s;
	}
	*rest = (struct span){at + 1, s.n - (size_t)(at - s.p) - 1};
	return (struct span){s.p, (size_t)(at - s.p)};
}

static bool add(struct abg_model *m, struct span impl, struct span spec,
		struct abg_location loc)
{
	struct span node;
	struct span name = trim(split(trim(spec), '@', &node));
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
	struct abg_symver v = {
		.impl = abg_model_intern_n(m, impl.p, impl.n),
		.name = abg_model_intern_n(m, name.p, name.n),
		.node = abg_model_intern_n(m, node.p, node.n),
		.is_default = ats >= 2, /* @@ and @@@ */
		.loc = loc,
	};
	abg_model_add_symver(m, &v);
	return true;
}

bool abg_symver_add_spec(struct abg_model *m, const char *impl,
			 const char *spec, size_t len, struct abg_location loc)
{
	return add(m, (struct span){impl, strlen(impl)},
		   (struct span){spec, len}, loc);
}

static bool starts_with_symver(struct span s)
{
	static const char directive[] = ".symver";
	size_t n = sizeof directive - 1;
	return s.n > n && memcmp(s.p, directive, n) == 0 && is_blank(s.p[n]);
}

/* ".symver impl, name@NODE[, visibility]" */
static bool parse_statement(struct abg_model *m, struct span statement,
			    struct abg_location loc)
{
	struct span comment;
	statement = trim(split(statement, '#', &comment));
	if (!starts_with_symver(statement))
		return false;
	struct span operands = {statement.p + 7, statement.n - 7};
	struct span rest, tail;
	struct span impl = split(operands, ',', &rest);
	struct span spec = split(rest, ',', &tail); /* binutils' 3rd operand */
	return add(m, impl, spec, loc);
}

size_t abg_symver_parse_asm(struct abg_model *m, const char *text, size_t len,
			    struct abg_location loc)
{
	size_t added = 0;
	struct span all = {text, len};
	while (all.n) {
		struct span rest;
		struct span statements = split(all, '\n', &rest);
		while (statements.n) {
			struct span more;
			added += parse_statement(
				m, split(statements, ';', &more), loc);
			statements = more;
		}
		all = rest;
	}
	return added;
}

/* Line and column of ".symver impl" in text, or false. */
static bool find_directive(const char *text, const char *impl, unsigned *line,
			   unsigned *column)
{
	size_t impl_len = strlen(impl);
	unsigned no = 1;
	for (const char *p = text; *p; p++) {
		if (*p == '\n') {
			no++;
			continue;
		}
		if (strncmp(p, ".symver", 7) != 0 || !is_blank(p[7]))
			continue;
		const char *q = p + 7;
		while (is_blank(*q))
			q++;
		if (strncmp(q, impl, impl_len) != 0 ||
		    (q[impl_len] != ',' && !is_blank(q[impl_len])))
			continue;
		const char *bol = p;
		while (bol > text && bol[-1] != '\n')
			bol--;
		*line = no;
		*column = (unsigned)(p - bol) + 1;
		return true;
	}
	return false;
}

static bool is_word_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* Does the line [bol, eol) hold `word` as a whole word? */
static bool line_has_word(const char *bol, const char *eol, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = bol; n && p + n <= eol; p++)
		if (strncmp(p, word, n) == 0 &&
		    (p == bol || !is_word_char(p[-1])) &&
		    (p + n == eol || !is_word_char(p[n])))
			return true;
	return false;
}

/*
 * A directive a project's macro writes (gfapi's
 * GFAPI_SYMVER_PUBLIC_DEFAULT(glfs_dtrt, 3.7.0)) is not in the text: the
 * first line that is no #define and names both the versioned name and the
 * node's last part ("3.7.0" of GFAPI_3.7.0) is its invocation.
 */
static bool find_macro_invocation(const char *text, const char *name,
				  const char *node, unsigned *line,
				  unsigned *column)
{
	const char *tail = strrchr(node, '_');
	tail = tail && tail[1] ? tail + 1 : node;
	unsigned no = 1;
	for (const char *bol = text; *bol; no++) {
		const char *eol = strchr(bol, '\n');
		if (!eol)
			eol = bol + strlen(bol);
		const char *first = bol;
		while (first < eol && is_blank(*first))
			first++;
		if (*first != '#' && line_has_word(bol, eol, name) &&
		    line_has_word(bol, eol, tail)) {
			*line = no;
			*column = (unsigned)(first - bol) + 1;
			return true;
		}
		bol = *eol ? eol + 1 : eol;
	}
	return false;
}

void abg_symver_locate(struct abg_model *m, const char *root)
{
	const char *file = NULL;
	char *text = NULL;
	for (size_t i = 0; i < m->nsymvers; i++) {
		struct abg_symver *sv = &m->symvers[i];
		if (sv->loc.line || !sv->loc.file)
			continue;
		if (sv->loc.file != file) { /* interned: pointer equality */
			free(text);
			struct abg_strbuf path = {0};
			if (sv->loc.file[0] != '/' && root)
				abg_strbuf_printf(&path, "%s/", root);
			abg_strbuf_append(&path, sv->loc.file);
			text = abg_read_file(path.data, NULL, NULL);
			abg_strbuf_free(&path);
			file = sv->loc.file;
		}
		if (text &&
		    !find_directive(text, sv->impl, &sv->loc.line,
				    &sv->loc.column) &&
		    sv->node)
			find_macro_invocation(text, sv->name, sv->node,
					      &sv->loc.line, &sv->loc.column);
	}
	free(text);
}
