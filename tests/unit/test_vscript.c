/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests of the GNU ld version-script parser and matcher. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "abiguard/vscript.h"

#define DATA_DIR ABG_TEST_SOURCE_DIR "/unit/data/vscript/"

/* ---- helpers ------------------------------------------------------------- */

/* Parse from a heap copy of exactly strlen(text) bytes, without a trailing
 * NUL, so that ASan catches any read past len. */
static int parse_exact(const char *text, struct abg_vscript **vs,
		       struct abg_error *err)
{
	size_t len = strlen(text);
	char *copy = malloc(len ? len : 1);
	assert_non_null(copy);
	memcpy(copy, text, len);
	int rc = abg_vscript_parse("t.map", copy, len, vs, err);
	free(copy);
	return rc;
}

static struct abg_vscript *parse_ok(const char *text)
{
	struct abg_vscript *vs = NULL;
	struct abg_error err = {0};
	int rc = parse_exact(text, &vs, &err);
	if (rc != 0)
		fail_msg("unexpected error at line %u: %s", err.line,
			 err.message);
	assert_non_null(vs);
	return vs;
}

static void expect_error(const char *text, unsigned line, const char *message)
{
	struct abg_vscript *vs = (void *)1;
	struct abg_error err = {0};
	assert_int_equal(parse_exact(text, &vs, &err), -1);
	assert_null(vs);
	assert_string_equal(err.file, "t.map");
	assert_string_equal(err.message, message);
	assert_int_equal(err.line, line);
}

static struct abg_vscript *load_ok(const char *name)
{
	struct abg_vscript *vs = NULL;
	struct abg_error err = {0};
	char path[1024];
	snprintf(path, sizeof path, "%s%s", DATA_DIR, name);
	if (abg_vscript_load(path, &vs, &err) != 0)
		fail_msg("%s:%u: %s", name, err.line, err.message);
	return vs;
}

static const char *node_for(const struct abg_vscript *vs, const char *sym)
{
	const struct abg_vs_node *n = abg_vscript_node_for(vs, sym, NULL);
	return n ? n->name : NULL;
}

/* Name of the node holding the winning pattern, "" when none. */
static const char *winner_text(const struct abg_vscript *vs, const char *sym)
{
	const struct abg_vs_pattern *pat = (void *)1;
	abg_vscript_node_for(vs, sym, &pat);
	return pat ? pat->text : "";
}

/* ---- real-world shapes --------------------------------------------------- */

static void test_libvirt_chain(void **state)
{
	(void)state;
	struct abg_vscript *vs = load_ok("libvirt_public.syms");
	assert_int_equal(vs->nnodes, 4);
	assert_string_equal(vs->nodes[0].name, "LIBVIRT_0.0.3");
	assert_int_equal(vs->nodes[0].line, 11);
	assert_int_equal(vs->nodes[0].npatterns, 7);
	assert_int_equal(vs->nodes[0].nparents, 0);
	assert_string_equal(vs->nodes[0].patterns[0].text, "virConnectClose");
	assert_int_equal(vs->nodes[0].patterns[0].line, 13);
	assert_false(vs->nodes[0].patterns[0].is_glob);
	assert_false(vs->nodes[0].patterns[0].is_local);
	assert_int_equal(vs->nodes[0].patterns[0].lang, ABG_VS_LANG_C);

	const struct abg_vs_node *n =
		abg_vscript_find_node(vs, "LIBVIRT_1.2.3");
	assert_non_null(n);
	assert_int_equal(n->line, 34);
	assert_int_equal(n->nparents, 1);
	assert_string_equal(n->parents[0], "LIBVIRT_0.1.0");
	n = abg_vscript_find_node(vs, "LIBVIRT_0.0.5");
	assert_non_null(n);
	assert_string_equal(n->parents[0], "LIBVIRT_0.0.3");
	assert_null(abg_vscript_find_node(vs, "LIBVIRT_9.9.9"));

	assert_string_equal(node_for(vs, "virConnectClose"), "LIBVIRT_0.0.3");
	assert_string_equal(node_for(vs, "virNodeGetInfo"), "LIBVIRT_0.1.0");
	assert_string_equal(node_for(vs, "virConnectGetDomainCapabilities"),
			    "LIBVIRT_1.2.3");
	/* No local: * anywhere: an unlisted symbol matches nothing. */
	assert_null(node_for(vs, "virInternalHelper"));
	assert_string_equal(winner_text(vs, "virInternalHelper"), "");
	assert_string_equal(vs->path, DATA_DIR "libvirt_public.syms");
	abg_vscript_free(vs);
}

