/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * abg_elf_read() against real shared libraries and objects built with gcc
 * at test time (fixtures in data/elf/), plus damaged copies of them: the
 * reader faces untrusted files and must fail cleanly, never crash.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <elf.h>
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "abiguard/elf_reader.h"
#include "abiguard/note.h"

extern char **environ;

#define FIXTURE_SRC ABG_TEST_SOURCE_DIR "/unit/data/elf/"
#define OUT_DIR ABG_TEST_BINARY_DIR "/elf-fixtures"
#define OUT(name) OUT_DIR "/" name

/* ---- helpers ---------------------------------------------------------- */

/* argv through posix_spawnp: no shell, so paths need no quoting. */
static int run(const char *const argv[])
{
	pid_t pid;
	if (posix_spawnp(&pid, argv[0], NULL, NULL, (char *const *)argv,
			 environ) != 0)
		return -1;
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void make_dir(const char *path)
{
	if (mkdir(path, 0755) != 0 && errno != EEXIST)
		fail_msg("cannot create %s: %s", path, strerror(errno));
}

static void write_bytes(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static unsigned char *read_bytes(const char *path, size_t *len)
{
	struct abg_error err;
	char *data = abg_read_file(path, len, &err);
	if (!data)
		fail_msg("%s: %s", err.file, err.message);
	return (unsigned char *)data;
}

static struct abg_elf_file *read_ok(const char *path)
{
	struct abg_elf_file *f = NULL;
	struct abg_error err = {0};
	if (abg_elf_read(path, &f, &err) != 0)
		fail_msg("%s: %s", err.file, err.message);
	assert_non_null(f);
	return f;
}

/* Expects a clean failure whose message contains `what`. */
static void read_fails(const char *path, const char *what)
{
	struct abg_elf_file *f = (struct abg_elf_file *)1;
	struct abg_error err = {0};
	assert_int_equal(abg_elf_read(path, &f, &err), -1);
	assert_null(f);
	assert_string_equal(err.file, path);
	assert_true(err.message[0] != '\0');
	if (!strstr(err.message, what))
		fail_msg("%s: expected \"%s\" in \"%s\"", path, what,
			 err.message);
}

/* A C string literal holding `s` (the generated asm is plain ASCII). */
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
		case '?': /* no trigraphs in strict C modes */
			abg_strbuf_append(sb, "\\?");
			break;
		default:
			abg_strbuf_append_n(sb, s, 1);
		}
	}
	abg_strbuf_append(sb, "\"");
}

/* ---- fixtures --------------------------------------------------------- */

/* Every byte value plus the characters an escaper is most likely to get
 * wrong; 259 bytes, so the record also needs padding. */
static unsigned char payload_a[259];
static const char payload_b[] = "abiguard-summary 1\nfn \"b\" \\x\n";

static void fill_payload_a(void)
{
	for (unsigned i = 0; i < 256; i++)
		payload_a[i] = (unsigned char)(255 - i);
	memcpy(payload_a + 256, "\n\"\\", 3);
}

/* note_a.c: the record as the plugins emit it, a top-level asm statement
 * in a C translation unit. */
static void write_note_a_source(void)
{
	struct abg_strbuf note = {0}, src = {0};
	abg_note_asm((const char *)payload_a, sizeof payload_a, &note);
	abg_strbuf_append(&src, "int note_a_fn(void) { return 1; }\n__asm__(");
	append_c_literal(&src, abg_strbuf_cstr(&note));
	abg_strbuf_append(&src, ");\n");
	write_bytes(OUT("note_a.c"), src.data, src.len);
	abg_strbuf_free(&note);
	abg_strbuf_free(&src);
}

/* note_b.s: the same text straight to the assembler. */
static void write_note_b_source(void)
{
	struct abg_strbuf s = {0};
	abg_strbuf_append(&s, "\t.text\n\t.globl note_b_fn\n"
			      "\t.type note_b_fn, @function\n"
			      "note_b_fn:\n\tret\n"
			      "\t.size note_b_fn, .-note_b_fn\n");
	abg_note_asm(payload_b, strlen(payload_b), &s);
	abg_strbuf_append(&s, "\t.section .note.GNU-stack,\"\",@progbits\n");
	write_bytes(OUT("note_b.s"), s.data, s.len);
	abg_strbuf_free(&s);
}

