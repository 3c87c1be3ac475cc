/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * abg_note_asm(): the exact text for a small payload, and round trips of
 * awkward payloads through the real assemblers (GNU as via gcc, and
 * clang's integrated assembler when clang is installed), read back with
 * abg_elf_read(); the compressed framing of long summaries, written and
 * read back, and hostile frames refused (abg_note_text()).
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

#include <lz4frame.h>
#include <zstd.h>

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
	abg_note_asm_raw(payload, sizeof payload, &sb);
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
	abg_note_asm_raw(payload, sizeof payload, &sb);
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
		abg_note_asm_raw((const char *)p[i].bytes, p[i].len, sb);
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

/* Note i's payload, read from the file as the check reads it, into buf. */
static const unsigned char *note_payload(const struct abg_elf_file *f, size_t i,
					 struct abg_strbuf *buf)
{
	struct abg_error err = {0};
	const unsigned char *payload = NULL;
	if (abg_elf_note_read(f, i, buf, &payload, &err) != 0)
		fail_msg("%s: %s", err.file, err.message);
	return payload;
}

static void assert_round_trip(const char *object, const struct payload *p,
			      size_t n)
{
	struct abg_elf_file *f = NULL;
	struct abg_error err = {0};
	struct abg_strbuf buf = {0};
	if (abg_elf_read(object, &f, &err) != 0)
		fail_msg("%s: %s", err.file, err.message);
	assert_int_equal(f->nnotes, n);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(f->notes[i].size, p[i].len);
		const unsigned char *payload = note_payload(f, i, &buf);
		if (p[i].len)
			assert_memory_equal(payload, p[i].bytes, p[i].len);
	}
	abg_strbuf_free(&buf);
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

/* ---- compressed summaries ---------------------------------------------- */

/* A summary-shaped text: what an umbrella-header unit repeats. */
static void make_summary(struct abg_strbuf *sb, size_t types)
{
	abg_strbuf_append(sb, "abiguard-summary 1\n");
	for (size_t i = 0; i < types; i++) {
		abg_strbuf_printf(sb,
				  "struct demo_%zu size 64 align 32 "
				  "at include/demo.h:%zu:8\n",
				  i, 10 + i);
		abg_strbuf_printf(sb, "struct demo_%zu field 0 a int\n", i);
		abg_strbuf_printf(sb,
				  "struct demo_%zu field 32 b unsigned "
				  "int\n",
				  i);
	}
}

static void assert_text_is(const struct abg_strbuf *payload,
			   const struct abg_strbuf *summary)
{
	struct abg_strbuf buf = {0};
	struct abg_error err = {0};
	const char *text = NULL;
	size_t len = 0;
	if (abg_note_text("t.o", (const unsigned char *)payload->data,
			  payload->len, &buf, &text, &len, &err) != 0)
		fail_msg("%s", err.message);
	assert_int_equal(len, summary->len);
	assert_memory_equal(text, summary->data, len);
	abg_strbuf_free(&buf);
}

static void test_short_summary_stays_text(void **state)
{
	(void)state;
	static const char text[] = "abiguard-summary 1\ntarget x86_64-lp64\n";
	struct abg_strbuf out = {0};
	abg_note_encode(text, sizeof text - 1, &out);
	assert_int_equal(out.len, sizeof text - 1);
	assert_memory_equal(out.data, text, out.len);
	abg_strbuf_free(&out);
}

static void test_long_summary_is_compressed(void **state)
{
	(void)state;
	struct abg_strbuf summary = {0}, payload = {0};
	make_summary(&summary, 400);
	abg_note_encode(summary.data, summary.len, &payload);
	assert_true(strncmp(payload.data, ABG_NOTE_LZ4_MAGIC,
			    strlen(ABG_NOTE_LZ4_MAGIC)) == 0);
	assert_true(payload.len * 4 < summary.len);
	assert_text_is(&payload, &summary);
	/* The same text gives the same bytes: builds stay reproducible. */
	struct abg_strbuf again = {0};
	abg_note_encode(summary.data, summary.len, &again);
	assert_int_equal(again.len, payload.len);
	assert_memory_equal(again.data, payload.data, payload.len);
	abg_strbuf_free(&again);
	abg_strbuf_free(&summary);
	abg_strbuf_free(&payload);
}

/* Notes of earlier versions are the text itself. */
static void test_plain_payload_passes_through(void **state)
{
	(void)state;
	struct abg_strbuf summary = {0};
	make_summary(&summary, 50);
	assert_text_is(&summary, &summary);
	abg_strbuf_free(&summary);
}

static void expect_refused(const void *payload, size_t size, const char *what)
{
	struct abg_strbuf buf = {0};
	struct abg_error err = {0};
	const char *text = NULL;
	size_t len = 0;
	assert_int_equal(
		abg_note_text("t.o", payload, size, &buf, &text, &len, &err),
		-1);
	if (!strstr(err.message, what))
		fail_msg("expected '%s' in: %s", what, err.message);
	assert_string_equal(err.file, "t.o");
	abg_strbuf_free(&buf);
}

/* What earlier versions wrote: level 3, with the checksum. */
static void zstd_encode(const char *text, size_t len, struct abg_strbuf *out)
{
	size_t bound = ZSTD_compressBound(len);
	abg_strbuf_reset(out);
	abg_strbuf_printf(out, ABG_NOTE_ZSTD_MAGIC "%zu\n", len);
	abg_grow((void **)&out->data, &out->cap, out->len + bound + 1, 1);
	ZSTD_CCtx *cctx = ZSTD_createCCtx();
	ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, 3);
	ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 1);
	size_t z = ZSTD_compress2(cctx, out->data + out->len, bound, text, len);
	ZSTD_freeCCtx(cctx);
	assert_false(ZSTD_isError(z));
	out->len += z;
}