static void test_gfapi_map(void **state)
{
	(void)state;
	struct abg_vscript *vs = load_ok("gfapi.map");
	assert_int_equal(vs->nnodes, 5);
	const struct abg_vs_node *first = &vs->nodes[0];
	assert_string_equal(first->name, "GFAPI_3.4.0");
	assert_int_equal(first->npatterns, 7);
	const struct abg_vs_pattern *star = &first->patterns[6];
	assert_string_equal(star->text, "*");
	assert_true(star->is_glob);
	assert_true(star->is_local);
	assert_int_equal(star->line, 12);

	const struct abg_vs_node *priv =
		abg_vscript_find_node(vs, "GFAPI_PRIVATE_3.7.0");
	assert_non_null(priv);
	assert_int_equal(priv->line, 26);
	assert_string_equal(priv->parents[0], "GFAPI_3.7.0");
	assert_string_equal(node_for(vs, "glfs_ipc"), "GFAPI_PRIVATE_3.7.0");

	/* Listed in two nodes (a .symver'd symbol): the first node wins. */
	assert_string_equal(node_for(vs, "glfs_h_poll_upcall"), "GFAPI_3.4.0");
	const struct abg_vs_node *last =
		abg_vscript_find_node(vs, "GFAPI_4.1.6");
	assert_true(abg_vscript_node_exports(last, "glfs_h_poll_upcall"));
	assert_true(abg_vscript_node_exports(first, "glfs_h_poll_upcall"));

	/* Unlisted names fall to local: *, reported as the match. */
	const struct abg_vs_pattern *pat = NULL;
	assert_null(abg_vscript_node_for(vs, "glfs_internal", &pat));
	assert_ptr_equal(pat, star);
	assert_true(abg_vscript_node_hides(first, "glfs_internal"));
	assert_false(abg_vscript_node_hides(last, "glfs_internal"));
	assert_false(abg_vscript_node_exports(first, "glfs_internal"));
	abg_vscript_free(vs);
}

static void test_libbpf_map(void **state)
{
	(void)state;
	struct abg_vscript *vs = load_ok("libbpf.map");
	assert_int_equal(vs->nnodes, 3);
	assert_string_equal(vs->nodes[0].name, "LIBBPF_0.0.1");
	assert_int_equal(vs->nodes[0].line, 2);
	assert_int_equal(vs->nodes[0].npatterns, 5);
	assert_true(vs->nodes[0].patterns[4].is_local);
	assert_int_equal(vs->nodes[0].patterns[4].line, 9);
	assert_string_equal(vs->nodes[2].parents[0], "LIBBPF_0.0.2");
	assert_string_equal(node_for(vs, "bpf_object__open"), "LIBBPF_0.0.1");
	assert_string_equal(node_for(vs, "btf_ext__free"), "LIBBPF_0.0.2");
	assert_string_equal(node_for(vs, "bpf_map__is_internal"),
			    "LIBBPF_0.0.3");
	assert_null(node_for(vs, "libbpf_internal"));
	assert_string_equal(winner_text(vs, "libbpf_internal"), "*");
	abg_vscript_free(vs);
}

static void test_multiple_parents_and_forward_reference(void **state)
{
	(void)state;
	struct abg_vscript *vs = parse_ok("A_2 { a2; } A_1 B_1;\n"
					  "A_1 { a1; };\n"
					  "B_1 { b1; };\n");
	assert_int_equal(vs->nodes[0].nparents, 2);
	assert_string_equal(vs->nodes[0].parents[0], "A_1");
	assert_string_equal(vs->nodes[0].parents[1], "B_1");
	abg_vscript_free(vs);
}

/* ---- lexical details ----------------------------------------------------- */

static void test_comments(void **state)
{
	(void)state;
	struct abg_vscript *vs =
		parse_ok("# hash comment { not a node\n"
			 "/* block\n"
			 "   comment }; */ N_1 /* inline */ {\n"
			 "\tglobal: # trailing\n"
			 "\t\tfoo; /* two */ bar;\n"
			 "\tlocal: *;\n"
			 "}; # no newline at end");
	assert_int_equal(vs->nnodes, 1);
	assert_string_equal(vs->nodes[0].name, "N_1");
	assert_int_equal(vs->nodes[0].line, 3);
	assert_int_equal(vs->nodes[0].npatterns, 3);
	assert_string_equal(vs->nodes[0].patterns[1].text, "bar");
	assert_int_equal(vs->nodes[0].patterns[1].line, 5);
	abg_vscript_free(vs);
}

