/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * abg_note_asm(): the exact text for a small payload, and round trips of
 * awkward payloads through the real assemblers (GNU as via gcc, and
 * clang's integrated assembler when clang is installed), read back with
 * abg_elf_read().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "abiguard/elf_reader.h"
#include "abiguard/note.h"

extern char **environ;

#define OUT_DIR ABG_TEST_BINARY_DIR "/note-fixtures"
#define OUT(name) OUT_DIR "/" name

/* ---- helpers ---------------------------------------------------------- */

/* argv through posix_spawnp (no shell); a quiet child writes nowhere. */
static int spawn(const char *const argv[], bool quiet)
{
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	if (quiet) {
		posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY,
						 0);
		posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY,
						 0);
	}
	pid_t pid;
	int rc = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv,
			      environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0)
		return -1;
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int run(const char *const argv[])
{
	return spawn(argv, false);
}

static bool have_tool(const char *tool)
{
	return spawn((const char *[]){tool, "--version", NULL}, true) == 0;
}

static void make_dir(const char *path)
{
	if (mkdir(path, 0755) != 0 && errno != EEXIST)
		fail_msg("cannot create %s: %s", path, strerror(errno));
}

static void write_text(const char *path, const struct abg_strbuf *sb)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(sb->data, 1, sb->len, f), sb->len);
	assert_int_equal(fclose(f), 0);
}

static void append_c_literal(struct abg_strbuf *sb, const char *s)
{
	abg_strbuf_append(sb, "\"");
	for (; *s; s++) {
		switch (*s) {
		case '\\':
			abg_strbuf_append(sb, "\\\\");
			break;
		case '"':
			abg_strbuf_append(sb, "\\\"");
			break;
		case '\n':
			abg_strbuf_append(sb, "\\n\"\n\"");
			break;
		case '\t':
			abg_strbuf_append(sb, "\\t");
			break;
		case '?':
			abg_strbuf_append(sb, "\\?");
			break;
		default:
			abg_strbuf_append_n(sb, s, 1);
		}
	}
	abg_strbuf_append(sb, "\"");
}

/* ---- exact output ----------------------------------------------------- */

static void test_exact_text(void **state)
{
	(void)state;
	static const char payload[] = "ab\"c\n\\\001\377\0007\t";
	struct abg_strbuf sb = {0};
	abg_note_asm(payload, sizeof payload - 1, &sb);
	assert_string_equal(abg_strbuf_cstr(&sb),
			    "\t.pushsection .note.abiguard,\"\",%note\n"
			    "\t.balign 4\n"
			    "\t.long 9\n"
			    "\t.long 11\n"
			    "\t.long 0x41424901\n"
			    "\t.asciz \"ABIGUARD\"\n"
			    "\t.balign 4\n"
			    "\t.ascii \"ab\\\"c\\n\"\n"
			    "\t.ascii \"\\\\\\001\\377\\0007\\t\"\n"
			    "\t.balign 4\n"
			    "\t.popsection\n");
	abg_strbuf_free(&sb);
}

static void test_empty_payload_has_no_data_lines(void **state)
{
	(void)state;
	struct abg_strbuf sb = {0};
	abg_note_asm(NULL, 0, &sb);
	assert_non_null(strstr(sb.data, "\t.long 0\n"));
	assert_null(strstr(sb.data, ".ascii"));
	abg_strbuf_free(&sb);
}

static void test_appends_to_buffer(void **state)
{
	(void)state;
	struct abg_strbuf sb = {0};
	abg_strbuf_append(&sb, "# before\n");
	abg_note_asm("x", 1, &sb);
	assert_true(strncmp(sb.data, "# before\n\t.pushsection", 22) == 0);
	assert_true(sb.len > 9 && sb.data[sb.len - 1] == '\n');
	abg_strbuf_free(&sb);
}

/* Long payloads are split into lines of bounded length (after each
 * payload newline, or at 240 escaped characters), and every line is one
 * of the directives above: nothing an assembler could misread. */
static void test_long_payload_lines(void **state)
{
	(void)state;
	char payload[1000];
	for (size_t i = 0; i < sizeof payload; i++)
		payload[i] = (char)(i * 7);
	struct abg_strbuf sb = {0};
	abg_note_asm(payload, sizeof payload, &sb);
	size_t ascii_lines = 0;
	for (char *line = sb.data; *line;) {
		char *end = strchr(line, '\n');
		assert_non_null(end);
		assert_true(end - line <= 260);
		assert_int_equal(line[0], '\t');
		ascii_lines += strncmp(line, "\t.ascii \"", 9) == 0;
		line = end + 1;
	}
	assert_true(ascii_lines > 10);
	abg_strbuf_free(&sb);
}

