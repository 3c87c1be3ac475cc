/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The text form of a model (docs/baseline-format.md): exact text of small
 * models (golden files in data/serialize/), byte-identical round trips of a
 * model that uses every kind of type, independence from insertion order,
 * every reader error with its line and message, hostile input, merging of
 * TU summaries, and a 100,000-symbol baseline.
 *
 * After an intended format change, ABG_UPDATE_GOLDEN=1 rewrites the golden
 * files; review their diff like any other change.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "abiguard/merge.h"
#include "abiguard/serialize.h"

#define DATA_DIR ABG_TEST_SOURCE_DIR "/unit/data/serialize"
#define OUT_DIR ABG_TEST_BINARY_DIR "/serialize-out"

/* ---- building models by hand ------------------------------------------- */

static const struct abg_location nowhere;

static struct abg_location at(const char *file, unsigned line, unsigned col)
{
	struct abg_location loc = {file, line, col, 0};
	return loc;
}

/* x86_64 builtins. Not inlined: GCC would fold the lookups with literal
 * names and warn (-Wstring-compare) about the comparisons it can decide. */
__attribute__((noinline)) static abg_type_id base(struct abg_model *m,
						  const char *name)
{
	static const struct {
		const char *name;
		unsigned size, align;
		bool is_signed;
	} table[] = {
		{"_Bool", 8, 8, false},
		{"char", 8, 8, true},
		{"unsigned char", 8, 8, false},
		{"short", 16, 16, true},
		{"int", 32, 32, true},
		{"unsigned int", 32, 32, false},
		{"long", 64, 64, true},
		{"unsigned long", 64, 64, false},
		{"unsigned long long", 64, 64, false},
		{"double", 64, 64, true},
		{"long double", 128, 128, true},
		{"_Complex double", 128, 64, true},
		{"__int128", 128, 128, true},
	};
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (strcmp(table[i].name, name) == 0)
			return abg_model_base(m, name, table[i].size,
					      table[i].align,
					      table[i].is_signed);
	fail_msg("no base type %s", name);
	return 0;
}

static abg_type_id ptr(struct abg_model *m, abg_type_id t)
{
	return abg_model_pointer(m, t);
}

static abg_type_id cnst(struct abg_model *m, abg_type_id t)
{
	return abg_model_qualified(m, t, ABG_QUAL_CONST);
}

static abg_type_id fn(struct abg_model *m, abg_type_id ret, uint32_t n,
		      const abg_type_id *params)
{
	return abg_model_function(m, ret, params, n, false, false, NULL);
}

static abg_type_id named(struct abg_model *m, enum abg_type_kind kind,
			 const char *name)
{
	return abg_model_named(m, kind, name);
}

static void add_symbol(struct abg_model *m, enum abg_symbol_kind kind,
		       const char *name, const char *node, bool is_default,
		       uint64_t size, abg_type_id type)
{
	struct abg_symbol s = {kind, name, node,    is_default,
			       type, size, nowhere, false};
	abg_model_add_symbol(m, &s);
}

static void add_func(struct abg_model *m, const char *name, const char *node,
		     bool is_default, abg_type_id type)
{
	add_symbol(m, ABG_SYMBOL_FUNCTION, name, node, is_default, 0, type);
}

static void add_node(struct abg_model *m, const char *name, bool released,
		     const char *parent)
{
	struct abg_node *n = abg_model_add_node(m, name, released);
	n->known_state = true;
	if (parent)
		abg_model_add_parent(m, n, parent);
}

/* ---- text helpers ------------------------------------------------------- */

static char *write_text(const struct abg_model *m, enum abg_text_kind kind,
			const char *command)
{
	struct abg_strbuf sb = {0};
	abg_model_write(m, kind, command, &sb);
	char *text = strdup(abg_strbuf_cstr(&sb));
	abg_strbuf_free(&sb);
	return text;
}

static struct abg_model *read_ok(const char *text, enum abg_text_kind kind)
{
	struct abg_model *m = NULL;
	struct abg_error err = {0};
	int rc = abg_model_read("abi/test.abi", text, strlen(text), kind, &m,
				&err);
	if (rc) {
		char buf[1200];
		fail_msg("%s", abg_error_format(&err, buf, sizeof buf));
	}
	assert_non_null(m);
	return m;
}

/* write, read, write: the second text must be the first, to the byte */
static char *assert_round_trip(const struct abg_model *m,
			       enum abg_text_kind kind)
{
	char *first = write_text(m, kind, "make abi-update");
	struct abg_model *again = read_ok(first, kind);
	char *second = write_text(again, kind, "make abi-update");
	assert_string_equal(second, first);
	free(second);
	abg_model_free(again);
	return first;
}

static char *slurp(const char *path)
{
	struct abg_error err = {0};
	char *text = abg_read_file(path, NULL, &err);
	if (!text)
		fail_msg("cannot read %s: %s", path, err.message);
	return text;
}

/* ---- the demo library of the format documentation ---------------------- */

static abg_type_id demo_struct(struct abg_model *m)
{
	abg_type_id s = named(m, ABG_TYPE_STRUCT, "demo");
	if (abg_model_define_record(m, s, 128, 64, false,
				    at("include/demo.h", 12, 8))) {
		abg_model_add_field(m, s, "id", 0, -1, base(m, "int"));
		abg_model_add_field(m, s, "flags", 32, 3,
				    base(m, "unsigned int"));
		abg_model_add_field(m, s, "name", 64, -1,
				    ptr(m, cnst(m, base(m, "char"))));
	}
	return s;
}

static abg_type_id demo_mode(struct abg_model *m)
{
	abg_type_id e = named(m, ABG_TYPE_ENUM, "demo_mode");
	if (abg_model_define_enum(m, e, 32, 32, false,
				  at("include/demo.h", 5, 6))) {
		abg_model_add_enumerator(m, e, "DEMO_READ", 0);
		abg_model_add_enumerator(m, e, "DEMO_WRITE", 1);
	}
	return e;
}

static abg_type_id demo_cb(struct abg_model *m)
{
	abg_type_id t = named(m, ABG_TYPE_TYPEDEF, "demo_cb_t");
	abg_type_id params[] = {ptr(m, abg_model_void(m)), base(m, "int")};
	abg_model_define_typedef(m, t, ptr(m, fn(m, base(m, "int"), 2, params)),
				 at("include/demo.h", 9, 15));
	return t;
}

static abg_type_id demo_open_v1(struct abg_model *m)
{
	abg_type_id p[] = {ptr(m, cnst(m, base(m, "char"))), base(m, "int")};
	return fn(m, ptr(m, demo_struct(m)), 2, p);
}

static abg_type_id demo_open_v2(struct abg_model *m)
{
	abg_type_id p[] = {ptr(m, cnst(m, base(m, "char"))), base(m, "int"),
			   base(m, "unsigned int")};
	return fn(m, ptr(m, demo_struct(m)), 3, p);
}

static struct abg_model *demo_baseline(void)
{
	struct abg_model *m = abg_model_new();
	m->soname = abg_model_intern(m, "libdemo.so.1");
	m->target = abg_model_intern(m, "x86_64-lp64");
	add_node(m, "DEMO_2.0", false, "DEMO_1.1");
	add_node(m, "DEMO_1.0", true, NULL);
	add_node(m, "DEMO_1.1", true, "DEMO_1.0");
	abg_type_id demo_p = ptr(m, demo_struct(m));
	add_func(m, "demo_open", "DEMO_2.0", true, demo_open_v2(m));
	add_func(m, "demo_close", "DEMO_1.0", true,
		 fn(m, abg_model_void(m), 1, &demo_p));
	add_func(m, "demo_open", "DEMO_1.0", false, demo_open_v1(m));
	add_symbol(m, ABG_SYMBOL_VARIABLE, "demo_version", "DEMO_1.0", true, 4,
		   cnst(m, base(m, "int")));
	abg_type_id set_mode[] = {demo_p, demo_mode(m)};
	add_func(m, "demo_set_mode", "DEMO_1.1", true,
		 fn(m, base(m, "int"), 2, set_mode));
	abg_type_id on_event[] = {demo_p, demo_cb(m)};
	add_func(m, "demo_on_event", "DEMO_1.1", true,
		 fn(m, abg_model_void(m), 2, on_event));
	abg_type_id handle = ptr(m, named(m, ABG_TYPE_STRUCT, "demo_handle"));
	add_func(m, "demo_handle_of", "DEMO_2.0", true,
		 fn(m, handle, 1, &demo_p));
	add_func(m, "demo_debug_dump", NULL, false,
		 fn(m, abg_model_void(m), 0, NULL));
	return m;
}

static void add_decl(struct abg_model *m, enum abg_decl_kind kind,
		     const char *name, const char *symbol, abg_type_id type,
		     bool defined, struct abg_location loc)
{
	struct abg_decl d = {.kind = kind,
			     .name = name,
			     .symbol = symbol,
			     .type = type,
			     .defined = defined,
			     .public_header = true,
			     .exported = defined,
			     .loc = loc};
	abg_model_add_decl(m, &d);
}

static void add_symver(struct abg_model *m, const char *impl, const char *name,
		       const char *node, bool is_default,
		       struct abg_location loc)
{
	struct abg_symver s = {impl, name, node, is_default, loc};
	abg_model_add_symver(m, &s);
}

static struct abg_model *demo_summary(void)
{
	struct abg_model *m = abg_model_new();
	m->target = abg_model_intern(m, "x86_64-lp64");
	abg_type_id demo_p = ptr(m, demo_struct(m));
	add_decl(m, ABG_DECL_FUNCTION, "demo_open", NULL, demo_open_v2(m), true,
		 at("src/demo.c", 40, 14));
	add_decl(m, ABG_DECL_FUNCTION, "demo_open_v1", NULL, demo_open_v1(m),
		 true, at("src/demo.c", 30, 14));
	add_decl(m, ABG_DECL_FUNCTION, "demo_close", NULL,
		 fn(m, abg_model_void(m), 1, &demo_p), false,
		 at("include/demo.h", 20, 6));
	add_decl(m, ABG_DECL_VARIABLE, "demo_version", "__demo_version",
		 cnst(m, base(m, "int")), true, at("src/my dir/v.c", 3, 11));
	abg_type_id on_event[] = {demo_p, demo_cb(m)};
	add_decl(m, ABG_DECL_FUNCTION, "demo_on_event", NULL,
		 fn(m, abg_model_void(m), 2, on_event), false, nowhere);
	add_symver(m, "demo_open_v1", "demo_open", "DEMO_1.0", false,
		   at("src/demo.c", 35, 1));
	add_symver(m, "demo_open", "demo_open", "DEMO_2.0", true, nowhere);
	return m;
}

