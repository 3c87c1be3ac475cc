/* SPDX-License-Identifier: GPL-3.0-or-later */
/* "Did you mean": edit distance, the option parser's rule names, and the
 * NOLINT filter's warning about names that match no rule. */
#include "abiguard/options.h"
#include "abiguard/suggest.h"
#include "abiguard/suppress.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

static const char *const known[] = {"released-signature-changed",
				    "released-type-changed", "symbol-removed",
				    "symbol-unversioned", NULL};

static void test_edit_distance(void **state)
{
	(void)state;
	assert_int_equal(abg_edit_distance("", ""), 0);
	assert_int_equal(abg_edit_distance("abc", ""), 3);
	assert_int_equal(abg_edit_distance("kitten", "sitting"), 3);
	assert_int_equal(abg_edit_distance("symbol-removed", "symbol-remved"),
			 1);
}

static void test_suggest_near_names_only(void **state)
{
	(void)state;
	assert_string_equal(abg_suggest("releasd-type-changed", known),
			    "released-type-changed");
	assert_string_equal(abg_suggest("symbol-unversiond", known),
			    "symbol-unversioned");
	assert_null(abg_suggest("bugprone-foo", known));
	assert_null(abg_suggest("zzz", known));
	assert_true(abg_name_known("symbol-removed", known));
	assert_false(abg_name_known("symbol-remove", known));
}

static void test_options_rule_names(void **state)
{
	(void)state;
	struct abg_options o;
	struct abg_error err;
	abg_options_init(&o);
	assert_int_equal(abg_options_set(&o, "severity",
					 "symbol-removed=warning", "--", &err),
			 0);
	assert_int_equal(abg_options_check_rule_names(&o, known, known, &err),
			 0);
	assert_int_equal(abg_options_set(&o, "accept",
					 "symbl-removed:foo:reviewed",
					 "-fplugin-arg-abiguard-", &err),
			 0);
	assert_int_equal(abg_options_check_rule_names(&o, known, known, &err),
			 -1);
	assert_non_null(strstr(err.message,
			       "option '-fplugin-arg-abiguard-accept': no rule "
			       "'symbl-removed' (did you mean "
			       "'symbol-removed'?"));
	abg_options_free(&o);
}

static void test_config_rule_name_has_line(void **state)
{
	(void)state;
	char dir[] = "/tmp/abiguard-suggest-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[64];
	snprintf(path, sizeof path, "%s/.abiguard", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("# a comment\n\nseverity = released-type-changd=off\n", f);
	fclose(f);
	struct abg_options o;
	struct abg_error err;
	abg_options_init(&o);
	assert_int_equal(abg_options_load_config(&o, dir, &err), 0);
	assert_int_equal(abg_options_check_rule_names(&o, known, known, &err),
			 -1);
	assert_int_equal(err.line, 3);
	assert_non_null(strstr(err.file, ".abiguard"));
	assert_non_null(strstr(err.message, "did you mean "
					    "'released-type-changed'?"));
	abg_options_free(&o);
	unlink(path);
	rmdir(dir);
}

/* ---- the NOLINT filter ---------------------------------------------------- */

struct collected {
	char text[4096];
};

static void collect(void *ctx, const struct abg_finding *f)
{
	struct collected *c = ctx;
	size_t n = strlen(c->text);
	snprintf(c->text + n, sizeof c->text - n, "%u:%u %s %s [%s]\n",
		 f->loc.line, f->loc.column, abg_severity_name(f->severity),
		 f->message, f->rule_id);
}

/* Emit a finding of rule symbol-removed at `line` of a file holding
 * `text`, through the filter; what reached the sink, in c. */
static void through_filter(const char *text, unsigned line, struct collected *c)
{
	char dir[] = "/tmp/abiguard-nolint-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[64];
	snprintf(path, sizeof path, "%s/x.h", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	memset(c, 0, sizeof *c);
	struct abg_sink sink = {.emit = collect, .ctx = c};
	struct abg_suppress_filter filter;
	abg_suppress_init(&filter, &sink, dir);
	abg_suppress_know_rules(&filter, known);
	struct abg_location loc = {.file = "x.h", .line = line, .column = 5};
	struct abg_finding *finding = abg_finding_new(
		"symbol-removed", ABG_SEVERITY_ERROR, loc, "gone");
	abg_sink_emit(&filter.sink, finding);
	abg_finding_free(finding);
	abg_suppress_free(&filter);
	unlink(path);
	rmdir(dir);
}

static void test_nolint_unknown_names(void **state)
{
	(void)state;
	struct collected c;
	through_filter("int a;\nint b; // NOLINT(symbol-remved): r\n", 2, &c);
	assert_string_equal(
		c.text,
		"2:18 warning NOLINT names no abiguard rule 'symbol-remved' "
		"(did you mean 'symbol-removed'?) [nolint-unknown-rule]\n"
		"2:5 error gone [symbol-removed]\n");
	through_filter("int b; // NOLINT(bugprone-x, abiguard-nope)\n", 1, &c);
	assert_string_equal(c.text,
			    "1:30 warning NOLINT names no abiguard rule "
			    "'abiguard-nope' [nolint-unknown-rule]\n"
			    "1:5 error gone [symbol-removed]\n");
}

static void test_nolint_known_and_foreign_names_silent(void **state)
{
	(void)state;
	static const char *const silent[] = {
		"int b; // NOLINT\n",
		"int b; // NOLINT(*)\n",
		"int b; // NOLINT(abiguard-symbol-removed)\n",
		"int b; // NOLINT(abiguard-*)\n",
		"int b; // NOLINT(symbol-*)\n",
		"int b; // NOLINT(bugprone-foo, clang-diagnostic-*, "
		"symbol-removed)\n",
	};
	struct collected c;
	for (size_t i = 0; i < sizeof silent / sizeof silent[0]; i++) {
		through_filter(silent[i], 1, &c);
		assert_string_equal(c.text, "");
	}
	/* Other tools' names only: no warning, and no suppression. */
	through_filter("int b; // NOLINT(bugprone-foo, clang-diagnostic-*)\n",
		       1, &c);
	assert_string_equal(c.text, "1:5 error gone [symbol-removed]\n");
	/* NOLINTNEXTLINE and NOLINTBEGIN lists are checked alike. */
	through_filter("// NOLINTNEXTLINE(symbol-unversiond)\nint b;\n", 2, &c);
	assert_non_null(strstr(c.text, "1:19 warning NOLINT names no abiguard "
				       "rule 'symbol-unversiond'"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edit_distance),
		cmocka_unit_test(test_suggest_near_names_only),
		cmocka_unit_test(test_options_rule_names),
		cmocka_unit_test(test_config_rule_name_has_line),
		cmocka_unit_test(test_nolint_unknown_names),
		cmocka_unit_test(test_nolint_known_and_foreign_names_silent),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