static void test_empty_inputs(void **state)
{
	(void)state;
	/* Nothing at all, or only comments: GNU ld refuses it, so do we. */
	struct abg_vscript *vs = NULL;
	struct abg_error err = {0};
	assert_int_equal(abg_vscript_parse("t.map", "", 0, &vs, &err), -1);
	assert_null(vs);
	assert_non_null(strstr(err.message, "no version node"));
	const char comments[] = "  # only a comment\n/* and another */\n";
	assert_int_equal(abg_vscript_parse("t.map", comments,
					   sizeof comments - 1, &vs, &err),
			 -1);
	assert_int_equal(err.line, 1);
	/* Empty nodes are fine: ld takes them. */
	vs = parse_ok("E_1 { };\nE_2 { global: local: };\n");
	assert_int_equal(vs->nnodes, 2);
	assert_int_equal(vs->nodes[0].npatterns, 0);
	assert_null(vs->nodes[1].patterns);
	abg_vscript_free(vs);
}

static void test_len_is_authoritative(void **state)
{
	(void)state;
	const char text[] = "N_1 { foo; };garbage {";
	struct abg_vscript *vs = NULL;
	struct abg_error err = {0};
	assert_int_equal(abg_vscript_parse("t.map", text, 13, &vs, &err), 0);
	assert_int_equal(vs->nnodes, 1);
	abg_vscript_free(vs);
	/* An embedded NUL is input, not an end marker. */
	assert_int_equal(
		abg_vscript_parse("t.map", "N_1 { a; };\0X", 13, &vs, &err),
		-1);
	assert_string_equal(err.message, "unexpected character 0x00");
	assert_int_equal(err.line, 1);
}

static void test_keywords_as_names(void **state)
{
	(void)state;
	struct abg_vscript *vs =
		parse_ok("K_1 { global; local; extern; global: x; };\n");
	assert_int_equal(vs->nodes[0].npatterns, 4);
	assert_string_equal(vs->nodes[0].patterns[0].text, "global");
	assert_string_equal(vs->nodes[0].patterns[1].text, "local");
	assert_string_equal(vs->nodes[0].patterns[2].text, "extern");
	assert_false(vs->nodes[0].patterns[1].is_local);
	assert_string_equal(node_for(vs, "extern"), "K_1");
	abg_vscript_free(vs);
}

static void test_sections(void **state)
{
	(void)state;
	struct abg_vscript *vs = parse_ok("S_1 { pre; local: hid; global: "
					  "pub; local : *; };\n");
	const struct abg_vs_node *n = &vs->nodes[0];
	assert_int_equal(n->npatterns, 4);
	assert_false(n->patterns[0].is_local); /* before any label */
	assert_true(n->patterns[1].is_local);
	assert_false(n->patterns[2].is_local);
	assert_true(n->patterns[3].is_local);
	assert_true(abg_vscript_node_exports(n, "pre"));
	assert_true(abg_vscript_node_exports(n, "pub"));
	assert_false(abg_vscript_node_exports(n, "hid"));
	assert_true(abg_vscript_node_hides(n, "hid"));
	assert_true(abg_vscript_node_hides(n, "anything"));
	abg_vscript_free(vs);
}

/* ---- matching ------------------------------------------------------------ */

static void test_exact_beats_glob(void **state)
{
	(void)state;
	struct abg_vscript *vs = parse_ok("G_1 { foo_*; local: *; };\n"
					  "G_2 { foo_bar; } G_1;\n");
	assert_string_equal(node_for(vs, "foo_bar"), "G_2");
	assert_string_equal(winner_text(vs, "foo_bar"), "foo_bar");
	assert_string_equal(node_for(vs, "foo_baz"), "G_1");
	assert_string_equal(winner_text(vs, "foo_baz"), "foo_*");
	assert_true(vs->nodes[0].patterns[0].is_glob);
	abg_vscript_free(vs);
}

