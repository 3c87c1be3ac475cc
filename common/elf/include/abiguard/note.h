/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The per-TU summary travels inside the object file as an ELF note in a
 * non-allocated section ".note.abiguard" (name "ABIGUARD", type
 * ABG_NOTE_TYPE). The linker concatenates the records, so a .so carries one
 * per translation unit. The payload is the summary text (see
 * docs/baseline-format.md), which starts with its own format version, or
 * that text compressed (docs/baseline-format.md, "Notes"):
 *
 *     "abiguard-lz4 1 SIZE\n" followed by one LZ4 frame
 *     "abiguard-zstd 1 SIZE\n" followed by one zstd frame (still read:
 *                                 written by earlier versions)
 *
 * SIZE is the length of the text in decimal. The text line syntax is the
 * same either way; the framing only wraps it.
 */
#ifndef ABIGUARD_NOTE_H
#define ABIGUARD_NOTE_H

#include "abiguard/util.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ABG_NOTE_SECTION ".note.abiguard"
#define ABG_NOTE_NAME "ABIGUARD"
#define ABG_NOTE_TYPE 0x41424901u

/* The first line of a compressed payload, up to the size: what is
 * written, and what earlier versions wrote. */
#define ABG_NOTE_LZ4_MAGIC "abiguard-lz4 1 "
#define ABG_NOTE_ZSTD_MAGIC "abiguard-zstd 1 "

/* A summary shorter than this goes out as text: compressing it would save
 * too little to pay for the frame. */
#define ABG_NOTE_COMPRESS_MIN 512

/* A compressed payload may not claim more text than this many times its
 * own size (real summaries compress 4 to 20 times; LZ4 cannot pass 255): a decompression bomb
 * is refused before anything is allocated. */
#define ABG_NOTE_MAX_RATIO 1024

/* Append to sb the assembler text of a top-level asm statement that emits
 * one note record with the given summary, compressed when it is at least
 * ABG_NOTE_COMPRESS_MIN bytes long. */
void abg_note_asm(const char *payload, size_t len, struct abg_strbuf *sb);

/* Same, with the payload exactly as given (no compression). */
void abg_note_asm_raw(const char *payload, size_t len, struct abg_strbuf *sb);

/* Write into out the payload abg_note_asm() embeds for a summary: the
 * compressed frame, or the text itself when it is short. */
void abg_note_encode(const char *summary, size_t len, struct abg_strbuf *out);

/*
 * The summary text of one note payload (untrusted: it comes from an object
 * file). A plain payload is returned as is; a compressed one is checked
 * (magic, size, ratio, the frame's own size when it has one, one complete
 * frame of exactly SIZE bytes) and
 * decompressed into buf, which may be reused from one note to the next.
 * Returns 0 with *text and *len set, or -1 with err set against path.
 */
int abg_note_text(const char *path, const unsigned char *payload, size_t size,
		  struct abg_strbuf *buf, const char **text, size_t *len,
		  struct abg_error *err);

#ifdef __cplusplus
}
#endif
#endif
