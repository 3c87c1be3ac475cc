/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Every rule, on a pair of hand-built models: a change it must report and
 * the same change made correctly, which it must not. Also: every rule file
 * is registered, and every rule explains itself.
 */
#include "abiguard/rules.h"

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* ---- registry ------------------------------------------------------------ */

static void test_every_rule_file_is_registered(void **state)
{
	(void)state;
	DIR *dir = opendir(ABG_TEST_SOURCE_DIR "/../common/rules");
	assert_non_null(dir);
	size_t files = 0;
	struct dirent *e;
	while ((e = readdir(dir))) {
		size_t n = strlen(e->d_name);
		if (n < 3 || strcmp(e->d_name + n - 2, ".c") != 0)
			continue;
		char id[256];
		snprintf(id, sizeof id, "%.*s", (int)(n - 2), e->d_name);
		if (!abg_rule_find(id))
			fail_msg("rule file %s is not registered", e->d_name);
		files++;
	}
	closedir(dir);
	assert_int_equal(files, abg_nrules);
}

static void test_every_rule_explains_itself(void **state)
{
	(void)state;
	for (size_t i = 0; i < abg_nrules; i++) {
		const struct abg_rule *r = abg_rules[i];
		for (const char *p = r->id; *p; p++)
			assert_true((*p >= 'a' && *p <= 'z') || *p == '-');
		assert_true(strlen(r->summary) > 10);
		assert_true(strlen(r->why) > 10);
		assert_true(strlen(r->when_not) > 10);
		assert_true(strlen(r->action) > 3);
		assert_non_null(r->check);
		assert_true(r->scopes != 0);
	}
}

/* ---- fixtures ------------------------------------------------------------ */

/*
 * The library of every fixture: V_1 (released) with f(int) and
 * get(struct info *), V_2 (released) with g, V_3 open with h; struct info
 * { int a; int b; }; enum mode { M_A, M_B }; a variable counter (int).
 */
struct lib {
	struct abg_model *m;
	abg_type_id i32, info, mode, f_type, get_type, set_mode_type;
};

static void define_info(struct lib *l, bool grown)
{
	abg_model_define_record(
		l->m, l->info, grown ? 96 : 64, 32, false,
		(struct abg_location){"include/lib.h", 5, 8, 0});
	abg_model_add_field(l->m, l->info, "a", 0, -1, l->i32);
	if (grown)
		abg_model_add_field(l->m, l->info, "inserted", 32, -1, l->i32);
	abg_model_add_field(l->m, l->info, "b", grown ? 64 : 32, -1, l->i32);
}

static void define_mode(struct lib *l, bool shifted)
{
	abg_model_define_enum(l->m, l->mode, 32, 32, false,
			      (struct abg_location){"include/lib.h", 9, 6, 0});
	abg_model_add_enumerator(l->m, l->mode, "M_A", 0);
	if (shifted)
		abg_model_add_enumerator(l->m, l->mode, "M_NEW", 1);
	abg_model_add_enumerator(l->m, l->mode, "M_B", shifted ? 2 : 1);
}

static void add_symbol(struct lib *l, const char *name, const char *node,
		       bool is_default, abg_type_id type, unsigned line)
{
	struct abg_symbol s = {
		.kind = ABG_SYMBOL_FUNCTION,
		.name = name,
		.node = node,
		.is_default = is_default,
		.type = type,
		.loc = {"include/lib.h", line, 5, 0},
	};
	abg_model_add_symbol(l->m, &s);
}

static struct lib make_lib(bool grown, bool shifted, abg_type_id f_param_kind)
{
	struct lib l = {.m = abg_model_new()};
	struct abg_model *m = l.m;
	l.i32 = abg_model_base(m, "int", 32, 32, true);
	abg_type_id param =
		f_param_kind ? abg_model_base(m, "long", 64, 64, true) : l.i32;
	l.info = abg_model_named(m, ABG_TYPE_STRUCT, "info");
	define_info(&l, grown);
	l.mode = abg_model_named(m, ABG_TYPE_ENUM, "mode");
	define_mode(&l, shifted);
	l.f_type = abg_model_function(m, l.i32, &param, 1, false, false, NULL);
	abg_type_id pinfo = abg_model_pointer(m, l.info);
	l.get_type =
		abg_model_function(m, l.i32, &pinfo, 1, false, false, NULL);
	l.set_mode_type =
		abg_model_function(m, l.i32, &l.mode, 1, false, false, NULL);
	abg_model_add_node(m, "V_1", true);
	abg_model_add_parent(m, abg_model_add_node(m, "V_2", true), "V_1");
	abg_model_add_parent(m, abg_model_add_node(m, "V_3", false), "V_2");
	m->soname = abg_model_intern(m, "liblib.so.1");
	return l;
}

