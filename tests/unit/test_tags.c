/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Header version tags: the tag-macro option, reading an invocation's
 * arguments, unnamed tags settled on their declaration, the summary line
 * and the merge. */
#include "abiguard/engine.h"
#include "abiguard/merge.h"
#include "abiguard/serialize.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static int set(struct abg_options *o, const char *value, struct abg_error *e)
{
	return abg_options_set(o, "tag-macro", value, "--", e);
}

static void test_option_syntax(void **state)
{
	(void)state;
	struct abg_options o;
	struct abg_error e;
	abg_options_init(&o);
	assert_int_equal(set(&o,
			     "GFAPI_PUBLIC:{1}:GFAPI_{2}, "
			     "FOO_SINCE::FOO_{1}",
			     &e),
			 0);
	assert_int_equal(set(&o, "BAR_V2:{1}:BAR_2.0", &e), 0);
	assert_int_equal(o.ntag_macros, 3);
	const struct abg_tag_macro *t = abg_options_tag_macro(&o, "FOO_SINCE");
	assert_non_null(t);
	assert_string_equal(t->name, "");
	assert_string_equal(t->node, "FOO_{1}");
	assert_int_equal(abg_options_tag_macro(&o, "GFAPI_PUBLIC")->nargs, 2);
	assert_null(abg_options_tag_macro(&o, "GFAPI_PRIVATE"));

	assert_int_not_equal(set(&o, "GFAPI_PUBLIC:{1}", &e), 0);
	assert_non_null(strstr(e.message, "--tag-macro"));
	assert_int_not_equal(set(&o, "9X:{1}:N_{2}", &e), 0);
	assert_int_not_equal(set(&o, "X:name:N_{2}", &e), 0);
	assert_int_not_equal(set(&o, "X:{1}:N_{0}", &e), 0);
	assert_int_not_equal(set(&o, "X:{1}:N_}", &e), 0);
	assert_int_not_equal(set(&o, "X:{1}:", &e), 0);
	abg_options_free(&o);
}

static void test_expand(void **state)
{
	(void)state;
	const char *args[] = {"glfs_pread", "3.4.0", ""};
	struct abg_strbuf out = {0};
	assert_true(abg_tag_macro_expand("GFAPI_{2}", args, 2, &out));
	assert_string_equal(abg_strbuf_cstr(&out), "GFAPI_3.4.0");
	assert_false(abg_tag_macro_expand("GFAPI_{3}", args, 2, &out));
	assert_false(abg_tag_macro_expand("GFAPI_{3}", args, 3, &out));
	abg_strbuf_free(&out);
}

struct fixture {
	struct abg_options options;
	struct abg_session *session;
};

static struct fixture *open_session(void)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct abg_error e;
	abg_options_init(&f->options);
	assert_int_equal(
		abg_options_set(&f->options, "mode", "record", "--", &e), 0);
	assert_int_equal(set(&f->options,
			     "GFAPI_PUBLIC:{1}:GFAPI_{2},SINCE::LIB_{1}", &e),
			 0);
	f->session = abg_session_open(&f->options, &e);
	assert_non_null(f->session);
	return f;
}

static void close_session(struct fixture *f)
{
	abg_session_close(f->session);
	abg_options_free(&f->options);
	free(f);
}

static void add(struct fixture *f, const char *text, unsigned line)
{
	struct abg_location loc = {"include/glfs.h", line, 20, 0};
	abg_session_add_macro_tag(f->session, text, strlen(text), loc);
}

static void test_read_invocations(void **state)
{
	(void)state;
	struct fixture *f = open_session();
	assert_true(abg_session_is_tag_macro(f->session, "GFAPI_PUBLIC"));
	assert_false(abg_session_is_tag_macro(f->session, "GFAPI_PRIVATE"));
	add(f, "GFAPI_PUBLIC(glfs_pread, 6.0);\nint x;", 1);
	add(f, "GFAPI_PUBLIC /* c */ (\n  glfs_init, /* 3.5 */\n 3.4.0 )", 2);
	add(f, "GFAPI_PUBLIC(glfs_x(a, b), 1.0)", 3);
	add(f, "GFAPI_PUBLIC(glfs_unclosed, 1.0", 4);
	add(f, "GFAPI_PUBLIC(glfs_short)", 5);
	add(f, "GFAPI_PUBLIC", 6);
	add(f, "OTHER(a, b)", 7);
	struct abg_model *m = abg_session_model(f->session);
	assert_int_equal(m->ntags, 3);
	assert_string_equal(m->tags[0].name, "glfs_pread");
	assert_string_equal(m->tags[0].node, "GFAPI_6.0");
	assert_string_equal(m->tags[0].via, "GFAPI_PUBLIC");
	assert_string_equal(m->tags[1].name, "glfs_init");
	assert_string_equal(m->tags[1].node, "GFAPI_3.4.0");
	assert_string_equal(m->tags[2].name, "glfs_x(a,b)");
	close_session(f);
}