static void check_golden(const char *text, const char *name)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", DATA_DIR, name);
	if (getenv("ABG_UPDATE_GOLDEN")) {
		struct abg_error err = {0};
		assert_int_equal(
			abg_write_file_atomic(path, text, strlen(text), &err),
			0);
	}
	char *expected = slurp(path);
	assert_string_equal(text, expected);
	free(expected);
}

static void test_golden_baseline(void **state)
{
	(void)state;
	struct abg_model *m = demo_baseline();
	char *text = write_text(m, ABG_TEXT_BASELINE,
				"abiguard baseline update --baseline "
				"abi/libdemo.so.1.abi build/libdemo.so.1");
	check_golden(text, "demo.abi");
	free(text);
	free(assert_round_trip(m, ABG_TEXT_BASELINE));
	abg_model_free(m);
}

static void test_golden_summary(void **state)
{
	(void)state;
	struct abg_model *m = demo_summary();
	char *text = write_text(m, ABG_TEXT_SUMMARY, NULL);
	check_golden(text, "demo.summary");
	free(text);
	free(assert_round_trip(m, ABG_TEXT_SUMMARY));
	abg_model_free(m);
}

/* The golden file itself reads back into the same text. */
static void test_golden_file_reads_back(void **state)
{
	(void)state;
	char *golden = slurp(DATA_DIR "/demo.abi");
	struct abg_model *m = read_ok(golden, ABG_TEXT_BASELINE);
	char *again = write_text(m, ABG_TEXT_BASELINE,
				 "abiguard baseline update --baseline "
				 "abi/libdemo.so.1.abi build/libdemo.so.1");
	assert_string_equal(again, golden);
	free(again);
	abg_model_free(m);
	free(golden);
}

/* ---- a model with every kind of type ----------------------------------- */

/*
 * Each step adds one symbol (or declaration) and the types it needs. The
 * steps run forwards or backwards: the text must not change.
 */
typedef void (*build_step)(struct abg_model *m, bool summary);

static void add_entry(struct abg_model *m, bool summary, bool is_var,
		      const char *name, const char *node, uint64_t size,
		      abg_type_id type, unsigned line)
{
	if (summary) {
		add_decl(m, is_var ? ABG_DECL_VARIABLE : ABG_DECL_FUNCTION,
			 name, NULL, type, line % 2 == 0,
			 at("include/all.h", line, 5));
		return;
	}
	add_symbol(m, is_var ? ABG_SYMBOL_VARIABLE : ABG_SYMBOL_FUNCTION, name,
		   node, true, size, type); /* unversioned: the only version */
}

static void step_bitfields(struct abg_model *m, bool summary)
{
	abg_type_id s = named(m, ABG_TYPE_STRUCT, "bits");
	abg_type_id u = base(m, "unsigned int");
	abg_model_define_record(m, s, 64, 32, false, at("include/all.h", 3, 8));
	abg_model_add_field(m, s, "a", 0, 3, u);
	abg_model_add_field(m, s, "b", 3, 5, u);
	abg_model_add_field(m, s, "", 8, 0, base(m, "int"));
	abg_model_add_field(m, s, "c", 32, -1, base(m, "int"));
	add_entry(m, summary, false, "all_bits", "ALL_1", 0,
		  fn(m, base(m, "int"), 1, &s), 10);
}

/* struct outer { int kind; union { long l; double d; };
 *                struct { int x, y; } inner; char data[]; }; */
static void step_anonymous_members(struct abg_model *m, bool summary)
{
	abg_type_id s = named(m, ABG_TYPE_STRUCT, "outer");
	abg_model_define_record(m, s, 256, 64, false,
				at("include/all.h", 5, 8));
	abg_model_add_field(m, s, "kind", 0, -1, base(m, "int"));
	abg_model_add_field(
		m, s, "", 64, -1,
		abg_model_anonymous_record(m, ABG_TYPE_UNION, 64, 64));
	abg_model_add_field(m, s, "l", 64, -1, base(m, "long"));
	abg_model_add_field(m, s, "d", 64, -1, base(m, "double"));
	abg_model_add_field(
		m, s, "inner", 128, -1,
		abg_model_anonymous_record(m, ABG_TYPE_STRUCT, 64, 32));
	abg_model_add_field(m, s, "inner.x", 128, -1, base(m, "int"));
	abg_model_add_field(m, s, "inner.y", 160, -1, base(m, "int"));
	abg_model_add_field(m, s, "data", 192, -1,
			    abg_model_array(m, base(m, "char"), -1));
	abg_type_id p = ptr(m, s);
	add_entry(m, summary, false, "all_outer", "ALL_1", 0,
		  fn(m, abg_model_void(m), 1, &p), 11);
}

static void step_packed(struct abg_model *m, bool summary)
{
	abg_type_id s = named(m, ABG_TYPE_STRUCT, "packed_s");
	abg_model_define_record(m, s, 56, 8, true, at("include/all.h", 7, 8));
	abg_model_add_field(m, s, "c", 0, -1, base(m, "char"));
	abg_model_add_field(m, s, "i", 8, -1, base(m, "int"));
	abg_model_add_field(m, s, "c2", 40, -1, base(m, "char"));
	abg_model_add_field(m, s, "c3", 48, -1, base(m, "char"));
	add_entry(m, summary, true, "all_packed", "ALL_1", 7, s, 12);
}

static void step_enums(struct abg_model *m, bool summary)
{
	abg_type_id big = named(m, ABG_TYPE_ENUM, "big");
	abg_model_define_enum(m, big, 64, 64, false, at("include/all.h", 9, 6));
	abg_model_add_enumerator(m, big, "BIG_A", 0);
	abg_model_add_enumerator(m, big, "BIG_MAX", -1); /* 2^64 - 1 */
	abg_type_id neg = named(m, ABG_TYPE_ENUM, "neg");
	abg_model_define_enum(m, neg, 32, 32, true, at("include/all.h", 10, 6));
	abg_model_add_enumerator(m, neg, "NEG_MIN", INT64_MIN);
	abg_model_add_enumerator(m, neg, "NEG_M5", -5);
	abg_model_add_enumerator(m, neg, "NEG_Z", 0);
	abg_type_id p[] = {big, neg};
	add_entry(m, summary, false, "all_enums", "ALL_2", 0,
		  fn(m, abg_model_void(m), 2, p), 13);
}

/* typedef int t1; typedef t1 t2; typedef const t2 t3; */
static void step_typedef_chain(struct abg_model *m, bool summary)
{
	abg_type_id t1 = named(m, ABG_TYPE_TYPEDEF, "t1");
	abg_type_id t2 = named(m, ABG_TYPE_TYPEDEF, "t2");
	abg_type_id t3 = named(m, ABG_TYPE_TYPEDEF, "t3");
	abg_model_define_typedef(m, t3, cnst(m, t2),
				 at("include/all.h", 14, 17));
	abg_model_define_typedef(m, t2, t1, at("include/all.h", 13, 12));
	abg_model_define_typedef(m, t1, base(m, "int"),
				 at("include/all.h", 12, 13));
	add_entry(m, summary, true, "all_t3", "ALL_2", 4, t3, 14);
}

/* void (*(*)(int))(void), and the same returned by a function */
static void step_function_pointers(struct abg_model *m, bool summary)
{
	abg_type_id v = abg_model_void(m), i = base(m, "int");
	abg_type_id inner = ptr(m, fn(m, v, 0, NULL));
	abg_type_id getter = ptr(m, fn(m, inner, 1, &i));
	abg_type_id t = named(m, ABG_TYPE_TYPEDEF, "getter_t");
	abg_model_define_typedef(m, t, getter, at("include/all.h", 16, 16));
	add_entry(m, summary, false, "all_getter", "ALL_2", 0,
		  fn(m, getter, 1, &t), 15);
	add_entry(m, summary, false, "all_getter_raw", "ALL_2", 0,
		  fn(m, inner, 1, &i), 16);
}

static void step_variadic_unprototyped(struct abg_model *m, bool summary)
{
	abg_type_id fmt = ptr(m, cnst(m, base(m, "char")));
	add_entry(m, summary, false, "all_log", "ALL_1", 0,
		  abg_model_function(m, base(m, "int"), &fmt, 1, true, false,
				     NULL),
		  17);
	add_entry(m, summary, false, "all_old", "ALL_1", 0,
		  abg_model_function(m, base(m, "int"), NULL, 0, false, true,
				     NULL),
		  18);
	add_entry(m, summary, false, "all_only_dots", "ALL_1", 0,
		  abg_model_function(m, base(m, "int"), NULL, 0, true, false,
				     NULL),
		  19);
}

static void step_callconv(struct abg_model *m, bool summary)
{
	abg_type_id i = base(m, "int"), v = abg_model_void(m);
	add_entry(m, summary, false, "all_ms", "ALL_2", 0,
		  abg_model_function(m, v, &i, 1, false, false, "ms_abi"), 20);
	abg_type_id cb = ptr(
		m, abg_model_function(m, v, &i, 1, false, false, "sysv_abi"));
	add_entry(m, summary, false, "all_take_cb", "ALL_2", 0,
		  fn(m, v, 1, &cb), 21);
	/* a function with a calling convention returning a function pointer */
	abg_type_id ret = ptr(m, fn(m, i, 1, &i));
	add_entry(m, summary, false, "all_ms_getter", "ALL_2", 0,
		  abg_model_function(m, ret, &i, 1, false, false, "ms_abi"),
		  22);
}

static void step_qualifiers(struct abg_model *m, bool summary)
{
	abg_type_id v = abg_model_void(m);
	abg_type_id dst = abg_model_qualified(m, ptr(m, v), ABG_QUAL_RESTRICT);
	abg_type_id src =
		abg_model_qualified(m, ptr(m, cnst(m, v)), ABG_QUAL_RESTRICT);
	abg_type_id p[] = {dst, src, base(m, "unsigned long")};
	add_entry(m, summary, false, "all_copy", "ALL_1", 0,
		  fn(m, ptr(m, v), 3, p), 23);
	add_entry(m, summary, true, "all_flag", "ALL_1", 4,
		  abg_model_qualified(m, base(m, "int"),
				      ABG_QUAL_CONST | ABG_QUAL_VOLATILE),
		  24);
	abg_type_id argv = ptr(m, cnst(m, ptr(m, base(m, "char"))));
	add_entry(m, summary, false, "all_argv", "ALL_1", 0,
		  fn(m, base(m, "int"), 1, &argv), 25);
	/* top-level qualifiers of parameters are dropped; these stay:
	 * typedef int *volatile restrict *const qptr_t; */
	abg_type_id inner =
		abg_model_qualified(m, ptr(m, base(m, "int")),
				    ABG_QUAL_VOLATILE | ABG_QUAL_RESTRICT);
	abg_type_id q = named(m, ABG_TYPE_TYPEDEF, "qptr_t");
	abg_model_define_typedef(m, q, cnst(m, ptr(m, inner)),
				 at("include/all.h", 26, 40));
	abg_type_id rs = named(m, ABG_TYPE_STRUCT, "restricted");
	abg_model_define_record(m, rs, 128, 64, false,
				at("include/all.h", 27, 8));
	abg_model_add_field(m, rs, "q", 0, -1, q);
	abg_model_add_field(m, rs, "buf", 64, -1,
			    abg_model_qualified(m, ptr(m, base(m, "char")),
						ABG_QUAL_RESTRICT));
	abg_type_id prs = ptr(m, rs);
	add_entry(m, summary, false, "all_restricted", "ALL_1", 0,
		  fn(m, abg_model_void(m), 1, &prs), 26);
}

