/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libelf reader for linked shared libraries and relocatable objects.
 *
 * The input is untrusted (it will be fuzzed): every table index, string
 * offset and record size is checked before use, and any inconsistency is
 * reported as an error on the file instead of being guessed around.
 * Everything kept is copied into the result's arena; the descriptor stays
 * open until abg_elf_free(), for the notes, which are read one at a time
 * when they are wanted (abg_elf_note_read()).
 *
 * Shared libraries and executables: symbols come from .dynsym, versions
 * from .gnu.version_d / .gnu.version. Relocatable objects have neither:
 * their symbols come from the global entries of .symtab, where ".symver"
 * has left names such as "foo@VER" and "foo@@VER"; these are split into
 * name and version (no version definitions exist yet in an object).
 */
#include "abiguard/elf_reader.h"
#include "abiguard/note.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Layout of a .gnu.version entry (not every <elf.h> names these). */
#define VERSYM_INDEX_MASK 0x7fffu
#define VERSYM_HIDDEN_BIT 0x8000u

/* What a .gnu.version index stands for. */
struct version_slot {
	const char *name; /* NULL for the base (soname) entry */
	bool defined;	  /* by .gnu.version_d: this object's version */
	bool needed;	  /* by .gnu.version_r: another object's version */
};

/* One parsed version definition, before it goes into the index table. */
struct verdef_entry {
	unsigned ndx;
	bool is_base;
	struct abg_elf_version version;
};

struct reader {
	const char *path;
	struct abg_error *err;
	Elf *elf;
	GElf_Ehdr ehdr;
	struct abg_elf_file *file;

	/* First section of each interesting type, NULL when absent. */
	Elf_Scn *dynsym, *versym, *verdef, *verneed, *dynamic, *symtab;

	struct version_slot *slots; /* indexed by .gnu.version value */
	size_t nslots;
	struct abg_hash version_names; /* for recognising version markers */

	struct abg_elf_symbol *symbols;
	size_t nsymbols, symbols_cap;
	struct abg_elf_note *notes;
	size_t nnotes, notes_cap;
};

static int corrupt(struct reader *r, const char *what)
{
	return abg_error_set(r->err, r->path, 0, "corrupt %s", what);
}

/* The single data block of a section; NULL when libelf refuses it (for
 * instance when the section lies beyond the end of a truncated file). */
static Elf_Data *section_data(Elf_Scn *scn)
{
	Elf_Data *data = elf_getdata(scn, NULL);
	if (data && data->d_size && !data->d_buf)
		return NULL;
	return data;
}

static int section_header(struct reader *r, Elf_Scn *scn, GElf_Shdr *shdr)
{
	if (!gelf_getshdr(scn, shdr))
		return corrupt(r, "section header table");
	return 0;
}

/* ---- target ----------------------------------------------------------- */

static const char *known_target(const GElf_Ehdr *eh)
{
	bool is64 = eh->e_ident[EI_CLASS] == ELFCLASS64;
	bool is32 = eh->e_ident[EI_CLASS] == ELFCLASS32;
	switch (eh->e_machine) {
	case EM_X86_64:
		return is64 ? "x86_64-lp64" : is32 ? "x86_64-ilp32" : NULL;
	case EM_386:
		return is32 ? "i386-ilp32" : NULL;
	case EM_AARCH64:
		return is64 ? "aarch64-lp64" : NULL;
	case EM_ARM:
		return is32 ? "arm-ilp32" : NULL;
	case EM_RISCV:
		return is64 ? "riscv64-lp64" : NULL;
	case EM_PPC64:
		if (!is64)
			return NULL;
		return eh->e_ident[EI_DATA] == ELFDATA2LSB ? "ppc64le-lp64"
							   : "ppc64-lp64";
	case EM_S390:
		return is64 ? "s390x-lp64" : NULL;
	}
	return NULL;
}

