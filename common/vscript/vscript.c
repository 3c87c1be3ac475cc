/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Parser for GNU ld version scripts and ld's symbol-to-node matching.
 *
 * The grammar follows ld's ldgram.y (vers_nodes, vers_tag, vers_defns):
 *
 *   script   := [ "VERSION" "{" ] node* [ "}" [ ";" ] ]
 *   node     := [ NAME ] "{" body "}" NAME* ";"
 *   body     := ( "global" ":" | "local" ":" | pattern ";" | extern )*
 *   extern   := "extern" STRING "{" ( pattern ";" )* "}" ";"
 *   pattern  := IDENT | STRING
 *
 * The input may come from a fuzzer: `len` is authoritative (the text is not
 * assumed to be NUL-terminated), the parser is iterative and extern nesting
 * is bounded, so no input can overflow the stack.
 */
#include "abiguard/vscript.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ld accepts nested extern blocks; real scripts never nest them. */
#define MAX_EXTERN_DEPTH 8
/* Longest token text quoted back in an error message. */
#define MAX_TOKEN_ECHO 40

/* ---- lexer --------------------------------------------------------------- */

enum tok_kind {
	TOK_EOF,
	TOK_IDENT,
	TOK_STRING, /* text excludes the quotes */
	TOK_LBRACE,
	TOK_RBRACE,
	TOK_SEMI,
	TOK_COLON,
};

struct token {
	enum tok_kind kind;
	const char *text;
	size_t n;
	unsigned line;
};

/* One version node while it is being parsed. Its patterns and parents
 * are a run of the parser's shared arrays (a node is parsed whole before
 * the next begins), so that 200,000 small nodes do not cost 200,000
 * arrays; the pointers are set once parsing is done, and everything is
 * copied into the arena once the script is known to be valid. */
struct node_build {
	const char *name;
	unsigned line;
	struct abg_vs_pattern *patterns;
	size_t first_pattern, npatterns;
	const char **parents;
	unsigned *parent_lines;
	size_t first_parent, nparents;
	unsigned depth;
};

struct parser {
	const char *path;
	const char *text;
	size_t len;
	size_t pos;
	unsigned line;
	struct abg_error *err;

	struct token cur;
	struct token ahead;
	bool have_ahead;
	unsigned prev_line; /* line of the last token consumed */

	struct abg_vscript *vs;
	struct node_build *nodes;
	size_t nnodes, nodes_cap;
	struct abg_vs_pattern *patterns; /* of every node, in file order */
	size_t npatterns, patterns_cap;
	const char **parents;
	unsigned *parent_lines;
	size_t nparents, parents_cap, parent_lines_cap;
	struct abg_hash names; /* node name -> index + 1 */
	bool has_anonymous;
};

static bool is_ident_char(char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return true;
	/* ld's V_IDENTIFIER set: names plus glob syntax ([!a-z], \\*). */
	return c && strchr("_.$*?[]-!^\\", c) != NULL;
}

static bool is_node_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '$';
}

static bool at(const struct parser *p, size_t off, char c)
{
	return p->pos + off < p->len && p->text[p->pos + off] == c;
}

static int skip_block_comment(struct parser *p)
{
	unsigned start = p->line;
	p->pos += 2;
	while (p->pos < p->len) {
		if (at(p, 0, '*') && at(p, 1, '/')) {
			p->pos += 2;
			return 0;
		}
		if (p->text[p->pos] == '\n')
			p->line++;
		p->pos++;
	}
	return abg_error_set(p->err, p->path, start, "unterminated comment");
}

static int skip_space_and_comments(struct parser *p)
{
	while (p->pos < p->len) {
		char c = p->text[p->pos];
		if (c == '\n') {
			p->line++;
			p->pos++;
		} else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' ||
			   c == '\v') {
			p->pos++;
		} else if (c == '#') {
			while (p->pos < p->len && p->text[p->pos] != '\n')
				p->pos++;
		} else if (c == '/' && at(p, 1, '*')) {
			if (skip_block_comment(p) < 0)
				return -1;
		} else {
			break;
		}
	}
	return 0;
}

