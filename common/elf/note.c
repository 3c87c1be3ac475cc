/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _DEFAULT_SOURCE /* MADV_PAGEOUT */
/*
 * Assembler text for one ".note.abiguard" record. The text is emitted on
 * every compile, so the payload goes out as ".ascii" strings (printable text
 * stays as is) rather than one ".byte" per byte. Only escapes that GNU as
 * and LLVM's integrated assembler read identically are used: \" \\ \n \t
 * and three-digit octal. Hex escapes are avoided because GNU as swallows
 * every following hex digit.
 */
#include "abiguard/note.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zstd.h>

/*
 * An ".ascii" line ends after each newline of the payload, so that
 * -save-temps output reads like the summary, or after this many escaped
 * characters when a payload line is long.
 */
#define NOTE_LINE_WIDTH 240

/*
 * "%note" rather than "@note": both assemblers accept it on every target,
 * while "@" starts a comment on 32-bit ARM and would silently turn the
 * section into PROGBITS there.
 */
static void note_header(size_t len, struct abg_strbuf *sb)
{
	abg_strbuf_printf(sb,
			  "\t.pushsection " ABG_NOTE_SECTION ",\"\",%%note\n"
			  "\t.balign 4\n"
			  "\t.long %zu\n"
			  "\t.long %zu\n"
			  "\t.long 0x%08x\n"
			  "\t.asciz \"" ABG_NOTE_NAME "\"\n"
			  "\t.balign 4\n",
			  sizeof ABG_NOTE_NAME, len, ABG_NOTE_TYPE);
}

/*
 * Writes the escaped form of c into out and returns its length (1 to 4).
 * Always three octal digits, so that a digit following in the payload
 * cannot be read as part of the escape. No printf: this runs for every
 * byte of every summary of every compile.
 */
static size_t escape_byte(unsigned char c, char out[4])
{
	static const char octal[] = "01234567";
	switch (c) {
	case '"':
	case '\\':
		out[0] = '\\';
		out[1] = (char)c;
		return 2;
	case '\n':
		out[0] = '\\';
		out[1] = 'n';
		return 2;
	case '\t':
		out[0] = '\\';
		out[1] = 't';
		return 2;
	}
	if (c >= 0x20 && c < 0x7f) {
		out[0] = (char)c;
		return 1;
	}
	out[0] = '\\';
	out[1] = octal[c >> 6];
	out[2] = octal[(c >> 3) & 7];
	out[3] = octal[c & 7];
	return 4;
}

static bool is_plain(unsigned char c)
{
	return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
}

/* How many bytes from p (at most max) need no escape. */
static size_t plain_run(const char *p, size_t max)
{
	size_t n = 0;
	while (n < max && is_plain((unsigned char)p[n]))
		n++;
	return n;
}

/* Plain runs are appended in one piece; only escapes go bytewise. */
static void note_payload(const char *payload, size_t len, struct abg_strbuf *sb)
{
	size_t width = 0;
	for (size_t i = 0; i < len;) {
		if (width == 0)
			abg_strbuf_append_n(sb, "\t.ascii \"", 9);
		size_t room = NOTE_LINE_WIDTH - width;
		size_t run =
			plain_run(payload + i, len - i < room ? len - i : room);
		bool newline = false;
		if (run) {
			abg_strbuf_append_n(sb, payload + i, run);
			width += run;
			i += run;
		} else {
			char esc[4];
			size_t n = escape_byte((unsigned char)payload[i], esc);
			abg_strbuf_append_n(sb, esc, n);
			width += n;
			newline = payload[i++] == '\n';
		}
		if (newline || width >= NOTE_LINE_WIDTH || i == len) {
			abg_strbuf_append_n(sb, "\"\n", 2);
			width = 0;
		}
	}
}

void abg_note_asm_raw(const char *payload, size_t len, struct abg_strbuf *sb)
{
	note_header(len, sb);
	note_payload(payload, len, sb);
	abg_strbuf_append(sb, "\t.balign 4\n\t.popsection\n");
}

/* ---- compression ---------------------------------------------------------- */

/*
 * Level 3 (zstd's default) compresses a summary 8 to 15 times in about a
 * millisecond; higher levels save a few percent for several times the time,
 * and this runs in every compile. The checksum lets the reader tell a
 * damaged frame from a summary.
 */
#define NOTE_ZSTD_LEVEL 3

