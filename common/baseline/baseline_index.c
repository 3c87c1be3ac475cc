/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The baseline index (abiguard/baseline_index.h).
 *
 * Layout, native byte order (the index is a cache of this machine's, never
 * shipped), every part a multiple of 8 bytes:
 *
 *   header   struct index_header, with the hash of its other fields
 *   lines    struct index_line[nlines]: the eager lines (neager of them,
 *            in text order), then the lines of each key whose lines are
 *            not one run of the text, in text order; each with the hash of
 *            its bytes in the text
 *   slots    struct index_slot[nslots + max_shift]: a hash table of the
 *            keys with linear probing, nslots a power of two at least
 *            twice the keys. A key's home slot is given by the top bits of
 *            the hash of its name alone, so that a symbol's 'S' and 'A'
 *            keys are neighbours; it is at most max_shift slots after its
 *            home, with no empty slot between. A key whose lines are
 *            consecutive lines of the text (nearly all: a type's lines, a
 *            symbol's) says where that run is and its hash in the slot
 *            itself; any other names its lines in `lines`.
 *
 * A compile reads the header, and for each key it wants a few slots and
 * the run of text they name: two small reads however large the baseline.
 * What it reads it checks (the header's and each slot's own hash, which
 * covers its position, so that an emptied slot cannot hide a key; bounds;
 * the hash of each run of text; each line's record, which must be the
 * record of the very key asked for), so damage anywhere it looks sends it
 * back to the text; the parts it does not read cannot change what it
 * decides. Names are not stored: the record check is the name check.
 */
#define _POSIX_C_SOURCE 200809L
#include "abiguard/baseline_index.h"

#include "abiguard/baseline_records.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define INDEX_MAGIC "ABGIDX\0\4"
#define INDEX_VERSION 4
/* The longest run of occupied slots a valid index may have; at a load of
 * a half, runs of more than a few dozen do not happen. */
#define SHIFT_MAX 4096
/* Slots read at a time: a key's run is nearly always within them. */
#define WINDOW 8
/* The `first` of a slot whose lines are one run of the text. */
#define RUN UINT32_MAX
#define CLASS_SYMBOL 'S'
#define CLASS_API 'A'
#define CLASS_TYPE 'T'
/* Lines of one key closer than this are read with one read. */
#define SPAN_MAX ((uint64_t)64 << 10)

struct index_header {
	char magic[8];
	uint64_t version;
	struct abg_text_identity text;
	uint64_t has_identity;
	uint64_t text_hash; /* of the whole text, when it was built */
	uint64_t nlines, neager, nkeys, nslots, max_shift;
	uint64_t check; /* of everything above */
};

struct index_line {
	uint64_t offset;
	uint32_t len;
	uint32_t line_no;
	uint64_t hash; /* of the line's bytes */
};

/* count 0: an empty slot (every other field 0). */
struct index_slot {
	uint64_t hash;	   /* of the class letter and the name */
	uint64_t offset;   /* RUN: where the first line starts in the text */
	uint32_t len;	   /* RUN: bytes from there to the last line's end */
	uint32_t line_no;  /* RUN: the first line's number */
	uint32_t first;	   /* the first of its lines in `lines`, or RUN */
	uint32_t count;	   /* of lines */
	uint64_t run_hash; /* RUN: of those bytes */
	uint64_t check;	   /* of the fields above and the slot's position */
};

struct window {
	uint64_t at, n; /* slots [at, at + n) are in s[] */
	struct index_slot s[WINDOW];
};

struct abg_baseline_index {
	struct abg_bytes index, text;
	struct index_header h;
	uint64_t lines_at, slots_at, table_size;
	unsigned slot_bits;
	size_t lines_read;
	struct window win;     /* the slots read last */
	struct abg_strbuf buf; /* bytes of the text being read */
};

/* ---- the content hash --------------------------------------------------- */

#define P1 0x9e3779b185ebca87ull
#define P2 0xc2b2ae3d27d4eb4full
#define P3 0x165667b19e3779f9ull
#define P4 0x85ebca77c2b2ae63ull

static uint64_t rotl(uint64_t x, unsigned r)
{
	return (x << r) | (x >> (64 - r));
}

static uint64_t load64(const unsigned char *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof v);
	return v;
}