static void set_target(struct reader *r)
{
	const char *known = known_target(&r->ehdr);
	if (known) {
		r->file->target = known;
		return;
	}
	char buf[32];
	snprintf(buf, sizeof buf, "em%u-%s", (unsigned)r->ehdr.e_machine,
		 r->ehdr.e_ident[EI_CLASS] == ELFCLASS64 ? "64" : "32");
	r->file->target = abg_arena_strdup(&r->file->arena, buf);
}

/* ---- notes ------------------------------------------------------------ */

/*
 * The notes are walked with pread(), not through libelf: its data of the
 * section would be the mapped file, and reading every record's header
 * would bring the whole section into the resident set (the kernel maps
 * the pages around each one), 8.7 MiB for a 10,000-function library
 * behind an umbrella header. Only where each payload lies is kept; it is
 * read when it is merged (abg_elf_note_read()). The checks are libelf's
 * own (gelf_getnote()): the header, the name and the padded payload must
 * fit in the section, which must fit in the file.
 */

/* A 32-bit word of the file, in its byte order. */
static uint32_t file_word(const struct reader *r, const unsigned char *p)
{
	if (r->ehdr.e_ident[EI_DATA] == ELFDATA2MSB)
		return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		       (uint32_t)p[2] << 8 | p[3];
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[1] << 8 | p[0];
}

static uint64_t align_up(uint64_t n, uint64_t align)
{
	return (n + align - 1) & ~(align - 1);
}

/* One record's header, name and where its payload starts. */
struct note_record {
	uint32_t namesz, descsz, type;
	unsigned char name[sizeof ABG_NOTE_NAME];
	uint64_t desc; /* offset of the payload in the section */
};

/* The record at off of a note section of size bytes at base in the file:
 * sets *next to the offset after it, 0 when it does not fit. -1 only when
 * the file cannot be read. */
static int read_note_record(struct reader *r, uint64_t base, uint64_t size,
			    uint64_t align, uint64_t off, struct note_record *n,
			    uint64_t *next)
{
	unsigned char head[12 + sizeof ABG_NOTE_NAME];
	*next = 0;
	if (size - off < 12)
		return 0;
	size_t want =
		size - off < sizeof head ? (size_t)(size - off) : sizeof head;
	long long got = abg_pread_full(r->file->fd, head, want, base + off);
	if (got < 0 || (size_t)got != want)
		return abg_error_set(r->err, r->path, 0,
				     "cannot read " ABG_NOTE_SECTION ": %s",
				     got < 0 ? strerror(errno) : "short read");
	n->namesz = file_word(r, head);
	n->descsz = file_word(r, head + 4);
	n->type = file_word(r, head + 8);
	uint64_t name = off + 12;
	if (n->namesz > size - name)
		return 0;
	memset(n->name, 0, sizeof n->name);
	if (n->namesz == sizeof ABG_NOTE_NAME && want == sizeof head)
		memcpy(n->name, head + 12, sizeof n->name);
	uint64_t desc = align_up(name + n->namesz, align);
	uint64_t padded = align_up(n->descsz, align);
	if (desc > size || size - desc < padded)
		return 0;
	n->desc = desc;
	*next = desc + padded;
	return 0;
}

static bool is_abiguard_note(const struct note_record *n)
{
	return n->type == ABG_NOTE_TYPE && n->namesz == sizeof ABG_NOTE_NAME &&
	       memcmp(n->name, ABG_NOTE_NAME, sizeof ABG_NOTE_NAME) == 0;
}