static void step_arrays(struct abg_model *m, bool summary)
{
	abg_type_id i = base(m, "int");
	add_entry(m, summary, true, "all_table", "ALL_1", 64,
		  abg_model_array(m, abg_model_array(m, i, 4), 4), 26);
	add_entry(m, summary, true, "all_names", "ALL_1", 24,
		  abg_model_array(m, ptr(m, cnst(m, base(m, "char"))), 3), 27);
	add_entry(m, summary, true, "all_row", "ALL_1", 8,
		  ptr(m, abg_model_array(m, i, 8)), 28);
	add_entry(m, summary, true, "all_fns", "ALL_1", 16,
		  abg_model_array(m, ptr(m, fn(m, i, 1, &i)), 2), 29);
}

static void step_records(struct abg_model *m, bool summary)
{
	abg_type_id handle = named(m, ABG_TYPE_STRUCT, "handle");
	add_entry(m, summary, false, "all_handle_new", "ALL_1", 0,
		  fn(m, ptr(m, handle), 0, NULL), 30);
	/* typedef struct { int x, y; } pt_t; */
	abg_type_id anon = named(m, ABG_TYPE_STRUCT, "<pt_t>");
	abg_model_define_record(m, anon, 64, 32, false,
				at("include/all.h", 31, 9));
	abg_model_add_field(m, anon, "x", 0, -1, base(m, "int"));
	abg_model_add_field(m, anon, "y", 32, -1, base(m, "int"));
	abg_type_id pt = named(m, ABG_TYPE_TYPEDEF, "pt_t");
	abg_model_define_typedef(m, pt, anon, at("include/all.h", 31, 30));
	add_entry(m, summary, false, "all_pt", "ALL_2", 0, fn(m, pt, 1, &pt),
		  31);
	abg_type_id val = named(m, ABG_TYPE_UNION, "val");
	abg_model_define_record(m, val, 128, 128, false,
				at("include/all.h", 33, 7));
	abg_model_add_field(m, val, "i", 0, -1, base(m, "__int128"));
	abg_model_add_field(m, val, "d", 0, -1, base(m, "long double"));
	abg_model_add_field(m, val, "z", 0, -1, base(m, "_Complex double"));
	abg_model_add_field(m, val, "b", 0, -1, base(m, "_Bool"));
	add_entry(m, summary, true, "all_val", "ALL_2", 16, val, 33);
	/* struct list { struct list *next; }; */
	abg_type_id list = named(m, ABG_TYPE_STRUCT, "list");
	abg_model_define_record(m, list, 64, 64, false,
				at("include/all.h", 35, 8));
	abg_model_add_field(m, list, "next", 0, -1, ptr(m, list));
	add_entry(m, summary, false, "all_list", "ALL_2", 0,
		  fn(m, ptr(m, list), 1, &list), 35);
}

/* Two anonymous records in one spelling, in the order the text shows
 * them: struct <anonymous> *(*)(union <anonymous>) */
static void step_anonymous_in_spelling(struct abg_model *m, bool summary)
{
	abg_type_id s = abg_model_anonymous_record(m, ABG_TYPE_STRUCT, 96, 32);
	abg_type_id u = abg_model_anonymous_record(m, ABG_TYPE_UNION, 32, 16);
	abg_type_id f = ptr(m, fn(m, ptr(m, s), 1, &u));
	add_entry(m, summary, true, "all_anon_fp", "ALL_2", 8, f, 36);
	abg_type_id outer_params[] = {u, f};
	add_entry(m, summary, false, "all_anon_fn", "ALL_2", 0,
		  fn(m, s, 2, outer_params), 37);
}

static void step_odd_symbols(struct abg_model *m, bool summary)
{
	abg_type_id i = base(m, "int");
	add_entry(m, summary, false, "odd@name", NULL, 0, fn(m, i, 0, NULL),
		  38);
	if (!summary) {
		add_func(m, "all_compat", "ALL_1", false, fn(m, i, 0, NULL));
		add_func(m, "all_compat", "ALL_2", true, fn(m, i, 1, &i));
		add_func(m, "all_mystery", "ALL_2", true, ABG_NO_TYPE);
		add_func(m, "all_plain", NULL, true, fn(m, i, 1, &i));
	} else {
		add_decl(m, ABG_DECL_FUNCTION, "all_renamed", "all_renamed64",
			 fn(m, i, 1, &i), true, at("src/a=b.c", 1, 2));
		add_symver(m, "all_compat_v1", "all_compat", "ALL_1", false,
			   at("src/compat.c", 4, 1));
		add_symver(m, "all_compat", "all_compat", "ALL_2", true,
			   at("src/compat.c", 5, 1));
		add_symver(m, "all_compat_v0", "all_compat", "ALL_0", false,
			   nowhere);
	}
}

static const build_step steps[] = {
	step_bitfields,
	step_anonymous_members,
	step_packed,
	step_enums,
	step_typedef_chain,
	step_function_pointers,
	step_variadic_unprototyped,
	step_callconv,
	step_qualifiers,
	step_arrays,
	step_records,
	step_anonymous_in_spelling,
	step_odd_symbols,
};

#define NSTEPS (sizeof steps / sizeof steps[0])

static struct abg_model *everything(bool summary, bool backwards)
{
	struct abg_model *m = abg_model_new();
	if (backwards) {
		add_node(m, "ALL_2", false, "ALL_1");
		add_node(m, "ALL_1", true, NULL);
	} else {
		add_node(m, "ALL_1", true, NULL);
		add_node(m, "ALL_2", false, "ALL_1");
	}
	m->soname = abg_model_intern(m, "liball.so.3");
	m->target = abg_model_intern(m, "x86_64-lp64");
	for (size_t i = 0; i < NSTEPS; i++)
		steps[backwards ? NSTEPS - 1 - i : i](m, summary);
	return m;
}

static void test_every_kind_round_trips(void **state)
{
	(void)state;
	for (int summary = 0; summary <= 1; summary++) {
		enum abg_text_kind kind =
			summary ? ABG_TEXT_SUMMARY : ABG_TEXT_BASELINE;
		struct abg_model *m = everything(summary, false);
		char *text = assert_round_trip(m, kind);
		check_golden(text, summary ? "all.summary" : "all.abi");
		free(text);
		abg_model_free(m);
	}
}

/* The promises of abiguard.h read back to the same bytes, in baselines
 * and summaries, where the model keeps them. */
static void test_annotations_round_trip(void **state)
{
	(void)state;
	const char *text =
		"# abiguard ABI baseline. Generated by abiguard; do not edit by "
		"hand.\n"
		"# Regenerate with: abiguard baseline update\n"
		"# Type sizes, alignments and offsets are in bits; variable sizes "
		"in bytes.\n"
		"abiguard-baseline 2\n"
		"node A_1 released\n"
		"\n# A_1\n"
		"func a_init@@A_1 int (struct h *, struct o *, enum k)\n"
		"\n# base types\n"
		"base int size 32 align 32 signed\n"
		"\n# types\n"
		"enum k size 32 align 32 unsigned abiguard:append-only\n"
		"enum k value K_A 0\n"
		"enum k value K_LAST 1\n"
		"struct h opaque abiguard:opaque\n"
		"struct o size 64 align 32 private abiguard:opaque "
		"abiguard:growable\n"
		"struct o field 0 a int\n"
		"struct o field 32 spare abiguard:reserved int\n"
		"\n# API surface\n"
		"declared func a_init abiguard:internal\n";
	struct abg_model *m = read_ok(text, ABG_TEXT_BASELINE);
	const struct abg_type *o = abg_model_type(
		m, abg_model_find_named(m, ABG_TYPE_STRUCT, "o"));
	assert_int_equal(o->annotations, ABG_ANNOT_OPAQUE | ABG_ANNOT_GROWABLE);
	assert_true(o->private_def);
	assert_false(o->fields[0].reserved);
	assert_true(o->fields[1].reserved);
	assert_int_equal(
		abg_model_type(m, abg_model_find_named(m, ABG_TYPE_STRUCT, "h"))
			->annotations,
		ABG_ANNOT_OPAQUE);
	assert_int_equal(
		abg_model_type(m, abg_model_find_named(m, ABG_TYPE_ENUM, "k"))
			->annotations,
		ABG_ANNOT_APPEND_ONLY);
	assert_true(abg_model_find_api(m, "a_init")->internal);
	char *again = write_text(m, ABG_TEXT_BASELINE, NULL);
	assert_string_equal(again, text);
	free(again);
	abg_model_free(m);

	const char *summary =
		"abiguard-summary 1\n"
		"decl func _a_init defined,public,exported,internal int (void) "
		"at include/a.h:3:5\n"
		"base int size 32 align 32 signed\n";
	m = read_ok(summary, ABG_TEXT_SUMMARY);
	assert_true(m->decls[0].internal);
	again = write_text(m, ABG_TEXT_SUMMARY, NULL);
	assert_string_equal(again, summary);
	free(again);
	abg_model_free(m);
}

/* The API surface (format 2) reads back to the same bytes, and is found
 * by name; a format 1 baseline still loads, without one. */
static void test_api_surface_round_trips(void **state)
{
	(void)state;
	const char *text =
		"# abiguard ABI baseline. Generated by abiguard; do not edit by "
		"hand.\n"
		"# Regenerate with: abiguard baseline update\n"
		"# Type sizes, alignments and offsets are in bits; variable sizes "
		"in bytes.\n"
		"abiguard-baseline 2\n"
		"node A_1 released\n"
		"node A_2 open parents A_1\n"
		"\n# A_1\n"
		"func a_open@@A_1 int (void)\n"
		"\n# base types\n"
		"base int size 32 align 32 signed\n"
		"base long size 64 align 64 signed\n"
		"\n# API surface\n"
		"declared var a_count unexported\n"
		"declared func a_open header long (void)\n"
		"declared func a_typo unexported\n"
		"listed a_typo@A_1\n"
		"listed a_next@A_2\n";
	struct abg_model *m = read_ok(text, ABG_TEXT_BASELINE);
	assert_true(m->api_recorded);
	assert_int_equal(m->napi, 5);
	const struct abg_api_entry *e = abg_model_find_api(m, "a_typo");
	assert_non_null(e);
	assert_false(e->exported);
	assert_true(abg_model_find_api(m, "a_open")->exported);
	assert_true(abg_model_find_api(m, "a_open")->header_type);
	assert_int_equal(abg_model_find_api(m, "a_count")->kind,
			 ABG_API_VARIABLE);
	assert_null(abg_model_find_api(m, "a_next"));
	assert_true(abg_model_api_listed(m, "a_typo", "A_1"));
	assert_false(abg_model_api_listed(m, "a_typo", "A_2"));
	char *again = write_text(m, ABG_TEXT_BASELINE, NULL);
	assert_string_equal(again, text);
	free(again);
	abg_model_free(m);

	struct abg_model *old =
		read_ok("abiguard-baseline 1\n", ABG_TEXT_BASELINE);
	assert_false(old->api_recorded);
	abg_model_free(old);
}

