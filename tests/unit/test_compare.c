/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Diffing enums: small ones are scanned, large ones looked up by name;
 * both must report the same changes. */
#include "abiguard/changes.h"
#include "abiguard/compare.h"
#include "abiguard/model.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* enum e { E0 = 0, ..., E<n-1>, E_MAX = n } with, in `edited`, E2
 * renamed to R2, E3 moved to 100, E4 removed, ENEW = -1 (a value no
 * old enumerator has) before E_MAX. */
static abg_type_id add_enum(struct abg_model *m, unsigned n, bool edited)
{
	struct abg_location loc = {"e.h", 1, 1, 0};
	abg_type_id id = abg_model_named(m, ABG_TYPE_ENUM, "e");
	abg_model_define_enum(m, id, 32, 32, false, loc);
	char name[32];
	for (unsigned i = 0; i < n; i++) {
		snprintf(name, sizeof name, "E%u", i);
		int64_t value = i;
		if (edited && i == 2)
			snprintf(name, sizeof name, "R2");
		if (edited && i == 3)
			value = 100;
		if (edited && i == 4)
			continue;
		abg_model_add_enumerator(m, id, name, value);
	}
	if (edited)
		abg_model_add_enumerator(m, id, "ENEW", -1);
	abg_model_add_enumerator(m, id, "E_MAX", n);
	return id;
}

static void check_enum_diff(unsigned n)
{
	struct abg_model *old = abg_model_new(), *new_ = abg_model_new();
	abg_type_id a = add_enum(old, n, false), b = add_enum(new_, n, true);
	struct abg_layout_diff diff = {0};
	abg_layout_diff(old, a, new_, b, &diff);
	static const enum abg_change_kind kinds[] = {
		ABG_CHANGE_ENUMERATOR_RENAMED, ABG_CHANGE_ENUMERATOR_VALUE,
		ABG_CHANGE_ENUMERATOR_REMOVED, ABG_CHANGE_ENUMERATOR_APPENDED};
	static const char *const texts[] = {
		"enumerator 'E2' (= 2) was renamed to 'R2'",
		"enumerator 'E3' changed value from 3 to 100",
		"enumerator 'E4' (= 4) was removed",
		"enumerator 'ENEW' (= -1) was added"};
	assert_int_equal(diff.nchanges, 4);
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(diff.changes[i].kind, kinds[i]);
		assert_string_equal(diff.changes[i].text, texts[i]);
	}
	abg_layout_diff_free(&diff);
	/* Unchanged: nothing, however long the enum. */
	abg_layout_diff(old, a, old, a, &diff);
	assert_int_equal(diff.nchanges, 0);
	abg_layout_diff_free(&diff);
	abg_model_free(old);
	abg_model_free(new_);
}

static void test_small_enum_diff(void **state)
{
	(void)state;
	check_enum_diff(6);
}

static void test_large_enum_diff(void **state)
{
	(void)state;
	check_enum_diff(40);
	check_enum_diff(2000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_small_enum_diff),
		cmocka_unit_test(test_large_enum_diff),
	};
	return cmocka_run_group_tests(tests, 0, NULL);
}