static int read_note_section(struct reader *r, const GElf_Shdr *shdr)
{
	struct stat st;
	if (fstat(r->file->fd, &st) != 0)
		return abg_error_set(r->err, r->path, 0, "cannot stat: %s",
				     strerror(errno));
	uint64_t file_size = (uint64_t)st.st_size;
	if (shdr->sh_offset > file_size ||
	    shdr->sh_size > file_size - shdr->sh_offset)
		return corrupt(r, ABG_NOTE_SECTION " section");
	/* libelf's rule: 8-byte records in a section aligned to 8 (GNU
	 * property notes), 4-byte ones everywhere else. */
	uint64_t align = shdr->sh_addralign == 8 ? 8 : 4;
	uint64_t off = 0;
	while (off < shdr->sh_size) {
		struct note_record n;
		uint64_t next;
		if (read_note_record(r, shdr->sh_offset, shdr->sh_size, align,
				     off, &n, &next))
			return -1;
		if (next == 0 || next <= off)
			return corrupt(r, ABG_NOTE_SECTION " section");
		if (is_abiguard_note(&n)) {
			struct abg_elf_note *note =
				ABG_PUSH(r->notes, r->nnotes, r->notes_cap);
			note->offset = shdr->sh_offset + n.desc;
			note->size = n.descsz;
		}
		off = next;
	}
	return 0;
}

int abg_elf_note_read(const struct abg_elf_file *f, size_t i,
		      struct abg_strbuf *buf, const unsigned char **payload,
		      struct abg_error *err)
{
	const struct abg_elf_note *n = &f->notes[i];
	abg_strbuf_reset(buf);
	abg_strbuf_reserve(buf, n->size);
	long long got = abg_pread_full(f->fd, buf->data, n->size, n->offset);
	if (got < 0 || (size_t)got != n->size)
		return abg_error_set(
			err, f->path, 0, "cannot read " ABG_NOTE_SECTION ": %s",
			got < 0 ? strerror(errno) : "the file shrank");
	buf->len = n->size;
	buf->data[n->size] = '\0';
	*payload = (const unsigned char *)buf->data;
	return 0;
}

/* ---- section inventory ------------------------------------------------ */

static void remember(Elf_Scn **slot, Elf_Scn *scn)
{
	if (!*slot)
		*slot = scn;
}

static int visit_section(struct reader *r, Elf_Scn *scn, size_t shstrndx)
{
	GElf_Shdr shdr;
	if (section_header(r, scn, &shdr))
		return -1;
	switch (shdr.sh_type) {
	case SHT_DYNSYM:
		remember(&r->dynsym, scn);
		return 0;
	case SHT_SYMTAB:
		remember(&r->symtab, scn);
		return 0;
	case SHT_GNU_versym:
		remember(&r->versym, scn);
		return 0;
	case SHT_GNU_verdef:
		remember(&r->verdef, scn);
		return 0;
	case SHT_GNU_verneed:
		remember(&r->verneed, scn);
		return 0;
	case SHT_DYNAMIC:
		remember(&r->dynamic, scn);
		return 0;
	case SHT_NOTE:
		break;
	default:
		return 0;
	}
	/* A file without section names cannot carry our note; a name that
	 * points outside the string table is damage. */
	if (shstrndx == SHN_UNDEF)
		return 0;
	const char *name = elf_strptr(r->elf, shstrndx, shdr.sh_name);
	if (!name)
		return corrupt(r, "section name table");
	if (strcmp(name, ABG_NOTE_SECTION) != 0)
		return 0;
	return read_note_section(r, &shdr);
}

/*
 * libelf reports a section header table that lies beyond the end of the
 * file as "no sections" rather than as an error; a truncated library would
 * then look like one exporting nothing. Objects and libraries always have
 * section headers, so their absence is damage too.
 */
static int check_section_count(struct reader *r)
{
	size_t shnum;
	if (elf_getshdrnum(r->elf, &shnum) != 0)
		return corrupt(r, "section header table");
	if (shnum > 0)
		return 0;
	if (r->ehdr.e_shoff != 0 || r->ehdr.e_type == ET_DYN ||
	    r->ehdr.e_type == ET_REL)
		return abg_error_set(r->err, r->path, 0,
				     "truncated or corrupt ELF file: "
				     "section header table missing or "
				     "out of range");
	return 0;
}