static uint64_t lane(uint64_t acc, uint64_t word)
{
	return rotl(acc + word * P2, 31) * P1;
}

uint64_t abg_content_hash(const void *data, size_t len)
{
	const unsigned char *p = data, *end = p + len;
	uint64_t v[4] = {P1 + P2, P2, 0, 0 - P1};
	for (; end - p >= 32; p += 32)
		for (int i = 0; i < 4; i++)
			v[i] = lane(v[i], load64(p + 8 * i));
	uint64_t h =
		rotl(v[0], 1) + rotl(v[1], 7) + rotl(v[2], 12) + rotl(v[3], 18);
	for (int i = 0; i < 4; i++)
		h = (h ^ lane(0, v[i])) * P1 + P4;
	h += (uint64_t)len;
	for (; end - p >= 8; p += 8)
		h = rotl(h ^ lane(0, load64(p)), 27) * P1 + P4;
	for (; p < end; p++)
		h = rotl(h ^ (*p * P3), 11) * P1;
	h ^= h >> 33;
	h *= P2;
	h ^= h >> 29;
	h *= P3;
	return h ^ (h >> 32);
}

static uint64_t key_hash(char cls, const char *name, size_t len)
{
	char buf[256];
	if (len + 1 > sizeof buf) {
		uint64_t h = abg_content_hash(name, len);
		return h ^ (uint64_t)(unsigned char)cls;
	}
	buf[0] = cls;
	memcpy(buf + 1, name, len);
	return abg_content_hash(buf, len + 1);
}

/* ---- building ----------------------------------------------------------- */

struct keyed {
	uint64_t hash;
	char cls;
	const char *name; /* interned in the model being read */
	struct index_line line;
};

struct builder {
	const char *text;
	struct index_line *eager;
	size_t neager, eager_cap;
	struct keyed *keyed;
	size_t nkeyed, keyed_cap;
	bool too_big; /* a line beyond what the index can say */
};

static void collect(void *ctx, const struct abg_record *rec)
{
	struct builder *b = ctx;
	if (rec->len > UINT32_MAX) {
		b->too_big = true;
		return;
	}
	struct index_line line = {
		rec->offset, (uint32_t)rec->len, rec->line_no,
		abg_content_hash(b->text + rec->offset, rec->len)};
	if (rec->key == ABG_RECORD_EAGER) {
		*ABG_PUSH(b->eager, b->neager, b->eager_cap) = line;
		return;
	}
	char cls = rec->key == ABG_RECORD_TYPE	? CLASS_TYPE
		   : rec->key == ABG_RECORD_API ? CLASS_API
						: CLASS_SYMBOL;
	struct keyed *k = ABG_PUSH(b->keyed, b->nkeyed, b->keyed_cap);
	k->cls = cls;
	k->name = rec->name;
	k->hash = key_hash(cls, rec->name, strlen(rec->name));
	k->line = line;
}

static int by_key(const void *pa, const void *pb)
{
	const struct keyed *a = pa, *b = pb;
	if (a->hash != b->hash)
		return a->hash < b->hash ? -1 : 1;
	if (a->cls != b->cls)
		return a->cls - b->cls;
	int c = strcmp(a->name, b->name);
	if (c)
		return c;
	return (a->line.offset > b->line.offset) -
	       (a->line.offset < b->line.offset);
}

static bool same_key(const struct keyed *a, const struct keyed *b)
{
	return a->hash == b->hash && a->cls == b->cls &&
	       strcmp(a->name, b->name) == 0;
}

/* The home slot of a name: the top bits of its hash. */
static uint64_t home_of(const char *name, size_t len, unsigned bits)
{
	return bits ? abg_content_hash(name, len) >> (64 - bits) : 0;
}

/* Slots for nkeys keys: a power of two, at least twice as many. */
static unsigned slot_bits_for(uint64_t nkeys)
{
	unsigned bits = 0;
	while (bits < 40 && ((uint64_t)1 << bits) < 2 * nkeys)
		bits++;
	return bits;
}

/* A slot's check: its fields and where it is, so that a slot moved or
 * emptied is seen where it is read. */
static uint64_t slot_check(const struct index_slot *s, uint64_t at)
{
	return abg_content_hash(s, offsetof(struct index_slot, check)) ^
	       (at * P3 + P4);
}

