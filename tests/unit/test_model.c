/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The model: hash-consing, C spellings, canonical order, import, walks. */
#include "abiguard/frontend.h"
#include "abiguard/model.h"
#include "abiguard/type_walk.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static char *spell(const struct abg_model *m, abg_type_id id)
{
	struct abg_strbuf sb = {0};
	abg_type_spell(m, id, &sb);
	return sb.data;
}

#define assert_spelling(m, id, text)                                           \
	do {                                                                   \
		char *s_ = spell(m, id);                                       \
		assert_string_equal(s_, text);                                 \
		free(s_);                                                      \
	} while (0)

static void test_types_are_hash_consed(void **state)
{
	(void)state;
	struct abg_model *m = abg_model_new();
	abg_type_id c = abg_model_base(m, "char", 8, 8, true);
	abg_type_id a =
		abg_model_pointer(m, abg_model_qualified(m, c, ABG_QUAL_CONST));
	abg_type_id b =
		abg_model_pointer(m, abg_model_qualified(m, c, ABG_QUAL_CONST));
	assert_int_equal(a, b);
	assert_int_not_equal(a, abg_model_pointer(m, c));
	/* Nested qualifiers merge; no qualifier is the type itself. */
	abg_type_id cv = abg_model_qualified(
		m, abg_model_qualified(m, c, ABG_QUAL_CONST),
		ABG_QUAL_VOLATILE);
	assert_int_equal(cv, abg_model_qualified(
				     m, c, ABG_QUAL_CONST | ABG_QUAL_VOLATILE));
	assert_int_equal(abg_model_qualified(m, c, 0), c);
	abg_model_free(m);
}

static void test_parameter_top_level_qualifiers_dropped(void **state)
{
	(void)state;
	struct abg_model *m = abg_model_new();
	abg_type_id i = abg_model_base(m, "int", 32, 32, true);
	abg_type_id ci = abg_model_qualified(m, i, ABG_QUAL_CONST);
	abg_type_id f1 = abg_model_function(m, i, &ci, 1, false, false, NULL);
	abg_type_id f2 = abg_model_function(m, i, &i, 1, false, false, NULL);
	assert_int_equal(f1, f2);
	assert_spelling(m, f1, "int (int)");
	abg_model_free(m);
}

static void test_spellings(void **state)
{
	(void)state;
	struct abg_model *m = abg_model_new();
	abg_type_id v = abg_model_void(m);
	abg_type_id c = abg_model_base(m, "char", 8, 8, true);
	abg_type_id i = abg_model_base(m, "int", 32, 32, true);
	abg_type_id vp = abg_model_pointer(m, v);
	abg_type_id params[2] = {vp, i};
	abg_type_id cb =
		abg_model_function(m, i, params, 2, false, false, NULL);
	abg_type_id none =
		abg_model_function(m, v, NULL, 0, false, false, NULL);
	abg_type_id old = abg_model_function(m, i, NULL, 0, false, true, NULL);
	abg_type_id pnone = abg_model_pointer(m, none);
	abg_type_id ret_fp =
		abg_model_function(m, pnone, &i, 1, false, false, NULL);
	abg_type_id pc = abg_model_pointer(m, c);
	abg_type_id cpc = abg_model_qualified(m, pc, ABG_QUAL_CONST);
	abg_type_id arr = abg_model_array(m, i, 4);
	abg_type_id flex = abg_model_array(m, c, -1);
	abg_type_id s = abg_model_named(m, ABG_TYPE_STRUCT, "s");
	abg_type_id fmt = abg_model_qualified(m, c, ABG_QUAL_CONST);
	abg_type_id pfmt = abg_model_pointer(m, fmt);
	abg_type_id printf_like =
		abg_model_function(m, i, &pfmt, 1, true, false, "ms_abi");

	assert_spelling(m, pfmt, "const char *");
	assert_spelling(m, abg_model_pointer(m, cb), "int (*)(void *, int)");
	assert_spelling(m, none, "void (void)");
	assert_spelling(m, old, "int ()");
	assert_spelling(m, abg_model_pointer(m, ret_fp),
			"void (*(*)(int))(void)");
	assert_spelling(m, abg_model_pointer(m, cpc), "char *const *");
	assert_spelling(m, arr, "int [4]");
	assert_spelling(m, flex, "char []");
	assert_spelling(m, abg_model_pointer(m, arr), "int (*)[4]");
	assert_spelling(m,
			abg_model_qualified(m, abg_model_pointer(m, cb),
					    ABG_QUAL_CONST),
			"int (*const)(void *, int)");
	assert_spelling(m, abg_model_pointer(m, s), "struct s *");
	assert_spelling(m, printf_like,
			"int (const char *, ...) __attribute__((ms_abi))");
	abg_model_free(m);
}