typedef void (*note_encoder)(const char *text, size_t len,
			     struct abg_strbuf *out);

struct framing {
	const char *magic;
	const char *malformed;
	note_encoder encode;
};

static const struct framing framings[] = {
	{ABG_NOTE_LZ4_MAGIC, "malformed 'abiguard-lz4' line", abg_note_encode},
	{ABG_NOTE_ZSTD_MAGIC, "malformed 'abiguard-zstd' line", zstd_encode},
};

/* A valid frame of `text_len` bytes of `fill`, announced as `announced`. */
static void forged_frame(const struct framing *f, struct abg_strbuf *out,
			 size_t text_len, char fill, size_t announced)
{
	struct abg_strbuf text = {0}, good = {0};
	abg_strbuf_append(&text, "abiguard-summary 1\n");
	while (text.len < text_len)
		abg_strbuf_append_n(&text, &fill, 1);
	f->encode(text.data, text.len, &good);
	assert_true(strncmp(good.data, f->magic, strlen(f->magic)) == 0);
	const char *frame = strchr(good.data, '\n') + 1;
	abg_strbuf_reset(out);
	abg_strbuf_printf(out, "%s%zu\n", f->magic, announced);
	abg_strbuf_append_n(out, frame, good.len - (size_t)(frame - good.data));
	abg_strbuf_free(&text);
	abg_strbuf_free(&good);
}

static void expect_malformed_lines(const struct framing *f)
{
	static const char
		*const
			bad_sizes[] =
				{
					"\n",	       "012\n", "12",
					"12 \n",       "-1\n",	"99999999999\n",
					"268435457\n", /* ABG_MAX_INPUT_SIZE + 1 */
				};
	struct abg_strbuf line = {0};
	for (size_t i = 0; i < sizeof bad_sizes / sizeof *bad_sizes; i++) {
		abg_strbuf_reset(&line);
		abg_strbuf_printf(&line, "%s%s", f->magic, bad_sizes[i]);
		expect_refused(line.data, line.len, f->malformed);
	}
	abg_strbuf_free(&line);
}

