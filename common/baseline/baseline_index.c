/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The baseline index (abiguard/baseline_index.h).
 *
 * Layout, native byte order (the index is a cache of this machine's, never
 * shipped), every part a multiple of 8 bytes:
 *
 *   header   struct index_header, with the hash of its other fields
 *   lines    struct index_line[nlines]: eager lines first (neager of
 *            them, in text order), then each key's lines, in text order;
 *            each with the hash of its bytes in the text
 *   keys     struct index_key[nkeys], sorted by hash, each with the hash
 *            of its fields (its name's hash is its hash)
 *   buckets  uint32_t[nbuckets + 1], padded to 8 bytes: the keys whose
 *            hash starts with the bits b are keys[buckets[b] ..
 *            buckets[b + 1])
 *   names    names_size bytes: each key's class letter and name
 *
 * A compile reads the header, and for each key it wants a bucket, its
 * keys, their names and their lines: a few hundred small reads however large the
 * baseline. What it reads it checks (the header's and each key's own hash,
 * bounds, each line's hash, each line's record), so damage anywhere it
 * looks sends it back to the text; the parts it does not read cannot
 * change what it decides.
 */
#define _POSIX_C_SOURCE 200809L
#include "abiguard/baseline_index.h"

#include "abiguard/baseline_records.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define INDEX_MAGIC "ABGIDX\0\3"
#define INDEX_VERSION 3
/* A bucket holds about one key; more than this is a damaged index. */
#define BUCKET_MAX 64
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
	uint64_t nlines, neager, nkeys, nbuckets, names_size;
	uint64_t check; /* of everything above */
};

struct index_line {
	uint64_t offset;
	uint32_t len;
	uint32_t line_no;
	uint64_t hash; /* of the line's bytes */
};

struct index_key {
	uint64_t hash;
	uint32_t name_off, name_len; /* in names: class letter, then name */
	uint32_t first, count;	     /* in lines */
	uint64_t check;		     /* of the fields above */
};