/* The layout's version, and which lines the reader keys by what: an
 * abiguard whose keyword table differs builds its own index. */
static uint64_t index_version(void)
{
	return INDEX_VERSION | (abg_record_keys_signature() << 8);
}

static uint64_t header_check(const struct index_header *h)
{
	return abg_content_hash(h, offsetof(struct index_header, check));
}

/* Lines [0, n) of one key, in text order: one run of the text? */
static bool one_run(const struct keyed *k, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (k[i].line.line_no != k[i - 1].line.line_no + 1 ||
		    k[i].line.offset !=
			    k[i - 1].line.offset + k[i - 1].line.len + 1)
			return false;
	return true;
}

struct placed {
	uint64_t home;
	const char *name;
	struct index_slot slot;
};

static int by_home(const void *pa, const void *pb)
{
	const struct placed *a = pa, *b = pb;
	if (a->home != b->home)
		return a->home < b->home ? -1 : 1;
	return (a->slot.hash > b->slot.hash) - (a->slot.hash < b->slot.hash);
}

/* The slot of keyed[i, i + n): its run, or its lines appended to lines. */
static struct index_slot key_slot(const struct builder *b, size_t i, size_t n,
				  struct abg_strbuf *lines, uint64_t *nlines)
{
	const struct keyed *k = &b->keyed[i];
	struct index_slot s = {.hash = k->hash, .count = (uint32_t)n};
	if (one_run(k, n)) {
		uint64_t end = k[n - 1].line.offset + k[n - 1].line.len;
		s.offset = k->line.offset;
		s.len = (uint32_t)(end - s.offset);
		s.line_no = k->line.line_no;
		s.first = RUN;
		s.run_hash = abg_content_hash(b->text + s.offset, s.len);
		return s;
	}
	s.first = (uint32_t)*nlines;
	for (size_t j = 0; j < n; j++)
		abg_strbuf_append_n(lines, (const char *)&k[j].line,
				    sizeof k[j].line);
	*nlines += n;
	return s;
}

/* One entry per key; false when two keys share a hash (then there is no
 * index). A run always fits a slot: only a text under 4 GiB is indexed. */
static bool gather_keys(const struct builder *b, struct placed **out,
			size_t *nout, struct abg_strbuf *lines,
			uint64_t *nlines)
{
	size_t cap = 0;
	for (size_t i = 0; i < b->nkeyed;) {
		size_t j = i + 1;
		while (j < b->nkeyed && same_key(&b->keyed[i], &b->keyed[j]))
			j++;
		const struct keyed *k = &b->keyed[i];
		if (*nout && (*out)[*nout - 1].slot.hash == k->hash)
			return false;
		struct placed *p = ABG_PUSH(*out, *nout, cap);
		p->name = k->name;
		p->slot = key_slot(b, i, j - i, lines, nlines);
		i = j;
	}
	return true;
}

/* Linear probing, keys placed in order of their homes: each lands on the
 * first free slot at or after its home, so every slot between is taken. */
static bool write_slots(struct placed *keys, size_t n, struct index_header *h,
			struct abg_strbuf *out)
{
	qsort(keys, n, sizeof *keys, by_home);
	uint64_t next = 0, shift = 0;
	for (size_t i = 0; i < n; i++) {
		uint64_t at = keys[i].home > next ? keys[i].home : next;
		if (at - keys[i].home > shift)
			shift = at - keys[i].home;
		next = at + 1;
	}
	if (shift > SHIFT_MAX)
		return false;
	h->max_shift = shift;
	uint64_t size = h->nslots + shift;
	for (uint64_t at = 0, i = 0; at < size; at++) {
		struct index_slot s = {0};
		if (i < n && keys[i].home <= at)
			s = keys[i++].slot;
		s.check = slot_check(&s, at);
		abg_strbuf_append_n(out, (const char *)&s, sizeof s);
	}
	return true;
}