static void test_insertion_order_does_not_matter(void **state)
{
	(void)state;
	for (int summary = 0; summary <= 1; summary++) {
		enum abg_text_kind kind =
			summary ? ABG_TEXT_SUMMARY : ABG_TEXT_BASELINE;
		struct abg_model *a = everything(summary, false);
		struct abg_model *b = everything(summary, true);
		char *ta = write_text(a, kind, NULL);
		char *tb = write_text(b, kind, NULL);
		assert_string_equal(ta, tb);
		free(ta);
		free(tb);
		abg_model_free(a);
		abg_model_free(b);
	}
}

/* Reading gives the same structure, not only the same text. */
static void assert_same_definition(const struct abg_model *a,
				   const struct abg_model *b, abg_type_id ta,
				   abg_type_id tb)
{
	const struct abg_type *x = abg_model_type(a, ta);
	const struct abg_type *y = abg_model_type(b, tb);
	assert_int_equal(x->complete, y->complete);
	assert_int_equal(x->size_bits, y->size_bits);
	assert_int_equal(x->align_bits, y->align_bits);
	assert_int_equal(x->packed, y->packed);
	assert_int_equal(x->anonymous, y->anonymous);
	assert_int_equal(x->nfields, y->nfields);
	for (uint32_t i = 0; i < x->nfields; i++) {
		assert_string_equal(x->fields[i].name, y->fields[i].name);
		assert_int_equal(x->fields[i].offset_bits,
				 y->fields[i].offset_bits);
		assert_int_equal(x->fields[i].bit_width,
				 y->fields[i].bit_width);
		assert_true(abg_type_equal(a, x->fields[i].type, b,
					   y->fields[i].type));
	}
	assert_int_equal(x->nenumerators, y->nenumerators);
	for (uint32_t i = 0; i < x->nenumerators; i++) {
		assert_string_equal(x->enumerators[i].name,
				    y->enumerators[i].name);
		assert_int_equal(x->enumerators[i].value,
				 y->enumerators[i].value);
	}
	if (x->kind == ABG_TYPE_TYPEDEF)
		assert_true(abg_type_equal(a, x->target, b, y->target));
}

static void test_reading_gives_the_same_model(void **state)
{
	(void)state;
	struct abg_model *m = everything(false, false);
	char *text = write_text(m, ABG_TEXT_BASELINE, NULL);
	struct abg_model *r = read_ok(text, ABG_TEXT_BASELINE);
	assert_int_equal(r->nsymbols, m->nsymbols);
	for (size_t i = 0; i < m->nsymbols; i++) {
		const struct abg_symbol *s = &m->symbols[i];
		const struct abg_symbol *t = abg_model_find_symbol(
			r, s->name, s->node, s->is_default);
		assert_non_null(t);
		assert_int_equal(s->kind, t->kind);
		assert_int_equal(s->size, t->size);
		assert_true(abg_type_equal(m, s->type, r, t->type));
	}
	for (abg_type_id id = 1; id < m->ntypes; id++) {
		const struct abg_type *t = abg_model_type(m, id);
		if (!t->name || t->kind < ABG_TYPE_STRUCT)
			continue;
		abg_type_id other = abg_model_find_named(r, t->kind, t->name);
		assert_int_not_equal(other, ABG_NO_TYPE);
		assert_same_definition(m, r, id, other);
	}
	const struct abg_node *n = abg_model_find_node(r, "ALL_2");
	assert_non_null(n);
	assert_false(n->released);
	assert_true(n->known_state);
	assert_int_equal(n->nparents, 1);
	assert_string_equal(n->parents[0], "ALL_1");
	assert_string_equal(r->soname, "liball.so.3");
	free(text);
	abg_model_free(r);
	abg_model_free(m);
}

/* text with each separating space replaced by a run of 1 to 33 blanks
 * (some of them tabs), the run lengths stepping by `step`: words then
 * start and end at every offset of the reader's 32-byte blocks. */
static char *respaced(const char *text, unsigned step)
{
	struct abg_strbuf sb = {0};
	unsigned k = 0;
	for (const char *c = text; *c; c++) {
		if (*c != ' ') {
			abg_strbuf_append_n(&sb, c, 1);
			continue;
		}
		unsigned n = 1 + (k++ * step) % 33;
		for (unsigned j = 0; j < n; j++)
			abg_strbuf_append(&sb, j % 3 == 1 ? "\t" : " ");
	}
	char *out = strdup(abg_strbuf_cstr(&sb));
	abg_strbuf_free(&sb);
	return out;
}

static void test_blanks_between_words(void **state)
{
	(void)state;
	for (int summary = 0; summary <= 1; summary++) {
		enum abg_text_kind kind =
			summary ? ABG_TEXT_SUMMARY : ABG_TEXT_BASELINE;
		struct abg_model *m = everything(summary, false);
		char *text = write_text(m, kind, NULL);
		for (unsigned step = 1; step <= 17; step++) {
			char *spaced = respaced(text, step);
			struct abg_model *r = read_ok(spaced, kind);
			char *back = write_text(r, kind, NULL);
			assert_string_equal(back, text);
			free(back);
			free(spaced);
			abg_model_free(r);
		}
		free(text);
		abg_model_free(m);
	}
}

/* ---- version nodes ----------------------------------------------------- */

static const char *node_lines_of(const char *text)
{
	const char *first = strstr(text, "\nnode ");
	assert_non_null(first);
	return first + 1;
}

/* The writer's node order is abg_model_canonicalize()'s: parents first (by
 * depth), then by name. */
static void test_node_order_is_canonical(void **state)
{
	(void)state;
	struct abg_model *m = abg_model_new();
	add_node(m, "C_3", false, "A_2.0");
	abg_model_add_parent(m, abg_model_find_node(m, "C_3"), "B_1.0");
	add_node(m, "Z_0", true, NULL);
	add_node(m, "A_2.0", true, "A_1.0");
	add_node(m, "B_1.0", true, NULL);
	add_node(m, "A_1.0", true, NULL);
	add_node(m, "D_1", true, "NOT_A_NODE");
	char *text = write_text(m, ABG_TEXT_BASELINE, NULL);
	abg_model_canonicalize(m);
	const char *line = node_lines_of(text);
	for (size_t i = 0; i < m->nnodes; i++) {
		char expected[64];
		int n = snprintf(expected, sizeof expected, "node %s ",
				 m->nodes[i].name);
		assert_memory_equal(line, expected, (size_t)n);
		line = strchr(line, '\n') + 1;
	}
	assert_non_null(strstr(text, "node C_3 open parents A_2.0 B_1.0\n"));
	free(text);
	abg_model_free(m);
}

/* X_i and Y_i both have parents X_i-1 and Y_i-1: 2^60 paths, one DAG. */
static void test_diamond_of_nodes_is_linear(void **state)
{
	(void)state;
	struct abg_model *m = abg_model_new();
	char name[32], px[32], py[32];
	for (int i = 0; i < 60; i++) {
		for (int k = 0; k < 2; k++) {
			snprintf(name, sizeof name, "%c_%d", "XY"[k], i);
			struct abg_node *n = abg_model_add_node(m, name, true);
			n->known_state = true;
			if (!i)
				continue;
			snprintf(px, sizeof px, "X_%d", i - 1);
			snprintf(py, sizeof py, "Y_%d", i - 1);
			abg_model_add_parent(m, n, px);
			abg_model_add_parent(m, n, py);
		}
	}
	char *text = assert_round_trip(m, ABG_TEXT_BASELINE);
	assert_non_null(strstr(text, "node X_59 released parents X_58 Y_58\n"
				     "node Y_59 released parents X_58 Y_58\n"));
	free(text);
	abg_model_free(m);
}

/* ---- locations --------------------------------------------------------- */

static unsigned line_of_text(const char *text, const char *needle)
{
	const char *hit = strstr(text, needle);
	assert_non_null(hit);
	unsigned line = 1;
	for (const char *p = text; p < hit; p++)
		line += *p == '\n';
	return line;
}

static void test_baseline_locations_point_at_lines(void **state)
{
	(void)state;
	struct abg_model *m = demo_baseline();
	char *text = write_text(m, ABG_TEXT_BASELINE, NULL);
	struct abg_model *r = read_ok(text, ABG_TEXT_BASELINE);
	const struct abg_symbol *s =
		abg_model_find_symbol(r, "demo_open", "DEMO_1.0", false);
	assert_non_null(s);
	assert_string_equal(s->loc.file, "abi/test.abi");
	assert_int_equal(s->loc.line,
			 line_of_text(text, "\nfunc demo_open@DEMO_1.0 ") + 1);
	assert_int_equal(s->loc.column, 1);
	const struct abg_type *t = abg_model_type(
		r, abg_model_find_named(r, ABG_TYPE_STRUCT, "demo"));
	assert_int_equal(t->loc.line,
			 line_of_text(text, "\nstruct demo size") + 1);
	t = abg_model_type(
		r, abg_model_find_named(r, ABG_TYPE_STRUCT, "demo_handle"));
	assert_false(t->complete);
	assert_int_equal(t->loc.line,
			 line_of_text(text, "\nstruct demo_handle opaque") + 1);
	t = abg_model_type(
		r, abg_model_find_named(r, ABG_TYPE_TYPEDEF, "demo_cb_t"));
	assert_int_equal(t->loc.line,
			 line_of_text(text, "\ntypedef demo_cb_t") + 1);
	free(text);
	abg_model_free(r);
	abg_model_free(m);
}