static void build(const char *const argv[])
{
	if (run(argv) != 0) {
		struct abg_strbuf cmd = {0};
		for (size_t i = 0; argv[i]; i++)
			abg_strbuf_printf(&cmd, "%s ", argv[i]);
		fail_msg("fixture build failed: %s", abg_strbuf_cstr(&cmd));
	}
}

static void build_sample(void)
{
	build((const char *[]){
		"gcc", "-fPIC", "-shared", "-o", OUT("libsample.so"),
		FIXTURE_SRC "sample.c", "-Wl,-soname,libsample.so.1",
		"-Wl,--version-script=" FIXTURE_SRC "sample.map", NULL});
	build((const char *[]){"gcc", "-fPIC", "-c", "-o", OUT("sample.o"),
			       FIXTURE_SRC "sample.c", NULL});
	build((const char *[]){"gcc", "-fPIC", "-shared", "-o",
			       OUT("libplain.so"), FIXTURE_SRC "plain.c",
			       NULL});
	build((const char *[]){"gcc", "-o", OUT("copyreloc"),
			       FIXTURE_SRC "copyreloc.c", NULL});
}

static void build_notes(void)
{
	fill_payload_a();
	write_note_a_source();
	write_note_b_source();
	build((const char *[]){"gcc", "-fPIC", "-c", "-o", OUT("note_a.o"),
			       OUT("note_a.c"), NULL});
	build((const char *[]){"gcc", "-c", "-o", OUT("note_b.o"),
			       OUT("note_b.s"), NULL});
	build((const char *[]){"gcc", "-shared", "-o", OUT("libnotes.so"),
			       OUT("note_a.o"), OUT("note_b.o"), NULL});
	build((const char *[]){"strip", "-o", OUT("libnotes-stripped.so"),
			       OUT("libnotes.so"), NULL});
	build((const char *[]){"ld", "-r", "-o", OUT("notes-combined.o"),
			       OUT("note_a.o"), OUT("note_b.o"), NULL});
}

static int build_fixtures(void **state)
{
	(void)state;
	make_dir(ABG_TEST_BINARY_DIR);
	make_dir(OUT_DIR);
	build_sample();
	build_notes();
	return 0;
}

/* ---- the versioned library -------------------------------------------- */

struct expected_symbol {
	const char *name;
	const char *version;
	bool is_default;
	bool is_function;
};

static const struct expected_symbol sample_symbols[] = {
	{"sample_add", "VER_1", true, true},
	{"sample_counter", "VER_1", true, false},
	{"sample_ifunc", "VER_2", true, true},
	{"sample_new", "VER_2", true, true},
	{"sample_protected", "VER_2", true, true},
	{"sample_weak", "VER_2", true, true},
	{"vfoo", "VER_1", false, true},
	{"vfoo", "VER_2", true, true},
};