static struct lib baseline(void)
{
	struct lib b = make_lib(false, false, 0);
	add_symbol(&b, "f", "V_1", true, b.f_type, 0);
	add_symbol(&b, "get", "V_1", true, b.get_type, 0);
	add_symbol(&b, "set_mode", "V_2", true, b.set_mode_type, 0);
	add_symbol(&b, "h", "V_3", true, b.f_type, 0);
	struct abg_symbol v = {.kind = ABG_SYMBOL_VARIABLE,
			       .name = "counter",
			       .node = "V_1",
			       .is_default = true,
			       .type = b.i32,
			       .size = 4};
	abg_model_add_symbol(b.m, &v);
	abg_model_canonicalize(b.m);
	return b;
}

struct collected {
	char text[8192];
	size_t n;
	size_t errors, omitted; /* the sink's counts */
};

static void collect(void *ctx, const struct abg_finding *f)
{
	struct collected *c = ctx;
	struct abg_strbuf sb = {0};
	abg_finding_format_text(f, &sb);
	size_t used = strlen(c->text);
	snprintf(c->text + used, sizeof c->text - used, "%s", sb.data);
	abg_strbuf_free(&sb);
	c->n++;
}

static const struct abg_vscript *fixture_vscript;
static unsigned fixture_max_findings = ABG_DEFAULT_MAX_FINDINGS;

/* Run one rule; return how many findings it made, text in *out. */
static size_t run_rule(const char *id, const struct abg_model *base,
		       const struct abg_model *cur, enum abg_scope scope,
		       struct collected *out)
{
	struct abg_options opts;
	abg_options_init(&opts);
	opts.max_findings = fixture_max_findings;
	struct abg_reach reach;
	abg_reach_build(&reach, base);
	memset(out, 0, sizeof *out);
	struct abg_sink sink = {.emit = collect, .ctx = out};
	struct abg_check_ctx ctx = {.options = &opts,
				    .baseline = base,
				    .current = cur,
				    .reach = &reach,
				    .vscript = fixture_vscript,
				    .scope = scope,
				    .sink = &sink,
				    .rule = abg_rule_find(id)};
	assert_non_null(ctx.rule);
	ctx.rule->check(&ctx);
	out->errors = sink.errors;
	out->omitted = sink.omitted;
	abg_reach_free(&reach);
	abg_options_free(&opts);
	return out->n;
}

/* The current build: the baseline's symbols, with changes. */
struct build {
	bool grown, shifted, long_param, f_moved, f_compat, g_added_v1,
		dropped_get, variable_long, f_unversioned;
};

static struct lib current(struct build b)
{
	struct lib l = make_lib(b.grown, b.shifted, b.long_param);
	if (b.f_moved) {
		abg_model_add_parent(l.m, abg_model_add_node(l.m, "V_4", false),
				     "V_2");
		add_symbol(&l, "f", "V_4", true, l.f_type, 20);
		if (b.f_compat) {
			abg_type_id i = l.i32;
			add_symbol(&l, "f", "V_1", false,
				   abg_model_function(l.m, l.i32, &i, 1, false,
						      false, NULL),
				   21);
		}
	} else if (b.f_unversioned) {
		/* Linked without its map entry: the base version only. */
		add_symbol(&l, "f", NULL, true, l.f_type, 20);
	} else {
		add_symbol(&l, "f", "V_1", true, l.f_type, 20);
	}
	if (!b.dropped_get)
		add_symbol(&l, "get", "V_1", true, l.get_type, 22);
	add_symbol(&l, "set_mode", "V_2", true, l.set_mode_type, 23);
	add_symbol(&l, "h", "V_3", true, l.f_type, 24);
	if (b.g_added_v1)
		add_symbol(&l, "new_fn", "V_1", true, l.f_type, 25);
	struct abg_symbol v = {
		.kind = ABG_SYMBOL_VARIABLE,
		.name = "counter",
		.node = "V_1",
		.is_default = true,
		.type = b.variable_long
				? abg_model_base(l.m, "long", 64, 64, true)
				: l.i32,
		.size = b.variable_long ? 8 : 4,
		.loc = {"include/lib.h", 30, 12, 0}};
	abg_model_add_symbol(l.m, &v);
	abg_model_canonicalize(l.m);
	return l;
}