static void test_summary_locations(void **state)
{
	(void)state;
	struct abg_model *m = demo_summary();
	char *text = write_text(m, ABG_TEXT_SUMMARY, NULL);
	struct abg_model *r = read_ok(text, ABG_TEXT_SUMMARY);
	bool found = false;
	for (size_t i = 0; i < r->ndecls; i++) {
		const struct abg_decl *d = &r->decls[i];
		if (strcmp(d->name, "demo_version") != 0)
			continue;
		found = true;
		assert_string_equal(d->symbol, "__demo_version");
		assert_string_equal(d->loc.file, "src/my dir/v.c");
		assert_int_equal(d->loc.line, 3);
		assert_int_equal(d->loc.column, 11);
		assert_true(d->defined && d->exported && d->public_header);
	}
	assert_true(found);
	const struct abg_type *t = abg_model_type(
		r, abg_model_find_named(r, ABG_TYPE_STRUCT, "demo"));
	assert_string_equal(t->loc.file, "include/demo.h");
	assert_int_equal(t->loc.line, 12);
	assert_int_equal(t->loc.column, 8);
	free(text);
	abg_model_free(r);
	abg_model_free(m);
}

/* ---- files ------------------------------------------------------------- */

static void test_save_and_load(void **state)
{
	(void)state;
	mkdir(OUT_DIR, 0755);
	const char *path = OUT_DIR "/demo.abi";
	struct abg_model *m = demo_baseline();
	struct abg_error err = {0};
	assert_int_equal(abg_baseline_save(path, m, "make abi", &err), 0);
	struct abg_model *r = NULL;
	assert_int_equal(abg_baseline_load(path, &r, &err), 0);
	assert_non_null(r);
	assert_int_equal(r->nsymbols, m->nsymbols);
	assert_string_equal(r->symbols[0].loc.file, path);
	char *saved = slurp(path);
	char *again = write_text(r, ABG_TEXT_BASELINE, "make abi");
	assert_string_equal(saved, again);
	free(saved);
	free(again);
	abg_model_free(r);

	assert_int_equal(abg_baseline_load(OUT_DIR "/missing.abi", &r, &err),
			 -1);
	assert_null(r);
	assert_string_equal(err.file, OUT_DIR "/missing.abi");
	abg_model_free(m);
}

/* ---- reader errors ----------------------------------------------------- */

struct bad_input {
	enum abg_text_kind kind;
	const char *text;
	unsigned line;
	const char *message;
};

#define B "abiguard-baseline 1\n"
#define S "abiguard-summary 1\n"
#define INT "base int size 32 align 32 signed\n"
#define NODE "node V_1 released\n"

static const struct bad_input bad_inputs[] = {
	{ABG_TEXT_BASELINE, "", 0, "not an abiguard baseline (it is empty)"},
	{ABG_TEXT_BASELINE, "# only a comment\n\n", 0,
	 "not an abiguard baseline (it is empty)"},
	{ABG_TEXT_BASELINE, "hello\n", 1,
	 "not an abiguard baseline (expected 'abiguard-baseline 3')"},
	{ABG_TEXT_BASELINE, "# c\n\nabiguard-baseline 4\n", 3,
	 "format 4 is newer than this abiguard (3)"},
	{ABG_TEXT_BASELINE, B "version 0.1\nversion 0.2\n", 3,
	 "duplicate 'version' line"},
	{ABG_TEXT_SUMMARY, S "version 0.1\n", 2, "unknown keyword 'version'"},
	{ABG_TEXT_SUMMARY, "abiguard-summary 2\n", 1,
	 "format 2 is newer than this abiguard (1)"},
	{ABG_TEXT_BASELINE, B "listed f\n", 2,
	 "expected NAME@NODE or NAME@@NODE, found 'f'"},
	{ABG_TEXT_BASELINE, B "listed f@V_9\n", 2,
	 "'listed f' refers to node 'V_9', which has no node line above"},
	{ABG_TEXT_BASELINE, B "declared func\n", 2,
	 "expected 'declared func|var NAME [unexported] [abiguard:internal] [header TYPE]'"},
	{ABG_TEXT_BASELINE, B "declared func f gone\n", 2,
	 "expected 'declared func|var NAME [unexported] [abiguard:internal] [header TYPE]'"},
	{ABG_TEXT_BASELINE, B "declared var f@V_1\n", 2,
	 "a declaration names no version node"},
	{ABG_TEXT_SUMMARY, S "listed f@V_1\n", 2, "unknown keyword 'listed'"},
	{ABG_TEXT_BASELINE, "abiguard-baseline x\n", 1,
	 "unsupported format version 'x'"},
	{ABG_TEXT_BASELINE, "abiguard-baseline 0\n", 1,
	 "unsupported format version '0'"},
	{ABG_TEXT_BASELINE, S, 1,
	 "not an abiguard baseline (this is an abiguard summary)"},
	{ABG_TEXT_SUMMARY, B, 1,
	 "not an abiguard summary (this is an abiguard baseline)"},
	{ABG_TEXT_BASELINE, B "frob x\n", 2, "unknown keyword 'frob'"},
	{ABG_TEXT_BASELINE, B "decl func f - int\n", 2,
	 "unknown keyword 'decl'"},
	{ABG_TEXT_SUMMARY, S "node V released\n", 2, "unknown keyword 'node'"},
	{ABG_TEXT_BASELINE, B "soname a\nsoname b\n", 3,
	 "duplicate 'soname' line"},
	{ABG_TEXT_BASELINE, B "soname\n", 2, "expected 'soname VALUE'"},
	{ABG_TEXT_BASELINE, B "node V_1 frozen\n", 2,
	 "expected 'node NAME released|open [parents NODE...]'"},
	{ABG_TEXT_BASELINE, B NODE "node V_1 open\n", 3,
	 "node 'V_1' is defined twice (first at line 2)"},
	{ABG_TEXT_BASELINE, B "node V_2 open parents V_1\n", 2,
	 "parent 'V_1' of node 'V_2' has no node line above"},
	{ABG_TEXT_BASELINE, B NODE "node V_2 open V_1\n", 3,
	 "expected 'parents NODE...' after the state"},
	{ABG_TEXT_BASELINE, B INT "func f@@V_9 int (void)\n", 3,
	 "symbol 'f@@V_9' refers to node 'V_9', which has no node line "
	 "above"},
	{ABG_TEXT_BASELINE,
	 B INT NODE "func f@@V_1 int (void)\n\n"
		    "func f@@V_1 int (void)\n",
	 6, "duplicate symbol 'f@@V_1' (first at line 4)"},
	{ABG_TEXT_BASELINE,
	 B INT NODE "node V_2 open parents V_1\n"
		    "func f@@V_1 int (void)\n"
		    "func f@@V_2 int (int)\n",
	 6, "second default version of 'f' (the other is at line 5)"},
	{ABG_TEXT_BASELINE, B INT NODE "func f@@ int (void)\n", 4,
	 "malformed versioned name 'f@@'"},
	{ABG_TEXT_BASELINE, B INT NODE "func @V_1 int (void)\n", 4,
	 "malformed versioned name '@V_1'"},
	{ABG_TEXT_BASELINE, B INT NODE "func f@@V_1\n", 4,
	 "expected 'func NAME@@NODE TYPE'"},
	{ABG_TEXT_BASELINE, B INT NODE "var v@@V_1 four int\n", 4,
	 "expected a number for size, found 'four'"},
	{ABG_TEXT_BASELINE, B INT NODE "func f@@V_1 int (*(void)\n", 4,
	 "malformed type 'int (*(void)': unbalanced '(' at column 17"},
	{ABG_TEXT_BASELINE, B INT NODE "func f@@V_1 int (int\n", 4,
	 "malformed type 'int (int': expected ')' or ',', found the end at "
	 "column 21"},
	{ABG_TEXT_BASELINE, B INT NODE "func f@@V_1 int (int x)\n", 4,
	 "malformed type 'int (int x)': expected ')' or ',', found 'x' at "
	 "column 22"},
	{ABG_TEXT_BASELINE, B INT NODE "func f@@V_1 int (int) foo\n", 4,
	 "malformed type 'int (int) foo': expected the end of the type, "
	 "found 'foo' at column 23"},
	{ABG_TEXT_BASELINE, B INT NODE "func f@@V_1 int (const)\n", 4,
	 "malformed type 'int (const)': expected a type, found ')' at "
	 "column 23"},
	{ABG_TEXT_BASELINE, B INT NODE "func f@@V_1 int (int) & x\n", 4,
	 "malformed type 'int (int) & x': unexpected character at column 23"},
	{ABG_TEXT_BASELINE, B INT NODE "var v@@V_1 4 int [x]\n", 4,
	 "malformed type 'int [x]': expected ']', found 'x' at column 19"},
	{ABG_TEXT_BASELINE, B INT NODE "var v@@V_1 4 struct 9\n", 4,
	 "malformed type 'struct 9': expected a tag, found '9' at column 21"},
	{ABG_TEXT_BASELINE, B NODE "func f@@V_1 long (void)\n", 3,
	 "malformed type 'long (void)': unknown base type 'long' (it has no "
	 "'base' line) at column 13"},
	{ABG_TEXT_BASELINE, B NODE "func f@@V_1 unsigned foo_t\n", 3,
	 "malformed type 'unsigned foo_t': unknown base type 'unsigned' (it "
	 "has no 'base' line) at column 13"},
	{ABG_TEXT_BASELINE, B INT "struct s field 0 x int\n", 3,
	 "field of 'struct s', which is not defined above"},
	{ABG_TEXT_BASELINE, B INT "struct s opaque\nstruct s field 0 x int\n",
	 4, "field of 'struct s', which is opaque"},
	{ABG_TEXT_BASELINE, B INT "enum e value A 1\n", 3,
	 "value of 'enum e', which is not defined above"},
	{ABG_TEXT_BASELINE,
	 B "struct s size 8 align 8\n"
	   "struct s size 16 align 8\n",
	 3, "'struct s' is defined twice (first at line 2)"},
	{ABG_TEXT_BASELINE, B "struct s size 8 align 8\nstruct s opaque\n", 3,
	 "'struct s' is defined twice (first at line 2)"},
	{ABG_TEXT_BASELINE, B INT "typedef t int\ntypedef t int\n", 4,
	 "'t' is defined twice (first at line 3)"},
	{ABG_TEXT_BASELINE, B "struct s size 8 align 8 packed extra\n", 2,
	 "unexpected 'extra'"},
	{ABG_TEXT_BASELINE, B "struct s size 8 alignment 8\n", 2,
	 "expected 'size BITS align BITS'"},
	{ABG_TEXT_BASELINE, B "struct s sized 8\n", 2,
	 "expected 'size', 'field' or 'opaque' after the name, found 'sized'"},
	{ABG_TEXT_BASELINE, B "struct 1s size 8 align 8\n", 2,
	 "malformed type name '1s'"},
	{ABG_TEXT_BASELINE,
	 B INT "struct s size 8 align 8\n"
	       "struct s field 0:x a int\n",
	 4, "expected a bit offset (OFFSET or OFFSET:WIDTH), found '0:x'"},
	{ABG_TEXT_BASELINE, B "struct s size 99999999999999999999 align 8\n", 2,
	 "expected a number for size, found '99999999999999999999'"},
	{ABG_TEXT_BASELINE, B "struct s size 8 align 4294967296\n", 2,
	 "alignment 4294967296 is too large"},
	{ABG_TEXT_BASELINE,
	 B "enum e size 32 align 32 unsigned\n"
	   "enum e value A -1\n",
	 3, "expected an unsigned 64-bit value, found '-1'"},
	{ABG_TEXT_BASELINE,
	 B "enum e size 32 align 32 signed\n"
	   "enum e value A 9223372036854775808\n",
	 3, "expected a signed 64-bit value, found '9223372036854775808'"},
	{ABG_TEXT_BASELINE, B "enum e size 32 align 32 maybe\n", 2,
	 "expected 'enum NAME size BITS align BITS signed|unsigned'"},
	{ABG_TEXT_BASELINE, B INT INT, 3,
	 "base type 'int' is defined twice (first at line 2)"},
	{ABG_TEXT_BASELINE, B "base int size 32 align 32\n", 2,
	 "expected 'base NAME size BITS align BITS signed|unsigned'"},
	{ABG_TEXT_BASELINE, B "base in-t size 32 align 32 signed\n", 2,
	 "malformed base type name 'in-t'"},
	{ABG_TEXT_BASELINE,
	 B "struct a size 8 align 8\n"
	   "struct a field 0 b struct b\n"
	   "struct b size 8 align 8\n"
	   "struct b field 0 a struct a [1]\n",
	 2, "'struct a' contains itself"},
	{ABG_TEXT_BASELINE, B "typedef a b\ntypedef b const a\n", 2,
	 "'a' contains itself"},
	{ABG_TEXT_BASELINE, B "soname lib\\x00.so\n", 2,
	 "bad escape in 'lib\\x00.so' (expected \\xHH, not \\x00)"},
	{ABG_TEXT_BASELINE, B "soname lib\\q\n", 2,
	 "bad escape in 'lib\\q' (expected \\xHH, not \\x00)"},
	{ABG_TEXT_BASELINE,
	 B INT "struct s size 64 align 32\n"
	       "struct s field 0 - struct <anonymous> "
	       "size 32 align 32 size 8 align 8\n",
	 4, "the type shows 1 anonymous records but the line gives 2 layouts"},
	{ABG_TEXT_SUMMARY, S "decl fun f - int\n", 2,
	 "expected 'decl func|var NAME[=SYMBOL] FLAGS TYPE "
	 "[at FILE:LINE:COLUMN]'"},
	{ABG_TEXT_SUMMARY, S INT "decl func f defined,static int (void)\n", 3,
	 "unknown declaration flag 'static'"},
	{ABG_TEXT_SUMMARY, S INT "decl func f= - int (void)\n", 3,
	 "malformed declaration name 'f='"},
	{ABG_TEXT_SUMMARY, S "symver impl name\n", 2,
	 "expected NAME@NODE or NAME@@NODE, found 'name'"},
	{ABG_TEXT_SUMMARY, S "symver impl name@V at x.c\n", 2,
	 "expected 'symver IMPL NAME@NODE [at FILE:LINE:COLUMN]'"},
	{ABG_TEXT_BASELINE, B INT NODE "func f@@V_1 int (void) at x.c:1:2\n", 4,
	 "malformed type 'int (void) at x.c:1:2': unexpected character at "
	 "column 28"},
	/* Hostile and odd baselines: each an error at the line. */
	{ABG_TEXT_BASELINE, B INT "struct s size 32 align 0\n", 3,
	 "alignment must be a power of two, not 0"},
	{ABG_TEXT_BASELINE, B INT "enum e size 32 align 24 signed\n", 3,
	 "alignment must be a power of two, not 24"},
	{ABG_TEXT_BASELINE, B "base int size 32 align 0 signed\n", 2,
	 "alignment must be a power of two, not 0"},
	{ABG_TEXT_BASELINE, B "node A released parents A\n", 2,
	 "node 'A' lists itself as parent"},
	{ABG_TEXT_BASELINE,
	 B INT "struct s size 64 align 32\nstruct s field 0 a int\n"
	       "struct s field 32 a int\n",
	 5, "duplicate field 'a' in 'struct s' (first at line 4)"},
	{ABG_TEXT_BASELINE,
	 B "enum e size 32 align 32 signed\nenum e value X 0\n"
	   "enum e value X 1\n",
	 4, "duplicate enumerator 'X' in 'enum e' (first at line 3)"},
	{ABG_TEXT_BASELINE,
	 B INT NODE "func f@@V_1 int (void)\nfunc f@@V_1 int (void)\n"
		    "func f@@V_1 int (int)\n",
	 5, "duplicate symbol 'f@@V_1' (first at line 4)"},
	{ABG_TEXT_BASELINE,
	 B INT NODE "node V_2 released parents V_1\nfunc f@@V_1 int (void)\n"
		    "func f@V_2 int (void)\nfunc f@@V_2 int (void)\n",
	 7, "second default version of 'f' (the other is at line 5)"},
};