static void test_glob_beats_star(void **state)
{
	(void)state;
	struct abg_vscript *vs = parse_ok("G_1 { global: *; };\n"
					  "G_2 { global: lib?_[a-c]*; };\n"
					  "G_3 { local: priv_*; };\n");
	assert_string_equal(node_for(vs, "libx_alpha"), "G_2");
	assert_string_equal(node_for(vs, "libx_delta"), "G_1");
	assert_string_equal(node_for(vs, "libxy_alpha"), "G_1");
	/* A local glob also beats a global "*". */
	const struct abg_vs_pattern *pat = NULL;
	assert_null(abg_vscript_node_for(vs, "priv_x", &pat));
	assert_non_null(pat);
	assert_string_equal(pat->text, "priv_*");
	assert_true(pat->is_local);
	abg_vscript_free(vs);
}

static void test_local_exact_wins(void **state)
{
	(void)state;
	struct abg_vscript *vs = parse_ok("L_1 { global: api_*; local: "
					  "api_secret; };\n");
	const struct abg_vs_pattern *pat = NULL;
	assert_null(abg_vscript_node_for(vs, "api_secret", &pat));
	assert_non_null(pat);
	assert_string_equal(pat->text, "api_secret");
	assert_int_equal(pat->line, 1);
	assert_string_equal(node_for(vs, "api_open"), "L_1");
	abg_vscript_free(vs);
}

static void test_ties_go_to_first_in_file(void **state)
{
	(void)state;
	struct abg_vscript *vs = parse_ok("T_1 { local: x_*; };\n"
					  "T_2 { global: x_*; dup; };\n"
					  "T_3 { global: dup; local: *; };\n"
					  "T_4 { global: *; };\n");
	const struct abg_vs_pattern *pat = NULL;
	assert_null(abg_vscript_node_for(vs, "x_1", &pat));
	assert_int_equal(pat->line, 1);
	assert_string_equal(node_for(vs, "dup"), "T_2");
	/* Both "*" patterns tie; the local one in T_3 comes first. */
	assert_null(abg_vscript_node_for(vs, "other", &pat));
	assert_true(pat->is_local);
	assert_int_equal(pat->line, 3);
	abg_vscript_free(vs);
}

static void test_quoted_names_are_literal(void **state)
{
	(void)state;
	struct abg_vscript *vs = parse_ok("Q_1 { \"foo*\"; \"a b\"; "
					  "\"*\"; };\n");
	const struct abg_vs_node *n = &vs->nodes[0];
	assert_string_equal(n->patterns[0].text, "foo*");
	assert_false(n->patterns[0].is_glob);
	assert_string_equal(n->patterns[1].text, "a b");
	assert_string_equal(node_for(vs, "foo*"), "Q_1");
	assert_null(node_for(vs, "foobar"));
	assert_string_equal(node_for(vs, "a b"), "Q_1");
	assert_string_equal(node_for(vs, "*"), "Q_1");
	assert_null(node_for(vs, "x"));
	abg_vscript_free(vs);
}

static void test_extern_blocks(void **state)
{
	(void)state;
	struct abg_vscript *vs =
		parse_ok("X_1 {\n"
			 "  global:\n"
			 "    extern \"C\" { c_one; c_*; };\n"
			 "    extern \"C++\" {\n"
			 "      \"ns::f(int)\";\n"
			 "      ns::*;\n"
			 "      plain_name\n"
			 "    };\n"
			 "    extern \"java\" { java_name; };\n"
			 "    after;\n"
			 "  local: *;\n"
			 "};\n");
	const struct abg_vs_node *n = &vs->nodes[0];
	assert_int_equal(n->npatterns, 8);
	assert_int_equal(n->patterns[0].lang, ABG_VS_LANG_C);
	assert_int_equal(n->patterns[1].lang, ABG_VS_LANG_C);
	assert_int_equal(n->patterns[2].lang, ABG_VS_LANG_CXX);
	assert_string_equal(n->patterns[2].text, "ns::f(int)");
	assert_false(n->patterns[2].is_glob);
	assert_int_equal(n->patterns[2].line, 5);
	assert_string_equal(n->patterns[3].text, "ns::*");
	assert_true(n->patterns[3].is_glob);
	assert_int_equal(n->patterns[3].lang, ABG_VS_LANG_CXX);
	assert_int_equal(n->patterns[4].lang, ABG_VS_LANG_CXX);
	assert_int_equal(n->patterns[5].lang, ABG_VS_LANG_JAVA);
	assert_int_equal(n->patterns[6].lang, ABG_VS_LANG_C);
	assert_string_equal(n->patterns[6].text, "after");
	assert_false(n->patterns[6].is_local);

	assert_string_equal(node_for(vs, "c_two"), "X_1");
	/* C++ globs never match C symbol names; exact text still does. */
	assert_null(node_for(vs, "ns::g"));
	assert_string_equal(winner_text(vs, "ns::g"), "*");
	assert_string_equal(node_for(vs, "plain_name"), "X_1");
	assert_string_equal(node_for(vs, "ns::f(int)"), "X_1");
	assert_false(abg_vscript_node_exports(n, "ns::g"));
	abg_vscript_free(vs);
}