/* Unversioned first, as NULL. */
static int cmp_version(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int by_name_version(const void *pa, const void *pb)
{
	const struct abg_elf_symbol *a = pa, *b = pb;
	int c = strcmp(a->name, b->name);
	if (!c)
		c = cmp_version(a->version, b->version);
	return c ? c : (int)a->is_default - (int)b->is_default;
}

/* The reader keeps the symbol table's order: compared sorted. */
static struct abg_elf_symbol *sorted_symbols(const struct abg_elf_file *f)
{
	struct abg_elf_symbol *copy = calloc(f->nsymbols + 1, sizeof *copy);
	assert_non_null(copy);
	memcpy(copy, f->symbols, f->nsymbols * sizeof *copy);
	qsort(copy, f->nsymbols, sizeof *copy, by_name_version);
	return copy;
}

static const struct abg_elf_symbol *symbol_named(const struct abg_elf_file *f,
						 const char *name)
{
	for (size_t i = 0; i < f->nsymbols; i++)
		if (strcmp(f->symbols[i].name, name) == 0)
			return &f->symbols[i];
	fail_msg("no symbol '%s'", name);
	return NULL;
}

static void assert_symbols(const struct abg_elf_file *f,
			   const struct expected_symbol *want, size_t n)
{
	struct abg_elf_symbol *sorted = sorted_symbols(f);
	for (size_t i = 0; i < f->nsymbols && i < n; i++) {
		const struct abg_elf_symbol *s = &sorted[i];
		assert_string_equal(s->name, want[i].name);
		if (want[i].version)
			assert_string_equal(s->version, want[i].version);
		else
			assert_null(s->version);
		assert_int_equal(s->is_default, want[i].is_default);
		assert_int_equal(s->is_function, want[i].is_function);
	}
	free(sorted);
	assert_int_equal(f->nsymbols, n);
}

static void test_sample_identity(void **state)
{
	(void)state;
	struct abg_elf_file *f = read_ok(OUT("libsample.so"));
	assert_string_equal(f->path, OUT("libsample.so"));
	assert_string_equal(f->soname, "libsample.so.1");
	assert_string_equal(f->target, "x86_64-lp64");
	assert_int_equal(f->nnotes, 0);
	abg_elf_free(f);
}

/* libelf does not interpret e_machine, so relabelled copies of the
 * library stand in for other targets. */
static const char *target_as(Elf64_Half machine)
{
	static char name[32];
	size_t len;
	unsigned char *image = read_bytes(OUT("libsample.so"), &len);
	((Elf64_Ehdr *)image)->e_machine = machine;
	write_bytes(OUT("relabelled.so"), image, len);
	free(image);
	struct abg_elf_file *f = read_ok(OUT("relabelled.so"));
	snprintf(name, sizeof name, "%s", f->target);
	abg_elf_free(f);
	return name;
}

static void test_target_names(void **state)
{
	(void)state;
	assert_string_equal(target_as(EM_AARCH64), "aarch64-lp64");
	assert_string_equal(target_as(EM_RISCV), "riscv64-lp64");
	assert_string_equal(target_as(EM_PPC64), "ppc64le-lp64");
	assert_string_equal(target_as(EM_S390), "s390x-lp64");
	assert_string_equal(target_as(EM_386), "em3-64");
	assert_string_equal(target_as(4242), "em4242-64");
}

static void test_sample_versions(void **state)
{
	(void)state;
	struct abg_elf_file *f = read_ok(OUT("libsample.so"));
	assert_int_equal(f->nversions, 2);
	assert_string_equal(f->versions[0].name, "VER_1");
	assert_int_equal(f->versions[0].nparents, 0);
	assert_string_equal(f->versions[1].name, "VER_2");
	assert_int_equal(f->versions[1].nparents, 1);
	assert_string_equal(f->versions[1].parents[0], "VER_1");
	abg_elf_free(f);
}

static void test_sample_symbols(void **state)
{
	(void)state;
	struct abg_elf_file *f = read_ok(OUT("libsample.so"));
	assert_symbols(f, sample_symbols,
		       sizeof sample_symbols / sizeof *sample_symbols);
	assert_int_equal(symbol_named(f, "sample_counter")->size, sizeof(int));
	for (size_t i = 0; i < f->nsymbols; i++)
		if (f->symbols[i].is_function)
			assert_true(f->symbols[i].size > 0);
	abg_elf_free(f);
}

static void test_unversioned_library(void **state)
{
	(void)state;
	struct abg_elf_file *f = read_ok(OUT("libplain.so"));
	static const struct expected_symbol want[] = {
		{"plain_call", NULL, true, true},
		{"plain_table", NULL, true, false},
	};
	assert_null(f->soname);
	assert_int_equal(f->nversions, 0);
	assert_symbols(f, want, 2);
	assert_int_equal(symbol_named(f, "plain_table")->size,
			 8 * sizeof(long));
	abg_elf_free(f);
}

/* Whether or not the toolchain used a copy relocation for stdout, the
 * program exports nothing and its .gnu.version_r indexes are accepted. */
static void test_executable_copy_relocation(void **state)
{
	(void)state;
	struct abg_elf_file *f = read_ok(OUT("copyreloc"));
	for (size_t i = 0; i < f->nsymbols; i++)
		assert_string_not_equal(f->symbols[i].name, "stdout");
	assert_int_equal(f->nversions, 0);
	abg_elf_free(f);
}

/* In an object, ".symver" leaves "vfoo@VER_1" / "vfoo@@VER_2" in .symtab. */
static void test_relocatable_symver(void **state)
{
	(void)state;
	struct abg_elf_file *f = read_ok(OUT("sample.o"));
	int compat = 0, dflt = 0, plain = 0;
	for (size_t i = 0; i < f->nsymbols; i++) {
		const struct abg_elf_symbol *s = &f->symbols[i];
		if (strcmp(s->name, "sample_hidden") == 0)
			fail_msg("hidden symbol listed");
		if (strcmp(s->name, "vfoo") != 0)
			continue;
		if (s->version && !strcmp(s->version, "VER_1"))
			compat += !s->is_default;
		if (s->version && !strcmp(s->version, "VER_2"))
			dflt += s->is_default;
		plain += !s->version;
	}
	assert_int_equal(compat, 1);
	assert_int_equal(dflt, 1);
	assert_int_equal(plain, 0);
	assert_null(f->soname);
	assert_int_equal(f->nversions, 0);
	abg_elf_free(f);
}

/* ---- notes ------------------------------------------------------------ */

/* Note i's payload, read from the file as the check reads it. */
static void assert_note_is(const struct abg_elf_file *f, size_t i,
			   const void *want, size_t len)
{
	struct abg_strbuf buf = {0};
	struct abg_error err = {0};
	const unsigned char *payload = NULL;
	assert_int_equal(f->notes[i].size, len);
	if (abg_elf_note_read(f, i, &buf, &payload, &err) != 0)
		fail_msg("%s: %s", err.file, err.message);
	assert_memory_equal(payload, want, len);
	abg_strbuf_free(&buf);
}

static void assert_notes(const struct abg_elf_file *f)
{
	assert_int_equal(f->nnotes, 2);
	assert_note_is(f, 0, payload_a, sizeof payload_a);
	assert_note_is(f, 1, payload_b, strlen(payload_b));
}

static void test_notes_in_shared_library(void **state)
{
	(void)state;
	struct abg_elf_file *f = read_ok(OUT("libnotes.so"));
	assert_notes(f);
	abg_elf_free(f);
}

static void test_notes_survive_strip(void **state)
{
	(void)state;
	struct abg_elf_file *f = read_ok(OUT("libnotes-stripped.so"));
	assert_notes(f);
	abg_elf_free(f);
}

static void test_notes_survive_ld_r(void **state)
{
	(void)state;
	struct abg_elf_file *f = read_ok(OUT("notes-combined.o"));
	assert_notes(f);
	assert_int_equal(f->nsymbols, 2);
	assert_non_null(symbol_named(f, "note_a_fn"));
	assert_non_null(symbol_named(f, "note_b_fn"));
	abg_elf_free(f);
}

/* ---- bad input -------------------------------------------------------- */

static void test_missing_file(void **state)
{
	(void)state;
	read_fails(OUT("does-not-exist.so"), "cannot open");
}

static void test_text_file(void **state)
{
	(void)state;
	static const char text[] = "INPUT(libc.so.6)\n";
	write_bytes(OUT("text.so"), text, sizeof text - 1);
	read_fails(OUT("text.so"), "not an ELF file");
}

static void test_empty_file(void **state)
{
	(void)state;
	write_bytes(OUT("empty.so"), "", 0);
	read_fails(OUT("empty.so"), "not an ELF file");
}

/*
 * The section headers sit at the end of the file, so every proper prefix
 * of the library is damaged and must be refused (not read as a library
 * exporting nothing). Every cut inside the ELF header, then a sample.
 */
static size_t next_cut(size_t cut, size_t len)
{
	if (cut < 256)
		return cut + 1;
	return cut + 13 < len ? cut + 13 : cut + 1;
}

static void test_truncations(void **state)
{
	(void)state;
	size_t len;
	unsigned char *image = read_bytes(OUT("libsample.so"), &len);
	for (size_t cut = 0; cut < len; cut = next_cut(cut, len)) {
		write_bytes(OUT("truncated.so"), image, cut);
		read_fails(OUT("truncated.so"), cut < 4 ? "not an ELF" : "");
	}
	free(image);
}

/* Section `type` of an ELF64 image, for targeted damage. */
static Elf64_Shdr *section_of_type(unsigned char *image, Elf64_Word type)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)image;
	Elf64_Shdr *sh = (Elf64_Shdr *)(image + eh->e_shoff);
	for (unsigned i = 0; i < eh->e_shnum; i++)
		if (sh[i].sh_type == type)
			return &sh[i];
	fail_msg("no section of type %#x", type);
	return NULL;
}