struct abg_baseline_index {
	struct abg_bytes index, text;
	struct index_header h;
	uint64_t lines_at, keys_at, buckets_at, names_at;
	unsigned bucket_bits;
	size_t lines_read;
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

static void pad8(struct abg_strbuf *sb)
{
	static const char zeros[8];
	if (sb->len % 8)
		abg_strbuf_append_n(sb, zeros, 8 - sb->len % 8);
}

/* A key's check: its fields (its hash is its name's, checked when the
 * name is read), so that a damaged entry is seen where it is read. */
static uint64_t key_check(const struct index_key *k)
{
	return abg_content_hash(k, offsetof(struct index_key, check));
}

/* The bucket of a hash: its top bits. */
static uint64_t bucket_of(uint64_t hash, unsigned bits)
{
	return bits ? hash >> (64 - bits) : 0;
}

static unsigned bucket_bits_for(uint64_t nkeys)
{
	unsigned bits = 0;
	while (bits < 31 && ((uint64_t)1 << bits) < nkeys)
		bits++;
	return bits;
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

static void write_keys(struct builder *b, struct index_header *h,
		       struct abg_strbuf *keys, struct abg_strbuf *names)
{
	for (size_t i = 0; i < b->nkeyed;) {
		size_t j = i + 1;
		while (j < b->nkeyed && same_key(&b->keyed[i], &b->keyed[j]))
			j++;
		size_t n = strlen(b->keyed[i].name);
		struct index_key k = {
			b->keyed[i].hash,  (uint32_t)names->len,
			(uint32_t)(n + 1), (uint32_t)(b->neager + i),
			(uint32_t)(j - i), 0};
		abg_strbuf_append_n(names, &b->keyed[i].cls, 1);
		abg_strbuf_append_n(names, b->keyed[i].name, n);
		k.check = key_check(&k);
		abg_strbuf_append_n(keys, (const char *)&k, sizeof k);
		h->nkeys++;
		i = j;
	}
	pad8(names);
	h->names_size = names->len;
}

/* buckets[b]: the first key of bucket b (keys are sorted by hash). */
static void write_buckets(const struct abg_strbuf *keys, struct index_header *h,
			  struct abg_strbuf *out)
{
	unsigned bits = bucket_bits_for(h->nkeys);
	const struct index_key *k = (const void *)keys->data;
	uint64_t nbuckets = (uint64_t)1 << bits;
	uint32_t at = 0;
	for (uint64_t bucket = 0; bucket <= nbuckets; bucket++) {
		while (at < h->nkeys && bucket_of(k[at].hash, bits) < bucket)
			at++;
		abg_strbuf_append_n(out, (const char *)&at, sizeof at);
	}
	pad8(out);
	h->nbuckets = nbuckets;
}

static void write_index(struct builder *b, const char *text, size_t len,
			const struct abg_text_identity *id,
			struct abg_strbuf *out)
{
	qsort(b->keyed, b->nkeyed, sizeof *b->keyed, by_key);
	struct abg_strbuf keys = {0}, names = {0};
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
	h.nlines = b->neager + b->nkeyed;
	h.neager = b->neager;
	write_keys(b, &h, &keys, &names);
	struct abg_strbuf buckets = {0};
	write_buckets(&keys, &h, &buckets);
	h.check = header_check(&h);
	abg_strbuf_reset(out);
	abg_strbuf_append_n(out, (const char *)&h, sizeof h);
	abg_strbuf_append_n(out, (const char *)b->eager,
			    b->neager * sizeof *b->eager);
	for (size_t i = 0; i < b->nkeyed; i++)
		abg_strbuf_append_n(out, (const char *)&b->keyed[i].line,
				    sizeof b->keyed[i].line);
	abg_strbuf_append_n(out, keys.data, keys.len);
	abg_strbuf_append_n(out, buckets.data, buckets.len);
	abg_strbuf_append_n(out, names.data, names.len);
	abg_strbuf_free(&buckets);
	abg_strbuf_free(&keys);
	abg_strbuf_free(&names);
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
	for (size_t done = 0; done < size;) {
		ssize_t n = pread(src->fd, (char *)buf + done, size - done,
				  (off_t)(offset + done));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		done += (size_t)n;
	}
	return 0;
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
	uint64_t lines = h->nlines * sizeof(struct index_line);
	if (!fits(h->nlines, sizeof(struct index_line), 0, body) ||
	    !fits(h->nkeys, sizeof(struct index_key), lines, body) ||
	    h->nbuckets != (uint64_t)1 << bucket_bits_for(h->nkeys))
		return "index sizes do not add up";
	uint64_t keys = lines + h->nkeys * sizeof(struct index_key);
	uint64_t buckets = (h->nbuckets + 1) * sizeof(uint32_t);
	buckets += (8 - buckets % 8) % 8;
	if (!fits(1, buckets, keys, body) || h->neager > h->nlines ||
	    h->names_size % 8 != 0 || keys + buckets + h->names_size != body)
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
	ix->keys_at = ix->lines_at + h.nlines * sizeof(struct index_line);
	ix->buckets_at = ix->keys_at + h.nkeys * sizeof(struct index_key);
	ix->names_at = index.size - h.names_size;
	ix->bucket_bits = bucket_bits_for(h.nkeys);
	return ix;
}

uint64_t abg_baseline_index_text_hash(const struct abg_baseline_index *ix)
{
	return ix->h.text_hash;
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
	struct abg_strbuf key;
	struct abg_strbuf asking; /* the key of `asked` want() looks up */
	struct abg_error *err;
};

static int doubt(struct partial *p, const char *what)
{
	return abg_error_set(p->err, NULL, 0, "baseline index: %s", what);
}

/* The name of key k into p->key ("S" + name). */
static int read_name(struct partial *p, const struct index_key *k)
{
	if (k->name_len == 0 || k->name_len > ((uint32_t)1 << 20) + 1 ||
	    (uint64_t)k->name_off + k->name_len > p->ix->h.names_size)
		return doubt(p, "a key's name outside the index");
	abg_strbuf_reset(&p->key);
	abg_grow((void **)&p->key.data, &p->key.cap, k->name_len + 1, 1);
	if (read_at(&p->ix->index, p->ix->names_at + k->name_off, p->key.data,
		    k->name_len))
		return doubt(p, "a key's name outside the index");
	p->key.len = k->name_len;
	p->key.data[k->name_len] = '\0';
	/* the hash the entry sorts by is its name's */
	if (key_hash(p->key.data[0], p->key.data + 1, k->name_len - 1) !=
	    k->hash)
		return doubt(p, "a damaged key name");
	return 0;
}

/* Keys [first, first + n) into keys[], each checked. */
static int read_keys(struct partial *p, uint64_t first, uint64_t n,
		     struct index_key *keys)
{
	if (first > p->ix->h.nkeys || n > p->ix->h.nkeys - first ||
	    read_at(&p->ix->index,
		    p->ix->keys_at + first * sizeof(struct index_key), keys,
		    n * sizeof(struct index_key)))
		return doubt(p, "keys outside the index");
	for (uint64_t i = 0; i < n; i++)
		if (key_check(&keys[i]) != keys[i].check)
			return doubt(p, "a damaged key");
	return 0;
}

/*
 * The entry of (cls, name), or none (*found 0). Its bucket says where its
 * keys are; the key before them and the key after them are read too, and
 * must be of other buckets: a damaged bucket cannot hide a key.
 */
static int find_key(struct partial *p, char cls, const char *name,
		    struct index_key *out, bool *found)
{
	size_t n = strlen(name);
	uint64_t hash = key_hash(cls, name, n);
	unsigned bits = p->ix->bucket_bits;
	uint64_t bucket = bucket_of(hash, bits);
	uint32_t range[2];
	struct index_key keys[BUCKET_MAX + 2];
	*found = false;
	if (read_at(&p->ix->index, p->ix->buckets_at + bucket * 4, range,
		    sizeof range) ||
	    range[0] > range[1] || range[1] > p->ix->h.nkeys ||
	    range[1] - range[0] > BUCKET_MAX)
		return doubt(p, "a damaged bucket");
	uint64_t first = range[0] ? range[0] - 1 : 0;
	uint64_t stop = range[1] < p->ix->h.nkeys ? range[1] + 1 : range[1];
	if (read_keys(p, first, stop - first, keys))
		return -1;
	for (uint64_t i = first; i < stop; i++) {
		const struct index_key *k = &keys[i - first];
		bool inside = i >= range[0] && i < range[1];
		if (inside != (bucket_of(k->hash, bits) == bucket))
			return doubt(p, "a damaged bucket");
		if (!inside || k->hash != hash)
			continue;
		if (read_name(p, k))
			return -1;
		if (k->name_len == n + 1 && p->key.data[0] == cls &&
		    memcmp(p->key.data + 1, name, n) == 0) {
			*out = *k;
			*found = true;
			return 0;
		}
	}
	return 0;
}

/* Line l's bytes, from text it read at `at` (bytes [at, at + have)), with
 * the byte before and after it: whole lines, as the index recorded. */
static int check_line(struct partial *p, const struct index_line *l,
		      uint64_t at, const char *bytes, uint64_t have)
{
	uint64_t size = p->ix->text.size;
	if (l->offset < at || l->offset + l->len > at + have)
		return doubt(p, "a line outside what was read");
	const char *s = bytes + (l->offset - at);
	if ((l->offset && s[-1] != '\n') ||
	    (l->offset + l->len < size && s[l->len] != '\n'))
		return doubt(p, "a line that is not a line of the text");
	if (abg_content_hash(s, l->len) != l->hash)
		return doubt(p, "a line the text no longer has");
	return 0;
}

static int read_lines(struct partial *p, const struct index_line *lines,
		      size_t n, enum abg_record_key key, const char *name);

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

/* The text of lines[i..j), with a byte either side when there is one. */
static int read_span(struct partial *p, const struct index_line *lines,
		     size_t i, size_t j, enum abg_record_key key,
		     const char *name)
{
	uint64_t size = p->ix->text.size;
	uint64_t start = lines[i].offset, end = lines[j - 1].offset;
	if (start > size || end > size || lines[j - 1].len > size - end ||
	    end < start)
		return doubt(p, "a line outside the text");
	end += lines[j - 1].len;
	uint64_t at = start ? start - 1 : 0;
	uint64_t stop = end < size ? end + 1 : end;
	struct abg_strbuf *buf = &p->ix->buf;
	abg_grow((void **)&buf->data, &buf->cap, (size_t)(stop - at), 1);
	if (read_at(&p->ix->text, at, buf->data, (size_t)(stop - at)))
		return doubt(p, "the text is shorter than the index says");
	for (size_t k = i; k < j; k++) {
		const struct index_line *l = &lines[k];
		if (check_line(p, l, at, buf->data, stop - at))
			return -1;
		struct abg_record expect = {.offset = l->offset,
					    .len = l->len,
					    .line_no = l->line_no,
					    .key = key,
					    .name = name};
		p->ix->lines_read++;
		if (abg_record_reader_line(p->rr, buf->data + (l->offset - at),
					   l->len, l->line_no, &expect))
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
	struct index_key k;
	bool found = false;
	if (find_key(p, cls, name, &k, &found))
		return -1;
	if (!found)
		return 0;
	if (k.first < p->ix->h.neager)
		return doubt(p, "a key that names eager lines");
	enum abg_record_key key = cls == CLASS_TYPE  ? ABG_RECORD_TYPE
				  : cls == CLASS_API ? ABG_RECORD_API
						     : ABG_RECORD_SYMBOL;
	return read_entries(p, k.first, k.count, key, name);
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
	p.rr = abg_record_reader_new(path, err);
	struct abg_model *m = NULL;
	if (read_wanted(&p, w) == 0)
		m = abg_record_reader_finish(p.rr);
	else
		abg_record_reader_free(p.rr);
	abg_hash_free(&p.asked);
	abg_arena_free(&p.keys);
	abg_strbuf_free(&p.key);
	abg_strbuf_free(&p.asking);
	return m;
}

size_t abg_baseline_index_lines_read(const struct abg_baseline_index *ix)
{
	return ix->lines_read;
}
