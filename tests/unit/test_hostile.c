/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The defences against hostile and odd inputs, one by one: files that are
 * not regular, the leftovers of killed writes, node indexes and depths,
 * the suppression index, echoed values. tests/hostile/ runs the same
 * inputs at full size through the CLI and the plugins.
 */
#include "abiguard/model.h"
#include "abiguard/options.h"
#include "abiguard/suppress.h"
#include "abiguard/util.h"
#include "abiguard/vscript.h"

#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h> /* after setjmp.h, stdarg.h and stddef.h */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[] = ABG_TEST_BINARY_DIR "/hostile-XXXXXX";

static const char *in_dir(const char *name)
{
	static char path[sizeof dir + 64];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	return path;
}

static void expect_refused(const char *path, const char *message)
{
	struct abg_error err = {0};
	assert_int_equal(abg_open_regular(path, &err), -1);
	assert_string_equal(err.file, path);
	assert_string_equal(err.message, message);
	size_t len = 1;
	assert_null(abg_read_file(path, &len, &err));
	assert_string_equal(err.message, message);
}

static void test_only_regular_files_are_read(void **state)
{
	(void)state;
	expect_refused("/dev/zero", "not a regular file (a character device)");
	expect_refused(dir, "not a regular file (a directory)");
	assert_int_equal(mkfifo(in_dir("fifo"), 0600), 0);
	/* Refused at once: nothing waits for a writer. */
	expect_refused(in_dir("fifo"), "not a regular file (a FIFO)");
	int fd = open(in_dir("huge"), O_WRONLY | O_CREAT, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)ABG_MAX_INPUT_SIZE + 1), 0);
	close(fd);
	expect_refused(in_dir("huge"), "cannot read: larger than 256 MiB");
	FILE *f = fopen(in_dir("small"), "w");
	fputs("x\n", f);
	fclose(f);
	struct abg_error err = {0};
	size_t len = 0;
	char *text = abg_read_file(in_dir("small"), &len, &err);
	assert_string_equal(text, "x\n");
	assert_int_equal(len, 2);
	free(text);
	/* The descriptor is a blocking one, ready to read. */
	fd = abg_open_regular(in_dir("small"), &err);
	assert_true(fd >= 0);
	assert_int_equal(fcntl(fd, F_GETFL) & O_NONBLOCK, 0);
	close(fd);
}

static pid_t dead_pid(void)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	return pid;
}

static void touch(const char *path)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
}

static void test_write_removes_what_killed_writes_left(void **state)
{
	(void)state;
	char dead[512], live[512], other[512];
	snprintf(dead, sizeof dead, "%s.tmp.%ld.Xy12Zw", in_dir("b.abi"),
		 (long)dead_pid());
	snprintf(live, sizeof live, "%s.tmp.%ld.Xy12Zw", in_dir("b.abi"),
		 (long)getppid());
	snprintf(other, sizeof other, "%s.tmp.notes", in_dir("b.abi"));
	touch(dead);
	touch(live);
	touch(other);
	struct abg_error err = {0};
	assert_int_equal(
		abg_write_file_atomic(in_dir("b.abi"), "new\n", 4, &err), 0);
	assert_int_equal(access(dead, F_OK), -1);
	assert_int_equal(access(live, F_OK), 0);
	assert_int_equal(access(other, F_OK), 0);
	unlink(live);
	unlink(other);
	/* Signal handlers are back as they were. */
	struct sigaction sa;
	sigaction(SIGTERM, NULL, &sa);
	assert_ptr_equal(sa.sa_handler, SIG_DFL);
}

static void test_model_nodes_indexed_and_sorted(void **state)
{
	(void)state;
	struct abg_model *m = abg_model_new();
	enum {
		N = 100000
	};
	char name[32], parent[32];
	/* A chain given child first: sorting must put parents first. */
	for (int i = N - 1; i >= 0; i--) {
		snprintf(name, sizeof name, "N_%d", i);
		struct abg_node *n = abg_model_add_node(m, name, true);
		if (i) {
			snprintf(parent, sizeof parent, "N_%d", i - 1);
			abg_model_add_parent(m, n, parent);
		}
	}
	abg_model_canonicalize(m);
	for (int i = 0; i < N; i += 997) {
		snprintf(name, sizeof name, "N_%d", i);
		assert_string_equal(m->nodes[i].name, name);
		assert_ptr_equal(abg_model_find_node(m, name), &m->nodes[i]);
	}
	assert_null(abg_model_find_node(m, "N_-1"));
	/* One node with 20,000 parents keeps them all, in order. */
	struct abg_node *all = abg_model_add_node(m, "ALL", false);
	for (int i = 0; i < 20000; i++) {
		snprintf(parent, sizeof parent, "N_%d", i);
		abg_model_add_parent(m, all, parent);
	}
	assert_int_equal(all->nparents, 20000);
	assert_string_equal(all->parents[0], "N_0");
	assert_string_equal(all->parents[19999], "N_19999");
	abg_model_canonicalize(m);
	/* Depth 20,000 (under N_19999), before N_20000 by name. */
	assert_string_equal(m->nodes[20000].name, "ALL");
	assert_string_equal(m->nodes[20001].name, "N_20000");
	abg_model_free(m);
}