typedef void (*damage_fn)(unsigned char *image);

static void read_damaged(const char *from, damage_fn damage, const char *what)
{
	size_t len;
	unsigned char *image = read_bytes(from, &len);
	damage(image);
	write_bytes(OUT("damaged.so"), image, len);
	free(image);
	read_fails(OUT("damaged.so"), what);
}

/* The entries are VER_FLG_BASE (soname), VER_1, VER_2 (see readelf -V). */
static Elf64_Verdef *verdef_entry(unsigned char *image, unsigned n)
{
	Elf64_Shdr *sh = section_of_type(image, SHT_GNU_verdef);
	unsigned char *p = image + sh->sh_offset;
	for (unsigned i = 0; i < n; i++)
		p += ((Elf64_Verdef *)p)->vd_next;
	return (Elf64_Verdef *)p;
}

static void bad_version_name(unsigned char *image)
{
	Elf64_Verdef *vd = verdef_entry(image, 2);
	((Elf64_Verdaux *)((unsigned char *)vd + vd->vd_aux))->vda_name =
		0x7fffffff;
}

static void duplicate_version_index(unsigned char *image)
{
	verdef_entry(image, 2)->vd_ndx = verdef_entry(image, 1)->vd_ndx;
}

static void runaway_verdef_chain(unsigned char *image)
{
	verdef_entry(image, 1)->vd_next = 0x7ffffff0;
}

