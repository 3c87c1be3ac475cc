/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * abg_type_blocks_filter(): which type blocks of a library's summaries are
 * dropped, and that merging the filtered summaries gives the same library
 * model and the same conflicts as merging them whole.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abiguard/merge.h"
#include "abiguard/serialize.h"
#include "abiguard/type_blocks.h"

#define HEAD "abiguard-summary 1\ntarget x86_64-lp64\n"
#define BASES                                                                  \
	"base int size 32 align 32 signed\n"                                   \
	"base unsigned int size 32 align 32 unsigned\n"
#define DEMO_A                                                                 \
	"struct demo size 64 align 32 at include/demo.h:12:8\n"                \
	"struct demo field 0 id int\n"                                         \
	"struct demo field 32 flags unsigned int\n"
/* The same struct, defined differently (a unit built with other flags). */
#define DEMO_B                                                                 \
	"struct demo size 64 align 32 at include/demo.h:12:8\n"                \
	"struct demo field 0 id int\n"                                         \
	"struct demo field 32 flags int\n"
#define COLOR                                                                  \
	"enum color size 32 align 32 unsigned at include/demo.h:3:6\n"         \
	"enum color value red 0\n"                                             \
	"enum color value blue 1\n"
#define TYPEDEF "typedef demo_t struct demo at include/demo.h:20:21\n"
/* A unit that only sees `struct demo;`. */
#define OPAQUE "struct demo opaque\n"

static const char *unit(int n, const char *types)
{
	static char buf[8][2048];
	char *b = buf[n % 8];
	snprintf(b, sizeof buf[0],
		 HEAD "decl func demo_f%d defined,public,exported "
		      "int (struct demo *, enum color) at src/u%d.c:1:5\n"
		      "%s",
		 n, n, types);
	return b;
}

#define CLOSE "decl func demo_close public void (struct demo *) at x.h:2:6\n"
#define CLOSE_DEF                                                              \
	"decl func demo_close defined,public,exported void (struct demo *) "   \
	"at src/c.c:4:6\n"
#define CLOSE_LONG                                                             \
	"decl func demo_close public int (struct demo *) at x.h:2:6\n"
#define RENAMED "decl func close2=demo_close public void (struct demo *)\n"
/* demo_close as the units that only see it in x.h list it. */
#define CLOSE_SEEN "decl func demo_close public <unknown> at x.h:2:6\n"
#define CLOSE_SEEN_INTERNAL                                                    \
	"decl func demo_close public,internal <unknown> at x.h:2:6\n"
#define CLOSE_SEEN_BARE "decl func demo_close - <unknown>\n"

static void filter(struct abg_type_blocks *b, const char *text,
		   struct abg_strbuf *out)
{
	abg_type_blocks_filter(b, text, strlen(text), out);
}

static void test_repeated_block_dropped(void **state)
{
	(void)state;
	struct abg_type_blocks b;
	abg_type_blocks_init(&b);
	struct abg_strbuf out = {0};
	const char *first = unit(1, BASES COLOR TYPEDEF DEMO_A);
	filter(&b, first, &out);
	assert_string_equal(abg_strbuf_cstr(&out), first);
	filter(&b, unit(2, BASES COLOR TYPEDEF DEMO_A), &out);
	/* bases, the typedef and the declaration stay; both types go. */
	assert_string_equal(abg_strbuf_cstr(&out), unit(2, BASES TYPEDEF));
	assert_int_equal(b.dropped_bytes, strlen(COLOR DEMO_A));
	abg_strbuf_free(&out);
	abg_type_blocks_free(&b);
}

static void test_different_block_kept(void **state)
{
	(void)state;
	struct abg_type_blocks b;
	abg_type_blocks_init(&b);
	struct abg_strbuf out = {0};
	filter(&b, unit(1, COLOR DEMO_A), &out);
	filter(&b, unit(2, COLOR DEMO_B), &out);
	assert_string_equal(abg_strbuf_cstr(&out), unit(2, DEMO_B));
	/* Compared with the first definition, the one the merger keeps:
	 * a third unit like the second is kept too. */
	filter(&b, unit(3, DEMO_B), &out);
	assert_string_equal(abg_strbuf_cstr(&out), unit(3, DEMO_B));
	filter(&b, unit(4, DEMO_A), &out);
	assert_string_equal(abg_strbuf_cstr(&out), unit(4, ""));
	abg_strbuf_free(&out);
	abg_type_blocks_free(&b);
}

