/* SPDX-License-Identifier: GPL-3.0-or-later */
/* .symver directives and symver attributes, as every front end reads them. */
#include "abiguard/symver.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

static const struct abg_location loc = {"src/x.c", 0, 0, 0};

static void test_asm_directives(void **state)
{
	(void)state;
	struct abg_model *m = abg_model_new();
	const char text[] =
		"\t.symver foo_1_0, foo@VER_1.0  # old ABI\n"
		".symver foo_2_0,foo@@VER_2.0; .symver bar, \"bar\"@@@VER_2.0\n"
		".globl x\n"
		".symver baz_1, baz@VER_1.0, remove\n"
		".symverx not, a@directive\n"
		".symver broken\n";
	assert_int_equal(abg_symver_parse_asm(m, text, strlen(text), loc), 4);
	assert_int_equal(m->nsymvers, 4);
	assert_string_equal(m->symvers[0].impl, "foo_1_0");
	assert_string_equal(m->symvers[0].name, "foo");
	assert_string_equal(m->symvers[0].node, "VER_1.0");
	assert_false(m->symvers[0].is_default);
	assert_true(m->symvers[1].is_default);
	assert_string_equal(m->symvers[2].name, "bar");
	assert_true(m->symvers[2].is_default);
	assert_string_equal(m->symvers[3].impl, "baz_1");
	assert_string_equal(m->symvers[3].node, "VER_1.0");
	abg_model_free(m);
}

static void test_attribute_spec(void **state)
{
	(void)state;
	struct abg_model *m = abg_model_new();
	assert_true(abg_symver_add_spec(m, "vfoo_v1", "vfoo@VER_1", 10, loc));
	assert_false(abg_symver_add_spec(m, "vfoo_v1", "vfoo", 4, loc));
	assert_false(abg_symver_add_spec(m, "vfoo_v1", "vfoo@@@@V", 9, loc));
	assert_int_equal(m->nsymvers, 1);
	assert_string_equal(m->symvers[0].name, "vfoo");
	abg_model_free(m);
}

static void test_locate_lines_of_asm_directives(void **state)
{
	(void)state;
	char dir[] = "/tmp/abiguard-symver-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[64];
	snprintf(path, sizeof path, "%s/x.c", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("int a;\n__asm__(\".symver foo_2, foo@@V2\");\n"
	      "  __asm__(\".symver foo_1,foo@V1\");\n",
	      f);
	fclose(f);
	struct abg_model *m = abg_model_new();
	const char text[] = ".symver foo_1, foo@V1\n.symver foo_2, foo@@V2\n";
	abg_symver_parse_asm(m, text, strlen(text),
			     (struct abg_location){"x.c", 0, 0, 0});
	abg_symver_locate(m, dir);
	assert_int_equal(m->symvers[0].loc.line, 3);
	assert_int_equal(m->symvers[0].loc.column, 12);
	assert_int_equal(m->symvers[1].loc.line, 2);
	assert_int_equal(m->symvers[1].loc.column, 10);
	abg_model_free(m);
	remove(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_asm_directives),
		cmocka_unit_test(test_attribute_spec),
		cmocka_unit_test(test_locate_lines_of_asm_directives),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