static int lex_string(struct parser *p, struct token *t)
{
	p->pos++;
	t->text = p->text + p->pos;
	while (p->pos < p->len && p->text[p->pos] != '"') {
		char c = p->text[p->pos];
		if (c == '\0')
			return abg_error_set(p->err, p->path, p->line,
					     "NUL byte in quoted name");
		if (c == '\n')
			p->line++;
		p->pos++;
	}
	if (p->pos >= p->len)
		return abg_error_set(p->err, p->path, t->line,
				     "unterminated quoted name");
	t->n = (size_t)(p->text + p->pos - t->text);
	p->pos++;
	t->kind = TOK_STRING;
	return 0;
}

/* "::" is part of an identifier (C++ names); a lone ':' ends it. */
static void lex_ident(struct parser *p, struct token *t)
{
	t->text = p->text + p->pos;
	while (p->pos < p->len) {
		if (is_ident_char(p->text[p->pos]))
			p->pos++;
		else if (at(p, 0, ':') && at(p, 1, ':'))
			p->pos += 2;
		else
			break;
	}
	t->n = (size_t)(p->text + p->pos - t->text);
	t->kind = TOK_IDENT;
}

static int lex(struct parser *p, struct token *t)
{
	if (skip_space_and_comments(p) < 0)
		return -1;
	t->line = p->line;
	t->text = p->text + p->pos;
	t->n = 1;
	if (p->pos >= p->len) {
		t->kind = TOK_EOF;
		t->n = 0;
		return 0;
	}
	unsigned char c = (unsigned char)p->text[p->pos];
	switch (c) {
	case '{':
		t->kind = TOK_LBRACE;
		break;
	case '}':
		t->kind = TOK_RBRACE;
		break;
	case ';':
		t->kind = TOK_SEMI;
		break;
	case ':':
		if (at(p, 1, ':')) {
			lex_ident(p, t);
			return 0;
		}
		t->kind = TOK_COLON;
		break;
	case '"':
		return lex_string(p, t);
	default:
		if (is_ident_char((char)c)) {
			lex_ident(p, t);
			return 0;
		}
		if (c >= 0x21 && c < 0x7f)
			return abg_error_set(p->err, p->path, p->line,
					     "unexpected character '%c'", c);
		return abg_error_set(p->err, p->path, p->line,
				     "unexpected character 0x%02x", c);
	}
	p->pos++;
	return 0;
}

static int advance(struct parser *p)
{
	p->prev_line = p->cur.line;
	if (p->have_ahead) {
		p->cur = p->ahead;
		p->have_ahead = false;
		return 0;
	}
	return lex(p, &p->cur);
}

static int peek(struct parser *p, const struct token **t)
{
	if (!p->have_ahead) {
		if (lex(p, &p->ahead) < 0)
			return -1;
		p->have_ahead = true;
	}
	*t = &p->ahead;
	return 0;
}

static bool tok_is(const struct token *t, const char *word)
{
	return t->kind == TOK_IDENT && strlen(word) == t->n &&
	       memcmp(t->text, word, t->n) == 0;
}

/* Human-readable token for messages: 'foo', "C++", end of file. */
static const char *describe(const struct token *t, char *buf, size_t size)
{
	int n = t->n > MAX_TOKEN_ECHO ? MAX_TOKEN_ECHO : (int)t->n;
	const char *more = t->n > MAX_TOKEN_ECHO ? "..." : "";
	if (t->kind == TOK_EOF)
		snprintf(buf, size, "end of file");
	else if (t->kind == TOK_STRING)
		snprintf(buf, size, "\"%.*s%s\"", n, t->text, more);
	else
		snprintf(buf, size, "'%.*s%s'", n, t->text, more);
	return buf;
}

/* ---- building nodes ------------------------------------------------------ */

static const char *node_label(const struct node_build *nb, char *buf,
			      size_t size)
{
	if (!nb->name[0])
		return "anonymous version node";
	snprintf(buf, size, "version node '%s'", nb->name);
	return buf;
}

static const char *tok_strdup(struct parser *p, const struct token *t)
{
	return abg_arena_strndup(&p->vs->arena, t->text, t->n);
}

static void free_builds(struct parser *p)
{
	free(p->patterns);
	free(p->parents);
	free(p->parent_lines);
	free(p->nodes);
	p->nodes = NULL;
	p->nnodes = p->nodes_cap = 0;
	abg_hash_free(&p->names);
}