/* After "opaque" came first, the first definition is dropped when it
 * comes again (the library took it), and so is "opaque" after a first
 * definition (it adds nothing). Other definitions are kept every time. */
static void test_opaque_companion(void **state)
{
	(void)state;
	struct abg_type_blocks b;
	abg_type_blocks_init(&b);
	struct abg_strbuf out = {0};
	filter(&b, unit(1, OPAQUE), &out);
	filter(&b, unit(2, DEMO_A), &out);
	assert_string_equal(abg_strbuf_cstr(&out), unit(2, DEMO_A));
	filter(&b, unit(3, DEMO_A), &out);
	assert_string_equal(abg_strbuf_cstr(&out), unit(3, ""));
	filter(&b, unit(4, OPAQUE), &out);
	assert_string_equal(abg_strbuf_cstr(&out), unit(4, ""));
	for (int i = 5; i < 7; i++) {
		filter(&b, unit(i, DEMO_B), &out);
		assert_string_equal(abg_strbuf_cstr(&out), unit(i, DEMO_B));
	}
	abg_type_blocks_free(&b);

	abg_type_blocks_init(&b);
	filter(&b, unit(1, DEMO_A), &out);
	filter(&b, unit(2, OPAQUE), &out);
	assert_string_equal(abg_strbuf_cstr(&out), unit(2, OPAQUE));
	filter(&b, unit(3, OPAQUE), &out);
	assert_string_equal(abg_strbuf_cstr(&out), unit(3, ""));
	filter(&b, unit(4, DEMO_A), &out);
	assert_string_equal(abg_strbuf_cstr(&out), unit(4, ""));
	abg_type_blocks_free(&b);

	/* A definition kept after the first one that is not its companion
	 * (the library may hold it): nothing after it is dropped but the
	 * first block. */
	abg_type_blocks_init(&b);
	filter(&b, unit(1, DEMO_A), &out);
	filter(&b, unit(2, DEMO_B), &out);
	filter(&b, unit(3, OPAQUE), &out);
	filter(&b, unit(4, OPAQUE), &out);
	assert_string_equal(abg_strbuf_cstr(&out), unit(4, OPAQUE));
	abg_type_blocks_free(&b);

	/* Nor when the key had two runs in a unit after the first. */
	abg_type_blocks_init(&b);
	filter(&b, unit(1, OPAQUE), &out);
	filter(&b, unit(2, DEMO_B COLOR OPAQUE), &out);
	filter(&b, unit(3, DEMO_A), &out);
	filter(&b, unit(4, DEMO_A), &out);
	assert_string_equal(abg_strbuf_cstr(&out), unit(4, DEMO_A));
	abg_strbuf_free(&out);
	abg_type_blocks_free(&b);
}

/* A type whose lines are not all together is never dropped, and a type
 * first seen that way is never compared with. */
static void test_split_block_kept(void **state)
{
	(void)state;
	struct abg_type_blocks b;
	abg_type_blocks_init(&b);
	struct abg_strbuf out = {0};
	static const char split[] =
		"struct demo size 64 align 32 at include/demo.h:12:8\n" COLOR
		"struct demo field 0 id int\n";
	filter(&b, unit(1, split), &out);
	filter(&b, unit(2, split), &out);
	assert_string_equal(abg_strbuf_cstr(&out),
			    unit(2, "struct demo size 64 align 32 at "
				    "include/demo.h:12:8\n"
				    "struct demo field 0 id int\n"));
	filter(&b,
	       unit(3, "struct demo size 64 align 32 at "
		       "include/demo.h:12:8\n"),
	       &out);
	assert_non_null(strstr(out.data, "struct demo size"));
	abg_strbuf_free(&out);
	abg_type_blocks_free(&b);
}

/* Declarations are keyed by kind and symbol, and compared whole. */
static void test_declarations(void **state)
{
	(void)state;
	struct abg_type_blocks b;
	abg_type_blocks_init(&b);
	struct abg_strbuf out = {0};
	filter(&b, HEAD CLOSE, &out);
	filter(&b, HEAD CLOSE "decl func demo_open public int (void)\n", &out);
	assert_string_equal(abg_strbuf_cstr(&out),
			    HEAD "decl func demo_open public int (void)\n");
	filter(&b, HEAD CLOSE_DEF, &out);
	assert_string_equal(abg_strbuf_cstr(&out), HEAD CLOSE_DEF);
	filter(&b, HEAD RENAMED, &out);
	assert_string_equal(abg_strbuf_cstr(&out), HEAD RENAMED);
	filter(&b, HEAD CLOSE_LONG, &out);
	assert_string_equal(abg_strbuf_cstr(&out), HEAD CLOSE_LONG);
	/* Twice in one summary: kept. */
	filter(&b, HEAD CLOSE CLOSE, &out);
	assert_string_equal(abg_strbuf_cstr(&out), HEAD CLOSE CLOSE);
	/* The variable of the same name is another key. */
	filter(&b, HEAD "decl var demo_close public int\n", &out);
	assert_string_equal(abg_strbuf_cstr(&out),
			    HEAD "decl var demo_close public int\n");
	abg_strbuf_free(&out);
	abg_type_blocks_free(&b);
}

