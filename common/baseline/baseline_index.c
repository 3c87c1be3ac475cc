/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The baseline index (abiguard/baseline_index.h).
 *
 * Layout, native byte order (the index is a cache of this machine's, never
 * shipped), every part a multiple of 8 bytes:
 *
 *   header   struct index_header
 *   lines    struct index_line[nlines]: eager lines first (neager of
 *            them, in text order), then each key's lines, in text order
 *   keys     struct index_key[nkeys], sorted by (hash, class, name)
 *   names    names_size bytes: each key's class letter and name
 *
 * The body (everything after the header) is hashed into the header, and
 * the header names the text by size and content hash. Nothing is trusted
 * before both match; after that every index into the arrays is still
 * bounds checked where it is used, and every line read is checked to be
 * the record the index says (abg_record_reader_line).
 */
#include "abiguard/baseline_index.h"

#include "abiguard/baseline_records.h"

#include <stdlib.h>
#include <string.h>

#define INDEX_MAGIC "ABGIDX\0\1"
#define INDEX_VERSION 1
#define CLASS_SYMBOL 'S'
#define CLASS_API 'A'
#define CLASS_TYPE 'T'

struct index_header {
	char magic[8];
	uint64_t version;
	uint64_t text_size;
	uint64_t text_hash;
	uint64_t body_hash;
	uint64_t nlines, neager, nkeys, names_size;
};

struct index_line {
	uint64_t offset;
	uint32_t len;
	uint32_t line_no;
};

struct index_key {
	uint64_t hash;
	uint32_t name_off, name_len; /* in names: class letter, then name */
	uint32_t first, count;	     /* in lines */
};

struct abg_baseline_index {
	const char *text;
	size_t text_len;
	const struct index_header *h;
	const struct index_line *lines;
	const struct index_key *keys;
	const char *names;
	size_t lines_read;
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
	struct index_line *eager;
	size_t neager, eager_cap;
	struct keyed *keyed;
	size_t nkeyed, keyed_cap;
	bool too_big; /* a line or offset beyond what the index can say */
};

static void collect(void *ctx, const struct abg_record *rec)
{
	struct builder *b = ctx;
	if (rec->len > UINT32_MAX) {
		b->too_big = true;
		return;
	}
	struct index_line line = {rec->offset, (uint32_t)rec->len,
				  rec->line_no};
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

static void pad8(struct abg_strbuf *sb)
{
	static const char zeros[8];
	if (sb->len % 8)
		abg_strbuf_append_n(sb, zeros, 8 - sb->len % 8);
}

static void write_index(struct builder *b, const char *text, size_t len,
			struct abg_strbuf *out)
{
	qsort(b->keyed, b->nkeyed, sizeof *b->keyed, by_key);
	struct abg_strbuf keys = {0}, names = {0};
	struct index_header h = {.version = INDEX_VERSION,
				 .text_size = len,
				 .text_hash = abg_content_hash(text, len),
				 .nlines = b->neager + b->nkeyed,
				 .neager = b->neager};
	memcpy(h.magic, INDEX_MAGIC, sizeof h.magic);
	for (size_t i = 0; i < b->nkeyed;) {
		size_t j = i + 1;
		while (j < b->nkeyed && same_key(&b->keyed[i], &b->keyed[j]))
			j++;
		size_t n = strlen(b->keyed[i].name);
		struct index_key k = {b->keyed[i].hash, (uint32_t)names.len,
				      (uint32_t)(n + 1),
				      (uint32_t)(b->neager + i),
				      (uint32_t)(j - i)};
		abg_strbuf_append_n(&names, &b->keyed[i].cls, 1);
		abg_strbuf_append_n(&names, b->keyed[i].name, n);
		abg_strbuf_append_n(&keys, (const char *)&k, sizeof k);
		h.nkeys++;
		i = j;
	}
	pad8(&names);
	h.names_size = names.len;
	abg_strbuf_reset(out);
	abg_strbuf_append_n(out, (const char *)&h, sizeof h);
	abg_strbuf_append_n(out, (const char *)b->eager,
			    b->neager * sizeof *b->eager);
	for (size_t i = 0; i < b->nkeyed; i++)
		abg_strbuf_append_n(out, (const char *)&b->keyed[i].line,
				    sizeof b->keyed[i].line);
	abg_strbuf_append_n(out, keys.data, keys.len);
	abg_strbuf_append_n(out, names.data, names.len);
	h.body_hash =
		abg_content_hash(out->data + sizeof h, out->len - sizeof h);
	memcpy(out->data, &h, sizeof h);
	abg_strbuf_free(&keys);
	abg_strbuf_free(&names);
}

int abg_baseline_index_build(const char *path, const char *text, size_t len,
			     struct abg_model **model, struct abg_strbuf *index,
			     struct abg_error *err)
{
	struct builder b = {0};
	struct abg_record_observer o = {collect, &b};
	int rc = abg_baseline_read_observed(path, text, len, &o, model, err);
	/* Names are interned in the model: write while it lives. The
	 * key fields are 32 bits: a text that needs more gets no index. */
	abg_strbuf_reset(index);
	if (!rc && !b.too_big && b.neager + b.nkeyed < UINT32_MAX &&
	    len < ((uint64_t)1 << 62))
		write_index(&b, text, len, index);
	free(b.eager);
	free(b.keyed);
	return rc;
}

/* ---- opening ------------------------------------------------------------ */

/* a * b + c <= limit, without overflow */
static bool fits(uint64_t a, uint64_t b, uint64_t c, uint64_t limit)
{
	if (c > limit || (b && a > (limit - c) / b))
		return false;
	return true;
}

static const char *check_header(const struct index_header *h, size_t size,
				size_t text_len)
{
	if (memcmp(h->magic, INDEX_MAGIC, sizeof h->magic) != 0)
		return "not an abiguard baseline index";
	if (h->version != INDEX_VERSION)
		return "index of another version";
	if (h->text_size != text_len)
		return "index of another text (size)";
	uint64_t body = size - sizeof *h;
	if (!fits(h->nlines, sizeof(struct index_line), 0, body) ||
	    !fits(h->nkeys, sizeof(struct index_key),
		  h->nlines * sizeof(struct index_line), body) ||
	    h->neager > h->nlines || h->names_size % 8 != 0 ||
	    h->nlines * sizeof(struct index_line) +
			    h->nkeys * sizeof(struct index_key) +
			    h->names_size !=
		    body)
		return "index sizes do not add up";
	return NULL;
}

struct abg_baseline_index *
abg_baseline_index_open(const char *data, size_t size, const char *text,
			size_t len, uint64_t text_hash, const char **why)
{
	*why = NULL;
	/* The buffer comes from malloc: aligned for the header's words. */
	if (!data || size < sizeof(struct index_header) || size % 8 != 0 ||
	    (uintptr_t)data % 8 != 0) {
		*why = "index truncated";
		return NULL;
	}
	const struct index_header *h = (const void *)data;
	*why = check_header(h, size, len);
	if (!*why && abg_content_hash(data + sizeof *h, size - sizeof *h) !=
			     h->body_hash)
		*why = "index damaged (hash)";
	if (!*why && text_hash != h->text_hash)
		*why = "index of another text (hash)";
	if (*why)
		return NULL;
	struct abg_baseline_index *ix = calloc(1, sizeof *ix);
	if (!ix)
		abort();
	ix->text = text;
	ix->text_len = len;
	ix->h = h;
	ix->lines = (const void *)(data + sizeof *h);
	ix->keys = (const void *)(ix->lines + h->nlines);
	ix->names = (const char *)(ix->keys + h->nkeys);
	return ix;
}

void abg_baseline_index_free(struct abg_baseline_index *ix)
{
	free(ix);
}

/* ---- reading what a unit needs ----------------------------------------- */

static const struct index_key *find_key(const struct abg_baseline_index *ix,
					char cls, const char *name)
{
	size_t n = strlen(name);
	uint64_t hash = key_hash(cls, name, n);
	size_t lo = 0, hi = ix->h->nkeys;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ix->keys[mid].hash < hash)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < ix->h->nkeys && ix->keys[lo].hash == hash; lo++) {
		const struct index_key *k = &ix->keys[lo];
		if ((uint64_t)k->name_off + k->name_len > ix->h->names_size)
			return NULL;
		const char *s = ix->names + k->name_off;
		if (k->name_len == n + 1 && s[0] == cls &&
		    memcmp(s + 1, name, n) == 0)
			return k;
	}
	return NULL;
}

