/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Reading a linked shared library (or a relocatable object) with libelf:
 * its exported dynamic symbols with their versions, the version definitions
 * with their parents, the soname, the target, and the payloads of the
 * ".note.abiguard" records embedded by the compiler plugins.
 * Only this module includes libelf.
 */
#ifndef ABIGUARD_ELF_READER_H
#define ABIGUARD_ELF_READER_H

#include "abiguard/util.h"

#ifdef __cplusplus
extern "C" {
#endif

struct abg_elf_symbol {
	const char *name;
	const char *version; /* NULL when unversioned */
	bool is_default;     /* name@@version (hidden bit clear) */
	bool is_function;    /* STT_FUNC or STT_GNU_IFUNC */
	uint64_t size;
};

struct abg_elf_version {
	const char *name;
	const char **parents;
	size_t nparents;
};

/* Where a note's payload lies in the file: read with abg_elf_note_read(),
 * one at a time, so that a library's notes are never all in memory. */
struct abg_elf_note {
	uint64_t offset;
	size_t size;
};

struct abg_elf_file {
	struct abg_arena arena;
	const char *path;
	const char *soname; /* NULL when none */
	const char *target; /* "x86_64-lp64", "i386-ilp32", "aarch64-lp64"... */
	/* exported, defined; in the order of the file's symbol table */
	struct abg_elf_symbol *symbols;
	size_t nsymbols;
	struct abg_elf_version
		*versions; /* definitions, base (soname) entry excluded */
	size_t nversions;
	struct abg_elf_note
		*notes; /* ".note.abiguard" payloads in file order */
	size_t nnotes;
	unsigned elf_type; /* e_type: ET_DYN for a shared library */
	/* The open file (the reader's own): the notes are read from it. */
	struct Elf *elf;
	int fd;
};

/* Exported = defined, GLOBAL/WEAK/GNU_UNIQUE, DEFAULT/PROTECTED visibility,
 * not a version marker. For ET_REL objects only notes (and .symtab globals)
 * are meaningful. */
int abg_elf_read(const char *path, struct abg_elf_file **out,
		 struct abg_error *err);
void abg_elf_free(struct abg_elf_file *f);

/*
 * The payload of note i, read from the file into buf (reused from one note
 * to the next: it holds one payload at a time). Returns 0 with *payload
 * set, or -1 with err set against the file.
 */
int abg_elf_note_read(const struct abg_elf_file *f, size_t i,
		      struct abg_strbuf *buf, const unsigned char **payload,
		      struct abg_error *err);

#ifdef __cplusplus
}
#endif
#endif