static int scan_sections(struct reader *r)
{
	size_t shstrndx;
	if (check_section_count(r))
		return -1;
	if (elf_getshdrstrndx(r->elf, &shstrndx) != 0)
		return corrupt(r, "section header table");
	Elf_Scn *scn = NULL;
	while ((scn = elf_nextscn(r->elf, scn)) != NULL)
		if (visit_section(r, scn, shstrndx))
			return -1;
	return 0;
}

/* ---- soname ----------------------------------------------------------- */

static int read_soname(struct reader *r)
{
	if (!r->dynamic)
		return 0;
	GElf_Shdr shdr;
	if (section_header(r, r->dynamic, &shdr))
		return -1;
	Elf_Data *data = section_data(r->dynamic);
	size_t entsize = gelf_fsize(r->elf, ELF_T_DYN, 1, EV_CURRENT);
	if (!data || !entsize)
		return corrupt(r, "dynamic section");
	size_t n = data->d_size / entsize;
	if (n > INT32_MAX)
		return corrupt(r, "dynamic section");
	for (size_t i = 0; i < n; i++) {
		GElf_Dyn dyn;
		if (!gelf_getdyn(data, (int)i, &dyn))
			return corrupt(r, "dynamic section");
		if (dyn.d_tag == DT_NULL)
			break;
		if (dyn.d_tag != DT_SONAME)
			continue;
		const char *s =
			elf_strptr(r->elf, shdr.sh_link, dyn.d_un.d_val);
		if (!s)
			return corrupt(r, "dynamic section (soname)");
		r->file->soname = abg_arena_strdup(&r->file->arena, s);
		break;
	}
	return 0;
}

/* ---- version definitions ---------------------------------------------- */

static const char *verdef_string(struct reader *r, size_t strtab, GElf_Word off)
{
	const char *s = elf_strptr(r->elf, strtab, off);
	return s ? abg_arena_strdup(&r->file->arena, s) : NULL;
}

/* Further aux entries of a definition name its parents. */
static int read_verdef_parents(struct reader *r, Elf_Data *data, size_t strtab,
			       size_t aux_off, const GElf_Verdaux *first,
			       unsigned cnt, struct abg_elf_version *v)
{
	if (cnt < 2)
		return 0;
	v->parents = abg_arena_alloc(&r->file->arena,
				     (cnt - 1) * sizeof *v->parents);
	GElf_Verdaux aux = *first;
	for (unsigned k = 1; k < cnt; k++) {
		if (aux.vda_next == 0 || aux.vda_next > data->d_size - aux_off)
			return -1;
		aux_off += aux.vda_next;
		if (aux_off > INT32_MAX ||
		    !gelf_getverdaux(data, (int)aux_off, &aux))
			return -1;
		const char *p = verdef_string(r, strtab, aux.vda_name);
		if (!p)
			return -1;
		v->parents[v->nparents++] = p;
	}
	return 0;
}

static int read_verdef_entry(struct reader *r, Elf_Data *data, size_t strtab,
			     size_t off, const GElf_Verdef *vd,
			     struct verdef_entry *out)
{
	if (vd->vd_version != VER_DEF_CURRENT || vd->vd_cnt == 0 ||
	    vd->vd_aux > data->d_size - off)
		return -1;
	size_t aux_off = off + vd->vd_aux;
	GElf_Verdaux aux;
	if (aux_off > INT32_MAX || !gelf_getverdaux(data, (int)aux_off, &aux))
		return -1;
	out->ndx = vd->vd_ndx;
	out->is_base = (vd->vd_flags & VER_FLG_BASE) != 0;
	out->version.name = verdef_string(r, strtab, aux.vda_name);
	if (!out->version.name)
		return -1;
	return read_verdef_parents(r, data, strtab, aux_off, &aux, vd->vd_cnt,
				   &out->version);
}

/* Walks the vd_next chain. Offsets only grow and stay inside the data, so
 * a hostile chain cannot loop. */