/* A declaration of unknown type whose every flag the first block of its
 * symbol had adds nothing to the library's entry: dropped, whatever its
 * location; one with a flag more, or a type, is kept. */
static void test_declarations_adding_nothing(void **state)
{
	(void)state;
	struct abg_type_blocks b;
	abg_type_blocks_init(&b);
	struct abg_strbuf out = {0};
	filter(&b, HEAD CLOSE_DEF, &out);
	filter(&b, HEAD CLOSE_SEEN, &out);
	assert_string_equal(abg_strbuf_cstr(&out), HEAD);
	filter(&b,
	       HEAD CLOSE_SEEN_BARE "decl func demo_close public "
				    "<unknown> at y.h:9:1\n",
	       &out);
	/* twice in one summary: kept, as any key */
	assert_string_equal(abg_strbuf_cstr(&out),
			    HEAD CLOSE_SEEN_BARE "decl func demo_close public "
						 "<unknown> at y.h:9:1\n");
	filter(&b, HEAD CLOSE_SEEN_BARE, &out);
	assert_string_equal(abg_strbuf_cstr(&out), HEAD);
	filter(&b, HEAD CLOSE_SEEN_INTERNAL, &out);
	assert_string_equal(abg_strbuf_cstr(&out), HEAD CLOSE_SEEN_INTERNAL);
	filter(&b, HEAD CLOSE, &out);
	assert_string_equal(abg_strbuf_cstr(&out), HEAD CLOSE);
	/* "<unknown>" only as the whole type */
	filter(&b, HEAD "decl func demo_close public <unknown> *\n", &out);
	assert_string_equal(abg_strbuf_cstr(&out),
			    HEAD "decl func demo_close public <unknown> *\n");
	/* A first block with fewer flags: "exported" is new, kept. */
	filter(&b, HEAD "decl func demo_open public <unknown>\n", &out);
	filter(&b, HEAD "decl func demo_open public,exported <unknown>\n",
	       &out);
	assert_string_equal(abg_strbuf_cstr(&out),
			    HEAD "decl func demo_open public,exported "
				 "<unknown>\n");
	abg_strbuf_free(&out);
	abg_type_blocks_free(&b);
}

/* A last line without its newline, and an empty text. */
static void test_edges(void **state)
{
	(void)state;
	struct abg_type_blocks b;
	abg_type_blocks_init(&b);
	struct abg_strbuf out = {0};
	filter(&b, HEAD "struct demo size 64 align 32", &out);
	filter(&b, HEAD "struct demo size 64 align 32", &out);
	assert_string_equal(abg_strbuf_cstr(&out), HEAD);
	filter(&b, "", &out);
	assert_int_equal(out.len, 0);
	filter(&b, "struct \nstruct \n", &out);
	assert_string_equal(abg_strbuf_cstr(&out), "struct \nstruct \n");
	abg_strbuf_free(&out);
	abg_type_blocks_free(&b);
}

/* ---- the merge gives the same result ----------------------------------- */

static size_t conflicts;

static void count_conflict(void *ctx, const char *what,
			   struct abg_location first,
			   struct abg_location second)
{
	(void)first;
	(void)second;
	abg_strbuf_printf(ctx, "conflict: %s\n", what);
	conflicts++;
}

static void merge_all(const char *const *units, size_t n, bool dedup,
		      struct abg_strbuf *result)
{
	struct abg_model *lib = abg_model_new();
	struct abg_merger *merger = abg_merger_new(lib, count_conflict, result);
	struct abg_type_blocks b;
	abg_type_blocks_init(&b);
	struct abg_strbuf kept = {0};
	for (size_t i = 0; i < n; i++) {
		const char *text = units[i];
		if (dedup) {
			filter(&b, units[i], &kept);
			text = abg_strbuf_cstr(&kept);
		}
		struct abg_model *tu = NULL;
		struct abg_error err;
		if (abg_model_read("lib.so", text, strlen(text),
				   ABG_TEXT_SUMMARY, &tu, &err) != 0)
			fail_msg("%s", err.message);
		abg_merger_add(merger, tu);
		abg_model_free(tu);
	}
	abg_merger_free(merger);
	abg_model_canonicalize(lib);
	abg_model_write(lib, ABG_TEXT_BASELINE, NULL, result);
	/* and every declaration with its flags, type and location */
	abg_model_write(lib, ABG_TEXT_SUMMARY, NULL, result);
	abg_strbuf_free(&kept);
	abg_type_blocks_free(&b);
	abg_model_free(lib);
}