static void expect(const char *rule, struct build bad, struct build good,
		   enum abg_scope scope, const char *first_line)
{
	struct lib base = baseline();
	struct lib b = current(bad), g = current(good);
	struct collected out;
	assert_int_equal(run_rule(rule, base.m, b.m, scope, &out) > 0, 1);
	if (strncmp(out.text, first_line, strlen(first_line)) != 0)
		fail_msg("%s: got\n%s", rule, out.text);
	if (run_rule(rule, base.m, g.m, scope, &out) != 0)
		fail_msg("%s fired on the correct change:\n%s", rule, out.text);
	abg_model_free(base.m);
	abg_model_free(b.m);
	abg_model_free(g.m);
}

/* ---- one fixture pair per rule -------------------------------------- */

static void test_released_signature_changed(void **state)
{
	(void)state;
	expect("released-signature-changed", (struct build){.long_param = true},
	       (struct build){
		       .long_param = true, .f_moved = true, .f_compat = true},
	       ABG_SCOPE_TU,
	       "include/lib.h:20:5: error: signature of 'f' changed, but its "
	       "default version is still 'f@@V_1' in released node 'V_1' "
	       "[released-signature-changed]\n"
	       "include/lib.h:20:5: note: parameter 1 changed from 'int' to "
	       "'long' [param-type-changed]\n");
}

static void test_released_type_changed(void **state)
{
	(void)state;
	expect("released-type-changed", (struct build){.grown = true},
	       (struct build){0}, ABG_SCOPE_TU,
	       "include/lib.h:5:8: error: 'struct info' grew from 8 to 12 bytes; "
	       "affects 'get@@V_1' [released-type-changed]\n");
}

static void test_enumerator_changed(void **state)
{
	(void)state;
	expect("enumerator-changed", (struct build){.shifted = true},
	       (struct build){0}, ABG_SCOPE_TU,
	       "include/lib.h:9:6: error: enumerator 'M_B' of 'enum mode' "
	       "changed value from 1 to 2 [enumerator-changed]\n");
}

static void test_released_variable_changed(void **state)
{
	(void)state;
	expect("released-variable-changed",
	       (struct build){.variable_long = true}, (struct build){0},
	       ABG_SCOPE_LIBRARY,
	       "include/lib.h:30:12: error: type of exported variable 'counter' "
	       "changed from 'int' to 'long' in released node 'V_1' "
	       "[released-variable-changed]\n");
}

static void test_compat_symbol_changed(void **state)
{
	(void)state;
	/* Moved, but the compat symbol kept the new (long) signature. */
	struct lib base = baseline();
	struct lib cur = make_lib(false, false, 1);
	add_symbol(&cur, "f", "V_1", false, cur.f_type, 21);
	abg_model_canonicalize(cur.m);
	struct collected out;
	assert_int_equal(run_rule("compat-symbol-changed", base.m, cur.m,
				  ABG_SCOPE_LIBRARY, &out),
			 1);
	assert_string_equal(
		strtok(out.text, "\n"),
		"include/lib.h:21:5: error: compat symbol 'f@V_1' has type "
		"'int (long)', which does not match the ABI recorded for "
		"'V_1' [compat-symbol-changed]");
	abg_model_free(cur.m);
	struct lib good = current((struct build){
		.long_param = true, .f_moved = true, .f_compat = true});
	assert_int_equal(run_rule("compat-symbol-changed", base.m, good.m,
				  ABG_SCOPE_LIBRARY, &out),
			 0);
	abg_model_free(good.m);
	abg_model_free(base.m);
}