static int parse_verdefs(struct reader *r, struct verdef_entry **entries,
			 size_t *count)
{
	GElf_Shdr shdr;
	if (section_header(r, r->verdef, &shdr))
		return -1;
	Elf_Data *data = section_data(r->verdef);
	if (!data)
		return -1;
	size_t cap = 0, off = 0;
	for (GElf_Word i = 0; i < shdr.sh_info; i++) {
		GElf_Verdef vd;
		if (off > INT32_MAX || !gelf_getverdef(data, (int)off, &vd))
			return -1;
		struct verdef_entry *e = ABG_PUSH(*entries, *count, cap);
		if (read_verdef_entry(r, data, shdr.sh_link, off, &vd, e))
			return -1;
		if (vd.vd_next == 0)
			break;
		if (vd.vd_next > data->d_size - off)
			return -1;
		off += vd.vd_next;
	}
	return 0;
}

/* ---- version requirements ------------------------------------------- */

/*
 * Only the indexes matter: an executable's copy-relocated data symbols
 * (stdout@GLIBC_2.2.5 in .bss) are defined in .dynsym but carry a required
 * version; they belong to the other object and are not exported here.
 */
static int read_vernauxs(Elf_Data *data, size_t off, const GElf_Verneed *vn,
			 unsigned **needs, size_t *count, size_t *cap)
{
	size_t step = vn->vn_aux;
	for (unsigned k = 0; k < vn->vn_cnt; k++) {
		GElf_Vernaux vna;
		if (step > data->d_size - off)
			return -1;
		off += step;
		if (off > INT32_MAX || !gelf_getvernaux(data, (int)off, &vna))
			return -1;
		*ABG_PUSH(*needs, *count, *cap) =
			vna.vna_other & VERSYM_INDEX_MASK;
		if (vna.vna_next == 0)
			break;
		step = vna.vna_next;
	}
	return 0;
}

static int parse_verneeds(struct reader *r, unsigned **needs, size_t *count)
{
	GElf_Shdr shdr;
	if (section_header(r, r->verneed, &shdr))
		return -1;
	Elf_Data *data = section_data(r->verneed);
	if (!data)
		return -1;
	size_t cap = 0, off = 0;
	for (GElf_Word i = 0; i < shdr.sh_info; i++) {
		GElf_Verneed vn;
		if (off > INT32_MAX || !gelf_getverneed(data, (int)off, &vn) ||
		    vn.vn_version != VER_NEED_CURRENT ||
		    read_vernauxs(data, off, &vn, needs, count, &cap))
			return -1;
		if (vn.vn_next == 0)
			break;
		if (vn.vn_next > data->d_size - off)
			return -1;
		off += vn.vn_next;
	}
	return 0;
}

/* ---- version index table ---------------------------------------------- */

static size_t slot_count(const struct verdef_entry *defs, size_t ndefs,
			 const unsigned *needs, size_t nneeds)
{
	unsigned max = VER_NDX_GLOBAL;
	for (size_t i = 0; i < ndefs; i++)
		if (defs[i].ndx > max)
			max = defs[i].ndx;
	for (size_t i = 0; i < nneeds; i++)
		if (needs[i] > max)
			max = needs[i];
	return (size_t)max + 1;
}

/* Indexes 0 and 1 are reserved for local and global; the base entry is
 * the only definition allowed to claim 1, and no index may be claimed
 * twice. */
