/* SPDX-License-Identifier: GPL-3.0-or-later */
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
#include <unistd.h>
#include <lz4frame.h>
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
 * LZ4's fast level: a summary shrinks about 4 times at close to 1 GB/s and
 * comes back at about 3 GB/s, where zstd's level 3 shrinks it 7 times but
 * costs three times as much on both sides; the compression runs in every
 * compile and the decompression in every check. The frame carries the text's
 * size (checked against the size line) and a checksum of each compressed
 * block, so that the reader tells a damaged frame from a summary: the same
 * bytes in give the same text out, and the blocks are about a quarter of
 * the text, so checking them costs a quarter of checking the text.
 */
static LZ4F_preferences_t note_lz4_preferences(size_t len)
{
	LZ4F_preferences_t prefs;
	memset(&prefs, 0, sizeof prefs);
	prefs.frameInfo.contentSize = len;
	prefs.frameInfo.contentChecksumFlag = LZ4F_noContentChecksum;
	prefs.frameInfo.blockChecksumFlag = LZ4F_blockChecksumEnabled;
	return prefs;
}

static bool compress_frame(const char *summary, size_t len,
			   struct abg_strbuf *out)
{
	char head[sizeof ABG_NOTE_LZ4_MAGIC + 24];
	int n = snprintf(head, sizeof head, ABG_NOTE_LZ4_MAGIC "%zu\n", len);
	LZ4F_preferences_t prefs = note_lz4_preferences(len);
	size_t bound = LZ4F_compressFrameBound(len, &prefs);
	abg_strbuf_reset(out);
	abg_strbuf_append_n(out, head, (size_t)n);
	abg_grow((void **)&out->data, &out->cap, out->len + bound + 1, 1);
	size_t z = LZ4F_compressFrame(out->data + out->len, bound, summary, len,
				      &prefs);
	if (LZ4F_isError(z) || out->len + z >= len)
		return false;
	out->len += z;
	out->data[out->len] = '\0';
	return true;
}