static void bad_parent_link(unsigned char *image)
{
	Elf64_Verdef *vd = verdef_entry(image, 2);
	((Elf64_Verdaux *)((unsigned char *)vd + vd->vd_aux))->vda_next =
		0x10000;
}

static void unknown_version_index(unsigned char *image)
{
	Elf64_Shdr *sh = section_of_type(image, SHT_GNU_versym);
	Elf64_Half *v = (Elf64_Half *)(image + sh->sh_offset);
	size_t n = sh->sh_size / sizeof *v;
	for (size_t i = 1; i < n; i++)
		if ((v[i] & 0x7fff) > 1)
			v[i] = 0x7ff0;
}

/* libsample needs GLIBC_2.2.5; make it claim VER_1's index. */
static void requirement_reuses_definition_index(unsigned char *image)
{
	Elf64_Shdr *sh = section_of_type(image, SHT_GNU_verneed);
	Elf64_Verneed *vn = (Elf64_Verneed *)(image + sh->sh_offset);
	Elf64_Vernaux *vna =
		(Elf64_Vernaux *)((unsigned char *)vn + vn->vn_aux);
	vna->vna_other = verdef_entry(image, 1)->vd_ndx;
}

static void short_versym(unsigned char *image)
{
	section_of_type(image, SHT_GNU_versym)->sh_size -= 2;
}

static void bad_symbol_name(unsigned char *image)
{
	Elf64_Shdr *sh = section_of_type(image, SHT_DYNSYM);
	Elf64_Sym *sym = (Elf64_Sym *)(image + sh->sh_offset);
	size_t n = sh->sh_size / sizeof *sym;
	for (size_t i = 1; i < n; i++)
		if (sym[i].st_shndx != SHN_UNDEF &&
		    ELF64_ST_VISIBILITY(sym[i].st_other) == STV_DEFAULT)
			sym[i].st_name = 0x7fffffff;
}

static Elf64_Shdr *abiguard_note_section(unsigned char *image)
{
	Elf64_Shdr *sh = section_of_type(image, SHT_NOTE);
	Elf64_Ehdr *eh = (Elf64_Ehdr *)image;
	Elf64_Shdr *all = (Elf64_Shdr *)(image + eh->e_shoff);
	const char *names = (const char *)image + all[eh->e_shstrndx].sh_offset;
	for (; sh < all + eh->e_shnum; sh++)
		if (sh->sh_type == SHT_NOTE &&
		    strcmp(names + sh->sh_name, ABG_NOTE_SECTION) == 0)
			break;
	assert_true(sh < all + eh->e_shnum);
	return sh;
}

static void huge_note_descsz(unsigned char *image)
{
	Elf64_Shdr *sh = abiguard_note_section(image);
	((Elf64_Nhdr *)(image + sh->sh_offset))->n_descsz = 0x7ffffff0;
}

/* The notes are read from the file, not through libelf: a section that
 * runs past the end of the file must be caught before any is read. */
static void note_section_past_end(unsigned char *image)
{
	abiguard_note_section(image)->sh_size = 0x7ffffff0;
}