static void expect_hostile_refused(const struct framing *f)
{
	expect_malformed_lines(f);
	struct abg_strbuf p = {0};
	/* A bomb: 64 MiB announced for a few hundred bytes is refused
	 * before anything is allocated. */
	forged_frame(f, &p, 4000, 'x', (size_t)64 << 20);
	expect_refused(p.data, p.len, "claim");
	/* Announced sizes that are not the frame's. */
	forged_frame(f, &p, 4000, 'x', 3999);
	expect_refused(p.data, p.len, "corrupt ABI summary");
	forged_frame(f, &p, 4000, 'x', 4001);
	expect_refused(p.data, p.len, "4000 bytes of text, 4001 announced");
	/* Truncated, damaged, followed by garbage. */
	forged_frame(f, &p, 4000, 'x', 4000);
	expect_refused(p.data, p.len - 1, "corrupt ABI summary");
	p.data[p.len - 1] ^= 0x55; /* the checksum */
	expect_refused(p.data, p.len, "corrupt ABI summary");
	p.data[p.len - 1] ^= 0x55;
	abg_strbuf_append(&p, "junk");
	expect_refused(p.data, p.len, "corrupt ABI summary");
	/* Not a frame at all. */
	abg_strbuf_reset(&p);
	abg_strbuf_printf(&p, "%s20\nabiguard-summary 1\n", f->magic);
	expect_refused(p.data, p.len, "corrupt ABI summary");
	abg_strbuf_free(&p);
}

static void test_hostile_frames(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof framings / sizeof *framings; i++)
		expect_hostile_refused(&framings[i]);
}

/* Objects and libraries of earlier versions carry zstd frames. */
static void test_zstd_payload_is_read(void **state)
{
	(void)state;
	struct abg_strbuf summary = {0}, payload = {0};
	make_summary(&summary, 400);
	zstd_encode(summary.data, summary.len, &payload);
	assert_text_is(&payload, &summary);
	abg_strbuf_free(&summary);
	abg_strbuf_free(&payload);
}

/* An LZ4 frame of the summary with the given checksums, as earlier
 * versions (content) or no writer of abiguard (neither) made it. */
static void lz4_encode_with(const struct abg_strbuf *text, bool content,
			    bool blocks, struct abg_strbuf *out)
{
	LZ4F_preferences_t prefs;
	memset(&prefs, 0, sizeof prefs);
	prefs.frameInfo.contentSize = text->len;
	prefs.frameInfo.contentChecksumFlag =
		content ? LZ4F_contentChecksumEnabled : LZ4F_noContentChecksum;
	prefs.frameInfo.blockChecksumFlag =
		blocks ? LZ4F_blockChecksumEnabled : LZ4F_noBlockChecksum;
	size_t bound = LZ4F_compressFrameBound(text->len, &prefs);
	abg_strbuf_reset(out);
	abg_strbuf_printf(out, ABG_NOTE_LZ4_MAGIC "%zu\n", text->len);
	abg_grow((void **)&out->data, &out->cap, out->len + bound + 1, 1);
	size_t z = LZ4F_compressFrame(out->data + out->len, bound, text->data,
				      text->len, &prefs);
	assert_false(LZ4F_isError(z));
	out->len += z;
}

/* Notes of earlier versions carry a checksum of the text instead of the
 * blocks'; a frame with neither is refused, since a damaged byte in it
 * would read as another summary. */
static void test_lz4_checksums(void **state)
{
	(void)state;
	struct abg_strbuf summary = {0}, payload = {0};
	make_summary(&summary, 400);
	lz4_encode_with(&summary, true, false, &payload);
	assert_text_is(&payload, &summary);
	lz4_encode_with(&summary, false, false, &payload);
	expect_refused(payload.data, payload.len, "the frame has no checksum");
	abg_strbuf_free(&summary);
	abg_strbuf_free(&payload);
}