static bool valid_node_name(const struct token *t)
{
	if (t->kind != TOK_IDENT || t->n == 0)
		return false;
	for (size_t i = 0; i < t->n; i++)
		if (!is_node_name_char(t->text[i]))
			return false;
	return true;
}

/*
 * ld forbids mixing an anonymous node with named ones, and a name may be
 * defined only once. The new node, or NULL with the error set.
 */
static struct node_build *
start_node(struct parser *p, const struct token *name_tok, unsigned line)
{
	bool anonymous = name_tok == NULL;
	if (p->has_anonymous || (anonymous && p->nnodes > 0)) {
		abg_error_set(p->err, p->path, line,
			      "anonymous version node cannot be combined "
			      "with other version nodes");
		return NULL;
	}
	const char *name = anonymous ? "" : tok_strdup(p, name_tok);
	if (!anonymous && abg_hash_contains(&p->names, name)) {
		abg_error_set(p->err, p->path, line,
			      "duplicate version node '%s'", name);
		return NULL;
	}
	if (p->nnodes == ABG_VSCRIPT_MAX_NODES) {
		abg_error_set(p->err, p->path, line,
			      "more than %u version nodes: abiguard reads no "
			      "bigger script (libraries have a few hundred)",
			      ABG_VSCRIPT_MAX_NODES);
		return NULL;
	}
	struct node_build *nb = ABG_PUSH(p->nodes, p->nnodes, p->nodes_cap);
	nb->name = name;
	nb->line = line;
	nb->first_pattern = p->npatterns;
	nb->first_parent = p->nparents;
	if (anonymous)
		p->has_anonymous = true;
	else
		abg_hash_put(&p->names, name, (void *)(uintptr_t)p->nnodes);
	return nb;
}