static void add_decl(struct abg_model *m, const char *name, unsigned line)
{
	struct abg_decl d = {
		.kind = ABG_DECL_FUNCTION,
		.name = name,
		.symbol = name,
		.public_header = true,
		.loc = {"include/glfs.h", line, 5, 0},
	};
	abg_model_add_decl(m, &d);
}

static void test_unnamed_tags_settle(void **state)
{
	(void)state;
	struct fixture *f = open_session();
	struct abg_model *m = abg_session_model(f->session);
	add_decl(m, "lib_a", 10);
	add_decl(m, "lib_b", 12);
	add(f, "SINCE(1.0)", 9);  /* before any declaration: dropped */
	add(f, "SINCE(1.1)", 11); /* lib_a, written over two lines */
	add(f, "SINCE(1.2)", 12); /* lib_b: same line, later column */
	add(f, "SINCE(1.2)", 12); /* the header included twice */
	abg_tags_settle(m);
	assert_int_equal(m->ntags, 2);
	assert_string_equal(m->tags[0].name, "lib_a");
	assert_string_equal(m->tags[0].node, "LIB_1.1");
	assert_string_equal(m->tags[1].name, "lib_b");
	close_session(f);
}

static void test_annotation(void **state)
{
	(void)state;
	struct abg_model *m = abg_model_new();
	struct abg_location loc = {"include/foo.h", 3, 5, 0};
	abg_model_add_node_annotation(m, "foo_open", "node:LIBFOO_1.2", loc);
	abg_model_add_node_annotation(m, "foo_open", "opaque", loc);
	abg_model_add_node_annotation(m, "foo_open", "node:", loc);
	assert_int_equal(m->ntags, 1);
	assert_string_equal(abg_model_find_tag(m, "foo_open")->node,
			    "LIBFOO_1.2");
	assert_string_equal(m->tags[0].via, "ABIGUARD_NODE");
	abg_model_free(m);
}

static struct abg_model *summary_with_tags(bool unread)
{
	struct abg_model *m = abg_model_new();
	struct abg_tag t = {"glfs_pread",
			    "GFAPI_6.0",
			    "GFAPI_PUBLIC",
			    {"include/glfs.h", 743, 44, 0}};
	abg_model_add_tag(m, &t);
	m->units_without_tags = unread;
	return m;
}

static void test_summary_round_trip_and_merge(void **state)
{
	(void)state;
	struct abg_model *m = summary_with_tags(true);
	struct abg_strbuf text = {0};
	abg_model_write(m, ABG_TEXT_SUMMARY, NULL, &text);
	assert_non_null(strstr(abg_strbuf_cstr(&text),
			       "tag glfs_pread GFAPI_6.0 GFAPI_PUBLIC at "
			       "include/glfs.h:743:44\ntags-unread\n"));
	struct abg_model *back = NULL;
	struct abg_error e;
	assert_int_equal(abg_model_read("unit.sum", text.data, text.len,
					ABG_TEXT_SUMMARY, &back, &e),
			 0);
	assert_int_equal(back->ntags, 1);
	assert_int_equal(back->units_without_tags, 1);

	struct abg_model *lib = abg_model_new();
	struct abg_merger *mg = abg_merger_new(lib, NULL, NULL);
	struct abg_model *other = summary_with_tags(false);
	abg_merger_add(mg, back);
	abg_merger_add(mg, other);
	abg_merger_free(mg);
	assert_int_equal(lib->ntags, 1); /* the same header, twice */
	assert_int_equal(lib->units_without_tags, 1);
	abg_model_free(lib);
	abg_model_free(other);
	abg_model_free(back);
	abg_model_free(m);
	abg_strbuf_free(&text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_option_syntax),
		cmocka_unit_test(test_expand),
		cmocka_unit_test(test_read_invocations),
		cmocka_unit_test(test_unnamed_tags_settle),
		cmocka_unit_test(test_annotation),
		cmocka_unit_test(test_summary_round_trip_and_merge),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