static void write_index(struct builder *b, const char *text, size_t len,
			const struct abg_text_identity *id,
			struct abg_strbuf *out)
{
	qsort(b->keyed, b->nkeyed, sizeof *b->keyed, by_key);
	struct index_header h;
	memset(&h, 0, sizeof h);
	memcpy(h.magic, INDEX_MAGIC, sizeof h.magic);
	h.version = index_version();
	if (id) {
		h.text = *id;
		h.has_identity = 1;
	}
	h.text.size = len;
	h.text_hash = abg_content_hash(text, len);
	h.neager = b->neager;
	struct abg_strbuf lines = {0}, slots = {0};
	abg_strbuf_append_n(&lines, (const char *)b->eager,
			    b->neager * sizeof *b->eager);
	struct placed *keys = NULL;
	size_t nkeys = 0;
	h.nlines = b->neager;
	bool ok = gather_keys(b, &keys, &nkeys, &lines, &h.nlines);
	h.nkeys = nkeys;
	unsigned bits = slot_bits_for(nkeys);
	h.nslots = (uint64_t)1 << bits;
	for (size_t i = 0; i < nkeys; i++)
		keys[i].home =
			home_of(keys[i].name, strlen(keys[i].name), bits);
	ok = ok && write_slots(keys, nkeys, &h, &slots);
	abg_strbuf_reset(out);
	if (ok) {
		h.check = header_check(&h);
		abg_strbuf_append_n(out, (const char *)&h, sizeof h);
		abg_strbuf_append_n(out, lines.data, lines.len);
		abg_strbuf_append_n(out, slots.data, slots.len);
	}
	free(keys);
	abg_strbuf_free(&lines);
	abg_strbuf_free(&slots);
}

int abg_baseline_index_build(const char *path, const char *text, size_t len,
			     const struct abg_text_identity *id,
			     struct abg_model **model, struct abg_strbuf *index,
			     struct abg_error *err)
{
	struct builder b = {.text = text};
	struct abg_record_observer o = {collect, &b};
	int rc = abg_baseline_read_observed(path, text, len, &o, model, err);
	/* Names are interned in the model: write while it lives. The
	 * fields are 32 bits: a text that needs more gets no index. */
	abg_strbuf_reset(index);
	if (!rc && !b.too_big && b.neager + b.nkeyed < UINT32_MAX &&
	    len < UINT32_MAX)
		write_index(&b, text, len, id, index);
	free(b.eager);
	free(b.keyed);
	return rc;
}

/* ---- reading bytes -------------------------------------------------------- */

/* size bytes at offset, all of them, or -1. */
static int read_at(const struct abg_bytes *src, uint64_t offset, void *buf,
		   size_t size)
{
	if (offset > src->size || size > src->size - offset)
		return -1;
	if (src->fd < 0) {
		memcpy(buf, src->mem + offset, size);
		return 0;
	}
	long long n = abg_pread_full(src->fd, buf, size, offset);
	return n >= 0 && (size_t)n == size ? 0 : -1;
}

/* ---- opening ------------------------------------------------------------ */

/* a * b + c <= limit, without overflow */
static bool fits(uint64_t a, uint64_t b, uint64_t c, uint64_t limit)
{
	return c <= limit && (!b || a <= (limit - c) / b);
}

static bool same_identity(const struct abg_text_identity *a,
			  const struct abg_text_identity *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	       a->mtime_s == b->mtime_s && a->mtime_ns == b->mtime_ns &&
	       a->ctime_s == b->ctime_s && a->ctime_ns == b->ctime_ns;
}

static const char *check_header(const struct index_header *h, uint64_t size,
				const struct abg_text_identity *id,
				uint64_t text_size)
{
	if (memcmp(h->magic, INDEX_MAGIC, sizeof h->magic) != 0)
		return "not an abiguard baseline index";
	if (h->check != header_check(h))
		return "index damaged (header)";
	if (h->version != index_version())
		return "index of another version";
	if (h->text.size != text_size || (id && !h->has_identity) ||
	    (id && !same_identity(&h->text, id)))
		return "index of another text";
	uint64_t body = size - sizeof *h;
	if (h->neager > h->nlines || h->max_shift > SHIFT_MAX ||
	    h->nslots != (uint64_t)1 << slot_bits_for(h->nkeys) ||
	    !fits(h->nlines, sizeof(struct index_line), 0, body))
		return "index sizes do not add up";
	uint64_t lines = h->nlines * sizeof(struct index_line);
	uint64_t slots = h->nslots + h->max_shift;
	if (!fits(slots, sizeof(struct index_slot), lines, body) ||
	    lines + slots * sizeof(struct index_slot) != body)
		return "index sizes do not add up";
	return NULL;
}