/* Every byte of a frame abiguard writes is covered: flipping any one of
 * them after the size line is refused, never read as another text. */
static void test_every_damaged_byte_is_refused(void **state)
{
	(void)state;
	struct abg_strbuf summary = {0}, payload = {0};
	make_summary(&summary, 400);
	abg_note_encode(summary.data, summary.len, &payload);
	size_t frame = (size_t)(strchr(payload.data, '\n') + 1 - payload.data);
	for (size_t i = frame; i < payload.len; i++) {
		payload.data[i] ^= 0x10;
		expect_refused(payload.data, payload.len,
			       "corrupt ABI summary");
		payload.data[i] ^= 0x10;
	}
	assert_text_is(&payload, &summary);
	abg_strbuf_free(&summary);
	abg_strbuf_free(&payload);
}

/* One context serves every note: a frame refused half-way does not
 * disturb the next one. */
static void test_context_survives_refusal(void **state)
{
	(void)state;
	struct abg_strbuf summary = {0}, payload = {0};
	make_summary(&summary, 400);
	abg_note_encode(summary.data, summary.len, &payload);
	expect_refused(payload.data, payload.len / 2, "corrupt ABI summary");
	assert_text_is(&payload, &summary);
	abg_strbuf_free(&summary);
	abg_strbuf_free(&payload);
}

/* A compressed summary through gcc's assembler, strip and ld -r: the
 * linker and strip keep the note as they keep a text one. */
static void assert_object_summary(const char *object,
				  const struct abg_strbuf *summary)
{
	struct abg_elf_file *f = NULL;
	struct abg_error err = {0};
	if (abg_elf_read(object, &f, &err) != 0)
		fail_msg("%s: %s", err.file, err.message);
	assert_int_equal(f->nnotes, 1);
	struct abg_strbuf buf = {0}, payload = {0};
	abg_strbuf_append_n(&payload, (const char *)note_payload(f, 0, &buf),
			    f->notes[0].size);
	abg_strbuf_free(&buf);
	assert_true(payload.len * 4 < summary->len);
	assert_text_is(&payload, summary);
	abg_strbuf_free(&payload);
	abg_elf_free(f);
}

static void test_compressed_round_trip(void **state)
{
	(void)state;
	struct abg_strbuf summary = {0}, notes = {0};
	make_summary(&summary, 300);
	abg_note_asm(summary.data, summary.len, &notes);
	write_text(OUT("zstd-note.s"), &notes);
	if (run((const char *[]){"gcc", "-c", "-o", OUT("zstd-note.o"),
				 OUT("zstd-note.s"), NULL}) != 0)
		fail_msg("gcc could not assemble the compressed note");
	assert_object_summary(OUT("zstd-note.o"), &summary);
	if (run((const char *[]){"strip", "-o", OUT("zstd-note-stripped.o"),
				 OUT("zstd-note.o"), NULL}) != 0)
		fail_msg("strip failed");
	assert_object_summary(OUT("zstd-note-stripped.o"), &summary);
	if (run((const char *[]){"ld", "-r", "-o", OUT("zstd-note-r.o"),
				 OUT("zstd-note.o"), NULL}) != 0)
		fail_msg("ld -r failed");
	assert_object_summary(OUT("zstd-note-r.o"), &summary);
	abg_strbuf_free(&notes);
	abg_strbuf_free(&summary);
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
		cmocka_unit_test(test_short_summary_stays_text),
		cmocka_unit_test(test_long_summary_is_compressed),
		cmocka_unit_test(test_plain_payload_passes_through),
		cmocka_unit_test(test_hostile_frames),
		cmocka_unit_test(test_zstd_payload_is_read),
		cmocka_unit_test(test_lz4_checksums),
		cmocka_unit_test(test_every_damaged_byte_is_refused),
		cmocka_unit_test(test_context_survives_refusal),
		cmocka_unit_test(test_compressed_round_trip),
	};
	return cmocka_run_group_tests(tests, make_output_dir, NULL);
}