static void test_symbol_added_to_released_node(void **state)
{
	(void)state;
	expect("symbol-added-to-released-node",
	       (struct build){.g_added_v1 = true}, (struct build){0},
	       ABG_SCOPE_TU,
	       "include/lib.h:25:5: error: 'new_fn' was added to version node "
	       "'V_1', which is already released [symbol-added-to-released-node]\n");
}

static void test_symbol_removed(void **state)
{
	(void)state;
	expect("symbol-removed", (struct build){.dropped_get = true},
	       (struct build){
		       .long_param = true, .f_moved = true, .f_compat = true},
	       ABG_SCOPE_LIBRARY,
	       "include/lib.h: error: 'get@@V_1' was removed but the soname "
	       "'liblib.so.1' did not change [symbol-removed]\n");
	/* Default moved without a compat symbol: named as such. */
	struct lib base = baseline();
	struct lib cur = current((struct build){.f_moved = true});
	struct collected out;
	assert_int_equal(run_rule("symbol-removed", base.m, cur.m,
				  ABG_SCOPE_LIBRARY, &out),
			 1);
	assert_non_null(
		strstr(out.text,
		       "'f@@V_1' is gone: the default version moved to 'V_4' "
		       "but no compat symbol 'f@V_1' was kept"));
	abg_model_free(cur.m);
	/* ... and one that lost its version has no node to name. */
	cur = current((struct build){.f_unversioned = true});
	assert_int_equal(run_rule("symbol-removed", base.m, cur.m,
				  ABG_SCOPE_LIBRARY, &out),
			 1);
	assert_non_null(strstr(
		out.text, "'f@@V_1' is gone: the default version is now "
			  "unversioned but no compat symbol 'f@V_1' was kept"));
	abg_model_free(cur.m);
	abg_model_free(base.m);
}

static void add_decl(struct lib *l, const char *name, bool public_header);

/* Which baseline symbols reach a type: through pointers and parameters,
 * each symbol once, in symbol order; none for an unreachable type. */
static void test_reach(void **state)
{
	(void)state;
	struct lib b = baseline();
	struct abg_reach reach;
	abg_reach_build(&reach, b.m);
	size_t n = 0;
	size_t *users = abg_reach_symbols(&reach, b.info, &n);
	assert_int_equal(n, 1); /* get(struct info *) */
	assert_string_equal(b.m->symbols[users[0]].name, "get");
	free(users);
	users = abg_reach_symbols(&reach, b.i32, &n);
	assert_int_equal(n, 5); /* every function returns int; counter is one */
	for (size_t i = 1; i < n; i++)
		assert_true(users[i - 1] < users[i]);
	free(users);
	assert_true(abg_reach_any(&reach, b.mode));
	abg_type_id lone = abg_model_named(b.m, ABG_TYPE_STRUCT, "lone");
	abg_reach_free(&reach);
	abg_reach_build(&reach, b.m);
	assert_false(abg_reach_any(&reach, lone));
	users = abg_reach_symbols(&reach, lone, &n);
	assert_int_equal(n, 0);
	free(users);
	abg_reach_free(&reach);
	abg_model_free(b.m);
}

/* The unit defining 'get' was built without the plugin: its symbol has no
 * type. A library without any summary gets one finding for all of them. */
