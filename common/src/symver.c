/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "abiguard/symver.h"

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
			 const char *spec, size_t len,
			 struct abg_location loc)
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
			added += parse_statement(m, split(statements, ';', &more),
						 loc);
			statements = more;
		}
		all = rest;
	}
	return added;
}