static int index_versions(struct reader *r, const struct verdef_entry *defs,
			  size_t ndefs, const unsigned *needs, size_t nneeds)
{
	r->nslots = slot_count(defs, ndefs, needs, nneeds);
	r->slots = calloc(r->nslots, sizeof *r->slots);
	if (!r->slots)
		return abg_error_set(r->err, r->path, 0, "out of memory");
	for (size_t i = 0; i < ndefs; i++) {
		const struct verdef_entry *e = &defs[i];
		struct version_slot *slot = &r->slots[e->ndx];
		if (e->ndx == VER_NDX_LOCAL || slot->defined ||
		    (e->ndx == VER_NDX_GLOBAL && !e->is_base))
			return corrupt(r, "version definition section");
		slot->defined = true;
		slot->name = e->is_base ? NULL : e->version.name;
	}
	for (size_t i = 0; i < nneeds; i++) {
		struct version_slot *slot = &r->slots[needs[i]];
		if (needs[i] <= VER_NDX_GLOBAL || slot->defined || slot->needed)
			return corrupt(r, "version requirement section");
		slot->needed = true;
	}
	return 0;
}

static void publish_versions(struct reader *r,
			     const struct verdef_entry *entries, size_t count)
{
	struct abg_elf_file *f = r->file;
	f->versions = abg_arena_alloc(&f->arena, count * sizeof *f->versions);
	for (size_t i = 0; i < count; i++) {
		if (entries[i].is_base)
			continue;
		f->versions[f->nversions++] = entries[i].version;
		abg_hash_put(&r->version_names, entries[i].version.name, NULL);
	}
}

static int read_versions(struct reader *r)
{
	struct verdef_entry *defs = NULL;
	unsigned *needs = NULL;
	size_t ndefs = 0, nneeds = 0;
	int rc;
	if (r->verdef && parse_verdefs(r, &defs, &ndefs))
		rc = corrupt(r, "version definition section");
	else if (r->verneed && parse_verneeds(r, &needs, &nneeds))
		rc = corrupt(r, "version requirement section");
	else
		rc = index_versions(r, defs, ndefs, needs, nneeds);
	if (!rc)
		publish_versions(r, defs, ndefs);
	free(defs);
	free(needs);
	return rc;
}

/* ---- symbols ---------------------------------------------------------- */

static bool is_exported(const GElf_Sym *sym)
{
	unsigned bind = GELF_ST_BIND(sym->st_info);
	unsigned vis = GELF_ST_VISIBILITY(sym->st_other);
	if (sym->st_shndx == SHN_UNDEF)
		return false;
	if (bind != STB_GLOBAL && bind != STB_WEAK && bind != STB_GNU_UNIQUE)
		return false;
	return vis == STV_DEFAULT || vis == STV_PROTECTED;
}

/* ld emits an absolute, zero-valued symbol named after each version node;
 * it is bookkeeping, not part of the interface. */
static bool is_version_marker(struct reader *r, const GElf_Sym *sym,
			      const char *name)
{
	return sym->st_shndx == SHN_ABS && sym->st_value == 0 &&
	       abg_hash_contains(&r->version_names, name);
}

static struct abg_elf_symbol *add_symbol(struct reader *r, const GElf_Sym *sym)
{
	unsigned type = GELF_ST_TYPE(sym->st_info);
	struct abg_elf_symbol *s =
		ABG_PUSH(r->symbols, r->nsymbols, r->symbols_cap);
	s->is_function = type == STT_FUNC || type == STT_GNU_IFUNC;
	s->size = sym->st_size;
	s->is_default = true;
	return s;
}

/*
 * Applies a .gnu.version entry. Returns 1 when the symbol is not exported
 * after all, -1 on an index that no definition or requirement provides.
 * Not exported: index 0 (local; GNU ld also writes it on the copy of an
 * unversioned symbol copy-relocated into an executable) and required
 * versions (the copy of another object's versioned symbol).
 */
static int apply_versym(struct reader *r, GElf_Versym v,
			struct abg_elf_symbol *s)
{
	unsigned idx = v & VERSYM_INDEX_MASK;
	if (idx == VER_NDX_LOCAL)
		return 1;
	s->is_default = (v & VERSYM_HIDDEN_BIT) == 0;
	if (idx == VER_NDX_GLOBAL)
		return 0;
	if (idx >= r->nslots)
		return -1;
	if (r->slots[idx].needed)
		return 1;
	if (!r->slots[idx].defined)
		return -1;
	s->version = r->slots[idx].name;
	return 0;
}