static void test_canonical_base_names(void **state)
{
	(void)state;
	assert_string_equal(abg_canonical_base_name("long unsigned int"),
			    "unsigned long");
	assert_string_equal(abg_canonical_base_name("short int"), "short");
	assert_string_equal(abg_canonical_base_name("long long int"),
			    "long long");
	assert_string_equal(abg_canonical_base_name("unsigned int"),
			    "unsigned int");
	assert_string_equal(abg_canonical_base_name("double"), "double");
}

static void test_named_types_and_definitions(void **state)
{
	(void)state;
	struct abg_model *m = abg_model_new();
	abg_type_id s = abg_model_named(m, ABG_TYPE_STRUCT, "node");
	assert_int_equal(s, abg_model_named(m, ABG_TYPE_STRUCT, "node"));
	assert_int_not_equal(s, abg_model_named(m, ABG_TYPE_UNION, "node"));
	assert_false(abg_model_type(m, s)->complete);
	struct abg_location loc = {"include/n.h", 3, 8, 0};
	assert_true(abg_model_define_record(m, s, 128, 64, false, loc));
	abg_model_add_field(m, s, "next", 0, -1, abg_model_pointer(m, s));
	/* First definition wins. */
	assert_false(abg_model_define_record(m, s, 64, 64, false, loc));
	assert_int_equal(abg_model_type(m, s)->size_bits, 128);
	assert_string_equal(abg_model_type(m, s)->loc.file, "include/n.h");
	abg_model_free(m);
}

static void test_import_copies_reachable_definitions(void **state)
{
	(void)state;
	struct abg_model *a = abg_model_new(), *b = abg_model_new();
	abg_type_id s = abg_model_named(a, ABG_TYPE_STRUCT, "node");
	abg_model_define_record(a, s, 64, 64, false, (struct abg_location){0});
	abg_model_add_field(a, s, "next", 0, -1, abg_model_pointer(a, s));
	abg_type_id p = abg_model_pointer(a, s);
	abg_type_id f = abg_model_function(a, abg_model_void(a), &p, 1, false,
					   false, NULL);
	abg_type_id g = abg_model_import_type(b, a, f);
	assert_true(abg_type_equal(a, f, b, g));
	abg_type_id bs = abg_model_find_named(b, ABG_TYPE_STRUCT, "node");
	assert_int_not_equal(bs, ABG_NO_TYPE);
	assert_int_equal(abg_model_type(b, bs)->nfields, 1);
	assert_int_equal(abg_model_type(b, bs)->fields[0].type,
			 abg_model_pointer(b, bs));
	abg_model_free(a);
	abg_model_free(b);
}

static void test_canonical_order(void **state)
{
	(void)state;
	struct abg_model *m = abg_model_new();
	struct abg_node *n2 = abg_model_add_node(m, "V_2", true);
	abg_model_add_parent(m, n2, "V_1");
	abg_model_add_node(m, "V_1", true);
	struct abg_symbol s = {.kind = ABG_SYMBOL_FUNCTION,
			       .name = "b",
			       .node = "V_2",
			       .is_default = true};
	abg_model_add_symbol(m, &s);
	s.name = "a";
	s.node = "V_1";
	abg_model_add_symbol(m, &s);
	s.name = "b";
	s.is_default = false;
	abg_model_add_symbol(m, &s);
	abg_model_canonicalize(m);
	assert_string_equal(m->nodes[0].name, "V_1");
	assert_string_equal(m->nodes[1].name, "V_2");
	assert_string_equal(m->symbols[0].name, "a");
	assert_string_equal(m->symbols[1].name, "b");
	assert_false(m->symbols[1].is_default);
	assert_string_equal(m->symbols[2].node, "V_2");
	abg_model_free(m);
}

static const struct abg_symbol *find(const struct abg_model *m,
				     const char *name, const char *node,
				     bool is_default)
{
	return abg_model_find_symbol(m, name, node, is_default);
}

/* Lookups by version: exact node, any default, unversioned; the index
 * follows additions, a reorder, and clearing. */