static void test_anonymous_node(void **state)
{
	(void)state;
	struct abg_vscript *vs =
		parse_ok("# anonymous\n{ global: api_*; local: *; };\n");
	assert_int_equal(vs->nnodes, 1);
	assert_string_equal(vs->nodes[0].name, "");
	assert_int_equal(vs->nodes[0].line, 2);
	assert_string_equal(node_for(vs, "api_x"), "");
	assert_null(node_for(vs, "other"));
	assert_ptr_equal(abg_vscript_find_node(vs, ""), &vs->nodes[0]);
	abg_vscript_free(vs);
}

static void test_version_wrapper(void **state)
{
	(void)state;
	struct abg_vscript *vs = parse_ok("VERSION {\n"
					  "  W_1 { global: w1; local: *; };\n"
					  "  W_2 { w2; } W_1;\n"
					  "}\n");
	assert_int_equal(vs->nnodes, 2);
	assert_string_equal(vs->nodes[1].name, "W_2");
	assert_int_equal(vs->nodes[1].line, 3);
	abg_vscript_free(vs);

	vs = parse_ok("VERSION { { anon; }; };");
	assert_int_equal(vs->nnodes, 1);
	assert_string_equal(vs->nodes[0].name, "");
	abg_vscript_free(vs);

	vs = parse_ok("VERSION { }");
	assert_int_equal(vs->nnodes, 0);
	abg_vscript_free(vs);

	/* In a plain version script VERSION is just a node name. */
	vs = parse_ok("VERSION { global: v; };\nNEXT { n; } VERSION;\n");
	assert_int_equal(vs->nnodes, 2);
	assert_string_equal(vs->nodes[0].name, "VERSION");
	assert_string_equal(vs->nodes[0].patterns[0].text, "v");
	assert_string_equal(vs->nodes[1].parents[0], "VERSION");
	abg_vscript_free(vs);
}

/* ---- errors -------------------------------------------------------------- */

static void test_error_missing_node_semicolon(void **state)
{
	(void)state;
	expect_error(
		"LIBFOO_1.0 {\n  foo;\n}\nLIBFOO_1.1 { bar; } LIBFOO_1.0;\n", 3,
		"expected ';' after version node 'LIBFOO_1.0'");
	expect_error("LIBFOO_1.0 { foo; }", 1,
		     "expected ';' after version node 'LIBFOO_1.0'");
	expect_error("A_1 { };\nA_2 { } A_1 }", 2,
		     "expected ';' after version node 'A_2'");
	expect_error("{ foo; } A_1;", 1,
		     "expected ';' after anonymous version node");
}

static void test_error_unterminated_comment(void **state)
{
	(void)state;
	expect_error("A_1 { foo; };\n\n/* never\nclosed *", 3,
		     "unterminated comment");
	expect_error("A_1 { /", 1, "unexpected character '/'");
}

static void test_error_duplicate_node(void **state)
{
	(void)state;
	expect_error("X_1 { a; };\nX_2 { b; };\n\nX_1 { c; };\n", 4,
		     "duplicate version node 'X_1'");
}

static void test_error_unknown_parent(void **state)
{
	(void)state;
	expect_error("A_1 { a; };\nA_2 { b; }\n  A_1 A_0;\n", 3,
		     "unknown parent version node 'A_0' of 'A_2'");
}

static void test_error_cycles(void **state)
{
	(void)state;
	expect_error("A_1 { a; } A_1;\n", 1,
		     "version node 'A_1' lists itself as parent");
	expect_error("A_1 { a; } A_2;\nA_2 { b; } A_3;\nA_3 { c; }\nA_1;\n", 4,
		     "circular dependency between version nodes 'A_3' and "
		     "'A_1'");
}