/* A long line without escapes is cut at the width, not only at newlines. */
static void test_long_plain_line_is_cut(void **state)
{
	(void)state;
	char payload[600];
	memset(payload, 'a', sizeof payload);
	struct abg_strbuf sb = {0};
	abg_note_asm(payload, sizeof payload, &sb);
	size_t ascii_lines = 0, chars = 0;
	for (char *line = strstr(sb.data, "\t.ascii \""); line;
	     line = strstr(line + 1, "\t.ascii \"")) {
		ascii_lines++;
		chars += strcspn(line + 9, "\"");
	}
	assert_int_equal(ascii_lines, 3);
	assert_int_equal(chars, sizeof payload);
	abg_strbuf_free(&sb);
}

/* ---- round trips through real assemblers ------------------------------ */

struct payload {
	unsigned char bytes[600];
	size_t len;
};

/* Lengths 0..8 cover every padding case; then all byte values, with
 * octal escapes followed by digits; then pseudo-random bytes. */
static size_t make_payloads(struct payload *p)
{
	size_t n = 0;
	for (size_t len = 0; len <= 8; len++, n++) {
		p[n].len = len;
		for (size_t i = 0; i < len; i++)
			p[n].bytes[i] = (unsigned char)("\n\"\\\0\3777?a"[i]);
	}
	p[n].len = 512;
	for (size_t i = 0; i < 256; i++) {
		p[n].bytes[2 * i] = (unsigned char)i;
		p[n].bytes[2 * i + 1] = (unsigned char)('0' + i % 10);
	}
	n++;
	uint32_t seed = 7;
	p[n].len = 599;
	for (size_t i = 0; i < p[n].len; i++) {
		seed = seed * 1664525u + 1013904223u;
		p[n].bytes[i] = (unsigned char)(seed >> 24);
	}
	return n + 1;
}

static void all_records(const struct payload *p, size_t n,
			struct abg_strbuf *sb)
{
	for (size_t i = 0; i < n; i++)
		abg_note_asm((const char *)p[i].bytes, p[i].len, sb);
}

static void write_asm_source(const char *path, const struct payload *p,
			     size_t n)
{
	struct abg_strbuf sb = {0};
	all_records(p, n, &sb);
	write_text(path, &sb);
	abg_strbuf_free(&sb);
}

static void write_c_source(const char *path, const struct payload *p, size_t n)
{
	struct abg_strbuf notes = {0}, src = {0};
	all_records(p, n, &notes);
	abg_strbuf_append(&src, "int note_test_fn(void) { return 0; }\n");
	abg_strbuf_append(&src, "__asm__(");
	append_c_literal(&src, abg_strbuf_cstr(&notes));
	abg_strbuf_append(&src, ");\n");
	write_text(path, &src);
	abg_strbuf_free(&notes);
	abg_strbuf_free(&src);
}

static void assert_round_trip(const char *object, const struct payload *p,
			      size_t n)
{
	struct abg_elf_file *f = NULL;
	struct abg_error err = {0};
	if (abg_elf_read(object, &f, &err) != 0)
		fail_msg("%s: %s", err.file, err.message);
	assert_int_equal(f->nnotes, n);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(f->notes[i].size, p[i].len);
		if (p[i].len)
			assert_memory_equal(f->notes[i].data, p[i].bytes,
					    p[i].len);
	}
	abg_elf_free(f);
}

static void round_trip(const char *compiler, const char *source,
		       const char *object)
{
	static struct payload p[16];
	size_t n = make_payloads(p);
	bool is_c = strcmp(source + strlen(source) - 2, ".c") == 0;
	if (is_c)
		write_c_source(source, p, n);
	else
		write_asm_source(source, p, n);
	const char *argv[] = {compiler, "-c", "-o", object, source, NULL};
	if (run(argv) != 0)
		fail_msg("%s could not assemble %s", compiler, source);
	assert_round_trip(object, p, n);
}

static void test_gnu_as_round_trip(void **state)
{
	(void)state;
	round_trip("gcc", OUT("gcc-notes.s"), OUT("gcc-notes-s.o"));
}

static void test_gcc_toplevel_asm_round_trip(void **state)
{
	(void)state;
	round_trip("gcc", OUT("gcc-notes.c"), OUT("gcc-notes-c.o"));
}

static void test_clang_round_trip(void **state)
{
	(void)state;
	if (!have_tool("clang"))
		skip();
	round_trip("clang", OUT("clang-notes.s"), OUT("clang-notes-s.o"));
	round_trip("clang", OUT("clang-notes.c"), OUT("clang-notes-c.o"));
}

static int make_output_dir(void **state)
{
	(void)state;
	make_dir(ABG_TEST_BINARY_DIR);
	make_dir(OUT_DIR);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exact_text),
		cmocka_unit_test(test_empty_payload_has_no_data_lines),
		cmocka_unit_test(test_appends_to_buffer),
		cmocka_unit_test(test_long_payload_lines),
		cmocka_unit_test(test_long_plain_line_is_cut),
		cmocka_unit_test(test_gnu_as_round_trip),
		cmocka_unit_test(test_gcc_toplevel_asm_round_trip),
		cmocka_unit_test(test_clang_round_trip),
	};
	return cmocka_run_group_tests(tests, make_output_dir, NULL);
}