struct symbol_table {
	Elf_Data *syms;
	Elf_Data *versyms; /* NULL when the file has no .gnu.version */
	size_t strtab;
	size_t count;
};

static int open_symbol_table(struct reader *r, Elf_Scn *scn, bool versioned,
			     struct symbol_table *t)
{
	GElf_Shdr shdr;
	if (section_header(r, scn, &shdr))
		return -1;
	size_t entsize = gelf_fsize(r->elf, ELF_T_SYM, 1, EV_CURRENT);
	t->syms = section_data(scn);
	if (!t->syms || !entsize)
		return corrupt(r, "symbol table");
	t->strtab = shdr.sh_link;
	t->count = t->syms->d_size / entsize;
	t->versyms = NULL;
	if (!versioned || !r->versym)
		return 0;
	t->versyms = section_data(r->versym);
	if (!t->versyms || t->versyms->d_size / sizeof(GElf_Versym) != t->count)
		return corrupt(r, "symbol version section");
	return 0;
}

static int read_dynamic_symbol(struct reader *r, const struct symbol_table *t,
			       size_t i)
{
	GElf_Sym sym;
	if (!gelf_getsym(t->syms, (int)i, &sym))
		return corrupt(r, "dynamic symbol table");
	if (!is_exported(&sym))
		return 0;
	const char *name = elf_strptr(r->elf, t->strtab, sym.st_name);
	if (!name)
		return corrupt(r, "dynamic symbol table");
	if (is_version_marker(r, &sym, name))
		return 0;
	struct abg_elf_symbol *s = add_symbol(r, &sym);
	if (t->versyms) {
		GElf_Versym v;
		if (!gelf_getversym(t->versyms, (int)i, &v))
			return corrupt(r, "symbol version section");
		int rc = apply_versym(r, v, s);
		if (rc < 0)
			return abg_error_set(r->err, r->path, 0,
					     "corrupt symbol version section: "
					     "unknown version index %u",
					     (unsigned)(v & VERSYM_INDEX_MASK));
		if (rc > 0) {
			r->nsymbols--; /* not exported after all */
			return 0;
		}
	}
	s->name = abg_arena_strdup(&r->file->arena, name);
	return 0;
}

/* "foo@@VER" (also gas's "foo@@@VER") is the default, "foo@VER" a compat
 * version; anything else is unversioned. */
static void split_symver(struct reader *r, const char *name,
			 struct abg_elf_symbol *s)
{
	struct abg_arena *a = &r->file->arena;
	const char *at = strchr(name, '@');
	if (!at || at == name) {
		s->name = abg_arena_strdup(a, name);
		return;
	}
	s->name = abg_arena_strndup(a, name, (size_t)(at - name));
	size_t ats = strspn(at, "@");
	s->is_default = ats >= 2;
	s->version = abg_arena_strdup(a, at + ats);
}

static int read_object_symbol(struct reader *r, const struct symbol_table *t,
			      size_t i)
{
	GElf_Sym sym;
	if (!gelf_getsym(t->syms, (int)i, &sym))
		return corrupt(r, "symbol table");
	unsigned type = GELF_ST_TYPE(sym.st_info);
	if (!is_exported(&sym) || type == STT_SECTION || type == STT_FILE)
		return 0;
	const char *name = elf_strptr(r->elf, t->strtab, sym.st_name);
	if (!name)
		return corrupt(r, "symbol table");
	split_symver(r, name, add_symbol(r, &sym));
	return 0;
}