/* The units merged whole and filtered: the same library and
 * the same number of conflicts, which must be `conflicts_expected`. */
static void assert_merge_unchanged(char *const *units, size_t n,
				   size_t conflicts_expected)
{
	struct abg_strbuf whole = {0}, deduped = {0};
	conflicts = 0;
	merge_all((const char *const *)units, n, false, &whole);
	size_t whole_conflicts = conflicts;
	conflicts = 0;
	merge_all((const char *const *)units, n, true, &deduped);
	assert_int_equal(whole_conflicts, conflicts_expected);
	assert_int_equal(conflicts, whole_conflicts);
	assert_string_equal(abg_strbuf_cstr(&deduped), abg_strbuf_cstr(&whole));
	abg_strbuf_free(&whole);
	abg_strbuf_free(&deduped);
}

/* Each unit: one function of its own and the types (or lines) given. */
static char **make_units(const char *const *types, size_t n)
{
	char **units = calloc(n, sizeof *units);
	assert_non_null(units);
	for (size_t i = 0; i < n; i++)
		units[i] = strdup(unit((int)i, types[i]));
	return units;
}

static void free_units(char **units, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(units[i]);
	free(units);
}

static void test_merge_unchanged(void **state)
{
	(void)state;
	static const char *const types[8] = {
		CLOSE BASES COLOR TYPEDEF DEMO_A,
		CLOSE BASES COLOR TYPEDEF DEMO_A,
		CLOSE_LONG BASES COLOR DEMO_B,
		CLOSE_LONG BASES COLOR DEMO_B,
		CLOSE BASES TYPEDEF DEMO_A,
		CLOSE_DEF BASES COLOR,
		CLOSE BASES COLOR,
		RENAMED BASES,
	};
	char **units = make_units(types, 8);
	/* demo_close's type twice, struct demo's definition twice */
	assert_merge_unchanged(units, 8, 4);
	free_units(units, 8);
}

/* Declarations seen and defined, in every order, with flags only some
 * units give and a conflict of types. */
static void test_merge_declarations_unchanged(void **state)
{
	(void)state;
	static const char *const types[9] = {
		CLOSE_SEEN BASES,
		CLOSE_DEF BASES,
		CLOSE_SEEN_BARE BASES,
		CLOSE_SEEN_INTERNAL BASES,
		CLOSE_SEEN BASES,
		CLOSE_LONG BASES,
		CLOSE_SEEN_INTERNAL BASES,
		CLOSE BASES,
		RENAMED BASES,
	};
	char **units = make_units(types, 9);
	assert_merge_unchanged(units, 9, 1);
	/* and with the definition first */
	char *first = units[0];
	units[0] = units[1];
	units[1] = first;
	assert_merge_unchanged(units, 9, 1);
	free_units(units, 9);
}

/* Opaque and defined, in every order, with a conflict among them. */
static void test_merge_opaque_unchanged(void **state)
{
	(void)state;
	static const char *const types[10] = {
		BASES COLOR OPAQUE,   BASES COLOR DEMO_A,
		BASES OPAQUE,	      BASES COLOR DEMO_A,
		BASES DEMO_B,	      BASES COLOR DEMO_B,
		BASES COLOR OPAQUE,   BASES DEMO_A,
		TYPEDEF BASES OPAQUE, TYPEDEF BASES COLOR DEMO_A,
	};
	char **units = make_units(types, 10);
	assert_merge_unchanged(units, 10, 2);
	free_units(units, 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_repeated_block_dropped),
		cmocka_unit_test(test_different_block_kept),
		cmocka_unit_test(test_opaque_companion),
		cmocka_unit_test(test_split_block_kept),
		cmocka_unit_test(test_declarations),
		cmocka_unit_test(test_declarations_adding_nothing),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_merge_unchanged),
		cmocka_unit_test(test_merge_opaque_unchanged),
		cmocka_unit_test(test_merge_declarations_unchanged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
