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

#include <stdio.h>
#include <string.h>

/* Escaped payload characters per ".ascii" line; keeps lines short enough
 * to read in -save-temps output. */
#define NOTE_LINE_WIDTH 72

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

/* Writes the escaped form of c into out (at most 4 chars + NUL). */
static void escape_byte(unsigned char c, char out[5])
{
	switch (c) {
	case '"':
		snprintf(out, 5, "\\\"");
		return;
	case '\\':
		snprintf(out, 5, "\\\\");
		return;
	case '\n':
		snprintf(out, 5, "\\n");
		return;
	case '\t':
		snprintf(out, 5, "\\t");
		return;
	}
	/* Always three octal digits, so that a digit following in the
	 * payload cannot be read as part of the escape. */
	if (c >= 0x20 && c < 0x7f)
		snprintf(out, 5, "%c", c);
	else
		snprintf(out, 5, "\\%03o", c);
}

static void note_payload(const char *payload, size_t len, struct abg_strbuf *sb)
{
	size_t width = 0;
	for (size_t i = 0; i < len; i++) {
		char esc[5];
		escape_byte((unsigned char)payload[i], esc);
		if (width == 0)
			abg_strbuf_append(sb, "\t.ascii \"");
		abg_strbuf_append(sb, esc);
		width += strlen(esc);
		if (width >= NOTE_LINE_WIDTH || i + 1 == len) {
			abg_strbuf_append(sb, "\"\n");
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