struct abg_baseline_index *
abg_baseline_index_open(struct abg_bytes index, struct abg_bytes text,
			const struct abg_text_identity *id, const char **why)
{
	struct index_header h;
	*why = NULL;
	if (index.size < sizeof h || index.size % 8 != 0 ||
	    read_at(&index, 0, &h, sizeof h)) {
		*why = "index truncated";
		return NULL;
	}
	*why = check_header(&h, index.size, id, text.size);
	if (*why)
		return NULL;
	struct abg_baseline_index *ix = calloc(1, sizeof *ix);
	if (!ix)
		abort();
	ix->index = index;
	ix->text = text;
	ix->h = h;
	ix->lines_at = sizeof h;
	ix->slots_at = ix->lines_at + h.nlines * sizeof(struct index_line);
	ix->table_size = h.nslots + h.max_shift;
	ix->slot_bits = slot_bits_for(h.nkeys);
	return ix;
}

uint64_t abg_baseline_index_text_hash(const struct abg_baseline_index *ix)
{
	return ix->h.text_hash;
}

uint64_t abg_baseline_index_keys(const struct abg_baseline_index *ix)
{
	return ix->h.nkeys;
}

void abg_baseline_index_free(struct abg_baseline_index *ix)
{
	if (!ix)
		return;
	abg_strbuf_free(&ix->buf);
	free(ix);
}

/* ---- reading what a unit needs ----------------------------------------- */

struct partial {
	struct abg_baseline_index *ix;
	struct abg_record_reader *rr;
	struct abg_hash asked; /* "S\nname", "A\nname", "T\nname" read */
	struct abg_arena keys;
	struct abg_strbuf asking; /* the key of `asked` want() looks up */
	struct abg_error *err;
};

static int doubt(struct partial *p, const char *what)
{
	return abg_error_set(p->err, NULL, 0, "baseline index: %s", what);
}

/* Slot `at`, checked; read with the next few, which a probe reads next. */
static int read_slot(struct partial *p, uint64_t at, struct index_slot *out)
{
	struct abg_baseline_index *ix = p->ix;
	struct window *w = &ix->win;
	if (at >= ix->table_size)
		return doubt(p, "a slot outside the index");
	if (at < w->at || at >= w->at + w->n) {
		uint64_t n = ix->table_size - at;
		n = n < WINDOW ? n : WINDOW;
		w->n = 0;
		if (read_at(&ix->index, ix->slots_at + at * sizeof *w->s, w->s,
			    n * sizeof *w->s))
			return doubt(p, "slots outside the index");
		w->at = at;
		w->n = n;
	}
	*out = w->s[at - w->at];
	if (slot_check(out, at) != out->check)
		return doubt(p, "a damaged slot");
	return 0;
}

/*
 * The slot of (cls, name), or none (*found 0): from the name's home on,
 * the first slot of its hash, or an empty slot, or the end of the longest
 * run. An empty slot is checked like any other, so damage cannot make one.
 */
static int find_key(struct partial *p, char cls, const char *name,
		    struct index_slot *out, bool *found)
{
	size_t n = strlen(name);
	uint64_t hash = key_hash(cls, name, n);
	uint64_t home = home_of(name, n, p->ix->slot_bits);
	*found = false;
	for (uint64_t at = home; at <= home + p->ix->h.max_shift; at++) {
		if (read_slot(p, at, out))
			return -1;
		if (out->count == 0)
			return 0;
		if (out->hash == hash) {
			*found = true;
			return 0;
		}
	}
	return 0;
}

/* The line at `s` of `len` bytes, read as the record of (key, name). */
static int read_one(struct partial *p, const char *s, uint64_t offset,
		    uint32_t len, uint32_t line_no, enum abg_record_key key,
		    const char *name)
{
	struct abg_record expect = {.offset = offset,
				    .len = len,
				    .line_no = line_no,
				    .key = key,
				    .name = name};
	p->ix->lines_read++;
	return abg_record_reader_line(p->rr, s, len, line_no, &expect);
}

/* Text bytes [start, end) with the byte either side when there is one,
 * into the buffer; *at is where the buffer starts in the text. */