static void test_symbols_of_one_name(void **state)
{
	(void)state;
	struct abg_model *m = abg_model_new();
	char node[32];
	for (int i = 0; i < 50000; i++) {
		snprintf(node, sizeof node, "V_%d", i);
		struct abg_symbol s = {.kind = ABG_SYMBOL_FUNCTION,
				       .name = "f",
				       .node = node,
				       .is_default = i == 49999};
		abg_model_add_symbol(m, &s);
	}
	assert_string_equal(abg_model_find_default(m, "f")->node, "V_49999");
	assert_non_null(abg_model_find_symbol(m, "f", "V_0", false));
	assert_non_null(abg_model_find_symbol(m, "f", "V_42", false));
	abg_model_free(m);
}

static void test_vscript_depths(void **state)
{
	(void)state;
	/* A diamond lattice 60 layers deep: 2^60 paths, 120 nodes. */
	struct abg_strbuf sb = {0};
	abg_strbuf_append(&sb, "A_0 { a; };\nB_0 { b; };\n");
	for (int i = 1; i < 60; i++)
		abg_strbuf_printf(&sb,
				  "A_%d { a%d; } A_%d B_%d;\n"
				  "B_%d { b%d; } A_%d B_%d;\n",
				  i, i, i - 1, i - 1, i, i, i - 1, i - 1);
	struct abg_vscript *vs = NULL;
	struct abg_error err = {0};
	assert_int_equal(abg_vscript_parse("d.map", sb.data, sb.len, &vs, &err),
			 0);
	assert_int_equal(abg_vscript_find_node(vs, "A_0")->depth, 0);
	assert_int_equal(abg_vscript_find_node(vs, "B_59")->depth, 59);
	assert_null(abg_vscript_find_node(vs, "C_1"));
	abg_vscript_free(vs);
	abg_strbuf_free(&sb);
}

static void test_suppression_edges(void **state)
{
	(void)state;
	static const char text[] =
		"a // NOLINTBEGIN(r) NOLINTEND(r)\n" /* 1: opens and closes */
		"b\n"				     /* 2 */
		"c // NOLINTBEGIN(r)\n"		     /* 3 */
		"d // NOLINTEND(r)\n"		     /* 4: END covers itself */
		"e\n"				     /* 5 */
		"f // NOLINTNEXTLINE\n"		     /* 6 */
		"g";				     /* 7: no final newline */
	assert_true(abg_suppressed_in_text(text, 1, "r"));
	assert_false(abg_suppressed_in_text(text, 2, "r"));
	assert_true(abg_suppressed_in_text(text, 3, "r"));
	assert_true(abg_suppressed_in_text(text, 4, "r"));
	assert_false(abg_suppressed_in_text(text, 4, "s"));
	assert_false(abg_suppressed_in_text(text, 5, "r"));
	assert_false(abg_suppressed_in_text(text, 6, "r"));
	assert_true(abg_suppressed_in_text(text, 7, "anything"));
	assert_false(abg_suppressed_in_text(text, 8, "anything"));
	assert_false(abg_suppressed_in_text(text, 0, "r"));
	assert_false(abg_suppressed_in_text("", 1, "r"));
	assert_false(abg_suppressed_in_text("x\n", 2, "r"));
	assert_true(abg_suppressed_in_text("x\n// NOLINT\n", 2, "r"));
}

static void test_echoed_values_are_cut(void **state)
{
	(void)state;
	char *v = malloc(100001);
	memset(v, 'x', 100000);
	v[100000] = '\0';
	struct abg_options o;
	struct abg_error err = {0};
	abg_options_init(&o);
	assert_int_equal(abg_options_set(&o, "mode", v, "--", &err), -1);
	assert_non_null(strstr(err.message, "not 'xxxx"));
	assert_non_null(strstr(err.message, "xxx...'"));
	assert_true(strlen(err.message) < 200);
	assert_int_equal(abg_options_set(&o, v, "1", "--", &err), -1);
	assert_true(strlen(err.message) < 300);
	assert_non_null(strstr(err.message, "unknown option '--xxx"));
	abg_options_free(&o);
	free(v);
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	const char *names[] = {"fifo", "huge", "small", "b.abi"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		unlink(in_dir(names[i]));
	return rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_only_regular_files_are_read),
		cmocka_unit_test(test_write_removes_what_killed_writes_left),
		cmocka_unit_test(test_model_nodes_indexed_and_sorted),
		cmocka_unit_test(test_symbols_of_one_name),
		cmocka_unit_test(test_vscript_depths),
		cmocka_unit_test(test_suppression_edges),
		cmocka_unit_test(test_echoed_values_are_cut),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