static void test_symbol_lookup(void **state)
{
	(void)state;
	struct abg_model *m = abg_model_new();
	struct abg_symbol s = {.kind = ABG_SYMBOL_FUNCTION,
			       .name = "open",
			       .node = "V_1",
			       .is_default = false};
	abg_model_add_symbol(m, &s);
	assert_null(abg_model_find_default(m, "open"));
	s.node = "V_2";
	s.is_default = true;
	abg_model_add_symbol(m, &s);
	s.name = "plain";
	s.node = NULL;
	abg_model_add_symbol(m, &s);

	assert_string_equal(find(m, "open", "V_1", false)->node, "V_1");
	assert_null(find(m, "open", "V_1", true));
	assert_string_equal(find(m, "open", "V_2", true)->node, "V_2");
	assert_string_equal(abg_model_find_default(m, "open")->node, "V_2");
	/* Asking for the unversioned symbol does not find a versioned one. */
	assert_null(find(m, "open", NULL, true));
	assert_non_null(find(m, "plain", NULL, true));
	assert_null(find(m, "plain", "V_1", true));
	assert_null(abg_model_find_default(m, "missing"));

	abg_model_canonicalize(m); /* reorders the symbols */
	const struct abg_symbol *compat = find(m, "open", "V_1", false);
	assert_true(compat >= m->symbols && compat < m->symbols + m->nsymbols);
	assert_string_equal(compat->node, "V_1");
	assert_false(compat->is_default);
	assert_string_equal(abg_model_find_default(m, "open")->node, "V_2");

	abg_model_clear_symbols(m);
	assert_null(abg_model_find_default(m, "open"));
	s.name = "open";
	s.node = "V_3";
	abg_model_add_symbol(m, &s);
	assert_string_equal(abg_model_find_default(m, "open")->node, "V_3");
	abg_model_free(m);
}

/* Thousands of distinct types, so that the type index grows several
 * times; each is found again as the same id afterwards. */
static void test_many_types_are_found_again(void **state)
{
	(void)state;
	struct abg_model *m = abg_model_new();
	abg_type_id i = abg_model_base(m, "int", 32, 32, true);
	enum {
		N = 5000
	};
	abg_type_id arrays[N], functions[N], records[N];
	for (int k = 0; k < N; k++) {
		arrays[k] = abg_model_array(m, i, k);
		functions[k] = abg_model_function(m, arrays[k], &i, 1, k % 2,
						  false, NULL);
		records[k] = abg_model_anonymous_record(m, ABG_TYPE_UNION,
							(uint64_t)k * 8, 8);
	}
	for (int k = 0; k < N; k++) {
		assert_int_equal(abg_model_array(m, i, k), arrays[k]);
		assert_int_equal(abg_model_function(m, arrays[k], &i, 1, k % 2,
						    false, NULL),
				 functions[k]);
		assert_int_equal(abg_model_anonymous_record(m, ABG_TYPE_UNION,
							    (uint64_t)k * 8, 8),
				 records[k]);
	}
	/* What tells types apart: element count, variadic, callconv,
	 * record kind and alignment. */
	assert_int_not_equal(abg_model_array(m, i, -1), arrays[0]);
	assert_int_not_equal(
		abg_model_function(m, arrays[1], &i, 1, false, false, NULL),
		functions[1]);
	assert_int_not_equal(
		abg_model_function(m, arrays[0], &i, 1, false, false, "ms_abi"),
		functions[0]);
	assert_int_equal(
		abg_model_function(m, arrays[0], &i, 1, false, false, ""),
		functions[0]);
	assert_int_not_equal(
		abg_model_anonymous_record(m, ABG_TYPE_STRUCT, 8, 8),
		records[1]);
	assert_int_not_equal(
		abg_model_anonymous_record(m, ABG_TYPE_UNION, 8, 16),
		records[1]);
	/* A typedef is found by name before and after it has a target. */
	abg_type_id t = abg_model_named(m, ABG_TYPE_TYPEDEF, "len_t");
	abg_model_define_typedef(m, t, i, (struct abg_location){0});
	for (int k = 0; k < N; k++)
		abg_model_pointer(m, arrays[k]); /* grow the index again */
	assert_int_equal(abg_model_find_named(m, ABG_TYPE_TYPEDEF, "len_t"), t);
	assert_int_equal(abg_model_find_named(m, ABG_TYPE_STRUCT, "len_t"),
			 ABG_NO_TYPE);
	abg_model_free(m);
}