static const char *read_text(struct partial *p, uint64_t start, uint64_t end,
			     uint64_t *at, uint64_t *have)
{
	uint64_t size = p->ix->text.size;
	if (start > size || end > size || end < start) {
		doubt(p, "a line outside the text");
		return NULL;
	}
	*at = start ? start - 1 : 0;
	uint64_t stop = end < size ? end + 1 : end;
	struct abg_strbuf *buf = &p->ix->buf;
	abg_grow((void **)&buf->data, &buf->cap, (size_t)(stop - *at) + 1, 1);
	if (read_at(&p->ix->text, *at, buf->data, (size_t)(stop - *at))) {
		doubt(p, "the text is shorter than the index says");
		return NULL;
	}
	*have = stop - *at;
	return buf->data;
}

/* Bytes [offset, offset + len) of what was read are whole lines: a line
 * break, or the text's edge, on either side. */
static bool whole_lines(const struct partial *p, const char *bytes, uint64_t at,
			uint64_t offset, uint64_t len)
{
	const char *s = bytes + (offset - at);
	return (!offset || s[-1] == '\n') &&
	       (offset + len >= p->ix->text.size || s[len] == '\n');
}

/* A key's lines that are one run of the text: read, checked, split. */
static int read_run(struct partial *p, const struct index_slot *slot,
		    enum abg_record_key key, const char *name)
{
	uint64_t at, have;
	const char *bytes = read_text(p, slot->offset, slot->offset + slot->len,
				      &at, &have);
	if (!bytes)
		return -1;
	if (!whole_lines(p, bytes, at, slot->offset, slot->len))
		return doubt(p, "a line that is not a line of the text");
	const char *s = bytes + (slot->offset - at), *end = s + slot->len;
	if (abg_content_hash(s, slot->len) != slot->run_hash)
		return doubt(p, "lines the text no longer has");
	uint32_t line_no = slot->line_no;
	for (uint32_t i = 0; i < slot->count; i++, line_no++) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *stop = nl ? nl : end;
		if ((i + 1 < slot->count) != (nl != NULL))
			return doubt(p, "a run of another number of lines");
		if (read_one(p, s, at + (uint64_t)(s - bytes),
			     (uint32_t)(stop - s), line_no, key, name))
			return -1;
		s = stop + 1;
	}
	return 0;
}

/* Line l's bytes, from text it read at `at` (bytes [at, at + have)), with
 * the byte before and after it: whole lines, as the index recorded. */
static int check_line(struct partial *p, const struct index_line *l,
		      uint64_t at, const char *bytes, uint64_t have)
{
	if (l->offset < at || l->offset + l->len > at + have)
		return doubt(p, "a line outside what was read");
	if (!whole_lines(p, bytes, at, l->offset, l->len))
		return doubt(p, "a line that is not a line of the text");
	if (abg_content_hash(bytes + (l->offset - at), l->len) != l->hash)
		return doubt(p, "a line the text no longer has");
	return 0;
}

/* The text of lines[i..j), with a byte either side when there is one. */
static int read_span(struct partial *p, const struct index_line *lines,
		     size_t i, size_t j, enum abg_record_key key,
		     const char *name)
{
	uint64_t size = p->ix->text.size;
	uint64_t start = lines[i].offset, end = lines[j - 1].offset;
	if (end > size || lines[j - 1].len > size - end)
		return doubt(p, "a line outside the text");
	uint64_t at, have;
	const char *bytes =
		read_text(p, start, end + lines[j - 1].len, &at, &have);
	if (!bytes)
		return -1;
	for (size_t k = i; k < j; k++) {
		const struct index_line *l = &lines[k];
		if (check_line(p, l, at, bytes, have) ||
		    read_one(p, bytes + (l->offset - at), l->offset, l->len,
			     l->line_no, key, name))
			return -1;
	}
	return 0;
}

/* Lines close together are read with one read; the others alone. */
static int read_lines(struct partial *p, const struct index_line *lines,
		      size_t n, enum abg_record_key key, const char *name)
{
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && lines[j].offset >= lines[j - 1].offset &&
		       lines[j].offset - lines[i].offset < SPAN_MAX)
			j++;
		if (read_span(p, lines, i, j, key, name))
			return -1;
		i = j;
	}
	return 0;
}