static void test_error_unexpected_eof(void **state)
{
	(void)state;
	expect_error("LIBX_2.0 {\n  global:\n    x;\n", 4,
		     "unexpected end of file in version node 'LIBX_2.0'");
	expect_error("{\n  global:\n    x;", 3,
		     "unexpected end of file in anonymous version node");
	expect_error("X_1 { extern \"C\" { a;", 1,
		     "unexpected end of file in version node 'X_1'");
	expect_error("VERSION {\n  V_1 { };\n", 3,
		     "unexpected end of file in VERSION block");
}

static void test_error_unexpected_tokens(void **state)
{
	(void)state;
	expect_error("X_1 { foo;\n  : bar; };", 2,
		     "unexpected ':' in version node 'X_1'");
	expect_error("X_1 { foo;\n  { };", 2,
		     "unexpected '{' in version node 'X_1'");
	expect_error("X_1 { };\n;", 2, "expected version node, found ';'");
	expect_error("X_1 { };\n}", 2, "expected version node, found '}'");
	expect_error("X_1 { };\n\"Q\" { };", 2,
		     "expected version node, found \"Q\"");
	expect_error("X_1 { foo@bar; };", 1, "unexpected character '@'");
	expect_error("X_1 { f\x01; };", 1, "unexpected character 0x01");
	expect_error("VERSION { V_1 { }; }\nV_2 { };", 2,
		     "unexpected 'V_2' after VERSION block");
}

static void test_error_missing_pattern_semicolon(void **state)
{
	(void)state;
	expect_error("X_1 {\n  foo\n};", 2, "expected ';' after 'foo'");
	expect_error("X_1 { global: \"quoted\" bar; };", 1,
		     "expected ';' after \"quoted\"");
	expect_error("X_1 { foo: bar; };", 1, "expected ';' after 'foo'");
}

static void test_error_node_names(void **state)
{
	(void)state;
	expect_error("X_1\n;", 1, "expected '{' after version node name 'X_1'");
	expect_error("LIB* { a; };", 1, "invalid version node name 'LIB*'");
	expect_error("A_1 { };\nA_2 { } A_1 A-0;", 2,
		     "invalid parent version node name 'A-0'");
}

static void test_error_quoted_names(void **state)
{
	(void)state;
	expect_error("X_1 {\n \"never closed;\n};\n", 2,
		     "unterminated quoted name");
}

static void test_error_anonymous_combined(void **state)
{
	(void)state;
	expect_error("{ a; };\nNAMED { b; };", 2,
		     "anonymous version node cannot be combined with other "
		     "version nodes");
	expect_error("NAMED { b; };\n\n{ a; };", 3,
		     "anonymous version node cannot be combined with other "
		     "version nodes");
}

static void test_error_extern(void **state)
{
	(void)state;
	expect_error("X_1 {\n  extern \"Fortran\" { a; };\n};", 2,
		     "unknown language \"Fortran\" in extern block");
	expect_error("X_1 { extern \"C++\" a; };", 1,
		     "expected '{' after extern \"C++\"");
	expect_error("X_1 {\n  extern \"C\" { a; }\n  b;\n};", 2,
		     "expected ';' after extern block");
	expect_error("X_1 { extern \"C\" {\n  local: a; }; };", 2,
		     "'local:' is not allowed inside an extern block");
	expect_error("X_1 { extern \"C\" { extern \"C\" { extern \"C\" {"
		     " extern \"C\" { extern \"C\" { extern \"C\" {"
		     " extern \"C\" { extern \"C\" { extern \"C\" {"
		     " a; }; }; }; }; }; }; }; }; }; };",
		     1, "extern blocks nested too deeply");
	/* Nesting within the bound is accepted, as ld does. */
	struct abg_vscript *vs = parse_ok("X_1 { extern \"C++\" { extern \"C\" "
					  "{ a; }; b; }; };");
	assert_int_equal(vs->nodes[0].patterns[0].lang, ABG_VS_LANG_C);
	assert_int_equal(vs->nodes[0].patterns[1].lang, ABG_VS_LANG_CXX);
	abg_vscript_free(vs);
}

static void test_error_long_token_is_truncated(void **state)
{
	(void)state;
	char text[256];
	snprintf(text, sizeof text, "X_1 { %s };",
		 "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghij");
	expect_error(text, 1,
		     "expected ';' after "
		     "'abcdefghijabcdefghijabcdefghijabcdefghij...'");
}