void abg_note_encode(const char *summary, size_t len, struct abg_strbuf *out)
{
	bool done = len >= ABG_NOTE_COMPRESS_MIN &&
		    compress_frame(summary, len, out);
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

/* The decimal size after the magic (magic_len bytes): digits only, no
 * leading zero, at most ABG_MAX_INPUT_SIZE, then a newline. Returns the
 * offset of the frame, or 0 when the line is malformed. */
static size_t parse_size_line(const unsigned char *p, size_t size,
			      size_t magic_len, size_t *text_len)
{
	size_t i = magic_len, start = i, v = 0;
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

/* A bomb is refused before anything is allocated. */
static int check_ratio(const char *path, size_t frame_len, size_t text_len,
		       struct abg_error *err)
{
	if (text_len / ABG_NOTE_MAX_RATIO > frame_len)
		return abg_error_set(err, path, 0,
				     "corrupt ABI summary: %zu bytes of "
				     "compressed text claim %zu bytes",
				     frame_len, text_len);
	return 0;
}

/* Room in buf for text_len bytes plus `slack` and the terminator. */
static void reserve_text(size_t text_len, size_t slack, struct abg_strbuf *buf)
{
	abg_strbuf_reset(buf);
	abg_grow((void **)&buf->data, &buf->cap, text_len + slack + 1, 1);
}

static int text_size_mismatch(const char *path, size_t got, size_t text_len,
			      struct abg_error *err)
{
	return abg_error_set(err, path, 0,
			     "corrupt ABI summary: %zu bytes of text, "
			     "%zu announced",
			     got, text_len);
}

static void finish_text(struct abg_strbuf *buf, size_t len)
{
	buf->len = len;
	buf->data[len] = '\0';
}

static int zstd_decompress(const char *path, const unsigned char *frame,
			   size_t frame_len, size_t text_len,
			   struct abg_strbuf *buf, struct abg_error *err)
{
	if (check_ratio(path, frame_len, text_len, err))
		return -1;
	reserve_text(text_len, 0, buf);
	size_t got = ZSTD_decompress(buf->data, text_len, frame, frame_len);
	if (ZSTD_isError(got))
		return abg_error_set(err, path, 0, "corrupt ABI summary: %s",
				     ZSTD_getErrorName(got));
	if (got != text_len)
		return text_size_mismatch(path, got, text_len, err);
	finish_text(buf, got);
	return 0;
}

static int lz4_error(const char *path, size_t code, struct abg_error *err)
{
	return abg_error_set(err, path, 0, "corrupt ABI summary: %s",
			     LZ4F_getErrorName(code));
}

/*
 * One decompression context for every note a thread reads: it keeps its
 * block buffers from one note to the next. Reset before each frame, so a
 * frame refused half-way leaves nothing behind.
 */
static LZ4F_dctx *lz4_context(void)
{
	static _Thread_local LZ4F_dctx *dctx;
	if (!dctx &&
	    LZ4F_isError(LZ4F_createDecompressionContext(&dctx, LZ4F_VERSION)))
		dctx = NULL;
	if (dctx)
		LZ4F_resetDecompressionContext(dctx);
	return dctx;
}

/* LZ4 decodes a block in place only where the whole of its largest block
 * fits; this much room past the text spares it a copy through its own
 * buffer for the last blocks. */
static size_t lz4_block_max(LZ4F_blockSizeID_t id)
{
	switch (id) {
	case LZ4F_max256KB:
		return (size_t)256 << 10;
	case LZ4F_max1MB:
		return (size_t)1 << 20;
	case LZ4F_max4MB:
		return (size_t)4 << 20;
	default:
		return (size_t)64 << 10;
	}
}

/* The frame header: it must announce exactly the size line's text, and
 * carry a checksum. */
static int lz4_header(const char *path, LZ4F_dctx *dctx,
		      const unsigned char *frame, size_t *frame_len,
		      size_t text_len, LZ4F_frameInfo_t *info,
		      struct abg_error *err)
{
	size_t code = LZ4F_getFrameInfo(dctx, info, frame, frame_len);
	if (LZ4F_isError(code))
		return lz4_error(path, code, err);
	if (info->contentSize != text_len)
		return abg_error_set(err, path, 0,
				     "corrupt ABI summary: the frame holds "
				     "%llu bytes of text, %zu announced",
				     (unsigned long long)info->contentSize,
				     text_len);
	/* abiguard writes a checksum of every block (older notes one of the
	 * text); a frame with neither would read a damaged byte as text. */
	if (info->contentChecksumFlag == LZ4F_noContentChecksum &&
	    info->blockChecksumFlag == LZ4F_noBlockChecksum)
		return abg_error_set(err, path, 0,
				     "corrupt ABI summary: the frame has no "
				     "checksum");
	return 0;
}

/* The rest of the frame, straight into buf: all of it, and nothing after. */
static int lz4_body(const char *path, LZ4F_dctx *dctx, const unsigned char *src,
		    size_t src_len, size_t text_len, size_t room,
		    struct abg_strbuf *buf, struct abg_error *err)
{
	size_t got = 0, used = 0, hint = 1;
	while (hint != 0) {
		size_t out = room - got, in = src_len - used;
		hint = LZ4F_decompress(dctx, buf->data + got, &out, src + used,
				       &in, NULL);
		if (LZ4F_isError(hint))
			return lz4_error(path, hint, err);
		got += out;
		used += in;
		if (hint != 0 && out == 0 && in == 0)
			return abg_error_set(err, path, 0,
					     "corrupt ABI summary: the frame "
					     "is truncated");
	}
	if (got != text_len)
		return text_size_mismatch(path, got, text_len, err);
	if (used != src_len)
		return abg_error_set(err, path, 0,
				     "corrupt ABI summary: %zu bytes after "
				     "the frame",
				     src_len - used);
	finish_text(buf, got);
	return 0;
}

static int lz4_decompress(const char *path, const unsigned char *frame,
			  size_t frame_len, size_t text_len,
			  struct abg_strbuf *buf, struct abg_error *err)
{
	if (check_ratio(path, frame_len, text_len, err))
		return -1;
	LZ4F_dctx *dctx = lz4_context();
	if (!dctx)
		return abg_error_set(err, path, 0,
				     "out of memory for an LZ4 context");
	LZ4F_frameInfo_t info;
	size_t header_len = frame_len;
	if (lz4_header(path, dctx, frame, &header_len, text_len, &info, err))
		return -1;
	size_t slack = lz4_block_max(info.blockSizeID);
	reserve_text(text_len, slack, buf);
	return lz4_body(path, dctx, frame + header_len, frame_len - header_len,
			text_len, text_len + slack, buf, err);
}

typedef int (*note_decompressor)(const char *path, const unsigned char *frame,
				 size_t frame_len, size_t text_len,
				 struct abg_strbuf *buf, struct abg_error *err);

/* The compressed framings, newest first; anything else is plain text. */
static const struct note_framing {
	const char *magic;
	const char *name;
	note_decompressor decompress;
} note_framings[] = {
	{ABG_NOTE_LZ4_MAGIC, "abiguard-lz4", lz4_decompress},
	{ABG_NOTE_ZSTD_MAGIC, "abiguard-zstd", zstd_decompress},
};

static const struct note_framing *framing_of(const unsigned char *payload,
					     size_t size)
{
	for (size_t i = 0; i < sizeof note_framings / sizeof *note_framings;
	     i++)
		if (starts_with(payload, size, note_framings[i].magic))
			return &note_framings[i];
	return NULL;
}

int abg_note_text(const char *path, const unsigned char *payload, size_t size,
		  struct abg_strbuf *buf, const char **text, size_t *len,
		  struct abg_error *err)
{
	const struct note_framing *f = framing_of(payload, size);
	if (!f) {
		*text = (const char *)payload;
		*len = size;
		return 0;
	}
	size_t text_len = 0;
	size_t frame =
		parse_size_line(payload, size, strlen(f->magic), &text_len);
	if (!frame)
		return abg_error_set(err, path, 0,
				     "corrupt ABI summary: malformed '%s' line",
				     f->name);
	if (f->decompress(path, payload + frame, size - frame, text_len, buf,
			  err))
		return -1;
	*text = buf->data;
	*len = buf->len;
	return 0;
}