static void test_symbol_type_unknown(void **state)
{
	(void)state;
	struct lib base = baseline();
	struct lib cur = current((struct build){.dropped_get = true});
	add_symbol(&cur, "get", "V_1", true, ABG_NO_TYPE, 0);
	add_decl(&cur, "f", true); /* another unit's summary */
	abg_model_canonicalize(cur.m);
	struct collected out;
	assert_int_equal(run_rule("symbol-type-unknown", base.m, cur.m,
				  ABG_SCOPE_LIBRARY, &out),
			 1);
	assert_string_equal(
		out.text,
		"include/lib.h: error: 'get@@V_1' is exported but no unit built "
		"with the plugin defines it, so its type cannot be checked "
		"[symbol-type-unknown]\n"
		"include/lib.h: note: the baseline records its type "
		"'int (struct info *)'\n"
		"include/lib.h: note: build the unit that defines 'get' with -fplugin=abiguard (a "
		"file with its own CFLAGS, or one the build generates, is easy to "
		"miss)\n");
	abg_model_free(cur.m);

	struct lib bare = baseline();
	for (size_t i = 0; i < bare.m->nsymbols; i++)
		bare.m->symbols[i].type = ABG_NO_TYPE;
	assert_int_equal(run_rule("symbol-type-unknown", base.m, bare.m,
				  ABG_SCOPE_LIBRARY, &out),
			 1);
	assert_non_null(strstr(out.text, "error: the library carries no "
					 "abiguard summary, so the types the "
					 "baseline records for '"));
	assert_non_null(strstr(out.text, "[symbol-type-unknown]\n"));
	abg_model_free(bare.m);
	abg_model_free(base.m);
}

static void test_symbol_unversioned(void **state)
{
	(void)state;
	struct lib base = baseline();
	struct lib cur = current((struct build){0});
	struct abg_symbol s = {.kind = ABG_SYMBOL_FUNCTION,
			       .name = "loose",
			       .is_default = true,
			       .loc = {"src/x.c", 3, 5, 0}};
	abg_model_add_symbol(cur.m, &s);
	struct collected out;
	assert_int_equal(run_rule("symbol-unversioned", base.m, cur.m,
				  ABG_SCOPE_LIBRARY, &out),
			 1);
	assert_string_equal(
		out.text, "src/x.c:3:5: error: 'loose' is exported but belongs "
			  "to no version node [symbol-unversioned]\n");
	cur.m->nsymbols--;
	assert_int_equal(run_rule("symbol-unversioned", base.m, cur.m,
				  ABG_SCOPE_LIBRARY, &out),
			 0);
	abg_model_free(cur.m);
	abg_model_free(base.m);
}

static void test_type_differs_between_units(void **state)
{
	(void)state;
	struct lib base = baseline();
	struct lib cur = current((struct build){0});
	struct collected out;
	assert_int_equal(run_rule("type-differs-between-units", base.m, cur.m,
				  ABG_SCOPE_LIBRARY, &out),
			 0);
	abg_model_add_conflict(
		cur.m, "the definition of 'struct info' (size 64 vs 96 bits)",
		(struct abg_location){"include/lib.h", 5, 8, 0},
		(struct abg_location){"include/lib.h", 5, 8, 0});
	assert_int_equal(run_rule("type-differs-between-units", base.m, cur.m,
				  ABG_SCOPE_LIBRARY, &out),
			 1);
	assert_string_equal(
		strtok(out.text, "\n"),
		"include/lib.h:5:8: error: the definition of 'struct info' (size 64 vs 96 "
		"bits) differs between translation units of this library "
		"[type-differs-between-units]");
	abg_model_free(cur.m);
	abg_model_free(base.m);
}

/* The fixture library's version script, with one change at a time. */
static struct abg_vscript *vscript(const char *text)
{
	struct abg_vscript *vs = NULL;
	struct abg_error err;
	if (abg_vscript_parse("lib.map", text, strlen(text), &vs, &err))
		fail_msg("%s", err.message);
	return vs;
}

static const char good_map[] = "V_1 { global: f; get; counter; local: *; };\n"
			       "V_2 { global: set_mode; } V_1;\n"
			       "V_3 { global: h; } V_2;\n";

static size_t run_with_map(const char *rule, const char *map,
			   const struct abg_model *base,
			   const struct abg_model *cur, struct collected *out)
{
	struct abg_vscript *vs = vscript(map);
	fixture_vscript = vs;
	size_t n = run_rule(rule, base, cur, ABG_SCOPE_LIBRARY, out);
	fixture_vscript = NULL;
	abg_vscript_free(vs);
	return n;
}