/* ---- the walk over the type graph ---------------------------------------- */

/* struct node { struct node *next; int (*cb)(struct node *, long); }; */
static void test_walk_visits_each_reachable_type_once(void **state)
{
	(void)state;
	struct abg_model *m = abg_model_new();
	abg_type_id i32 = abg_model_base(m, "int", 32, 32, true);
	abg_type_id i64 = abg_model_base(m, "long", 64, 64, true);
	abg_type_id lone = abg_model_base(m, "short", 16, 16, true);
	abg_type_id node = abg_model_named(m, ABG_TYPE_STRUCT, "node");
	abg_type_id ptr = abg_model_pointer(m, node);
	abg_type_id params[] = {ptr, i64};
	abg_type_id fn =
		abg_model_function(m, i32, params, 2, false, false, NULL);
	abg_type_id fnptr = abg_model_pointer(m, fn);
	abg_model_define_record(m, node, 128, 64, false,
				(struct abg_location){0});
	abg_model_add_field(m, node, "next", 0, -1, ptr);
	abg_model_add_field(m, node, "cb", 64, -1, fnptr);

	unsigned *times = calloc(m->ntypes, sizeof *times);
	struct abg_type_walker w;
	abg_type_walker_init(&w, m);
	for (int round = 0; round < 2; round++) { /* the walker is reusable */
		memset(times, 0, m->ntypes * sizeof *times);
		abg_type_walk_start(&w);
		abg_type_walk_add(&w, ptr);
		abg_type_walk_add(&w, node); /* reached anyway: still once */
		for (abg_type_id t; (t = abg_type_walk_next(&w));)
			times[t]++;
		abg_type_id reached[] = {i32, i64, node, ptr, fn, fnptr};
		for (size_t k = 0; k < sizeof reached / sizeof *reached; k++)
			assert_int_equal(times[reached[k]], 1);
		assert_int_equal(times[lone], 0);
	}
	abg_type_walker_free(&w);
	free(times);
	abg_model_free(m);
}

static void count_named(void *ctx, abg_type_id named)
{
	(void)named;
	(*(unsigned *)ctx)++;
}

/* typedef t1 t0; typedef t2 t1; ... a chain as long as a hostile
 * baseline may make it: no recursion, so no stack to run out of. */
static void test_walk_follows_a_long_chain(void **state)
{
	(void)state;
	enum {
		LENGTH = 200000
	};
	struct abg_model *m = abg_model_new();
	abg_type_id prev = abg_model_base(m, "int", 32, 32, true);
	char name[32];
	for (unsigned i = 0; i < LENGTH; i++) {
		snprintf(name, sizeof name, "t%u", i);
		abg_type_id t = abg_model_named(m, ABG_TYPE_TYPEDEF, name);
		abg_model_define_typedef(m, t, prev, (struct abg_location){0});
		prev = t;
	}
	struct abg_type_walker w;
	abg_type_walker_init(&w, m);
	unsigned named = 0;
	abg_type_walk_named(&w, prev, count_named, &named);
	assert_int_equal(named, LENGTH);
	/* pop does not follow edges: only the root comes out */
	abg_type_walk_start(&w);
	abg_type_walk_add(&w, prev);
	assert_int_equal(abg_type_walk_pop(&w), prev);
	assert_int_equal(abg_type_walk_pop(&w), ABG_NO_TYPE);
	abg_type_walker_free(&w);
	abg_model_free(m);
}

/* ---- rules every front end shares ---------------------------------------- */

static void test_tag_names(void **state)
{
	(void)state;
	struct abg_model *m = abg_model_new();
	/* the tag wins over everything */
	assert_string_equal(abg_tag_name(m, ABG_TYPE_STRUCT, "s", "s_t", NULL),
			    "s");
	/* typedef struct { ... } point_t; */
	assert_string_equal(
		abg_tag_name(m, ABG_TYPE_STRUCT, NULL, "point_t", NULL),
		"<point_t>");
	assert_string_equal(abg_tag_name(m, ABG_TYPE_ENUM, "", "mode_t", "A"),
			    "<mode_t>");
	/* enum { RED, GREEN } c; */
	assert_string_equal(abg_tag_name(m, ABG_TYPE_ENUM, NULL, NULL, "RED"),
			    "<RED>");
	assert_string_equal(abg_tag_name(m, ABG_TYPE_ENUM, NULL, NULL, NULL),
			    "<anonymous>");
	/* an anonymous member's record has no name; enumerators name
	 * only enums */
	assert_null(abg_tag_name(m, ABG_TYPE_UNION, NULL, NULL, "RED"));
	assert_null(abg_tag_name(m, ABG_TYPE_STRUCT, "", "", NULL));
	abg_model_free(m);
}