static void test_reader_errors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad_inputs / sizeof bad_inputs[0]; i++) {
		const struct bad_input *b = &bad_inputs[i];
		struct abg_model *m = (struct abg_model *)1;
		struct abg_error err = {0};
		int rc = abg_model_read("abi/bad.abi", b->text, strlen(b->text),
					b->kind, &m, &err);
		if (rc != -1 || err.line != b->line ||
		    strcmp(err.message, b->message) != 0)
			fail_msg("case %zu: rc %d, line %u, message \"%s\"\n"
				 "wanted line %u, \"%s\"",
				 i, rc, err.line, err.message, b->line,
				 b->message);
		assert_null(m);
		assert_string_equal(err.file, "abi/bad.abi");
	}
}

static void expect_error(const char *text, size_t len, unsigned line,
			 const char *message)
{
	struct abg_model *m = NULL;
	struct abg_error err = {0};
	assert_int_equal(
		abg_model_read("x.abi", text, len, ABG_TEXT_BASELINE, &m, &err),
		-1);
	assert_null(m);
	assert_int_equal(err.line, line);
	assert_string_equal(err.message, message);
}

static void test_reader_limits(void **state)
{
	(void)state;
	/* a NUL inside the text; trailing NULs (note padding) are fine */
	static const char nul[] = B "soname a\n\0soname b\n";
	expect_error(nul, sizeof nul - 1, 3, "NUL byte in the text");
	static const char padded[] = B "soname a\n\0\0\0";
	struct abg_model *m = NULL;
	struct abg_error err = {0};
	assert_int_equal(abg_model_read("x.abi", padded, sizeof padded - 1,
					ABG_TEXT_BASELINE, &m, &err),
			 0);
	assert_string_equal(m->soname, "a");
	abg_model_free(m);

	/* CRLF line ends are accepted */
	m = read_ok(B INT NODE "func f@@V_1 int (void)\r\n", ABG_TEXT_BASELINE);
	assert_int_equal(m->nsymbols, 1);
	abg_model_free(m);

	/* an overlong line */
	size_t n = (1u << 20) + 100;
	char *long_line = malloc(n + sizeof B + 16);
	strcpy(long_line, B "soname ");
	memset(long_line + strlen(long_line), 'a', n);
	long_line[strlen(B "soname ") + n] = '\0';
	expect_error(long_line, strlen(long_line), 2,
		     "line longer than 1048576 bytes");
	free(long_line);

	/* deep nesting and long pointer chains stop at a bound */
	struct abg_strbuf sb = {0};
	abg_strbuf_append(&sb, B INT NODE "var v@@V_1 8 int ");
	for (int i = 0; i < 5000; i++)
		abg_strbuf_append(&sb, "(*");
	for (int i = 0; i < 5000; i++)
		abg_strbuf_append(&sb, ")");
	abg_strbuf_append(&sb, "\n");
	m = NULL;
	assert_int_equal(abg_model_read("x.abi", sb.data, sb.len,
					ABG_TEXT_BASELINE, &m, &err),
			 -1);
	assert_int_equal(err.line, 4);
	assert_non_null(strstr(err.message, "nested too deeply"));
	abg_strbuf_reset(&sb);
	abg_strbuf_append(&sb, B INT NODE "var v@@V_1 8 int ");
	for (int i = 0; i < 100000; i++)
		abg_strbuf_append(&sb, "*");
	abg_strbuf_append(&sb, "\n");
	assert_int_equal(abg_model_read("x.abi", sb.data, sb.len,
					ABG_TEXT_BASELINE, &m, &err),
			 -1);
	assert_non_null(strstr(err.message, "nested too deeply"));
	abg_strbuf_free(&sb);
}

/* Every prefix and many corrupted copies of a real baseline: errors are
 * fine, crashes and leaks are not (run under ASan). */
static void test_hostile_input_never_crashes(void **state)
{
	(void)state;
	struct abg_model *src = everything(false, false);
	char *text = write_text(src, ABG_TEXT_BASELINE, NULL);
	size_t len = strlen(text);
	abg_model_free(src);
	for (size_t cut = 0; cut <= len; cut++) {
		struct abg_model *m = NULL;
		struct abg_error err = {0};
		abg_model_read("x.abi", text, cut, ABG_TEXT_BASELINE, &m, &err);
		abg_model_free(m);
	}
	static const char noise[] = " \n\t#@()[]*,.:<>-0123456789\\xazZ_";
	uint32_t seed = 12345;
	char *copy = malloc(len + 1);
	for (int round = 0; round < 3000; round++) {
		memcpy(copy, text, len + 1);
		for (int k = 0; k < 4; k++) {
			seed = seed * 1103515245u + 12345u;
			size_t at = (seed >> 8) % len;
			seed = seed * 1103515245u + 12345u;
			copy[at] = noise[(seed >> 8) % (sizeof noise - 1)];
		}
		struct abg_model *m = NULL;
		struct abg_error err = {0};
		if (abg_model_read("x.abi", copy, len, ABG_TEXT_BASELINE, &m,
				   &err) == 0) {
			/* what reads must also write */
			char *again = write_text(m, ABG_TEXT_BASELINE, NULL);
			free(again);
		}
		abg_model_free(m);
	}
	free(copy);
	free(text);
}

/* ---- merge ------------------------------------------------------------- */

struct conflicts {
	int count;
	char what[8][256];
	struct abg_location first[8], second[8];
};

static void on_conflict(void *ctx, const char *what, struct abg_location first,
			struct abg_location second)
{
	struct conflicts *c = ctx;
	if (c->count < 8) {
		snprintf(c->what[c->count], sizeof c->what[0], "%s", what);
		c->first[c->count] = first;
		c->second[c->count] = second;
	}
	c->count++;
}

