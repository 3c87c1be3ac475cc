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
#include <string.h>

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

void abg_note_asm(const char *payload, size_t len, struct abg_strbuf *sb)
{
	note_header(len, sb);
	note_payload(payload, len, sb);
	abg_strbuf_append(sb, "\t.balign 4\n\t.popsection\n");
}