/* The last record cut short: its payload no longer fits the section. */
static void note_section_cut_short(unsigned char *image)
{
	abiguard_note_section(image)->sh_size -= 5;
}

/* A name that runs past the section. */
static void huge_note_namesz(unsigned char *image)
{
	Elf64_Shdr *sh = abiguard_note_section(image);
	((Elf64_Nhdr *)(image + sh->sh_offset))->n_namesz = 0xfffffff0;
}

static void test_damaged_tables(void **state)
{
	(void)state;
	const char *lib = OUT("libsample.so");
	read_damaged(lib, bad_version_name,
		     "corrupt version definition section");
	read_damaged(lib, duplicate_version_index,
		     "corrupt version definition section");
	read_damaged(lib, runaway_verdef_chain,
		     "corrupt version definition section");
	read_damaged(lib, bad_parent_link,
		     "corrupt version definition section");
	read_damaged(lib, unknown_version_index,
		     "corrupt symbol version section: unknown version index");
	read_damaged(lib, requirement_reuses_definition_index,
		     "corrupt version requirement section");
	read_damaged(lib, short_versym, "corrupt symbol version section");
	read_damaged(lib, bad_symbol_name, "corrupt dynamic symbol table");
	read_damaged(OUT("libnotes.so"), huge_note_descsz,
		     "corrupt " ABG_NOTE_SECTION " section");
	read_damaged(OUT("libnotes.so"), note_section_past_end,
		     "corrupt " ABG_NOTE_SECTION " section");
	read_damaged(OUT("libnotes.so"), note_section_cut_short,
		     "corrupt " ABG_NOTE_SECTION " section");
	read_damaged(OUT("libnotes.so"), huge_note_namesz,
		     "corrupt " ABG_NOTE_SECTION " section");
}

/*
 * A deterministic mutation smoke test: random byte damage in the headers
 * and tables at the start of the file and in the section headers and
 * notes at its end. Any outcome but a crash (or a sanitizer report) is
 * acceptable.
 */
static uint32_t next_random(uint32_t *seed)
{
	*seed = *seed * 1664525u + 1013904223u;
	return *seed >> 8;
}

static void mutate(unsigned char *image, size_t len, uint32_t *seed)
{
	unsigned count = 1 + next_random(seed) % 8;
	size_t head = len < 0x800 ? len : 0x800;
	size_t tail = len < 0x1000 ? len : 0x1000;
	for (unsigned k = 0; k < count; k++) {
		uint32_t r = next_random(seed);
		size_t pos = (r & 1) ? r / 2 % head : len - 1 - r / 2 % tail;
		image[pos] = (unsigned char)next_random(seed);
	}
}

static void fuzz_file(const char *path, unsigned rounds, uint32_t seed)
{
	size_t len;
	unsigned char *orig = read_bytes(path, &len);
	unsigned char *image = malloc(len);
	assert_non_null(image);
	for (unsigned i = 0; i < rounds; i++) {
		memcpy(image, orig, len);
		mutate(image, len, &seed);
		write_bytes(OUT("fuzzed.so"), image, len);
		struct abg_elf_file *f = NULL;
		struct abg_error err = {0};
		if (abg_elf_read(OUT("fuzzed.so"), &f, &err) == 0)
			abg_elf_free(f);
		else
			assert_true(err.message[0] != '\0');
	}
	free(image);
	free(orig);
}

static void test_mutations_do_not_crash(void **state)
{
	(void)state;
	fuzz_file(OUT("libsample.so"), 3000, 1);
	fuzz_file(OUT("libnotes.so"), 2000, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample_identity),
		cmocka_unit_test(test_target_names),
		cmocka_unit_test(test_sample_versions),
		cmocka_unit_test(test_sample_symbols),
		cmocka_unit_test(test_unversioned_library),
		cmocka_unit_test(test_executable_copy_relocation),
		cmocka_unit_test(test_relocatable_symver),
		cmocka_unit_test(test_notes_in_shared_library),
		cmocka_unit_test(test_notes_survive_strip),
		cmocka_unit_test(test_notes_survive_ld_r),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_text_file),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_truncations),
		cmocka_unit_test(test_damaged_tables),
		cmocka_unit_test(test_mutations_do_not_crash),
	};
	return cmocka_run_group_tests(tests, build_fixtures, NULL);
}