static void test_node_parent_not_newest(void **state)
{
	(void)state;
	struct lib base = baseline();
	struct lib cur = current((struct build){0});
	struct collected out;
	/* V_3 is open in the baseline; a new V_4 must inherit from V_2. */
	abg_model_add_parent(cur.m, abg_model_add_node(cur.m, "V_4", false),
			     "V_1");
	assert_int_equal(run_with_map("node-parent-not-newest", good_map,
				      base.m, cur.m, &out),
			 1);
	assert_string_equal(
		strtok(out.text, "\n"),
		"<unknown>: error: new version node 'V_4' does not inherit from "
		"'V_2', the newest released node [node-parent-not-newest]");
	abg_model_free(cur.m);
	cur = current((struct build){0});
	abg_model_add_parent(cur.m, abg_model_add_node(cur.m, "V_4", false),
			     "V_2");
	assert_int_equal(run_with_map("node-parent-not-newest", good_map,
				      base.m, cur.m, &out),
			 0);
	abg_model_free(cur.m);
	abg_model_free(base.m);
}

static void test_version_script_names_undefined(void **state)
{
	(void)state;
	struct lib base = baseline();
	struct lib cur = current((struct build){0});
	struct collected out;
	assert_int_equal(run_with_map("version-script-names-undefined",
				      good_map, base.m, cur.m, &out),
			 0);
	assert_int_equal(
		run_with_map(
			"version-script-names-undefined",
			"V_1 { global: f; get; counter; gte; local: *; };\n",
			base.m, cur.m, &out),
		1);
	assert_string_equal(
		out.text, "lib.map:1:1: error: version node 'V_1' lists 'gte', "
			  "which the library does not define "
			  "[version-script-names-undefined]\n");
	abg_model_free(cur.m);
	abg_model_free(base.m);
}

/* Past max-findings a rule's findings count but are not shown. */
static void test_max_findings(void **state)
{
	(void)state;
	struct lib base = baseline();
	struct lib cur = current((struct build){0});
	struct collected out;
	const char *map = "V_1 { global: f; get; counter; u1; u2; u3; u4; u5; "
			  "local: *; };\n";
	fixture_max_findings = 2;
	assert_int_equal(run_with_map("version-script-names-undefined", map,
				      base.m, cur.m, &out),
			 2);
	assert_int_equal(out.errors, 5);
	assert_int_equal(out.omitted, 3);
	assert_non_null(strstr(out.text, "'u2'"));
	assert_null(strstr(out.text, "'u3'"));
	fixture_max_findings = 0; /* no limit */
	assert_int_equal(run_with_map("version-script-names-undefined", map,
				      base.m, cur.m, &out),
			 5);
	assert_int_equal(out.omitted, 0);
	fixture_max_findings = ABG_DEFAULT_MAX_FINDINGS;
	abg_model_free(cur.m);
	abg_model_free(base.m);
}

static void test_version_node_mismatch(void **state)
{
	(void)state;
	struct lib base = baseline();
	struct lib cur = current((struct build){0});
	struct collected out;
	/* The script's nodes against the library's version definitions. */
	assert_int_equal(run_with_map("version-node-mismatch", good_map, base.m,
				      cur.m, &out),
			 0);
	assert_int_equal(
		run_with_map("version-node-mismatch",
			     "V_1 { global: f; get; counter; local: *; };\n"
			     "V_2 { global: set_mode; } V_1;\n"
			     "V_9 { global: h; } V_2;\n",
			     base.m, cur.m, &out),
		2);
	assert_string_equal(out.text,
			    "lib.map:3:1: error: version node 'V_9' is in the "
			    "version script but not in the library's version "
			    "definitions [version-node-mismatch]\n"
			    "lib.map: error: the library defines version node "
			    "'V_3', which the version script does not have "
			    "[version-node-mismatch]\n");
	/* An anonymous script defines no version. */
	assert_int_equal(run_with_map("version-node-mismatch",
				      "{ global: f; local: *; };\n", base.m,
				      cur.m, &out),
			 0);
	abg_model_free(cur.m);
	abg_model_free(base.m);
}