/* TU summaries go through their text, as they do in the real flow. */
static struct abg_model *via_text(struct abg_model *m)
{
	char *text = write_text(m, ABG_TEXT_SUMMARY, NULL);
	struct abg_model *r = read_ok(text, ABG_TEXT_SUMMARY);
	free(text);
	abg_model_free(m);
	return r;
}

static struct abg_model *tu_with_demo(uint64_t size, const char *field_type,
				      const char *decl_file, bool defined)
{
	struct abg_model *m = abg_model_new();
	abg_type_id s = named(m, ABG_TYPE_STRUCT, "demo");
	abg_model_define_record(m, s, size, 64, false, at(decl_file, 12, 8));
	abg_model_add_field(m, s, "id", 0, -1, base(m, field_type));
	abg_type_id p = ptr(m, s);
	add_decl(m, ABG_DECL_FUNCTION, "demo_close", NULL,
		 fn(m, abg_model_void(m), 1, &p), defined,
		 at(decl_file, 20, 6));
	add_symver(m, "demo_close", "demo_close", "DEMO_1.0", true,
		   at(decl_file, 21, 1));
	return via_text(m);
}

static void test_merge_deduplicates(void **state)
{
	(void)state;
	struct abg_model *lib = abg_model_new();
	struct abg_model *a = tu_with_demo(128, "int", "include/demo.h", false);
	struct abg_model *b = tu_with_demo(128, "int", "src/demo.c", true);
	struct conflicts c = {0};
	assert_int_equal(abg_model_merge(lib, a, on_conflict, &c), 0);
	assert_int_equal(abg_model_merge(lib, b, on_conflict, &c), 0);
	assert_int_equal(abg_model_merge(lib, a, on_conflict, &c), 0);
	assert_int_equal(c.count, 0);
	assert_int_equal(lib->ndecls, 1);
	assert_true(lib->decls[0].defined);
	assert_string_equal(lib->decls[0].loc.file, "src/demo.c");
	assert_int_equal(lib->nsymvers, 1); /* one fact, wherever it was seen */
	abg_model_free(lib);
	abg_model_free(a);
	abg_model_free(b);
}

/* Two units whose headers disagree about a promise of abiguard.h
 * conflict, as about any other part of the definition; a unit that only
 * declares the type adds what its declaration says. */
static void test_merge_annotations(void **state)
{
	(void)state;
	struct abg_model *lib = abg_model_new();
	struct abg_model *a = tu_with_demo(128, "int", "include/demo.h", true);
	struct abg_model *b = tu_with_demo(128, "int", "include/demo.h", true);
	abg_type_id s = abg_model_find_named(b, ABG_TYPE_STRUCT, "demo");
	abg_model_annotate(b, s, ABG_ANNOT_GROWABLE);
	struct conflicts c = {0};
	assert_int_equal(abg_model_merge(lib, a, on_conflict, &c), 0);
	assert_int_equal(abg_model_merge(lib, b, on_conflict, &c), 1);
	assert_string_equal(c.what[0],
			    "the definition of 'struct demo' (abiguard.h "
			    "annotations none vs growable)");
	abg_model_free(lib);

	struct abg_model *reserved =
		tu_with_demo(128, "int", "include/demo.h", true);
	s = abg_model_find_named(reserved, ABG_TYPE_STRUCT, "demo");
	abg_model_mark_last_field_reserved(reserved, s);
	lib = abg_model_new();
	c.count = 0;
	assert_int_equal(abg_model_merge(lib, a, on_conflict, &c), 0);
	assert_int_equal(abg_model_merge(lib, reserved, on_conflict, &c), 1);
	assert_string_equal(c.what[0],
			    "the definition of 'struct demo' (field 'id' is "
			    "not ABIGUARD_RESERVED vs ABIGUARD_RESERVED)");
	abg_model_free(lib);

	/* the promise from a unit's definition reaches the library */
	lib = abg_model_new();
	assert_int_equal(abg_model_merge(lib, b, on_conflict, &c), 0);
	s = abg_model_find_named(lib, ABG_TYPE_STRUCT, "demo");
	assert_int_equal(abg_model_type(lib, s)->annotations,
			 ABG_ANNOT_GROWABLE);
	abg_model_free(lib);
	abg_model_free(a);
	abg_model_free(b);
	abg_model_free(reserved);
}

/*
 * A unit that only sees a declaration writes its type as <unknown>; the
 * unit that defines it supplies the type, whichever is merged first.
 */
static struct abg_model *tu_seeing_demo_close(void)
{
	struct abg_model *m = abg_model_new();
	add_decl(m, ABG_DECL_FUNCTION, "demo_close", NULL, ABG_NO_TYPE, false,
		 at("include/demo.h", 20, 6));
	char *text = write_text(m, ABG_TEXT_SUMMARY, NULL);
	assert_non_null(strstr(text, "decl func demo_close public <unknown> at "
				     "include/demo.h:20:6\n"));
	free(text);
	return via_text(m);
}

static void test_merge_takes_type_from_definition(void **state)
{
	(void)state;
	for (int order = 0; order < 2; order++) {
		struct abg_model *lib = abg_model_new();
		struct abg_model *seen = tu_seeing_demo_close();
		struct abg_model *defines =
			tu_with_demo(128, "int", "src/demo.c", true);
		struct conflicts c = {0};
		struct abg_model *first = order ? defines : seen;
		struct abg_model *second = order ? seen : defines;
		assert_int_equal(abg_model_merge(lib, first, on_conflict, &c),
				 0);
		assert_int_equal(abg_model_merge(lib, second, on_conflict, &c),
				 0);
		assert_int_equal(c.count, 0);
		assert_int_equal(lib->ndecls, 1);
		assert_true(lib->decls[0].defined);
		assert_true(lib->decls[0].public_header);
		assert_string_equal(lib->decls[0].loc.file, "src/demo.c");
		struct abg_strbuf sb = {0};
		abg_type_spell(lib, lib->decls[0].type, &sb);
		assert_string_equal(abg_strbuf_cstr(&sb),
				    "void (struct demo *)");
		abg_strbuf_free(&sb);
		abg_model_free(lib);
		abg_model_free(seen);
		abg_model_free(defines);
	}
}

static void test_merge_reports_conflicts(void **state)
{
	(void)state;
	struct abg_model *lib = abg_model_new();
	struct abg_model *a = tu_with_demo(128, "int", "include/demo.h", true);
	struct abg_model *bigger = tu_with_demo(192, "int", "src/b.c", false);
	struct abg_model *retyped = tu_with_demo(128, "long", "src/c.c", false);
	struct conflicts c = {0};
	assert_int_equal(abg_model_merge(lib, a, on_conflict, &c), 0);
	assert_int_equal(abg_model_merge(lib, bigger, on_conflict, &c), 1);
	assert_string_equal(c.what[0], "the definition of 'struct demo' (size "
				       "128 vs 192 bits)");
	assert_string_equal(c.first[0].file, "include/demo.h");
	assert_string_equal(c.second[0].file, "src/b.c");
	assert_int_equal(abg_model_merge(lib, retyped, on_conflict, &c), 1);
	assert_string_equal(c.what[1], "the definition of 'struct demo' "
				       "(field 'id' of type 'int' vs 'long')");
	/* the first definition stays */
	const struct abg_type *t = abg_model_type(
		lib, abg_model_find_named(lib, ABG_TYPE_STRUCT, "demo"));
	assert_int_equal(t->size_bits, 128);
	assert_int_equal(t->nfields, 1);
	abg_model_free(lib);
	abg_model_free(a);
	abg_model_free(bigger);
	abg_model_free(retyped);
}

static struct abg_model *tu_with_types(int variant)
{
	struct abg_model *m = abg_model_new();
	m->target = abg_model_intern(m, variant == 3 ? "i386-ilp32"
						     : "x86_64-lp64");
	abg_type_id e = named(m, ABG_TYPE_ENUM, "mode");
	abg_model_define_enum(m, e, 32, 32, false, at("include/m.h", 1, 6));
	abg_model_add_enumerator(m, e, "MODE_A", 0);
	abg_model_add_enumerator(m, e, "MODE_B", variant == 1 ? 2 : 1);
	abg_type_id t = named(m, ABG_TYPE_TYPEDEF, "len_t");
	abg_model_define_typedef(m, t, base(m, variant == 2 ? "long" : "int"),
				 at("include/m.h", 2, 13));
	abg_type_id opaque = named(m, ABG_TYPE_STRUCT, "later");
	if (variant == 1) {
		abg_model_define_record(m, opaque, 32, 32, false,
					at("src/later.c", 1, 8));
		abg_model_add_field(m, opaque, "x", 0, -1, base(m, "int"));
	}
	abg_type_id params[] = {e, t, ptr(m, opaque)};
	abg_type_id ret = base(m, variant == 2 ? "long" : "int");
	add_decl(m, ABG_DECL_FUNCTION, "m_set", NULL, fn(m, ret, 3, params),
		 variant == 0, at("include/m.h", 3, 5));
	return via_text(m);
}

static void test_merge_enum_typedef_decl_target(void **state)
{
	(void)state;
	struct abg_model *lib = abg_model_new();
	struct abg_model *tu[4];
	for (int i = 0; i < 4; i++)
		tu[i] = tu_with_types(i);
	struct conflicts c = {0};
	assert_int_equal(abg_model_merge(lib, tu[0], on_conflict, &c), 0);
	assert_int_equal(abg_model_merge(lib, tu[1], on_conflict, &c), 1);
	assert_string_equal(c.what[0],
			    "the definition of 'enum mode' (MODE_B = 1 vs 2)");
	/* an opaque struct in one unit, defined in another: no conflict */
	const struct abg_type *later = abg_model_type(
		lib, abg_model_find_named(lib, ABG_TYPE_STRUCT, "later"));
	assert_true(later->complete);
	assert_int_equal(later->nfields, 1);
	assert_int_equal(abg_model_merge(lib, tu[2], on_conflict, &c), 2);
	assert_string_equal(c.what[1],
			    "the definition of 'len_t' ('int' vs 'long')");
	assert_string_equal(c.what[2], "the type of 'm_set' ('int (enum mode, "
				       "len_t, struct later *)' vs 'long (enum "
				       "mode, len_t, struct later *)')");
	assert_int_equal(c.first[2].line, 3);
	assert_int_equal(abg_model_merge(lib, tu[3], on_conflict, &c), 1);
	assert_string_equal(c.what[3],
			    "the target ('x86_64-lp64' vs 'i386-ilp32')");
	assert_int_equal(lib->ndecls, 1);
	assert_string_equal(lib->target, "x86_64-lp64");
	for (int i = 0; i < 4; i++)
		abg_model_free(tu[i]);
	abg_model_free(lib);
}

