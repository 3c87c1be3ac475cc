/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The per-TU summary travels inside the object file as an ELF note in a
 * non-allocated section ".note.abiguard" (name "ABIGUARD", type
 * ABG_NOTE_TYPE). The linker concatenates the records, so a .so carries one
 * per translation unit. The payload is the summary text (see
 * docs/baseline-format.md), which starts with its own format version.
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

/* Append to sb the assembler text of a top-level asm statement that emits
 * one note record with the given payload. */
void abg_note_asm(const char *payload, size_t len, struct abg_strbuf *sb);

#ifdef __cplusplus
}
#endif
#endif