static void test_symbol_in_two_nodes(void **state)
{
	(void)state;
	struct lib base = baseline();
	struct lib cur = current((struct build){
		.long_param = true, .f_moved = true, .f_compat = true});
	const char map[] = "V_1 { global: f; get; counter; local: *; };\n"
			   "V_2 { global: set_mode; } V_1;\n"
			   "V_3 { global: h; } V_2;\n"
			   "V_4 { global: f; } V_2;\n";
	struct collected out;
	assert_int_equal(
		run_with_map("symbol-in-two-nodes", map, base.m, cur.m, &out),
		0);
	abg_model_free(cur.m);
	cur = current((struct build){.long_param = true, .f_moved = true});
	assert_int_equal(
		run_with_map("symbol-in-two-nodes", map, base.m, cur.m, &out),
		1);
	assert_string_equal(
		strtok(out.text, "\n"),
		"lib.map:1:1: error: 'f' is listed in several version nodes but the "
		"library has no 'f@V_1' [symbol-in-two-nodes]");
	abg_model_free(cur.m);
	abg_model_free(base.m);
}

static void add_decl(struct lib *l, const char *name, bool public_header)
{
	struct abg_decl d = {.kind = ABG_DECL_FUNCTION,
			     .name = name,
			     .symbol = name,
			     .type = l->f_type,
			     .public_header = public_header,
			     .loc = {"include/lib.h", 40, 5, 0}};
	abg_model_add_decl(l->m, &d);
}

static void test_declared_not_exported(void **state)
{
	(void)state;
	struct lib base = baseline();
	struct lib cur = current((struct build){0});
	struct collected out;
	add_decl(&cur, "f", true);
	assert_int_equal(run_rule("declared-not-exported", base.m, cur.m,
				  ABG_SCOPE_LIBRARY, &out),
			 0);
	add_decl(&cur, "planned", true);
	add_decl(&cur, "helper", false);
	/* one finding, a warning: no program linked earlier can break */
	assert_int_equal(run_rule("declared-not-exported", base.m, cur.m,
				  ABG_SCOPE_LIBRARY, &out),
			 1);
	assert_string_equal(
		strtok(out.text, "\n"),
		"include/lib.h:40:5: warning: 'planned' is declared in a public "
		"header but the library does not export it "
		"[declared-not-exported]");
	abg_model_free(cur.m);
	abg_model_free(base.m);
}

static void test_exported_not_declared(void **state)
{
	(void)state;
	struct lib base = baseline();
	struct lib cur = current((struct build){0});
	const char *names[] = {"f", "get", "set_mode", "h", "counter"};
	for (size_t i = 0; i < 4; i++)
		add_decl(&cur, names[i], true);
	struct collected out;
	assert_int_equal(run_rule("exported-not-declared", base.m, cur.m,
				  ABG_SCOPE_LIBRARY, &out),
			 1);
	assert_string_equal(
		strtok(out.text, "\n"),
		"include/lib.h:30:12: warning: 'counter' is exported but no public "
		"header declares it [exported-not-declared]");
	add_decl(&cur, names[4], true);
	assert_int_equal(run_rule("exported-not-declared", base.m, cur.m,
				  ABG_SCOPE_LIBRARY, &out),
			 0);
	abg_model_free(cur.m);
	abg_model_free(base.m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_rule_file_is_registered),
		cmocka_unit_test(test_every_rule_explains_itself),
		cmocka_unit_test(test_max_findings),
		cmocka_unit_test(test_released_signature_changed),
		cmocka_unit_test(test_released_type_changed),
		cmocka_unit_test(test_enumerator_changed),
		cmocka_unit_test(test_released_variable_changed),
		cmocka_unit_test(test_compat_symbol_changed),
		cmocka_unit_test(test_symbol_added_to_released_node),
		cmocka_unit_test(test_symbol_removed),
		cmocka_unit_test(test_symbol_type_unknown),
		cmocka_unit_test(test_reach),
		cmocka_unit_test(test_symbol_unversioned),
		cmocka_unit_test(test_type_differs_between_units),
		cmocka_unit_test(test_node_parent_not_newest),
		cmocka_unit_test(test_version_script_names_undefined),
		cmocka_unit_test(test_version_node_mismatch),
		cmocka_unit_test(test_symbol_in_two_nodes),
		cmocka_unit_test(test_declared_not_exported),
		cmocka_unit_test(test_exported_not_declared),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