static void test_load_missing_file(void **state)
{
	(void)state;
	struct abg_vscript *vs = (void *)1;
	struct abg_error err = {0};
	assert_int_equal(
		abg_vscript_load(DATA_DIR "does-not-exist.map", &vs, &err), -1);
	assert_null(vs);
	assert_int_equal(err.line, 0);
	assert_non_null(strstr(err.message, "cannot open"));
}

/* ---- robustness ---------------------------------------------------------- */

static void parse_and_discard(const char *text, size_t len)
{
	char *copy = malloc(len ? len : 1);
	assert_non_null(copy);
	memcpy(copy, text, len);
	struct abg_vscript *vs = NULL;
	struct abg_error err = {0};
	if (abg_vscript_parse("t.map", copy, len, &vs, &err) == 0) {
		assert_non_null(vs);
		abg_vscript_node_for(vs, "foo", NULL);
		abg_vscript_free(vs);
	} else {
		assert_null(vs);
		assert_true(err.message[0] != '\0');
		assert_true(err.line >= 1);
	}
	free(copy);
}

/* Every prefix of a script exercising all constructs must parse or fail
 * cleanly; with ASan this also proves no read goes past len. */
static void test_every_prefix(void **state)
{
	(void)state;
	static const char script[] =
		"VERSION {\n# c\nA_1 { global: a; \"q*\"; extern \"C++\" "
		"{ ns::x; \"y\" }; local: *; }; /* b */\n"
		"A_2 { b?[x]; } A_1;\n}\n";
	size_t len = sizeof script - 1;
	for (size_t i = 0; i <= len; i++)
		parse_and_discard(script, i);
	struct abg_vscript *vs = parse_ok(script);
	assert_int_equal(vs->nnodes, 2);
	abg_vscript_free(vs);
}

static void test_random_bytes(void **state)
{
	(void)state;
	static const char alphabet[] = "{};:\"#/*\n AB_1.?[]-extrnglobalC+";
	uint32_t seed = 12345;
	char buf[96];
	for (int round = 0; round < 20000; round++) {
		size_t len = (size_t)(round % (int)sizeof buf);
		for (size_t i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			uint32_t r = seed >> 16;
			buf[i] = (r & 7) == 0 ? (char)(r >> 3)
					      : alphabet[(r >> 3) %
							 (sizeof alphabet - 1)];
		}
		parse_and_discard(buf, len);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_libvirt_chain),
		cmocka_unit_test(test_gfapi_map),
		cmocka_unit_test(test_libbpf_map),
		cmocka_unit_test(test_multiple_parents_and_forward_reference),
		cmocka_unit_test(test_comments),
		cmocka_unit_test(test_empty_inputs),
		cmocka_unit_test(test_len_is_authoritative),
		cmocka_unit_test(test_keywords_as_names),
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_exact_beats_glob),
		cmocka_unit_test(test_glob_beats_star),
		cmocka_unit_test(test_local_exact_wins),
		cmocka_unit_test(test_ties_go_to_first_in_file),
		cmocka_unit_test(test_quoted_names_are_literal),
		cmocka_unit_test(test_extern_blocks),
		cmocka_unit_test(test_anonymous_node),
		cmocka_unit_test(test_version_wrapper),
		cmocka_unit_test(test_error_missing_node_semicolon),
		cmocka_unit_test(test_error_unterminated_comment),
		cmocka_unit_test(test_error_duplicate_node),
		cmocka_unit_test(test_error_unknown_parent),
		cmocka_unit_test(test_error_cycles),
		cmocka_unit_test(test_error_unexpected_eof),
		cmocka_unit_test(test_error_unexpected_tokens),
		cmocka_unit_test(test_error_missing_pattern_semicolon),
		cmocka_unit_test(test_error_node_names),
		cmocka_unit_test(test_error_quoted_names),
		cmocka_unit_test(test_error_anonymous_combined),
		cmocka_unit_test(test_error_extern),
		cmocka_unit_test(test_error_long_token_is_truncated),
		cmocka_unit_test(test_load_missing_file),
		cmocka_unit_test(test_every_prefix),
		cmocka_unit_test(test_random_bytes),
	};
	return cmocka_run_group_tests(tests, 0, NULL);
}