static int read_symbols(struct reader *r)
{
	bool relocatable = r->ehdr.e_type == ET_REL;
	Elf_Scn *scn = relocatable ? r->symtab : r->dynsym;
	if (!scn)
		return 0;
	struct symbol_table t = {0};
	if (open_symbol_table(r, scn, !relocatable, &t))
		return -1;
	if (t.count > INT32_MAX)
		return corrupt(r, "symbol table");
	/* Entry 0 is the reserved null symbol. */
	for (size_t i = 1; i < t.count; i++) {
		int rc = relocatable ? read_object_symbol(r, &t, i)
				     : read_dynamic_symbol(r, &t, i);
		if (rc)
			return rc;
	}
	return 0;
}

/* ---- assembly --------------------------------------------------------- */

/* Moves a heap array built during reading into the result's arena. */
static void *to_arena(struct abg_arena *arena, const void *items, size_t n,
		      size_t size)
{
	if (!n)
		return NULL;
	void *copy = abg_arena_alloc(arena, n * size);
	memcpy(copy, items, n * size);
	return copy;
}

static void publish(struct reader *r)
{
	struct abg_elf_file *f = r->file;
	/* Not sorted: the library's model puts its symbols in its own order
	 * (abg_model_canonicalize()), a total one, whatever order they come
	 * in; sorting them here too cost a check 3% of its instructions. */
	f->symbols = to_arena(&f->arena, r->symbols, r->nsymbols,
			      sizeof *r->symbols);
	f->nsymbols = r->nsymbols;
	f->notes = to_arena(&f->arena, r->notes, r->nnotes, sizeof *r->notes);
	f->nnotes = r->nnotes;
}

static int read_contents(struct reader *r)
{
	if (!gelf_getehdr(r->elf, &r->ehdr))
		return corrupt(r, "ELF header");
	r->file->elf_type = r->ehdr.e_type;
	set_target(r);
	if (scan_sections(r) || read_soname(r) || read_versions(r) ||
	    read_symbols(r))
		return -1;
	publish(r);
	return 0;
}

/* Tells "this is not ELF at all" apart from "ELF, but damaged". */
static int reject_file(struct reader *r, int fd)
{
	unsigned char magic[SELFMAG];
	if (pread(fd, magic, SELFMAG, 0) != SELFMAG ||
	    memcmp(magic, ELFMAG, SELFMAG) != 0)
		return abg_error_set(r->err, r->path, 0, "not an ELF file");
	return abg_error_set(r->err, r->path, 0,
			     "truncated or corrupt ELF file: %s",
			     elf_errmsg(-1));
}

static int read_fd(struct reader *r, int fd)
{
	if (elf_version(EV_CURRENT) == EV_NONE)
		return abg_error_set(r->err, r->path, 0,
				     "libelf initialisation failed: %s",
				     elf_errmsg(-1));
	r->elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	int rc;
	if (!r->elf || elf_kind(r->elf) != ELF_K_ELF)
		rc = reject_file(r, fd);
	else
		rc = read_contents(r);
	if (rc)
		elf_end(r->elf);
	else
		r->file->elf = r->elf;
	return rc;
}

int abg_elf_read(const char *path, struct abg_elf_file **out,
		 struct abg_error *err)
{
	*out = NULL;
	struct reader r = {.path = path, .err = err};
	/* A FIFO, a device or a directory is refused before reading. */
	int fd = abg_open_regular(path, err);
	if (fd < 0)
		return -1;
	r.file = calloc(1, sizeof *r.file);
	if (!r.file) {
		close(fd);
		return abg_error_set(err, path, 0, "out of memory");
	}
	r.file->fd = fd;
	r.file->path = abg_arena_strdup(&r.file->arena, path);
	int rc = read_fd(&r, fd);
	free(r.slots);
	free(r.symbols);
	free(r.notes);
	abg_hash_free(&r.version_names);
	if (rc) {
		abg_elf_free(r.file);
		return -1;
	}
	*out = r.file;
	return 0;
}

void abg_elf_free(struct abg_elf_file *f)
{
	if (!f)
		return;
	elf_end(f->elf);
	close(f->fd);
	abg_arena_free(&f->arena);
	free(f);
}