/* Read lines [first, first + count) of the index and their text. */
static int read_entries(struct partial *p, uint64_t first, uint64_t count,
			enum abg_record_key key, const char *name)
{
	if (first > p->ix->h.nlines || count > p->ix->h.nlines - first)
		return doubt(p, "lines the index does not have");
	struct index_line *lines = calloc(count ? count : 1, sizeof *lines);
	if (!lines)
		abort();
	int rc = read_at(&p->ix->index, p->ix->lines_at + first * sizeof *lines,
			 lines, count * sizeof *lines)
			 ? doubt(p, "lines outside the index")
			 : read_lines(p, lines, count, key, name);
	free(lines);
	return rc;
}

/* "C\nname" in p->asking: built by hand, since want() runs for every
 * symbol and type a unit needs, and a printf and a malloc each time were
 * a good part of what reading the part costs. */
static const char *asked_key(struct partial *p, char cls, const char *name)
{
	size_t n = strlen(name);
	struct abg_strbuf *b = &p->asking;
	abg_grow((void **)&b->data, &b->cap, n + 3, 1);
	b->data[0] = cls;
	b->data[1] = '\n';
	memcpy(b->data + 2, name, n + 1);
	b->len = n + 2;
	return b->data;
}

/* Read the lines of one key, once. */
static int want(struct partial *p, char cls, const char *name)
{
	const char *asked = asked_key(p, cls, name);
	if (abg_hash_contains(&p->asked, asked))
		return 0;
	abg_hash_put(&p->asked, abg_arena_strdup(&p->keys, asked), (void *)1);
	struct index_slot slot;
	bool found = false;
	if (find_key(p, cls, name, &slot, &found))
		return -1;
	if (!found)
		return 0;
	enum abg_record_key key = cls == CLASS_TYPE  ? ABG_RECORD_TYPE
				  : cls == CLASS_API ? ABG_RECORD_API
						     : ABG_RECORD_SYMBOL;
	if (slot.first == RUN)
		return read_run(p, &slot, key, name);
	if (slot.first < p->ix->h.neager)
		return doubt(p, "a key that names eager lines");
	return read_entries(p, slot.first, slot.count, key, name);
}

static bool is_named_kind(enum abg_type_kind kind)
{
	return kind == ABG_TYPE_STRUCT || kind == ABG_TYPE_UNION ||
	       kind == ABG_TYPE_ENUM || kind == ABG_TYPE_TYPEDEF;
}

/* Every named type the lines read so far mention, until none is new. */
static int reach_types(struct partial *p)
{
	const struct abg_model *m = abg_record_reader_model(p->rr);
	for (abg_type_id id = 1; id < m->ntypes; id++) {
		const struct abg_type *t = &m->types[id];
		if (t->name && is_named_kind(t->kind) &&
		    want(p, CLASS_TYPE, t->name))
			return -1;
		m = abg_record_reader_model(p->rr); /* ntypes grows */
	}
	return 0;
}

/* Eager lines first: the magic line, nodes before the symbols that name
 * them, base types before the spellings that use them. */
static int read_wanted(struct partial *p, const struct abg_baseline_wants *w)
{
	if (read_entries(p, 0, p->ix->h.neager, ABG_RECORD_EAGER, NULL))
		return -1;
	for (size_t i = 0; i < w->nsymbols; i++)
		if (want(p, CLASS_SYMBOL, w->symbols[i]) ||
		    want(p, CLASS_API, w->symbols[i]))
			return -1;
	for (size_t i = 0; i < w->ntypes; i++)
		if (want(p, CLASS_TYPE, w->types[i]))
			return -1;
	return reach_types(p);
}

struct abg_model *abg_baseline_index_read(struct abg_baseline_index *ix,
					  const char *path,
					  const struct abg_baseline_wants *w,
					  struct abg_error *err)
{
	struct partial p = {.ix = ix, .err = err};
	ix->lines_read = 0;
	ix->win.n = 0;
	p.rr = abg_record_reader_new(path, err);
	struct abg_model *m = NULL;
	if (read_wanted(&p, w) == 0)
		m = abg_record_reader_finish(p.rr);
	else
		abg_record_reader_free(p.rr);
	abg_hash_free(&p.asked);
	abg_arena_free(&p.keys);
	abg_strbuf_free(&p.asking);
	return m;
}

size_t abg_baseline_index_lines_read(const struct abg_baseline_index *ix)
{
	return ix->lines_read;
}