/*
 * struct r { int id; union { long l; struct { short lo, hi; }; };
 *            struct { short major; } v; };
 * on LP64: id 0, the union at 64 (l, then lo and hi inside it), v at 128.
 */
static void test_fields_flatten_anonymous_members(void **state)
{
	(void)state;
	struct abg_model *m = abg_model_new();
	abg_type_id i32 = abg_model_base(m, "int", 32, 32, true);
	abg_type_id i64 = abg_model_base(m, "long", 64, 64, true);
	abg_type_id i16 = abg_model_base(m, "short", 16, 16, true);
	abg_type_id r = abg_model_named(m, ABG_TYPE_STRUCT, "r");
	abg_model_define_record(m, r, 192, 64, false, (struct abg_location){0});
	abg_type_id u = abg_model_anonymous_record(m, ABG_TYPE_UNION, 64, 64);
	abg_type_id s = abg_model_anonymous_record(m, ABG_TYPE_STRUCT, 32, 16);
	abg_type_id v = abg_model_anonymous_record(m, ABG_TYPE_STRUCT, 16, 16);

	struct abg_fields top = abg_fields_of(m, r);
	abg_fields_add(&top, "id", 0, -1, i32);
	struct abg_fields in_u = abg_fields_enter(&top, NULL, 64, u);
	abg_fields_add(&in_u, "l", 0, -1, i64);
	struct abg_fields in_s = abg_fields_enter(&in_u, "", 0, s);
	abg_fields_add(&in_s, "lo", 0, -1, i16);
	abg_fields_add(&in_s, "hi", 16, -1, i16);
	struct abg_fields in_v = abg_fields_enter(&top, "v", 128, v);
	abg_fields_add(&in_v, "major", 0, -1, i16);

	static const struct {
		const char *name;
		uint64_t offset;
	} want[] = {{"id", 0},	{"", 64},   {"l", 64},	{"", 64},
		    {"lo", 64}, {"hi", 80}, {"v", 128}, {"v.major", 128}};
	const struct abg_type *t = abg_model_type(m, r);
	assert_int_equal(t->nfields, sizeof want / sizeof *want);
	for (uint32_t i = 0; i < t->nfields; i++) {
		assert_string_equal(t->fields[i].name, want[i].name);
		assert_int_equal(t->fields[i].offset_bits, want[i].offset);
	}
	assert_int_equal(t->fields[1].type, u);
	assert_int_equal(t->fields[6].type, v);
	abg_model_free(m);
}

/* Who is in a summary: the public header's declarations, and what this
 * unit defines and exports. */
static void test_decl_settle(void **state)
{
	(void)state;
	struct abg_decl d = {0};
	/* int f(void); in a public header, defined here, hidden */
	assert_true(abg_decl_settle(&d, true, true, false));
	assert_true(d.public_header && d.defined && !d.exported);
	/* a .c file's own exported function */
	assert_true(abg_decl_settle(&d, false, true, true));
	assert_true(!d.public_header && d.defined && d.exported);
	/* a prototype in a private header, not defined here */
	assert_false(abg_decl_settle(&d, false, false, true));
	/* defined here, hidden, not public: internal */
	assert_false(abg_decl_settle(&d, false, true, false));
	assert_false(d.exported);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_types_are_hash_consed),
		cmocka_unit_test(test_parameter_top_level_qualifiers_dropped),
		cmocka_unit_test(test_spellings),
		cmocka_unit_test(test_canonical_base_names),
		cmocka_unit_test(test_named_types_and_definitions),
		cmocka_unit_test(test_import_copies_reachable_definitions),
		cmocka_unit_test(test_canonical_order),
		cmocka_unit_test(test_symbol_lookup),
		cmocka_unit_test(test_many_types_are_found_again),
		cmocka_unit_test(test_walk_visits_each_reachable_type_once),
		cmocka_unit_test(test_walk_follows_a_long_chain),
		cmocka_unit_test(test_tag_names),
		cmocka_unit_test(test_fields_flatten_anonymous_members),
		cmocka_unit_test(test_decl_settle),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
