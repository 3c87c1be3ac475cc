/* SPDX-License-Identifier: GPL-3.0-or-later */
/* NOLINT, NOLINTNEXTLINE and NOLINTBEGIN/END, as clang-tidy spells them. */
#include "abiguard/suppress.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

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

static void count(void *ctx, const struct abg_finding *f)
{
	(void)f;
	++*(int *)ctx;
}

/* Through the filter, reading the file the finding points into; a file
 * abiguard writes (the baseline) is not read. */
static void test_filter_and_generated_files(void **state)
{
	(void)state;
	char dir[] = "/tmp/abiguard-suppress-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[sizeof dir + 16];
	snprintf(path, sizeof path, "%s/gen.abi", dir);
	FILE *file = fopen(path, "w");
	assert_non_null(file);
	fputs("func foo@@FOO_1 int (void) # NOLINT\n", file);
	fclose(file);
	int passed = 0;
	struct abg_sink out = {.emit = count, .ctx = &passed};
	struct abg_location loc = {.file = "gen.abi", .line = 1};
	for (int generated = 0; generated < 2; generated++) {
		struct abg_suppress_filter f;
		abg_suppress_init(&f, &out, dir);
		if (generated)
			abg_suppress_generated(&f, "gen.abi");
		struct abg_finding *finding = abg_finding_new(
			"symbol-removed", ABG_SEVERITY_ERROR, loc, "removed");
		abg_sink_emit(&f.sink, finding);
		abg_finding_free(finding);
		assert_int_equal(f.suppressed, generated ? 0 : 1);
		abg_suppress_free(&f);
	}
	assert_int_equal(passed, 1);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nolint_with_rule_list),
		cmocka_unit_test(test_bare_nolint_silences_every_rule),
		cmocka_unit_test(test_nolintnextline),
		cmocka_unit_test(test_nolint_block),
		cmocka_unit_test(test_lines_past_the_end),
		cmocka_unit_test(test_filter_and_generated_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
