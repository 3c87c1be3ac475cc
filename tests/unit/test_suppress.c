/* SPDX-License-Identifier: GPL-3.0-or-later */
/* NOLINT, NOLINTNEXTLINE and NOLINTBEGIN/END, as clang-tidy spells them. */
#include "abiguard/suppress.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

static const char source[] =
	"int a(long);  // NOLINT(released-signature-changed): was never used\n" /* 1 */
	"int b(long);  // NOLINT\n"					 /* 2 */
	"// NOLINTNEXTLINE(symbol-*): internal, see HACKING\n"		 /* 3 */
	"int c(void);\n"						 /* 4 */
	"int d(void);  // NOLINTNEXTLINE(symbol-removed)\n"		 /* 5 */
	"// NOLINTBEGIN(enumerator-changed): values reassigned in 2.0\n" /* 6 */
	"enum e { X };\n"						 /* 7 */
	"// NOLINTEND(enumerator-changed)\n"				 /* 8 */
	"enum f { Y };\n"						 /* 9 */
	"int g(long);  // NOLINT(enumerator-changed, released-*)\n"; /* 10 */

static void test_nolint_with_rule_list(void **state)
{
	(void)state;
	assert_true(abg_suppressed_in_text(source, 1,
					   "released-signature-changed"));
	assert_false(
		abg_suppressed_in_text(source, 1, "released-type-changed"));
	assert_true(
		abg_suppressed_in_text(source, 10, "released-type-changed"));
	assert_true(abg_suppressed_in_text(source, 10, "enumerator-changed"));
	assert_false(abg_suppressed_in_text(source, 10, "symbol-removed"));
}

static void test_bare_nolint_silences_every_rule(void **state)
{
	(void)state;
	assert_true(abg_suppressed_in_text(source, 2, "symbol-removed"));
	assert_true(abg_suppressed_in_text(source, 2, "released-type-changed"));
}

static void test_nolintnextline(void **state)
{
	(void)state;
	assert_true(abg_suppressed_in_text(source, 4, "symbol-unversioned"));
	assert_false(
		abg_suppressed_in_text(source, 4, "released-type-changed"));
	/* NOLINTNEXTLINE is not a NOLINT for its own line. */
	assert_false(abg_suppressed_in_text(source, 5, "symbol-removed"));
	assert_true(abg_suppressed_in_text(source, 6, "symbol-removed"));
}

static void test_nolint_block(void **state)
{
	(void)state;
	assert_true(abg_suppressed_in_text(source, 7, "enumerator-changed"));
	assert_false(abg_suppressed_in_text(source, 7, "symbol-removed"));
	assert_false(abg_suppressed_in_text(source, 9, "enumerator-changed"));
}

static void test_lines_past_the_end(void **state)
{
	(void)state;
	assert_false(abg_suppressed_in_text(source, 99, "enumerator-changed"));
	assert_false(abg_suppressed_in_text("", 1, "enumerator-changed"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nolint_with_rule_list),
		cmocka_unit_test(test_bare_nolint_silences_every_rule),
		cmocka_unit_test(test_nolintnextline),
		cmocka_unit_test(test_nolint_block),
		cmocka_unit_test(test_lines_past_the_end),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