/* The merged model writes the same summary as its only unit. */
static void test_merge_of_one_unit_is_identity(void **state)
{
	(void)state;
	struct abg_model *tu = everything(true, false);
	char *expected = write_text(tu, ABG_TEXT_SUMMARY, NULL);
	struct abg_model *lib = abg_model_new();
	assert_int_equal(abg_model_merge(lib, tu, NULL, NULL), 0);
	assert_int_equal(abg_model_merge(lib, tu, NULL, NULL), 0);
	char *merged = write_text(lib, ABG_TEXT_SUMMARY, NULL);
	assert_string_equal(merged, expected);
	free(merged);
	free(expected);
	abg_model_free(lib);
	abg_model_free(tu);
}

/* ---- size -------------------------------------------------------------- */

static abg_type_id param_of(const struct abg_model *m, const char *name,
			    uint32_t i)
{
	const struct abg_symbol *sym =
		abg_model_find_symbol(m, name, "V_1", true);
	assert_non_null(sym);
	const struct abg_type *fn = abg_model_type(m, sym->type);
	assert_int_equal(fn->kind, ABG_TYPE_FUNCTION);
	assert_true(i < fn->nparams);
	return fn->params[i];
}

/* A parameter spelled as a type once spelled elsewhere is that type, read
 * from the cache of spellings or not; the bound on nesting says the same
 * of a line whatever came before it. */
static void test_parameter_spellings_share_the_cache(void **state)
{
	(void)state;
	struct abg_model *m = read_ok(
		B INT NODE "var a@@V_1 8 const int *\n"
			   "func f@@V_1 int (const int *, int, struct s *)\n"
			   "func g@@V_1 int (struct s *, const int *)\n"
			   "func h@@V_1 int (int (*)(const int *), int)\n",
		ABG_TEXT_BASELINE);
	abg_type_id cp = abg_model_find_symbol(m, "a", "V_1", true)->type;
	assert_int_equal(param_of(m, "f", 0), cp);
	assert_int_equal(param_of(m, "g", 1), cp);
	assert_int_equal(param_of(m, "f", 2), param_of(m, "g", 0));
	const struct abg_type *p = abg_model_type(m, param_of(m, "h", 0));
	assert_int_equal(p->kind, ABG_TYPE_POINTER);
	assert_int_equal(param_of(m, "f", 1), param_of(m, "h", 1));
	abg_model_free(m);

	/* 96 stars: a type alone, too deep as a parameter, cached or not */
	struct abg_strbuf stars = {0}, sb = {0};
	for (int i = 0; i < 96; i++)
		abg_strbuf_append(&stars, "*");
	for (int cached = 0; cached < 2; cached++) {
		abg_strbuf_reset(&sb);
		abg_strbuf_append(&sb, B INT NODE);
		if (cached) {
			abg_strbuf_append(&sb, "var a@@V_1 8 int ");
			abg_strbuf_append(&sb, stars.data);
			abg_strbuf_append(&sb, "\n");
		}
		abg_strbuf_append(&sb, "func f@@V_1 int (int ");
		abg_strbuf_append(&sb, stars.data);
		abg_strbuf_append(&sb, ")\n");
		struct abg_error err = {0};
		m = NULL;
		assert_int_equal(abg_model_read("x.abi", sb.data, sb.len,
						ABG_TEXT_BASELINE, &m, &err),
				 -1);
		assert_int_equal(err.line, 4 + cached);
		assert_non_null(strstr(err.message, "nested too deeply"));
	}
	abg_strbuf_free(&stars);
	abg_strbuf_free(&sb);
}

/* A function's spelling cut at its commas gives the type the full parser
 * gives: the pointee of the same function through a pointer (which is
 * never cut) is the very type, and it spells back as it was written. */
static void test_function_spellings_cut_like_parsed(void **state)
{
	(void)state;
	static const char *const spellings[] = {
		"int (void)",
		"int ()",
		"int (...)",
		"int (int, ...)",
		"char *(const char *, unsigned long)",
		"const char *const (int)",
		"struct s *(struct s *, int *, const int *)",
		"void (int (*)(void), int)",
		"int (int) __attribute__((regparm(3)))",
	};
	enum {
		N = sizeof spellings / sizeof spellings[0]
	};
	struct abg_strbuf sb = {0};
	abg_strbuf_append(&sb, B INT "base char size 8 align 8 signed\n"
				     "base unsigned long size 64 align 64 "
				     "unsigned\n" NODE);
	for (int i = 0; i < N; i++) {
		const char *open = strchr(spellings[i], '(');
		abg_strbuf_printf(&sb, "func f%d@@V_1 %s\n", i, spellings[i]);
		abg_strbuf_printf(&sb, "var p%d@@V_1 8 %.*s(*)%s\n", i,
				  (int)(open - spellings[i]), spellings[i],
				  open);
	}
	struct abg_model *m = read_ok(sb.data, ABG_TEXT_BASELINE);
	for (int i = 0; i < N; i++) {
		char name[16];
		snprintf(name, sizeof name, "f%d", i);
		const struct abg_symbol *f =
			abg_model_find_symbol(m, name, "V_1", true);
		snprintf(name, sizeof name, "p%d", i);
		const struct abg_symbol *p =
			abg_model_find_symbol(m, name, "V_1", true);
		assert_non_null(f);
		assert_non_null(p);
		const struct abg_type *ptr = abg_model_type(m, p->type);
		assert_int_equal(ptr->kind, ABG_TYPE_POINTER);
		assert_int_equal(ptr->target, f->type);
		abg_strbuf_reset(&sb);
		abg_type_spell(m, f->type, &sb);
		assert_string_equal(sb.data, spellings[i]);
	}
	abg_model_free(m);

	/* a malformed list is refused as the full parser refuses it */
	struct abg_error err = {0};
	abg_strbuf_reset(&sb);
	abg_strbuf_append(&sb, B INT NODE "func f@@V_1 int (int, )\n");
	m = NULL;
	assert_int_equal(abg_model_read("x.abi", sb.data, sb.len,
					ABG_TEXT_BASELINE, &m, &err),
			 -1);
	assert_int_equal(err.line, 4);
	assert_string_equal(err.message,
			    "malformed type 'int (int, )': expected a type, "
			    "found ')' at column 23");
	abg_strbuf_free(&sb);
}

static void test_large_baseline_loads(void **state)
{
	(void)state;
	enum {
		NSYMBOLS = 100000,
		NSTRUCTS = 2500,
		NNODES = 50
	};
	struct abg_model *m = abg_model_new();
	char name[64], node[32];
	for (int n = 0; n < NNODES; n++) {
		snprintf(node, sizeof node, "BIG_1.%d", n);
		char parent[32];
		snprintf(parent, sizeof parent, "BIG_1.%d", n - 1);
		add_node(m, node, n + 1 < NNODES, n ? parent : NULL);
	}
	abg_type_id structs[NSTRUCTS];
	for (int s = 0; s < NSTRUCTS; s++) {
		snprintf(name, sizeof name, "big_%d", s);
		structs[s] = named(m, ABG_TYPE_STRUCT, name);
		abg_model_define_record(m, structs[s], 128, 64, false, nowhere);
		abg_model_add_field(m, structs[s], "id", 0, -1, base(m, "int"));
		abg_model_add_field(m, structs[s], "next", 64, -1,
				    ptr(m, structs[s]));
	}
	for (int i = 0; i < NSYMBOLS; i++) {
		snprintf(name, sizeof name, "big_fn_%d", i);
		snprintf(node, sizeof node, "BIG_1.%d", i % NNODES);
		abg_type_id p[] = {ptr(m, structs[i % NSTRUCTS]),
				   base(m, i % 3 ? "int" : "long")};
		add_func(m, name, node, true,
			 fn(m, base(m, "int"), 1 + (i % 2), p));
	}
	char *text = write_text(m, ABG_TEXT_BASELINE, NULL);
	struct abg_model *r = read_ok(text, ABG_TEXT_BASELINE);
	assert_int_equal(r->nsymbols, NSYMBOLS);
	assert_int_equal(r->nnodes, NNODES);
	char *again = write_text(r, ABG_TEXT_BASELINE, NULL);
	assert_string_equal(again, text);
	free(again);
	free(text);
	abg_model_free(r);
	abg_model_free(m);
}

/* The library's version (format 3) reads back to the same bytes; a
 * baseline without one is still written as format 2, byte for byte as
 * before. */
static void test_library_version_round_trips(void **state)
{
	(void)state;
	const char *text =
		"# abiguard ABI baseline. Generated by abiguard; do not edit by "
		"hand.\n"
		"# Regenerate with: abiguard baseline update\n"
		"# Type sizes, alignments and offsets are in bits; variable sizes "
		"in bytes.\n"
		"abiguard-baseline 3\n"
		"soname libfoo.so.0\n"
		"version 0.1\n"
		"\n# unversioned\n"
		"func foo void (void)\n";
	struct abg_model *m = read_ok(text, ABG_TEXT_BASELINE);
	assert_string_equal(m->version, "0.1");
	char *again = write_text(m, ABG_TEXT_BASELINE, NULL);
	assert_string_equal(again, text);
	free(again);
	m->version = NULL;
	again = write_text(m, ABG_TEXT_BASELINE, NULL);
	assert_non_null(strstr(again, "\nabiguard-baseline 2\nsoname "
				      "libfoo.so.0\n\n# unversioned\n"));
	free(again);
	abg_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_baseline),
		cmocka_unit_test(test_golden_summary),
		cmocka_unit_test(test_golden_file_reads_back),
		cmocka_unit_test(test_every_kind_round_trips),
		cmocka_unit_test(test_annotations_round_trip),
		cmocka_unit_test(test_api_surface_round_trips),
		cmocka_unit_test(test_library_version_round_trips),
		cmocka_unit_test(test_insertion_order_does_not_matter),
		cmocka_unit_test(test_reading_gives_the_same_model),
		cmocka_unit_test(test_blanks_between_words),
		cmocka_unit_test(test_node_order_is_canonical),
		cmocka_unit_test(test_diamond_of_nodes_is_linear),
		cmocka_unit_test(test_baseline_locations_point_at_lines),
		cmocka_unit_test(test_summary_locations),
		cmocka_unit_test(test_save_and_load),
		cmocka_unit_test(test_reader_errors),
		cmocka_unit_test(test_reader_limits),
		cmocka_unit_test(test_hostile_input_never_crashes),
		cmocka_unit_test(test_merge_deduplicates),
		cmocka_unit_test(test_merge_annotations),
		cmocka_unit_test(test_merge_takes_type_from_definition),
		cmocka_unit_test(test_merge_reports_conflicts),
		cmocka_unit_test(test_merge_enum_typedef_decl_target),
		cmocka_unit_test(test_merge_of_one_unit_is_identity),
		cmocka_unit_test(test_parameter_spellings_share_the_cache),
		cmocka_unit_test(test_function_spellings_cut_like_parsed),
		cmocka_unit_test(test_large_baseline_loads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