static bool has_glob_char(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

/* Names and parent references together: what the script's index holds. */
static int count_entry(struct parser *p, const struct token *t)
{
	if (p->npatterns + p->nparents < ABG_VSCRIPT_MAX_ENTRIES)
		return 0;
	return abg_error_set(p->err, p->path, t->line,
			     "more than %u names and parent nodes: abiguard "
			     "reads no bigger script",
			     ABG_VSCRIPT_MAX_ENTRIES);
}

static int add_pattern(struct parser *p, struct node_build *nb,
		       const struct token *t, bool local, enum abg_vs_lang lang)
{
	if (count_entry(p, t))
		return -1;
	struct abg_vs_pattern *pat =
		ABG_PUSH(p->patterns, p->npatterns, p->patterns_cap);
	nb->npatterns++;
	pat->text = tok_strdup(p, t);
	/* Quoting makes a name literal even if it contains glob characters. */
	pat->is_glob = t->kind == TOK_IDENT && has_glob_char(pat->text);
	pat->is_local = local;
	pat->lang = lang;
	pat->line = t->line;
	return 0;
}

static int add_parent(struct parser *p, struct node_build *nb,
		      const struct token *t)
{
	if (count_entry(p, t))
		return -1;
	*ABG_PUSH(p->parents, p->nparents, p->parents_cap) = tok_strdup(p, t);
	nb->nparents++;
	size_t n = p->nparents - 1;
	abg_grow((void **)&p->parent_lines, &p->parent_lines_cap, n,
		 sizeof *p->parent_lines);
	p->parent_lines[n] = t->line;
	return 0;
}

/* The shared arrays no longer move: point each node at its run. */
static void settle_builds(struct parser *p)
{
	for (size_t i = 0; i < p->nnodes; i++) {
		struct node_build *nb = &p->nodes[i];
		nb->patterns =
			nb->npatterns ? &p->patterns[nb->first_pattern] : NULL;
		nb->parents =
			nb->nparents ? &p->parents[nb->first_parent] : NULL;
		nb->parent_lines = nb->nparents
					   ? &p->parent_lines[nb->first_parent]
					   : NULL;
	}
}

/* ---- node bodies --------------------------------------------------------- */

struct body_state {
	struct node_build *node;
	bool local;
	enum abg_vs_lang langs[MAX_EXTERN_DEPTH];
	size_t depth; /* open extern blocks */
};

static bool ascii_caseeq(const struct token *t, const char *word)
{
	if (strlen(word) != t->n)
		return false;
	for (size_t i = 0; i < t->n; i++) {
		char a = t->text[i], b = word[i];
		if (a >= 'A' && a <= 'Z')
			a = (char)(a - 'A' + 'a');
		if (b >= 'A' && b <= 'Z')
			b = (char)(b - 'A' + 'a');
		if (a != b)
			return false;
	}
	return true;
}

/* Language names are case-insensitive in ld. */
static int parse_lang(struct parser *p, const struct token *t,
		      enum abg_vs_lang *lang)
{
	char buf[64];
	if (ascii_caseeq(t, "C"))
		*lang = ABG_VS_LANG_C;
	else if (ascii_caseeq(t, "C++"))
		*lang = ABG_VS_LANG_CXX;
	else if (ascii_caseeq(t, "Java"))
		*lang = ABG_VS_LANG_JAVA;
	else
		return abg_error_set(p->err, p->path, t->line,
				     "unknown language %s in extern block",
				     describe(t, buf, sizeof buf));
	return 0;
}

/* Called with cur = "extern" and the next token a string. */
static int open_extern(struct parser *p, struct body_state *st)
{
	if (advance(p) < 0)
		return -1;
	struct token lang_tok = p->cur;
	if (st->depth == MAX_EXTERN_DEPTH)
		return abg_error_set(p->err, p->path, lang_tok.line,
				     "extern blocks nested too deeply");
	enum abg_vs_lang lang = ABG_VS_LANG_C;
	if (parse_lang(p, &lang_tok, &lang) < 0 || advance(p) < 0)
		return -1;
	if (p->cur.kind != TOK_LBRACE) {
		char buf[64];
		return abg_error_set(p->err, p->path, lang_tok.line,
				     "expected '{' after extern %s",
				     describe(&lang_tok, buf, sizeof buf));
	}
	st->langs[st->depth++] = lang;
	return advance(p);
}

/* Called with cur = '}' of an extern block. */
static int close_extern(struct parser *p, struct body_state *st)
{
	unsigned line = p->cur.line;
	if (advance(p) < 0)
		return -1;
	if (p->cur.kind != TOK_SEMI)
		return abg_error_set(p->err, p->path, line,
				     "expected ';' after extern block");
	st->depth--;
	return advance(p);
}

/* Called with cur = "global" or "local" and the next token ':'. */
static int section_label(struct parser *p, struct body_state *st)
{
	if (st->depth > 0)
		return abg_error_set(p->err, p->path, p->cur.line,
				     "'%s:' is not allowed inside an extern "
				     "block",
				     tok_is(&p->cur, "local") ? "local"
							      : "global");
	st->local = tok_is(&p->cur, "local");
	if (advance(p) < 0)
		return -1;
	return advance(p);
}

/* Called with cur = a name or glob. ld wants ';' after every entry, except
 * that the last entry of an extern block may omit it. */
static int pattern_entry(struct parser *p, struct body_state *st)
{
	struct token t = p->cur;
	enum abg_vs_lang lang =
		st->depth ? st->langs[st->depth - 1] : ABG_VS_LANG_C;
	if (add_pattern(p, st->node, &t, st->local, lang) < 0 || advance(p) < 0)
		return -1;
	if (p->cur.kind == TOK_SEMI)
		return advance(p);
	if (p->cur.kind == TOK_RBRACE && st->depth > 0)
		return 0;
	char buf[64];
	return abg_error_set(p->err, p->path, t.line, "expected ';' after %s",
			     describe(&t, buf, sizeof buf));
}

/* An identifier is a label or extern keyword only in context; otherwise ld
 * lets "global", "local" and "extern" be plain symbol names. */
static int ident_entry(struct parser *p, struct body_state *st)
{
	const struct token *next;
	if (peek(p, &next) < 0)
		return -1;
	if (next->kind == TOK_COLON &&
	    (tok_is(&p->cur, "global") || tok_is(&p->cur, "local")))
		return section_label(p, st);
	if (next->kind == TOK_STRING && tok_is(&p->cur, "extern"))
		return open_extern(p, st);
	return pattern_entry(p, st);
}

/* Parse entries up to (not including) the '}' that closes the node. */
static int parse_body(struct parser *p, struct node_build *nb)
{
	struct body_state st = {.node = nb};
	char buf[64], label[128];
	for (;;) {
		int rc;
		switch (p->cur.kind) {
		case TOK_RBRACE:
			if (st.depth == 0)
				return 0;
			rc = close_extern(p, &st);
			break;
		case TOK_IDENT:
			rc = ident_entry(p, &st);
			break;
		case TOK_STRING:
			rc = pattern_entry(p, &st);
			break;
		case TOK_EOF:
			return abg_error_set(
				p->err, p->path, p->cur.line,
				"unexpected end of file in %s",
				node_label(nb, label, sizeof label));
		default:
			return abg_error_set(
				p->err, p->path, p->cur.line,
				"unexpected %s in %s",
				describe(&p->cur, buf, sizeof buf),
				node_label(nb, label, sizeof label));
		}
		if (rc < 0)
			return -1;
	}
}

/* ---- nodes --------------------------------------------------------------- */

/* Called with cur = the node's closing '}'. */
static int parse_node_tail(struct parser *p, struct node_build *nb)
{
	unsigned close_line = p->cur.line;
	char buf[64], label[128];
	if (advance(p) < 0)
		return -1;
	while (nb->name[0] && p->cur.kind == TOK_IDENT) {
		if (!valid_node_name(&p->cur))
			return abg_error_set(
				p->err, p->path, p->cur.line,
				"invalid parent version node "
				"name %s",
				describe(&p->cur, buf, sizeof buf));
		if (add_parent(p, nb, &p->cur) < 0 || advance(p) < 0)
			return -1;
	}
	/* A missing ';' usually shows up as the next node's name being taken
	 * for a parent; the ';' belongs right after the '}'. */
	if (p->cur.kind != TOK_SEMI)
		return abg_error_set(p->err, p->path, close_line,
				     "expected ';' after %s",
				     node_label(nb, label, sizeof label));
	return advance(p);
}

/* Called with cur = the node's opening '{'. */
static int parse_node_from_brace(struct parser *p, struct node_build *nb)
{
	if (advance(p) < 0 || parse_body(p, nb) < 0)
		return -1;
	return parse_node_tail(p, nb);
}

static int parse_named_node(struct parser *p)
{
	struct token name = p->cur;
	char buf[64];
	if (!valid_node_name(&name))
		return abg_error_set(p->err, p->path, name.line,
				     "invalid version node name %s",
				     describe(&name, buf, sizeof buf));
	struct node_build *nb = start_node(p, &name, name.line);
	if (!nb || advance(p) < 0)
		return -1;
	if (p->cur.kind != TOK_LBRACE)
		return abg_error_set(p->err, p->path, name.line,
				     "expected '{' after version node name "
				     "'%s'",
				     nb->name);
	return parse_node_from_brace(p, nb);
}

static int parse_node(struct parser *p)
{
	char buf[64];
	struct node_build *nb;
	switch (p->cur.kind) {
	case TOK_LBRACE:
		nb = start_node(p, NULL, p->cur.line);
		if (!nb)
			return -1;
		return parse_node_from_brace(p, nb);
	case TOK_IDENT:
		return parse_named_node(p);
	default:
		return abg_error_set(p->err, p->path, p->cur.line,
				     "expected version node, found %s",
				     describe(&p->cur, buf, sizeof buf));
	}
}

/* ---- the optional VERSION { ... } wrapper -------------------------------- */

/*
 * In a version script "VERSION" is an ordinary node name; in a linker script
 * it wraps the nodes. Tell them apart by what follows "VERSION {": another
 * node ("NAME {" or "{") means a wrapper. Called with cur = '{'.
 */
static int wrapper_follows(struct parser *p, bool *wrapper)
{
	const struct token *next;
	if (advance(p) < 0 || peek(p, &next) < 0)
		return -1;
	*wrapper = p->cur.kind == TOK_LBRACE ||
		   (p->cur.kind == TOK_IDENT && next->kind == TOK_LBRACE) ||
		   (p->cur.kind == TOK_RBRACE && next->kind == TOK_EOF);
	return 0;
}

/* Called with cur = the first token inside the wrapper. */
static int parse_wrapper_body(struct parser *p)
{
	char buf[64];
	while (p->cur.kind != TOK_RBRACE) {
		if (p->cur.kind == TOK_EOF)
			return abg_error_set(p->err, p->path, p->cur.line,
					     "unexpected end of file in "
					     "VERSION block");
		if (parse_node(p) < 0)
			return -1;
	}
	if (advance(p) < 0)
		return -1;
	if (p->cur.kind == TOK_SEMI && advance(p) < 0)
		return -1;
	if (p->cur.kind != TOK_EOF)
		return abg_error_set(p->err, p->path, p->cur.line,
				     "unexpected %s after VERSION block",
				     describe(&p->cur, buf, sizeof buf));
	return 0;
}

/* Called with cur = "VERSION" followed by '{'. */
static int parse_version_keyword(struct parser *p)
{
	struct token name = p->cur;
	if (advance(p) < 0)
		return -1;
	bool wrapper;
	if (wrapper_follows(p, &wrapper) < 0)
		return -1;
	if (wrapper)
		return parse_wrapper_body(p);
	struct node_build *nb = start_node(p, &name, name.line);
	if (!nb || parse_body(p, nb) < 0)
		return -1;
	return parse_node_tail(p, nb);
}

static int parse_script(struct parser *p)
{
	if (advance(p) < 0)
		return -1;
	/* GNU ld refuses a script with nothing in it ("syntax error in
	 * VERSION script"); accepting it would check nothing. */
	if (p->cur.kind == TOK_EOF)
		return abg_error_set(p->err, p->path, 1,
				     "no version node: the script is empty or "
				     "only comments (GNU ld refuses it too)");
	if (tok_is(&p->cur, "VERSION")) {
		const struct token *next;
		if (peek(p, &next) < 0)
			return -1;
		if (next->kind == TOK_LBRACE && parse_version_keyword(p) < 0)
			return -1;
	}
	while (p->cur.kind != TOK_EOF)
		if (parse_node(p) < 0)
			return -1;
	return 0;
}

/* ---- checks that need the whole script ----------------------------------- */

static size_t node_index(const struct parser *p, const char *name)
{
	return (size_t)(uintptr_t)abg_hash_get(&p->names, name) - 1;
}

static int check_parents_defined(struct parser *p)
{
	for (size_t i = 0; i < p->nnodes; i++) {
		const struct node_build *nb = &p->nodes[i];
		for (size_t j = 0; j < nb->nparents; j++)
			if (!abg_hash_contains(&p->names, nb->parents[j]))
				return abg_error_set(
					p->err, p->path, nb->parent_lines[j],
					"unknown parent version node '%s' of "
					"'%s'",
					nb->parents[j], nb->name);
	}
	return 0;
}

enum dfs_color {
	WHITE = 0,
	GREY,
	BLACK
};

static int report_cycle(struct parser *p, const struct node_build *nb,
			size_t parent)
{
	const char *pname = nb->parents[parent];
	unsigned line = nb->parent_lines[parent];
	if (strcmp(pname, nb->name) == 0)
		return abg_error_set(p->err, p->path, line,
				     "version node '%s' lists itself as parent",
				     nb->name);
	return abg_error_set(p->err, p->path, line,
			     "circular dependency between version nodes "
			     "'%s' and '%s'",
			     nb->name, pname);
}

/*
 * Parents may be defined anywhere in the file, so a cycle is possible;
 * consumers walk parent chains and must be able to rely on there being none.
 * Iterative DFS: each node is on the stack at most once.
 */
static int check_no_cycles(struct parser *p)
{
	size_t n = p->nnodes;
	unsigned char *color = calloc(n ? n : 1, 1);
	size_t *stack = malloc((n ? n : 1) * sizeof *stack);
	size_t *next_parent = calloc(n ? n : 1, sizeof *next_parent);
	int rc = 0;
	if (!color || !stack || !next_parent)
		abort();
	for (size_t root = 0; root < n && rc == 0; root++) {
		if (color[root] != WHITE)
			continue;
		size_t depth = 0;
		stack[depth++] = root;
		color[root] = GREY;
		while (depth > 0 && rc == 0) {
			size_t top = stack[depth - 1];
			const struct node_build *nb = &p->nodes[top];
			if (next_parent[top] == nb->nparents) {
				/* Its parents are done: its depth is known. */
				for (size_t k = 0; k < nb->nparents; k++) {
					unsigned d =
						p
							->nodes[node_index(
								p,
								nb->parents[k])]
							.depth +
						1;
					if (d > p->nodes[top].depth)
						p->nodes[top].depth = d;
				}
				color[top] = BLACK;
				depth--;
				continue;
			}
			size_t j = next_parent[top]++;
			size_t up = node_index(p, nb->parents[j]);
			if (color[up] == GREY)
				rc = report_cycle(p, nb, j);
			else if (color[up] == WHITE) {
				color[up] = GREY;
				stack[depth++] = up;
			}
		}
	}
	free(color);
	free(stack);
	free(next_parent);
	return rc;
}

/* ---- result -------------------------------------------------------------- */

static void *arena_copy(struct abg_arena *arena, const void *src, size_t n,
			size_t elem_size)
{
	if (n == 0)
		return NULL;
	void *dst = abg_arena_alloc(arena, n * elem_size);
	memcpy(dst, src, n * elem_size);
	return dst;
}

/* Put l in front of the listings of its name: O(1) per listing however
 * many nodes list the name; the chains are turned into file order once
 * every listing is in (reverse_chains). */
static void add_exact(struct abg_vscript *vs, struct abg_vs_listing *l)
{
	l->next = abg_hash_get(&vs->exact, l->pattern->text);
	abg_hash_put(&vs->exact, l->pattern->text, l);
}

static void reverse_chains(struct abg_vscript *vs)
{
	for (size_t i = 0; i < vs->exact.cap; i++) {
		struct abg_vs_listing *l = vs->exact.slots[i].value,
				      *prev = NULL;
		if (!vs->exact.slots[i].key)
			continue;
		while (l) {
			struct abg_vs_listing *next =
				(struct abg_vs_listing *)l->next;
			l->next = prev;
			prev = l;
			l = next;
		}
		vs->exact.slots[i].value = prev;
	}
}

/* The lookup indexes of struct abg_vscript. */
static void index_patterns(struct abg_vscript *vs)
{
	for (size_t i = 0; i < vs->nnodes; i++)
		for (size_t j = 0; j < vs->nodes[i].npatterns; j++)
			vs->nglobs += vs->nodes[i].patterns[j].is_glob;
	if (vs->nglobs)
		vs->globs = abg_arena_alloc(&vs->arena,
					    vs->nglobs * sizeof *vs->globs);
	size_t g = 0;
	for (size_t i = 0; i < vs->nnodes; i++)
		for (size_t j = 0; j < vs->nodes[i].npatterns; j++) {
			const struct abg_vs_pattern *pat =
				&vs->nodes[i].patterns[j];
			struct abg_vs_listing *l =
				pat->is_glob ? &vs->globs[g++]
					     : abg_arena_alloc(&vs->arena,
							       sizeof *l);
			*l = (struct abg_vs_listing){&vs->nodes[i], pat, NULL};
			if (!pat->is_glob)
				add_exact(vs, l);
		}
	reverse_chains(vs);
}

static void publish_nodes(struct parser *p)
{
	struct abg_vscript *vs = p->vs;
	vs->nnodes = p->nnodes;
	vs->nodes = p->nnodes ? abg_arena_alloc(&vs->arena,
						p->nnodes * sizeof *vs->nodes)
			      : NULL;
	for (size_t i = 0; i < p->nnodes; i++) {
		const struct node_build *nb = &p->nodes[i];
		struct abg_vs_node *node = &vs->nodes[i];
		node->name = nb->name;
		node->line = nb->line;
		node->npatterns = nb->npatterns;
		node->patterns =
			arena_copy(&vs->arena, nb->patterns, nb->npatterns,
				   sizeof *nb->patterns);
		node->nparents = nb->nparents;
		node->parents = arena_copy(&vs->arena, nb->parents,
					   nb->nparents, sizeof *nb->parents);
		node->depth = nb->depth;
		abg_hash_put(&vs->node_names, node->name, node);
	}
}

int abg_vscript_parse(const char *path, const char *text, size_t len,
		      struct abg_vscript **out, struct abg_error *err)
{
	*out = NULL;
	struct abg_vscript *vs = calloc(1, sizeof *vs);
	if (!vs)
		abort();
	vs->path = abg_arena_strdup(&vs->arena, path ? path : "");
	struct parser p = {
		.path = path,
		.text = text ? text : "",
		.len = text ? len : 0,
		.line = 1,
		.err = err,
		.vs = vs,
	};
	int rc = parse_script(&p);
	settle_builds(&p);
	if (rc == 0)
		rc = check_parents_defined(&p);
	if (rc == 0)
		rc = check_no_cycles(&p);
	if (rc == 0)
		publish_nodes(&p);
	/* Before indexing: the peak of a million-name script is lower. */
	free_builds(&p);
	if (rc == 0)
		index_patterns(vs);
	if (rc < 0) {
		abg_vscript_free(vs);
		return -1;
	}
	*out = vs;
	return 0;
}

int abg_vscript_load(const char *path, struct abg_vscript **out,
		     struct abg_error *err)
{
	size_t len;
	*out = NULL;
	char *text = abg_read_file(path, &len, err);
	if (!text)
		return -1;
	int rc = abg_vscript_parse(path, text, len, out, err);
	free(text);
	return rc;
}

void abg_vscript_free(struct abg_vscript *vs)
{
	if (!vs)
		return;
	abg_hash_free(&vs->exact);
	abg_hash_free(&vs->node_names);
	abg_arena_free(&vs->arena);
	free(vs);
}

/* ---- lookups and matching ------------------------------------------------ */

const struct abg_vs_node *abg_vscript_find_node(const struct abg_vscript *vs,
						const char *name)
{
	return abg_hash_get(&vs->node_names, name);
}

/* ld's precedence classes, higher wins. */
enum match_rank {
	NO_MATCH = 0,
	MATCH_STAR,  /* the bare "*" */
	MATCH_GLOB,  /* any other glob */
	MATCH_EXACT, /* a name, quoted or not */
};

/*
 * extern "C++" and "Java" patterns are written against demangled names. A
 * symbol-table name is never demangled here, so such patterns match only
 * when their text is exactly the symbol name; their globs never match.
 */
static enum match_rank match_rank(const struct abg_vs_pattern *pat,
				  const char *symbol)
{
	if (!pat->is_glob)
		return strcmp(pat->text, symbol) == 0 ? MATCH_EXACT : NO_MATCH;
	if (pat->lang != ABG_VS_LANG_C || fnmatch(pat->text, symbol, 0) != 0)
		return NO_MATCH;
	return strcmp(pat->text, "*") == 0 ? MATCH_STAR : MATCH_GLOB;
}

const struct abg_vs_listing *
abg_vscript_exact_listings(const struct abg_vscript *vs, const char *symbol)
{
	return abg_hash_get(&vs->exact, symbol);
}

const struct abg_vs_node *
abg_vscript_node_for(const struct abg_vscript *vs, const char *symbol,
		     const struct abg_vs_pattern **matched)
{
	/* An exact name outranks every glob; among several, the first in
	 * the file wins. */
	const struct abg_vs_listing *best =
		abg_vscript_exact_listings(vs, symbol);
	enum match_rank best_rank = best ? MATCH_EXACT : NO_MATCH;
	for (size_t i = 0; best_rank < MATCH_EXACT && i < vs->nglobs; i++) {
		enum match_rank r = match_rank(vs->globs[i].pattern, symbol);
		/* Strictly greater: ties go to the first in file. */
		if (r > best_rank) {
			best_rank = r;
			best = &vs->globs[i];
		}
	}
	if (matched)
		*matched = best ? best->pattern : NULL;
	return best && !best->pattern->is_local ? best->node : NULL;
}

static bool node_has_match(const struct abg_vs_node *node, const char *symbol,
			   bool local)
{
	for (size_t i = 0; i < node->npatterns; i++) {
		const struct abg_vs_pattern *pat = &node->patterns[i];
		if (pat->is_local == local &&
		    match_rank(pat, symbol) != NO_MATCH)
			return true;
	}
	return false;
}

bool abg_vscript_node_exports(const struct abg_vs_node *node,
			      const char *symbol)
{
	return node_has_match(node, symbol, false);
}

bool abg_vscript_node_hides(const struct abg_vs_node *node, const char *symbol)
{
	return node_has_match(node, symbol, true);
}