struct partial {
	struct abg_baseline_index *ix;
	struct abg_record_reader *rr;
	struct abg_hash asked; /* "S\nname" / "T\nname" already read */
	struct abg_arena keys;
	struct abg_strbuf key;
	struct abg_error *err;
};

/* A line the index names: inside the text, a whole line. */
static int read_line(struct partial *p, const struct index_line *l,
		     enum abg_record_key key, const char *name)
{
	const char *text = p->ix->text;
	size_t len = p->ix->text_len;
	if (l->offset > len || l->len > len - l->offset ||
	    (l->offset && text[l->offset - 1] != '\n') ||
	    (l->offset + l->len < len && text[l->offset + l->len] != '\n'))
		return abg_error_set(p->err, NULL, 0,
				     "the index points outside the text's "
				     "lines");
	struct abg_record expect = {.offset = l->offset,
				    .len = l->len,
				    .line_no = l->line_no,
				    .key = key,
				    .name = name};
	p->ix->lines_read++;
	return abg_record_reader_line(p->rr, text + l->offset, l->len,
				      l->line_no, &expect);
}

/* Read the lines of one key, once. */
static int want(struct partial *p, char cls, const char *name)
{
	abg_strbuf_reset(&p->key);
	abg_strbuf_printf(&p->key, "%c\n%s", cls, name);
	if (abg_hash_contains(&p->asked, p->key.data))
		return 0;
	abg_hash_put(&p->asked, abg_arena_strdup(&p->keys, p->key.data),
		     (void *)1);
	const struct index_key *k = find_key(p->ix, cls, name);
	if (!k)
		return 0;
	if ((uint64_t)k->first + k->count > p->ix->h->nlines ||
	    k->first < p->ix->h->neager)
		return abg_error_set(p->err, NULL, 0,
				     "the index names lines it does not have");
	enum abg_record_key key = cls == CLASS_TYPE  ? ABG_RECORD_TYPE
				  : cls == CLASS_API ? ABG_RECORD_API
						     : ABG_RECORD_SYMBOL;
	for (uint32_t i = 0; i < k->count; i++)
		if (read_line(p, &p->ix->lines[k->first + i], key, name))
			return -1;
	return 0;
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
	for (size_t i = 0; i < p->ix->h->neager; i++)
		if (read_line(p, &p->ix->lines[i], ABG_RECORD_EAGER, NULL))
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
	p.rr = abg_record_reader_new(path, err);
	struct abg_model *m = NULL;
	if (read_wanted(&p, w) == 0)
		m = abg_record_reader_finish(p.rr);
	else
		abg_record_reader_free(p.rr);
	abg_hash_free(&p.asked);
	abg_arena_free(&p.keys);
	abg_strbuf_free(&p.key);
	return m;
}

size_t abg_baseline_index_lines_read(const struct abg_baseline_index *ix)
{
	return ix->lines_read;
}