static bool compress_frame(ZSTD_CCtx *cctx, const char *summary, size_t len,
			   struct abg_strbuf *out)
{
	char head[sizeof ABG_NOTE_ZSTD_MAGIC + 24];
	int n = snprintf(head, sizeof head, ABG_NOTE_ZSTD_MAGIC "%zu\n", len);
	size_t bound = ZSTD_compressBound(len);
	abg_strbuf_reset(out);
	abg_strbuf_append_n(out, head, (size_t)n);
	abg_grow((void **)&out->data, &out->cap, out->len + bound + 1, 1);
	ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, NOTE_ZSTD_LEVEL);
	ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 1);
	size_t z =
		ZSTD_compress2(cctx, out->data + out->len, bound, summary, len);
	if (ZSTD_isError(z) || out->len + z >= len)
		return false;
	out->len += z;
	out->data[out->len] = '\0';
	return true;
}

void abg_note_encode(const char *summary, size_t len, struct abg_strbuf *out)
{
	bool done = false;
	if (len >= ABG_NOTE_COMPRESS_MIN) {
		ZSTD_CCtx *cctx = ZSTD_createCCtx();
		done = cctx && compress_frame(cctx, summary, len, out);
		ZSTD_freeCCtx(cctx);
	}
	if (!done) {
		abg_strbuf_reset(out);
		abg_strbuf_append_n(out, summary, len);
	}
}

void abg_note_asm(const char *payload, size_t len, struct abg_strbuf *sb)
{
	struct abg_strbuf encoded = {0};
	abg_note_encode(payload, len, &encoded);
	abg_note_asm_raw(encoded.data ? encoded.data : "", encoded.len, sb);
	abg_strbuf_free(&encoded);
}

/* ---- reading -------------------------------------------------------------- */

static bool starts_with(const unsigned char *p, size_t size, const char *s)
{
	size_t n = strlen(s);
	return size >= n && memcmp(p, s, n) == 0;
}

/* The decimal size after the magic: digits only, no leading zero, at most
 * ABG_MAX_INPUT_SIZE, then a newline. Returns the offset of the frame, or
 * 0 when the line is malformed. */
static size_t parse_size_line(const unsigned char *p, size_t size,
			      size_t *text_len)
{
	size_t i = sizeof ABG_NOTE_ZSTD_MAGIC - 1, start = i, v = 0;
	while (i < size && p[i] >= '0' && p[i] <= '9' && i - start < 10) {
		v = v * 10 + (size_t)(p[i] - '0');
		i++;
	}
	if (i == start || i >= size || p[i] != '\n' ||
	    (p[start] == '0' && i - start > 1) || v > ABG_MAX_INPUT_SIZE)
		return 0;
	*text_len = v;
	return i + 1;
}

static int decompress(const char *path, const unsigned char *frame,
		      size_t frame_len, size_t text_len, struct abg_strbuf *buf,
		      struct abg_error *err)
{
	if (text_len / ABG_NOTE_MAX_RATIO > frame_len)
		return abg_error_set(err, path, 0,
				     "corrupt ABI summary: %zu bytes of "
				     "compressed text claim %zu bytes",
				     frame_len, text_len);
	abg_strbuf_reset(buf);
	abg_grow((void **)&buf->data, &buf->cap, text_len + 1, 1);
	size_t got = ZSTD_decompress(buf->data, text_len, frame, frame_len);
	if (ZSTD_isError(got))
		return abg_error_set(err, path, 0, "corrupt ABI summary: %s",
				     ZSTD_getErrorName(got));
	if (got != text_len)
		return abg_error_set(err, path, 0,
				     "corrupt ABI summary: %zu bytes of text, "
				     "%zu announced",
				     got, text_len);
	buf->len = got;
	buf->data[got] = '\0';
	return 0;
}

int abg_note_text(const char *path, const unsigned char *payload, size_t size,
		  struct abg_strbuf *buf, const char **text, size_t *len,
		  struct abg_error *err)
{
	if (!starts_with(payload, size, ABG_NOTE_ZSTD_MAGIC)) {
		*text = (const char *)payload;
		*len = size;
		return 0;
	}
	size_t text_len = 0;
	size_t frame = parse_size_line(payload, size, &text_len);
	if (!frame)
		return abg_error_set(err, path, 0,
				     "corrupt ABI summary: malformed '%s' line",
				     "abiguard-zstd");
	if (decompress(path, payload + frame, size - frame, text_len, buf, err))
		return -1;
	*text = buf->data;
	*len = buf->len;
	return 0;
}

void abg_note_release(const unsigned char *payload, size_t size)
{
#ifdef MADV_PAGEOUT
	long page = sysconf(_SC_PAGESIZE);
	if (page <= 0 || !payload)
		return;
	uintptr_t mask = (uintptr_t)page - 1;
	uintptr_t start = ((uintptr_t)payload + mask) & ~mask;
	uintptr_t end = ((uintptr_t)payload + size) & ~mask;
	if (end > start)
		(void)madvise((void *)start, end - start, MADV_PAGEOUT);
#else
	(void)payload;
	(void)size;
#endif
}
