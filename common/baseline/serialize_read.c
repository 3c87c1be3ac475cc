/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Reading the text form of a model (docs/baseline-format.md).
 *
 * The input is untrusted: baselines arrive in pull requests, summaries inside
 * object files. So the text and each line have a size cap, every number is
 * range checked, nesting in type spellings is bounded, types that contain
 * themselves are refused, and every error names the line it is on.
 *
 * Two passes over the lines: the first reads the "base" lines, because a
 * builtin type's size is needed before any spelling that uses it can be
 * turned into a (hash-consed) type; the second reads everything else.
 */
#include "abiguard/serialize.h"
#include "abiguard/baseline_records.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define MAX_TEXT_SIZE ((size_t)256 << 20)
#define MAX_LINE_LENGTH ((size_t)1 << 20)
/* Declarator nesting in one spelling; real C needs a handful. Bounding it
 * also bounds the recursion of everything that walks the types later. */
#define MAX_TYPE_DEPTH 100
#define MAX_BASE_NAME 64
/* The most strings and types a text's size reserves room for. */
#define MAX_RESERVED ((size_t)1 << 18)
/* Untrusted text quoted in messages is cut to this many bytes. */
#define QUOTE_MAX 60

struct word {
	const char *s;
	size_t len;
	unsigned column; /* 1-based byte column in the line */
};

struct layout {
	uint64_t size_bits;
	uint32_t align_bits;
};

enum token_kind {
	TOK_END,
	TOK_WORD, /* identifier or keyword */
	TOK_TAG,  /* <name> */
	TOK_NUMBER,
	TOK_STAR,
	TOK_LPAREN,
	TOK_RPAREN,
	TOK_LBRACKET,
	TOK_RBRACKET,
	TOK_COMMA,
	TOK_ELLIPSIS,
};

/* The words the spelling grammar tells apart; each word token is
 * classified once, when the spelling is split. */
enum spelling_word {
	KW_NONE,
	KW_CONST,
	KW_VOLATILE,
	KW_RESTRICT, /* restrict, __restrict */
	KW_STRUCT,
	KW_UNION,
	KW_ENUM,
	KW_VOID,
	KW_BASE, /* char short int long float double signed unsigned ... */
	KW_ATTRIBUTE,
};

struct token {
	enum token_kind kind;
	enum spelling_word keyword;
	const char *s;
	size_t len;
	unsigned column;
	int32_t layout; /* index into the line's layouts, or -1 */
};

/*
 * A fact is keyed by what it is about, as the model holds it: names are
 * interned, so the same name is the same pointer, and a key is a few
 * integers to hash and compare, not a string to build.
 */
enum fact_kind {
	FACT_SYMBOL_DEFAULT = 1, /* name@@node: name, node */
	FACT_SYMBOL_COMPAT,	 /* name@node: name, node */
	FACT_DEFAULT,		 /* a default version of name */
	FACT_FIELD,		 /* a field name in the type `id` */
	FACT_ENUMERATOR,	 /* an enumerator name in the type `id` */
};

struct fact {
	const char *name;
	uintptr_t other; /* the node (NULL: unversioned), or the type id */
	enum fact_kind kind;
	unsigned line; /* 0: an empty slot */
};

struct fact_table {
	struct fact *slots;
	size_t cap, count; /* cap: 0 or a power of two */
};

struct reader {
	struct abg_model *m;
	const char *path;     /* for messages */
	const char *loc_file; /* path interned in m, for baseline locations */
	enum abg_text_kind kind;
	struct abg_error *err;

	/* the current line */
	unsigned line_no;
	struct word *words;
	size_t nwords, words_cap;
	struct abg_strbuf scratch;

	/* the current type spelling */
	struct token *tokens;
	size_t ntokens, tokens_cap, pos;
	const char *spelling;
	size_t spelling_len;
	unsigned spelling_column;
	struct layout *layouts;
	size_t nlayouts, layouts_cap;
	struct abg_strbuf name;

	struct abg_hash bases; /* base name -> type id */
	struct abg_hash nodes; /* node name -> line */
	const char *last_file; /* the file of the previous location */
	size_t last_file_len;
	const char *last_node; /* the node of the previous symbol line */
	size_t last_node_len;
	/* the type named by the previous struct, union, enum or typedef line */
	abg_type_id last_line_type;
	enum abg_type_kind last_line_kind;
	const char *last_line_name; /* in last_line_copy */
	size_t last_line_name_len;
	struct abg_strbuf last_line_copy;
	bool line_typed; /* the current line went through line_type() */
	const struct keyword *last_keyword; /* of the previous line */
	/* Facts that may appear once (a symbol's version, a default
	 * version, a member name) -> their line: a repeat is an error at
	 * that line, before a million copies are read. */
	struct fact_table facts;
	struct abg_hash spellings; /* spelling without layouts -> type id */
	struct abg_arena keys;	   /* keys of the spelling table */
	unsigned *def_lines;	   /* type id -> line of its definition */
	size_t def_lines_cap;
	bool seen_soname, seen_target, seen_version;

	/* the current line's place in the text, for the observer */
	size_t line_offset, line_len;
	const struct abg_record_observer *observer;
	bool magic_seen; /* record by record: the first line was the magic */
};

static int fail(struct reader *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct reader *r, const char *fmt, ...)
{
	char message[sizeof r->err->message];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(message, sizeof message, fmt, ap);
	va_end(ap);
	return abg_error_set(r->err, r->path, r->line_no, "%s", message);
}

static int quote_len(size_t len)
{
	return (int)(len < QUOTE_MAX ? len : QUOTE_MAX);
}

#define QUOTE(w) quote_len((w)->len), (w)->s

/* ---- words ------------------------------------------------------------- */

static bool word_is(const struct reader *r, size_t i, const char *s)
{
	size_t n = strlen(s);
	return i < r->nwords && r->words[i].len == n &&
	       memcmp(r->words[i].s, s, n) == 0;
}

/* A bit per byte of the 32 at p, set where the byte is a blank. */
static uint32_t blank_mask(const char *p)
{
#ifdef __SSE2__
	const __m128i space = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t');
	__m128i lo = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i hi = _mm_loadu_si128((const __m128i *)(const void *)(p + 16));
	uint32_t low = (uint32_t)_mm_movemask_epi8(_mm_or_si128(
		_mm_cmpeq_epi8(lo, space), _mm_cmpeq_epi8(lo, tab)));
	uint32_t high = (uint32_t)_mm_movemask_epi8(_mm_or_si128(
		_mm_cmpeq_epi8(hi, space), _mm_cmpeq_epi8(hi, tab)));
	return low | high << 16;
#else
	uint32_t mask = 0;
	for (unsigned k = 0; k < 32; k++)
		mask |= (uint32_t)(p[k] == ' ' || p[k] == '\t') << k;
	return mask;
#endif
}

/*
 * The words of a line, split at spaces and tabs. Every line of every
 * text goes through here: the line is classified 32 bytes at a time into
 * a mask of blanks, and the words are read off the mask's edges (a word
 * starts or ends where the class changes), not found byte by byte or
 * with a call per word. The last bytes are copied into a block padded
 * with blanks: nothing past the line is read.
 */
static void split_words(struct reader *r, const char *line, size_t len)
{
	size_t n = 0, start = 0;
	uint32_t in_word = 0; /* the byte before the block is in a word */
	for (size_t base = 0; base < len; base += 32) {
		char tail[32];
		const char *p = line + base;
		if (len - base < sizeof tail) {
			memset(tail, ' ', sizeof tail);
			memcpy(tail, p, len - base);
			p = tail;
		}
		/* A block ends at most sixteen words. */
		if (n + 16 > r->words_cap)
			abg_grow((void **)&r->words, &r->words_cap, n + 16,
				 sizeof *r->words);
		uint32_t word = ~blank_mask(p);
		uint32_t edges = word ^ (word << 1 | in_word);
		for (; edges; edges &= edges - 1, in_word ^= 1) {
			size_t at = base + (size_t)__builtin_ctz(edges);
			if (!in_word) {
				start = at;
				continue;
			}
			r->words[n++] = (struct word){line + start, at - start,
						      (unsigned)start + 1};
		}
	}
	if (in_word) {
		if (n + 1 > r->words_cap)
			abg_grow((void **)&r->words, &r->words_cap, n + 1,
				 sizeof *r->words);
		r->words[n++] = (struct word){line + start, len - start,
					      (unsigned)start + 1};
	}
	r->nwords = n;
}

static bool parse_u64(const char *s, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	if (n == 0 || n > 20)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		unsigned d = (unsigned)(s[i] - '0');
		if (v > (UINT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

static int word_number(struct reader *r, size_t i, uint64_t max,
		       const char *what, uint64_t *out)
{
	if (i >= r->nwords)
		return fail(r, "missing %s", what);
	const struct word *w = &r->words[i];
	if (!parse_u64(w->s, w->len, out))
		return fail(r, "expected a number for %s, found '%.*s'", what,
			    QUOTE(w));
	if (*out > max)
		return fail(r, "%s %.*s is too large", what, QUOTE(w));
	return 0;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A token with its \xHH escapes decoded, interned in the model. */
static const char *intern_token(struct reader *r, const char *s, size_t n)
{
	if (!memchr(s, '\\', n))
		return abg_model_intern_n(r->m, s, n);
	abg_strbuf_reset(&r->scratch);
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\\') {
			abg_strbuf_append_n(&r->scratch, &s[i], 1);
			continue;
		}
		int hi = n - i >= 4 && s[i + 1] == 'x' ? hex_value(s[i + 2])
						       : -1;
		int lo = hi >= 0 ? hex_value(s[i + 3]) : -1;
		if (lo < 0 || (hi == 0 && lo == 0)) {
			fail(r,
			     "bad escape in '%.*s' (expected \\xHH, not \\x00)",
			     quote_len(n), s);
			return NULL;
		}
		char c = (char)(hi * 16 + lo);
		abg_strbuf_append_n(&r->scratch, &c, 1);
		i += 3;
	}
	return abg_model_intern_n(r->m, r->scratch.data, r->scratch.len);
}

static const char *intern_word(struct reader *r, size_t i)
{
	return intern_token(r, r->words[i].s, r->words[i].len);
}

static bool is_identifier(const char *s, size_t n)
{
	if (n == 0 || (s[0] >= '0' && s[0] <= '9'))
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!(c == '_' || (c >= 'a' && c <= 'z') ||
		      (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
			return false;
	}
	return true;
}

/* A struct/union/enum tag: an identifier, or "<typedef-name>" for an
 * anonymous type named through a typedef. */
static bool is_tag(const char *s, size_t n)
{
	if (n >= 3 && s[0] == '<' && s[n - 1] == '>')
		return is_identifier(s + 1, n - 2);
	return is_identifier(s, n);
}

static const char *table_key(struct reader *r, const char *s, size_t n)
{
	return abg_arena_strndup(&r->keys, s, n);
}

/* The cache of type spellings, keyed by their text as it lies in the
 * line (no NUL needed), hashed once by the caller. Ids are stored + 1. */
static bool known_spelling(const struct reader *r, const char *s, size_t n,
			   uint64_t hash, abg_type_id *out)
{
	void *found = abg_hash_get_n(&r->spellings, s, n, hash);
	if (found)
		*out = (abg_type_id)((uintptr_t)found - 1);
	return found != NULL;
}

static void remember_spelling(struct reader *r, const char *s, size_t n,
			      uint64_t hash, abg_type_id id)
{
	abg_hash_put_hashed(&r->spellings, table_key(r, s, n), hash,
			    (void *)((uintptr_t)id + 1));
}

/* ---- facts ------------------------------------------------------------- */

static size_t fact_hash(const struct fact *f)
{
	uint64_t h = (uint64_t)(uintptr_t)f->name;
	h = (h ^ (uint64_t)f->other * 0x9e3779b97f4a7c15ull) + f->kind;
	/* murmur3's finalizer: pointers differ in their middle bits, the
	 * table indexes by the low ones. */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	return (size_t)(h ^ (h >> 33));
}

static bool same_fact(const struct fact *a, const struct fact *b)
{
	return a->name == b->name && a->other == b->other && a->kind == b->kind;
}

/* The slot holding fact f, or the empty one where it goes. */
static struct fact *fact_slot(const struct fact_table *t, const struct fact *f)
{
	size_t mask = t->cap - 1;
	for (size_t i = fact_hash(f) & mask;; i = (i + 1) & mask)
		if (!t->slots[i].line || same_fact(&t->slots[i], f))
			return &t->slots[i];
}

static void facts_resize(struct fact_table *t, size_t cap)
{
	struct fact_table old = *t;
	t->cap = cap;
	t->slots = calloc(t->cap, sizeof *t->slots);
	if (!t->slots)
		abort();
	for (size_t i = 0; i < old.cap; i++)
		if (old.slots[i].line)
			*fact_slot(t, &old.slots[i]) = old.slots[i];
	free(old.slots);
}

static void facts_grow(struct fact_table *t)
{
	facts_resize(t, t->cap ? t->cap * 2 : 256);
}

/* Room for count facts, so that a table filled to count is not rebuilt
 * on the way. */
static void facts_reserve(struct fact_table *t, size_t count)
{
	size_t cap = abg_table_room(t->cap, 256, count);
	if (cap > t->cap)
		facts_resize(t, cap);
}

/* The line fact f was first stated on; 0 when it is new, and then it
 * is recorded at the current line. */
static unsigned state_fact(struct reader *r, struct fact f)
{
	if ((r->facts.count + 1) * 4 > r->facts.cap * 3)
		facts_grow(&r->facts);
	struct fact *slot = fact_slot(&r->facts, &f);
	if (slot->line)
		return slot->line;
	f.line = r->line_no;
	*slot = f;
	r->facts.count++;
	return 0;
}

/* ---- locations --------------------------------------------------------- */

static unsigned line_of(const void *hash_value)
{
	return (unsigned)(uintptr_t)hash_value;
}

static void *line_value(unsigned line)
{
	return (void *)(uintptr_t)line;
}

static struct abg_location here(const struct reader *r)
{
	struct abg_location loc = {r->loc_file, r->line_no, 1, 0};
	return loc;
}

/* "FILE:LINE:COL", split at the last two colons (the file may hold some). */
static bool split_location(const struct word *w, size_t *file_len,
			   uint64_t *line, uint64_t *column)
{
	const char *end = w->s + w->len;
	const char *c2 = NULL, *c1 = NULL;
	for (const char *p = end; p > w->s; p--) {
		if (p[-1] != ':')
			continue;
		if (!c2)
			c2 = p - 1;
		else {
			c1 = p - 1;
			break;
		}
	}
	if (!c1 || c1 == w->s)
		return false;
	*file_len = (size_t)(c1 - w->s);
	return parse_u64(c1 + 1, (size_t)(c2 - c1 - 1), line) &&
	       parse_u64(c2 + 1, (size_t)(end - c2 - 1), column) &&
	       *line <= UINT32_MAX && *column <= UINT32_MAX;
}

/* Lines about one header come together: most name the previous one's
 * file. A spelling with an escape is decoded by intern_token(). */
static const char *intern_file(struct reader *r, const char *s, size_t n)
{
	if (r->last_file && n == r->last_file_len &&
	    memcmp(s, r->last_file, n) == 0)
		return r->last_file;
	const char *file = intern_token(r, s, n);
	bool plain = file && !memchr(s, '\\', n);
	r->last_file = plain ? file : NULL;
	r->last_file_len = plain ? n : 0;
	return file;
}

/* In a summary, a line may end in "at FILE:LINE:COL". Consumes those two
 * words from *end when present. */
static int take_location(struct reader *r, size_t first, size_t *end,
			 struct abg_location *loc)
{
	size_t file_len = 0;
	uint64_t line = 0, column = 0;
	memset(loc, 0, sizeof *loc);
	if (r->kind != ABG_TEXT_SUMMARY || *end < first + 2 ||
	    !word_is(r, *end - 2, "at") ||
	    !split_location(&r->words[*end - 1], &file_len, &line, &column))
		return 0;
	loc->file = intern_file(r, r->words[*end - 1].s, file_len);
	if (!loc->file)
		return -1;
	loc->line = (unsigned)line;
	loc->column = (unsigned)column;
	*end -= 2;
	return 0;
}

/* ---- type definitions' lines ------------------------------------------ */

static unsigned def_line(const struct reader *r, abg_type_id id)
{
	return id < r->def_lines_cap ? r->def_lines[id] : 0;
}

static void set_def_line(struct reader *r, abg_type_id id)
{
	abg_grow((void **)&r->def_lines, &r->def_lines_cap, id,
		 sizeof *r->def_lines);
	r->def_lines[id] = r->line_no;
}

static void spell_type_name(const struct reader *r, abg_type_id id,
			    struct abg_strbuf *sb)
{
	abg_strbuf_reset(sb);
	abg_type_spell_name(r->m, id, sb);
}

/* ---- type spellings: tokens -------------------------------------------- */

static int spelling_error(struct reader *r, const struct token *t,
			  const char *what)
{
	unsigned column = t->kind == TOK_END ? r->spelling_column +
						       (unsigned)r->spelling_len
					     : t->column;
	return fail(r, "malformed type '%.*s': %s at column %u",
		    quote_len(r->spelling_len), r->spelling, what, column);
}

static int expected(struct reader *r, const struct token *t, const char *what)
{
	char message[128];
	if (t->kind == TOK_END)
		snprintf(message, sizeof message, "expected %s, found the end",
			 what);
	else
		snprintf(message, sizeof message, "expected %s, found '%.*s'",
			 what, quote_len(t->len), t->s);
	return spelling_error(r, t, message);
}

/* Word characters: [A-Za-z0-9_], looked up rather than compared, since
 * every byte of every spelling asks. */
static const bool word_chars[256] = {
	['0'] = true, ['1'] = true, ['2'] = true, ['3'] = true, ['4'] = true,
	['5'] = true, ['6'] = true, ['7'] = true, ['8'] = true, ['9'] = true,
	['A'] = true, ['B'] = true, ['C'] = true, ['D'] = true, ['E'] = true,
	['F'] = true, ['G'] = true, ['H'] = true, ['I'] = true, ['J'] = true,
	['K'] = true, ['L'] = true, ['M'] = true, ['N'] = true, ['O'] = true,
	['P'] = true, ['Q'] = true, ['R'] = true, ['S'] = true, ['T'] = true,
	['U'] = true, ['V'] = true, ['W'] = true, ['X'] = true, ['Y'] = true,
	['Z'] = true, ['_'] = true, ['a'] = true, ['b'] = true, ['c'] = true,
	['d'] = true, ['e'] = true, ['f'] = true, ['g'] = true, ['h'] = true,
	['i'] = true, ['j'] = true, ['k'] = true, ['l'] = true, ['m'] = true,
	['n'] = true, ['o'] = true, ['p'] = true, ['q'] = true, ['r'] = true,
	['s'] = true, ['t'] = true, ['u'] = true, ['v'] = true, ['w'] = true,
	['x'] = true, ['y'] = true, ['z'] = true};

static bool is_word_char(char c)
{
	return word_chars[(unsigned char)c];
}

static enum token_kind punctuation(char c)
{
	switch (c) {
	case '*':
		return TOK_STAR;
	case '(':
		return TOK_LPAREN;
	case ')':
		return TOK_RPAREN;
	case '[':
		return TOK_LBRACKET;
	case ']':
		return TOK_RBRACKET;
	case ',':
		return TOK_COMMA;
	default:
		return TOK_END;
	}
}

static size_t token_length(const char *s, size_t n, enum token_kind *kind)
{
	size_t i = 0;
	*kind = punctuation(s[0]);
	if (*kind != TOK_END)
		return 1;
	if (n >= 3 && memcmp(s, "...", 3) == 0) {
		*kind = TOK_ELLIPSIS;
		return 3;
	}
	if (s[0] == '<') {
		while (++i < n && is_word_char(s[i]))
			;
		*kind = TOK_TAG;
		return i < n && s[i] == '>' && i > 1 ? i + 1 : 0;
	}
	while (i < n && is_word_char(s[i]))
		i++;
	*kind = s[0] >= '0' && s[0] <= '9' ? TOK_NUMBER : TOK_WORD;
	return i;
}

struct spelling_keyword {
	const char *word;
	enum spelling_word keyword;
};

/* The keywords of the spelling grammar, by length: a word is compared
 * with the few of its own length only. */
static const struct spelling_keyword *keywords_of_length(size_t n)
{
	static const struct spelling_keyword len3[] = {{"int", KW_BASE},
						       {NULL, 0}};
	static const struct spelling_keyword len4[] = {{"enum", KW_ENUM},
						       {"void", KW_VOID},
						       {"char", KW_BASE},
						       {"long", KW_BASE},
						       {NULL, 0}};
	static const struct spelling_keyword len5[] = {
		{"const", KW_CONST}, {"union", KW_UNION}, {"short", KW_BASE},
		{"float", KW_BASE},  {"_Bool", KW_BASE},  {NULL, 0}};
	static const struct spelling_keyword len6[] = {{"struct", KW_STRUCT},
						       {"double", KW_BASE},
						       {"signed", KW_BASE},
						       {NULL, 0}};
	static const struct spelling_keyword len8[] = {
		{"volatile", KW_VOLATILE}, {"restrict", KW_RESTRICT},
		{"unsigned", KW_BASE},	   {"_Complex", KW_BASE},
		{"__int128", KW_BASE},	   {NULL, 0}};
	static const struct spelling_keyword len10[] = {
		{"__restrict", KW_RESTRICT}, {NULL, 0}};
	static const struct spelling_keyword len13[] = {
		{"__attribute__", KW_ATTRIBUTE}, {NULL, 0}};
	switch (n) {
	case 3:
		return len3;
	case 4:
		return len4;
	case 5:
		return len5;
	case 6:
		return len6;
	case 8:
		return len8;
	case 10:
		return len10;
	case 13:
		return len13;
	default:
		return NULL;
	}
}

static enum spelling_word classify(const char *s, size_t n)
{
	const struct spelling_keyword *k = keywords_of_length(n);
	for (; k && k->word; k++)
		if (k->word[0] == s[0] && memcmp(k->word, s, n) == 0)
			return k->keyword;
	return KW_NONE;
}

static int tokenize(struct reader *r)
{
	const char *s = r->spelling;
	size_t n = r->spelling_len;
	r->ntokens = 0;
	for (size_t i = 0; i < n;) {
		if (s[i] == ' ' || s[i] == '\t') {
			i++;
			continue;
		}
		enum token_kind kind;
		size_t len = token_length(s + i, n - i, &kind);
		struct token *t =
			ABG_PUSH(r->tokens, r->ntokens, r->tokens_cap);
		*t = (struct token){kind,
				    kind == TOK_WORD ? classify(s + i, len)
						     : KW_NONE,
				    s + i,
				    len,
				    r->spelling_column + (unsigned)i,
				    -1};
		if (len == 0) {
			t->len = 1;
			return spelling_error(r, t, "unexpected character");
		}
		i += len;
	}
	struct token *end = ABG_PUSH(r->tokens, r->ntokens, r->tokens_cap);
	*end = (struct token){TOK_END, KW_NONE, s + n, 0, 0, -1};
	return 0;
}

static bool token_is(const struct token *t, enum spelling_word keyword)
{
	return t->keyword == keyword;
}

static bool is_record_keyword(const struct token *t)
{
	return token_is(t, KW_STRUCT) || token_is(t, KW_UNION);
}

/*
 * abg_type_spell() shows an anonymous record as "struct <anonymous>"; the
 * line gives the layout of each one, in the order they appear. (A typedef
 * named "anonymous" also spells "struct <anonymous>": such a type comes
 * without a layout, so a line with no layouts means named records.)
 */
static int assign_layouts(struct reader *r)
{
	size_t found = 0;
	for (size_t i = 1; i < r->ntokens; i++) {
		struct token *t = &r->tokens[i];
		if (t->kind != TOK_TAG || !is_record_keyword(t - 1) ||
		    t->len != 11 || memcmp(t->s, "<anonymous>", 11) != 0)
			continue;
		if (found < r->nlayouts)
			t->layout = (int32_t)found;
		found++;
	}
	if (r->nlayouts && found != r->nlayouts)
		return fail(r,
			    "the type shows %zu anonymous records but the line "
			    "gives %zu layouts",
			    found, r->nlayouts);
	return 0;
}

/* ---- type spellings: grammar ------------------------------------------ */

/*
 *   type-name   := specifiers abstract
 *   specifiers  := qualifier* leaf qualifier*
 *   leaf        := void | base-words | typedef-name | <unknown>
 *                | (struct|union|enum) (identifier | <name>)
 *   abstract    := ('*' qualifier*)* [ '(' abstract ')' ] suffix*
 *   suffix      := '[' [number] ']'
 *                | '(' [ void | params ] ')' [ __attribute__((name)) ]
 *   params      := type-name (',' type-name)* [',' '...'] | '...'
 * A '(' starts a grouping only when a '*', '(' or '[' follows it.
 */
static int parse_type_name(struct reader *r, unsigned depth, abg_type_id *out);

static const struct token *current(const struct reader *r)
{
	return &r->tokens[r->pos];
}

static unsigned qualifier_of(const struct token *t)
{
	switch (t->keyword) {
	case KW_CONST:
		return ABG_QUAL_CONST;
	case KW_VOLATILE:
		return ABG_QUAL_VOLATILE;
	case KW_RESTRICT:
		return ABG_QUAL_RESTRICT;
	default:
		return 0;
	}
}

static unsigned parse_qualifiers(struct reader *r)
{
	unsigned quals = 0, q;
	while ((q = qualifier_of(current(r))) != 0) {
		quals |= q;
		r->pos++;
	}
	return quals;
}

static int parse_tagged(struct reader *r, abg_type_id *out)
{
	const struct token *kw = current(r);
	enum abg_type_kind kind = token_is(kw, KW_STRUCT)  ? ABG_TYPE_STRUCT
				  : token_is(kw, KW_UNION) ? ABG_TYPE_UNION
							   : ABG_TYPE_ENUM;
	const struct token *tag = &r->tokens[++r->pos];
	if (tag->kind != TOK_WORD && tag->kind != TOK_TAG)
		return expected(r, tag, "a tag");
	/* The tokenizer made a word of word characters, not starting with a
	 * digit, and a tag of '<', word characters and '>': only a tag's
	 * first character is left to check (is_tag() says the same). */
	if (tag->kind == TOK_TAG && tag->s[1] >= '0' && tag->s[1] <= '9')
		return expected(r, tag, "a tag");
	r->pos++;
	if (tag->layout >= 0) {
		const struct layout *l = &r->layouts[tag->layout];
		*out = abg_model_anonymous_record(r->m, kind, l->size_bits,
						  l->align_bits);
		return 0;
	}
	*out = abg_model_named_n(r->m, kind, tag->s, tag->len);
	return 0;
}

static bool is_base_keyword(const struct token *t)
{
	return token_is(t, KW_BASE);
}

static bool ends_leaf_words(const struct token *t)
{
	return t->kind != TOK_WORD || qualifier_of(t) || is_record_keyword(t) ||
	       token_is(t, KW_ENUM) || token_is(t, KW_VOID);
}

/*
 * Extend the builtin name in r->name with the current word when that still
 * names a builtin: a run of C keywords ("unsigned long long"), or a longer
 * name some "base" line lists ("_Complex _Float128").
 */
static bool extend_base_name(struct reader *r, bool *all_keywords)
{
	const struct token *t = current(r);
	if (ends_leaf_words(t))
		return false;
	size_t old = r->name.len;
	bool keyword = *all_keywords && is_base_keyword(t);
	abg_strbuf_append(&r->name, " ");
	abg_strbuf_append_n(&r->name, t->s, t->len);
	if (!keyword && !abg_hash_contains(&r->bases, r->name.data)) {
		r->name.len = old;
		r->name.data[old] = '\0';
		return false;
	}
	*all_keywords = keyword;
	r->pos++;
	return true;
}

/* A builtin listed on a "base" line, or else a typedef name. */
static int parse_named_leaf(struct reader *r, abg_type_id *out)
{
	const struct token *first = current(r);
	bool all_keywords = is_base_keyword(first);
	size_t count = 1;
	abg_strbuf_reset(&r->name);
	abg_strbuf_append_n(&r->name, first->s, first->len);
	r->pos++;
	while (extend_base_name(r, &all_keywords))
		count++;
	void *base = abg_hash_get(&r->bases, r->name.data);
	if (base) {
		*out = (abg_type_id)(uintptr_t)base;
		return 0;
	}
	if (count == 1 && !is_base_keyword(first)) {
		*out = abg_model_named_n(r->m, ABG_TYPE_TYPEDEF, r->name.data,
					 r->name.len);
		return 0;
	}
	char message[160];
	snprintf(message, sizeof message,
		 "unknown base type '%.*s' (it has no 'base' line)",
		 quote_len(r->name.len), r->name.data);
	return spelling_error(r, first, message);
}

static int parse_leaf(struct reader *r, abg_type_id *out)
{
	const struct token *t = current(r);
	if (t->kind == TOK_TAG && t->len == 9 &&
	    memcmp(t->s, "<unknown>", 9) == 0) {
		r->pos++;
		*out = ABG_NO_TYPE;
		return 0;
	}
	if (t->kind != TOK_WORD)
		return expected(r, t, "a type");
	if (is_record_keyword(t) || token_is(t, KW_ENUM))
		return parse_tagged(r, out);
	if (token_is(t, KW_VOID)) {
		r->pos++;
		*out = abg_model_void(r->m);
		return 0;
	}
	return parse_named_leaf(r, out);
}

static int parse_specifiers(struct reader *r, abg_type_id *out)
{
	unsigned quals = parse_qualifiers(r);
	abg_type_id leaf = 0;
	if (parse_leaf(r, &leaf))
		return -1;
	quals |= parse_qualifiers(r);
	*out = abg_model_qualified(r->m, leaf, quals);
	return 0;
}

static int too_deep(struct reader *r)
{
	return spelling_error(r, current(r), "nested too deeply");
}

static int expect(struct reader *r, enum token_kind kind, const char *what)
{
	if (current(r)->kind != kind)
		return expected(r, current(r), what);
	r->pos++;
	return 0;
}

/* " __attribute__((NAME))" or " __attribute__((NAME(N)))" (regparm)
 * after a parameter list: the calling convention, as the writer spells
 * it. */
static int parse_callconv(struct reader *r, const char **callconv)
{
	*callconv = NULL;
	if (!token_is(current(r), KW_ATTRIBUTE))
		return 0;
	r->pos++;
	if (expect(r, TOK_LPAREN, "'('") || expect(r, TOK_LPAREN, "'('"))
		return -1;
	const struct token *name = current(r);
	if (name->kind != TOK_WORD)
		return expected(r, name, "an attribute name");
	r->pos++;
	size_t len = name->len;
	if (current(r)->kind == TOK_LPAREN) {
		r->pos++;
		if (current(r)->kind != TOK_NUMBER)
			return expected(r, current(r), "a number");
		r->pos++;
		const struct token *close = current(r);
		if (expect(r, TOK_RPAREN, "')'"))
			return -1;
		len = (size_t)(close->s + close->len - name->s);
	}
	if (expect(r, TOK_RPAREN, "')'") || expect(r, TOK_RPAREN, "')'"))
		return -1;
	*callconv = abg_model_intern_n(r->m, name->s, len);
	return 0;
}

struct param_list {
	abg_type_id *ids;
	size_t count, cap;
	bool variadic, unprototyped;
	const char *callconv;
};

/*
 * Where the parameter at r->pos ends (its ',' or ')'), when it has no '('
 * or '[' ("const char *", "struct foo *"): 0 for any other. Its stars are
 * counted, for the depth its parse would reach.
 */
static size_t simple_param_end(const struct reader *r, unsigned *stars)
{
	*stars = 0;
	for (size_t i = r->pos;; i++) {
		switch (r->tokens[i].kind) {
		case TOK_COMMA:
		case TOK_RPAREN:
			return i;
		case TOK_STAR:
			++*stars;
			break;
		case TOK_WORD:
		case TOK_TAG:
		case TOK_NUMBER:
			break;
		default:
			return 0; /* '(', '[', ']', "..." and the end */
		}
	}
}

/*
 * A simple parameter spells one type wherever it stands, as the same text
 * does alone on a line: it shares the cache of whole spellings, so that
 * "const char *" is parsed once, not once per signature that takes one.
 * The depth check keeps the verdict on a too deep spelling the one its
 * parse would give.
 */
static int parse_param(struct reader *r, unsigned depth, abg_type_id *out)
{
	unsigned stars = 0;
	size_t end = r->nlayouts ? 0 : simple_param_end(r, &stars);
	if (end <= r->pos || depth + stars + 8 > MAX_TYPE_DEPTH)
		return parse_type_name(r, depth + 1, out);
	const struct token *first = current(r), *last = &r->tokens[end - 1];
	size_t len = (size_t)(last->s + last->len - first->s);
	const char *text = first->s;
	uint64_t hash = abg_hash_string_n(text, len);
	if (known_spelling(r, text, len, hash, out)) {
		r->pos = end;
		return 0;
	}
	if (parse_type_name(r, depth + 1, out))
		return -1;
	if (r->pos == end)
		remember_spelling(r, text, len, hash, *out);
	return 0;
}

static int parse_param_items(struct reader *r, unsigned depth,
			     struct param_list *pl)
{
	for (;;) {
		if (current(r)->kind == TOK_ELLIPSIS) {
			r->pos++;
			pl->variadic = true;
			return 0;
		}
		abg_type_id param = 0;
		if (parse_param(r, depth, &param))
			return -1;
		*ABG_PUSH(pl->ids, pl->count, pl->cap) = param;
		if (current(r)->kind != TOK_COMMA)
			return 0;
		r->pos++;
	}
}

static int parse_params(struct reader *r, unsigned depth, struct param_list *pl)
{
	r->pos++; /* '(' */
	if (current(r)->kind == TOK_RPAREN)
		pl->unprototyped = true;
	else if (token_is(current(r), KW_VOID) &&
		 r->tokens[r->pos + 1].kind == TOK_RPAREN)
		r->pos++;
	else if (parse_param_items(r, depth, pl))
		return -1;
	if (expect(r, TOK_RPAREN, "')' or ','"))
		return -1;
	return parse_callconv(r, &pl->callconv);
}

/* Suffixes apply right to left: "int [2][3]" is an array of 2 "int [3]". */
static int parse_suffixes(struct reader *r, abg_type_id t, unsigned depth,
			  abg_type_id *out)
{
	if (depth > MAX_TYPE_DEPTH)
		return too_deep(r);
	const struct token *tok = current(r);
	abg_type_id inner = 0;
	if (tok->kind == TOK_LBRACKET) {
		uint64_t count = UINT64_MAX;
		const struct token *n = &r->tokens[++r->pos];
		if (n->kind == TOK_NUMBER) {
			if (!parse_u64(n->s, n->len, &count) ||
			    count > INT64_MAX)
				return spelling_error(r, n, "bad array size");
			r->pos++;
		}
		if (expect(r, TOK_RBRACKET, "']'") ||
		    parse_suffixes(r, t, depth + 1, &inner))
			return -1;
		*out = abg_model_array(
			r->m, inner, count == UINT64_MAX ? -1 : (int64_t)count);
		return 0;
	}
	if (tok->kind != TOK_LPAREN) {
		*out = t;
		return 0;
	}
	struct param_list pl = {0};
	int rc = parse_params(r, depth, &pl);
	if (!rc)
		rc = parse_suffixes(r, t, depth + 1, &inner);
	if (!rc)
		*out = abg_model_function(r->m, inner, pl.ids,
					  (uint32_t)pl.count, pl.variadic,
					  pl.unprototyped, pl.callconv);
	free(pl.ids);
	return rc;
}

static bool starts_grouping(const struct reader *r)
{
	if (current(r)->kind != TOK_LPAREN)
		return false; /* and the end marker has no next token */
	enum token_kind next = r->tokens[r->pos + 1].kind;
	return next == TOK_STAR || next == TOK_LPAREN || next == TOK_LBRACKET;
}

static size_t matching_paren(const struct reader *r, size_t open)
{
	unsigned level = 0;
	for (size_t i = open; r->tokens[i].kind != TOK_END; i++) {
		if (r->tokens[i].kind == TOK_LPAREN)
			level++;
		else if (r->tokens[i].kind == TOK_RPAREN && --level == 0)
			return i;
	}
	return 0;
}

/*
 * In "int (*(*)(void))[3]" the suffixes after a grouping apply before the
 * grouped declarator: read them first, then come back to the group.
 */
static int parse_abstract(struct reader *r, abg_type_id t, unsigned depth,
			  abg_type_id *out)
{
	while (current(r)->kind == TOK_STAR) {
		if (++depth > MAX_TYPE_DEPTH)
			return too_deep(r);
		r->pos++;
		t = abg_model_pointer(r->m, t);
		t = abg_model_qualified(r->m, t, parse_qualifiers(r));
	}
	if (!starts_grouping(r))
		return parse_suffixes(r, t, depth + 1, out);
	size_t open = r->pos, close = matching_paren(r, open);
	if (!close)
		return spelling_error(r, current(r), "unbalanced '('");
	r->pos = close + 1;
	if (parse_suffixes(r, t, depth + 1, &t))
		return -1;
	size_t after = r->pos;
	r->pos = open + 1;
	if (parse_abstract(r, t, depth + 1, &t))
		return -1;
	if (r->pos != close)
		return expected(r, current(r), "')'");
	r->pos = after;
	*out = t;
	return 0;
}

static int parse_type_name(struct reader *r, unsigned depth, abg_type_id *out)
{
	abg_type_id leaf = 0;
	if (depth > MAX_TYPE_DEPTH)
		return too_deep(r);
	if (parse_specifiers(r, &leaf))
		return -1;
	return parse_abstract(r, leaf, depth + 1, out);
}

/* ---- type spellings on a line ------------------------------------------ */

static bool is_number_word(const struct reader *r, size_t i)
{
	uint64_t v = 0;
	return parse_u64(r->words[i].s, r->words[i].len, &v);
}

/* Trailing "size N align N" groups: layouts of anonymous records. */
static int take_layouts(struct reader *r, size_t first, size_t *end)
{
	r->nlayouts = 0;
	while (*end >= first + 5 && word_is(r, *end - 4, "size") &&
	       word_is(r, *end - 2, "align") && is_number_word(r, *end - 3) &&
	       is_number_word(r, *end - 1)) {
		struct layout *l =
			ABG_PUSH(r->layouts, r->nlayouts, r->layouts_cap);
		uint64_t align = 0;
		if (word_number(r, *end - 3, UINT64_MAX, "size",
				&l->size_bits) ||
		    word_number(r, *end - 1, UINT32_MAX, "alignment", &align))
			return -1;
		l->align_bits = (uint32_t)align;
		*end -= 4;
	}
	for (size_t i = 0; i < r->nlayouts / 2; i++) {
		struct layout tmp = r->layouts[i];
		r->layouts[i] = r->layouts[r->nlayouts - 1 - i];
		r->layouts[r->nlayouts - 1 - i] = tmp;
	}
	return 0;
}

static int parse_spelling(struct reader *r, abg_type_id *out)
{
	if (tokenize(r) || assign_layouts(r))
		return -1;
	r->pos = 0;
	if (parse_type_name(r, 0, out))
		return -1;
	if (current(r)->kind != TOK_END)
		return expected(r, current(r), "the end of the type");
	return 0;
}

/* ---- function spellings, cut at their commas ----------------------------- */

/*
 * Most spellings that miss the cache are functions' types, "RET (P, P)",
 * whose return and parameter types are simple ("const char *", "struct
 * foo *") and were met before. Such a spelling is cut at its '(' and its
 * commas, its parts are looked up (or parsed alone, once), and the
 * function type is made of them, without tokenizing the whole. Anything
 * else goes to the full parser, which also gives every error: a part
 * that does not parse alone would not parse inside either, so the full
 * parser is run again to say where. The bounds on parts and stars keep
 * within the nesting the full parser allows.
 */
#define CUT_MAX_PARAMS 64
#define CUT_MAX_STARS 80

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool trim(const char **s, size_t *n)
{
	while (*n && is_blank(**s)) {
		++*s;
		--*n;
	}
	while (*n && is_blank((*s)[*n - 1]))
		--*n;
	return *n > 0;
}

/* A part's type, from the cache or parsed alone and remembered. */
static int part_type(struct reader *r, const char *s, size_t n,
		     abg_type_id *out)
{
	if (!trim(&s, &n))
		return -1;
	uint64_t hash = abg_hash_string_n(s, n);
	if (known_spelling(r, s, n, hash, out))
		return 0;
	r->spelling = s;
	r->spelling_len = n;
	if (parse_spelling(r, out))
		return -1;
	remember_spelling(r, s, n, hash, *out);
	return 0;
}

/* Where "RET (P, P)" cuts: its '(' and its commas, found in one pass. */
struct cut {
	size_t open;
	size_t commas[CUT_MAX_PARAMS];
	size_t ncommas;
};

/* The characters find_cut() stops at; it steps over the others. */
static const bool cut_stops[256] = {['('] = true, [')'] = true, ['['] = true,
				    [']'] = true, [','] = true, ['*'] = true};

static bool find_cut(const char *s, size_t n, struct cut *c)
{
	bool open = false;
	unsigned stars = 0;
	c->open = 0;
	c->ncommas = 0;
	if (s[n - 1] != ')')
		return false;
	for (size_t i = 0; i + 1 < n; i++) {
		if (!cut_stops[(unsigned char)s[i]])
			continue;
		if (s[i] == '(' && !open) {
			open = true;
			c->open = i;
		} else if (s[i] == ',' && open &&
			   c->ncommas + 1 < CUT_MAX_PARAMS) {
			c->commas[c->ncommas++] = i;
		} else if (s[i] != '*' || ++stars > CUT_MAX_STARS) {
			return false;
		}
	}
	return open;
}

static bool is_word(const char *s, size_t n, const char *word)
{
	return trim(&s, &n) && n == strlen(word) && memcmp(s, word, n) == 0;
}

/* The parameters between the cut's '(' and the final ')'. */
static bool cut_params(struct reader *r, const struct cut *c, abg_type_id *ids,
		       uint32_t *count, bool *variadic, bool *unprototyped)
{
	const char *s = r->spelling;
	size_t end = r->spelling_len - 1, from = c->open + 1;
	const char *body = s + from;
	size_t body_len = end - from;
	if (!c->ncommas && !trim(&body, &body_len)) {
		*unprototyped = true;
		return true;
	}
	if (!c->ncommas && is_word(body, body_len, "void"))
		return true;
	for (size_t i = 0; i <= c->ncommas; i++) {
		size_t to = i < c->ncommas ? c->commas[i] : end;
		if (is_word(s + from, to - from, "...")) {
			*variadic = true;
			return i == c->ncommas;
		}
		if (part_type(r, s + from, to - from, &ids[(*count)++]))
			return false;
		from = to + 1;
	}
	return true;
}

static bool cut_function(struct reader *r, abg_type_id *out)
{
	struct cut c;
	const char *s = r->spelling;
	if (!find_cut(s, r->spelling_len, &c))
		return false;
	/* "(*" groups a declarator: not a parameter list */
	const char *body = s + c.open + 1;
	size_t body_len = r->spelling_len - c.open - 2;
	if (trim(&body, &body_len) && body[0] == '*')
		return false;
	abg_type_id ids[CUT_MAX_PARAMS], ret = 0;
	uint32_t count = 0;
	bool variadic = false, unprototyped = false;
	if (!cut_params(r, &c, ids, &count, &variadic, &unprototyped))
		return false;
	if (part_type(r, s, c.open, &ret))
		return false;
	*out = abg_model_function(r->m, ret, ids, count, variadic, unprototyped,
				  NULL);
	return true;
}

/* The whole spelling, cut when it can be, else parsed. */
static int parse_whole_spelling(struct reader *r, abg_type_id *out)
{
	const char *spelling = r->spelling;
	size_t len = r->spelling_len;
	bool cut = cut_function(r, out);
	r->spelling = spelling;
	r->spelling_len = len;
	return cut ? 0 : parse_spelling(r, out);
}

/* Spellings repeat (every "int (struct foo *)"): parse each one once. */
static int parse_spelling_cached(struct reader *r, abg_type_id *out)
{
	if (r->nlayouts)
		return parse_spelling(r, out);
	/* Looked up where it lies, hashed once (the text has no NUL). */
	uint64_t hash = abg_hash_string_n(r->spelling, r->spelling_len);
	if (known_spelling(r, r->spelling, r->spelling_len, hash, out))
		return 0;
	if (parse_whole_spelling(r, out))
		return -1;
	remember_spelling(r, r->spelling, r->spelling_len, hash, *out);
	return 0;
}

/*
 * Words [first, nwords) are a type: its spelling, the layouts of the
 * anonymous records it shows, and in a summary an optional "at LOC".
 */
static int parse_type_words(struct reader *r, size_t first, abg_type_id *out,
			    struct abg_location *loc)
{
	size_t end = r->nwords;
	struct abg_location none = {0};
	if (take_location(r, first, &end, loc ? loc : &none) ||
	    take_layouts(r, first, &end))
		return -1;
	if (end <= first)
		return fail(r, "missing type");
	const struct word *a = &r->words[first], *b = &r->words[end - 1];
	r->spelling = a->s;
	r->spelling_len = (size_t)(b->s + b->len - a->s);
	r->spelling_column = a->column;
	return parse_spelling_cached(r, out);
}

/* ---- header lines ------------------------------------------------------ */

static int parse_once(struct reader *r, bool *seen, const char **field)
{
	if (r->nwords != 2)
		return fail(r, "expected '%.*s VALUE'", QUOTE(&r->words[0]));
	if (*seen)
		return fail(r, "duplicate '%.*s' line", QUOTE(&r->words[0]));
	*seen = true;
	*field = intern_word(r, 1);
	return *field ? 0 : -1;
}

static int parse_soname(struct reader *r)
{
	return parse_once(r, &r->seen_soname, &r->m->soname);
}

static int parse_version(struct reader *r)
{
	return parse_once(r, &r->seen_version, &r->m->version);
}

static int parse_target(struct reader *r)
{
	return parse_once(r, &r->seen_target, &r->m->target);
}

static int add_parents(struct reader *r, struct abg_node *node)
{
	for (size_t i = 4; i < r->nwords; i++) {
		const char *parent = intern_word(r, i);
		if (!parent)
			return -1;
		if (strcmp(parent, node->name) == 0)
			return fail(r, "node '%s' lists itself as parent",
				    node->name);
		if (!abg_hash_contains(&r->nodes, parent))
			return fail(r,
				    "parent '%.*s' of node '%s' has no node "
				    "line above",
				    QUOTE(&r->words[i]), node->name);
		abg_model_add_parent(r->m, node, parent);
	}
	return 0;
}

static int parse_node(struct reader *r)
{
	bool released = word_is(r, 2, "released");
	if (r->nwords < 3 || (!released && !word_is(r, 2, "open")))
		return fail(r, "expected 'node NAME released|open "
			       "[parents NODE...]'");
	if (r->nwords > 3 && (!word_is(r, 3, "parents") || r->nwords == 4))
		return fail(r, "expected 'parents NODE...' after the state");
	const char *name = intern_word(r, 1);
	if (!name)
		return -1;
	unsigned first = line_of(abg_hash_get(&r->nodes, name));
	if (first)
		return fail(r, "node '%s' is defined twice (first at line %u)",
			    name, first);
	if (r->m->nnodes >= ABG_BASELINE_MAX_NODES)
		return fail(r,
			    "more than %u version nodes: abiguard reads no "
			    "bigger baseline (libraries have a few hundred)",
			    ABG_BASELINE_MAX_NODES);
	abg_hash_put(&r->nodes, name, line_value(r->line_no));
	struct abg_node *node = abg_model_add_node(r->m, name, released);
	node->known_state = true;
	return add_parents(r, node);
}

/* ---- symbols ----------------------------------------------------------- */

struct versioned_name {
	const char *name;
	const char *node; /* NULL: unversioned */
	bool is_default;
};

/* Symbol lines come grouped by node: most repeat the previous one's. */
static const char *intern_node(struct reader *r, const char *s, size_t n)
{
	if (r->last_node && n == r->last_node_len &&
	    memcmp(s, r->last_node, n) == 0)
		return r->last_node;
	return intern_token(r, s, n);
}

/* "name", "name@NODE" or "name@@NODE"; a '@' inside a name is escaped. */
static int parse_versioned(struct reader *r, size_t i, bool need_node,
			   struct versioned_name *v)
{
	const struct word *w = &r->words[i];
	const char *at = memchr(w->s, '@', w->len);
	memset(v, 0, sizeof *v);
	if (!at && need_node)
		return fail(r, "expected NAME@NODE or NAME@@NODE, found '%.*s'",
			    QUOTE(w));
	size_t name_len = at ? (size_t)(at - w->s) : w->len;
	const char *node = at ? at + 1 : NULL;
	if (node && node < w->s + w->len && *node == '@') {
		v->is_default = true;
		node++;
	}
	size_t node_len = node ? (size_t)(w->s + w->len - node) : 0;
	if (!name_len || (node && (!node_len || memchr(node, '@', node_len))))
		return fail(r, "malformed versioned name '%.*s'", QUOTE(w));
	v->name = intern_token(r, w->s, name_len);
	if (v->name && node)
		v->node = intern_node(r, node, node_len);
	return v->name && (!node || v->node) ? 0 : -1;
}

static int check_new_symbol(struct reader *r, const struct versioned_name *v)
{
	if (v->node && v->node != r->last_node) {
		if (!abg_hash_contains(&r->nodes, v->node))
			return fail(r,
				    "symbol '%.*s' refers to node '%s', which "
				    "has no node line above",
				    QUOTE(&r->words[1]), v->node);
		r->last_node = v->node;
		r->last_node_len = strlen(v->node);
	}
	unsigned first =
		state_fact(r, (struct fact){v->name, (uintptr_t)v->node,
					    v->is_default ? FACT_SYMBOL_DEFAULT
							  : FACT_SYMBOL_COMPAT,
					    0});
	if (first)
		return fail(r, "duplicate symbol '%s%s%s' (first at line %u)",
			    v->name,
			    v->node ? (v->is_default ? "@@" : "@") : "",
			    v->node ? v->node : "", first);
	if (v->is_default) {
		first = state_fact(r,
				   (struct fact){v->name, 0, FACT_DEFAULT, 0});
		if (first)
			return fail(r,
				    "second default version of '%s' (the other "
				    "is at line %u)",
				    v->name, first);
	}
	return 0;
}

static int parse_symbol(struct reader *r)
{
	bool is_var = word_is(r, 0, "var");
	struct abg_symbol s = {0};
	struct versioned_name v = {0};
	if (r->nwords < (is_var ? 4u : 3u))
		return fail(r, is_var ? "expected 'var NAME@@NODE SIZE TYPE'"
				      : "expected 'func NAME@@NODE TYPE'");
	if (parse_versioned(r, 1, false, &v) || check_new_symbol(r, &v))
		return -1;
	if (is_var && word_number(r, 2, UINT64_MAX, "size", &s.size))
		return -1;
	if (parse_type_words(r, is_var ? 3 : 2, &s.type, NULL))
		return -1;
	s.kind = is_var ? ABG_SYMBOL_VARIABLE : ABG_SYMBOL_FUNCTION;
	s.name = v.name;
	s.node = v.node;
	s.is_default = v.is_default || !v.node; /* unversioned: the only one */
	s.loc = here(r);
	abg_model_add_symbol(r->m, &s);
	return 0;
}

/*
 * The API surface (format 2): "declared func|var NAME [unexported]
 * [header TYPE]", a public declaration (TYPE: the header's, when the
 * definition exported under NAME has another); "listed NAME@NODE", a name
 * the node lists that the library does not export.
 */
static int parse_api(struct reader *r)
{
	struct abg_api_entry e = {0};
	struct versioned_name v = {0};
	bool listed = word_is(r, 0, "listed");
	if (listed) {
		if (r->nwords != 2)
			return fail(r, "expected 'listed NAME@NODE'");
		if (parse_versioned(r, 1, true, &v))
			return -1;
		if (!abg_hash_contains(&r->nodes, v.node))
			return fail(r,
				    "'listed %s' refers to node '%s', which "
				    "has no node line above",
				    v.name, v.node);
		e.kind = ABG_API_LISTED;
		e.node = v.node;
	} else {
		bool func = r->nwords >= 3 && word_is(r, 1, "func");
		size_t next = 3;
		e.exported =
			!(r->nwords > next && word_is(r, next, "unexported"));
		next += !e.exported;
		e.internal = r->nwords > next &&
			     word_is(r, next, "abiguard:internal");
		next += e.internal;
		bool header =
			r->nwords > next + 1 && word_is(r, next, "header");
		if ((!func && (r->nwords < 3 || !word_is(r, 1, "var"))) ||
		    (r->nwords > next && !header))
			return fail(r, "expected 'declared func|var NAME "
				       "[unexported] [abiguard:internal] "
				       "[header TYPE]'");
		if (parse_versioned(r, 2, false, &v))
			return -1;
		if (v.node)
			return fail(r, "a declaration names no version node");
		if (header &&
		    parse_type_words(r, next + 1, &e.header_type, NULL))
			return -1;
		e.kind = func ? ABG_API_FUNCTION : ABG_API_VARIABLE;
	}
	e.name = v.name;
	e.loc = here(r);
	abg_model_add_api(r->m, &e);
	return 0;
}

/* ---- declarations and .symver (summary) -------------------------------- */

static int parse_decl_flag(struct reader *r, const char *s, size_t n,
			   struct abg_decl *d)
{
	if (n == 7 && memcmp(s, "defined", n) == 0)
		d->defined = true;
	else if (n == 6 && memcmp(s, "public", n) == 0)
		d->public_header = true;
	else if (n == 8 && memcmp(s, "exported", n) == 0)
		d->exported = true;
	else if (n == 8 && memcmp(s, "internal", n) == 0)
		d->internal = true;
	else
		return fail(r, "unknown declaration flag '%.*s'", quote_len(n),
			    s);
	return 0;
}

static int parse_decl_flags(struct reader *r, struct abg_decl *d)
{
	const struct word *w = &r->words[3];
	if (word_is(r, 3, "-"))
		return 0;
	const char *s = w->s, *end = w->s + w->len;
	while (s <= end) {
		const char *comma = memchr(s, ',', (size_t)(end - s));
		const char *stop = comma ? comma : end;
		if (parse_decl_flag(r, s, (size_t)(stop - s), d))
			return -1;
		s = stop + 1;
	}
	return 0;
}

/* "name" or "name=symbol" (an __asm__ label) */
static int parse_decl_names(struct reader *r, struct abg_decl *d)
{
	const struct word *w = &r->words[2];
	const char *eq = memchr(w->s, '=', w->len);
	size_t name_len = eq ? (size_t)(eq - w->s) : w->len;
	if (!name_len || (eq && eq + 1 == w->s + w->len))
		return fail(r, "malformed declaration name '%.*s'", QUOTE(w));
	d->name = intern_token(r, w->s, name_len);
	d->symbol = d->name;
	if (d->name && eq)
		d->symbol = intern_token(r, eq + 1,
					 (size_t)(w->s + w->len - eq - 1));
	return d->name && d->symbol ? 0 : -1;
}

static int parse_decl(struct reader *r)
{
	struct abg_decl d = {0};
	if (r->nwords < 5 || (!word_is(r, 1, "func") && !word_is(r, 1, "var")))
		return fail(r, "expected 'decl func|var NAME[=SYMBOL] FLAGS "
			       "TYPE [at FILE:LINE:COLUMN]'");
	d.kind = word_is(r, 1, "var") ? ABG_DECL_VARIABLE : ABG_DECL_FUNCTION;
	if (parse_decl_names(r, &d) || parse_decl_flags(r, &d) ||
	    parse_type_words(r, 4, &d.type, &d.loc))
		return -1;
	abg_model_add_decl(r->m, &d);
	return 0;
}

static int parse_symver(struct reader *r)
{
	struct abg_symver s = {0};
	struct versioned_name v = {0};
	size_t end = r->nwords;
	if (take_location(r, 1, &end, &s.loc))
		return -1;
	if (end != 3)
		return fail(r, "expected 'symver IMPL NAME@NODE "
			       "[at FILE:LINE:COLUMN]'");
	if (parse_versioned(r, 2, true, &v))
		return -1;
	s.impl = intern_word(r, 1);
	if (!s.impl)
		return -1;
	s.name = v.name;
	s.node = v.node;
	s.is_default = v.is_default || !v.node; /* unversioned: the only one */
	abg_model_add_symver(r->m, &s);
	return 0;
}

static int parse_tag(struct reader *r)
{
	struct abg_tag t = {0};
	size_t end = r->nwords;
	if (take_location(r, 1, &end, &t.loc))
		return -1;
	if (end != 4)
		return fail(r, "expected 'tag NAME NODE VIA "
			       "[at FILE:LINE:COLUMN]'");
	t.name = intern_word(r, 1);
	t.node = intern_word(r, 2);
	t.via = intern_word(r, 3);
	if (!t.name || !t.node || !t.via)
		return -1;
	abg_model_add_tag(r->m, &t);
	return 0;
}

static int parse_tags_unread(struct reader *r)
{
	if (r->nwords != 1)
		return fail(r, "expected 'tags-unread' alone");
	r->m->units_without_tags++;
	return 0;
}

/* ---- types ------------------------------------------------------------- */

static int parse_base(struct reader *r)
{
	size_t n = r->nwords;
	uint64_t size = 0, align = 0;
	bool is_signed = word_is(r, n - 1, "signed");
	if (n < 7 || !word_is(r, n - 5, "size") ||
	    !word_is(r, n - 3, "align") ||
	    (!is_signed && !word_is(r, n - 1, "unsigned")))
		return fail(r, "expected 'base NAME size BITS align BITS "
			       "signed|unsigned'");
	abg_strbuf_reset(&r->name);
	for (size_t i = 1; i < n - 5; i++) {
		const struct word *w = &r->words[i];
		if (!is_identifier(w->s, w->len))
			return fail(r, "malformed base type name '%.*s'",
				    QUOTE(w));
		abg_strbuf_printf(&r->name, "%s%.*s", i > 1 ? " " : "",
				  (int)w->len, w->s);
	}
	if (r->name.len > MAX_BASE_NAME)
		return fail(r, "base type name too long");
	if (word_number(r, n - 4, UINT64_MAX, "size", &size) ||
	    word_number(r, n - 2, UINT32_MAX, "alignment", &align))
		return -1;
	if (align == 0 || (align & (align - 1)) != 0)
		return fail(r, "alignment must be a power of two, not %" PRIu64,
			    align);
	abg_type_id known =
		(abg_type_id)(uintptr_t)abg_hash_get(&r->bases, r->name.data);
	if (known)
		return fail(r,
			    "base type '%s' is defined twice (first at "
			    "line %u)",
			    r->name.data, def_line(r, known));
	abg_type_id id = abg_model_base(r->m, r->name.data, size,
					(uint32_t)align, is_signed);
	abg_hash_put(&r->bases, abg_model_type(r->m, id)->name,
		     (void *)(uintptr_t)id);
	set_def_line(r, id);
	return 0;
}

static enum abg_type_kind type_keyword(const struct reader *r)
{
	if (word_is(r, 0, "struct"))
		return ABG_TYPE_STRUCT;
	if (word_is(r, 0, "union"))
		return ABG_TYPE_UNION;
	if (word_is(r, 0, "enum"))
		return ABG_TYPE_ENUM;
	return ABG_TYPE_TYPEDEF;
}

/* The named type a definition line is about, created if needed. */
static int line_type(struct reader *r, abg_type_id *out)
{
	const struct word *w = &r->words[1];
	enum abg_type_kind kind = type_keyword(r);
	/* A record's lines come together: one size line, then its fields. */
	if (r->last_line_type && kind == r->last_line_kind &&
	    w->len == r->last_line_name_len &&
	    memcmp(w->s, r->last_line_name, w->len) == 0) {
		*out = r->last_line_type;
		r->line_typed = true;
		return 0;
	}
	r->line_typed = true;
	bool ok = kind == ABG_TYPE_TYPEDEF ? is_identifier(w->s, w->len)
					   : is_tag(w->s, w->len);
	if (!ok)
		return fail(r, "malformed type name '%.*s'", QUOTE(w));
	*out = abg_model_named_n(r->m, kind, w->s, w->len);
	/* A copy: the record reader's lines do not outlive the call, and
	 * a type's lines (an enum's hundreds of values) come one by one. */
	abg_strbuf_reset(&r->last_line_copy);
	abg_strbuf_append_n(&r->last_line_copy, w->s, w->len);
	r->last_line_type = *out;
	r->last_line_kind = kind;
	r->last_line_name = r->last_line_copy.data;
	r->last_line_name_len = w->len;
	return 0;
}

/* A second definition (or an opaque line next to a definition) is an
 * error: one fact, one line. */
static int claim_definition(struct reader *r, abg_type_id id)
{
	unsigned first = def_line(r, id);
	if (first) {
		spell_type_name(r, id, &r->scratch);
		return fail(r, "'%s' is defined twice (first at line %u)",
			    r->scratch.data, first);
	}
	set_def_line(r, id);
	return 0;
}

/* The flag words of abiguard.h's promises, in the order of their bits
 * (after a definition's other flags, or after 'opaque'). */
static const char *const annotation_words[] = {
	"abiguard:opaque", "abiguard:growable", "abiguard:append-only"};
#define NANNOTATION_WORDS (sizeof annotation_words / sizeof annotation_words[0])

static unsigned annotation_bits(const bool *set)
{
	unsigned bits = 0;
	for (size_t i = 0; i < NANNOTATION_WORDS; i++)
		bits |= set[i] ? 1u << i : 0;
	return bits;
}

static int parse_opaque(struct reader *r, abg_type_id id)
{
	bool set[NANNOTATION_WORDS] = {false};
	size_t used = 3;
	for (size_t i = 0; i < NANNOTATION_WORDS; i++) {
		set[i] = used < r->nwords &&
			 word_is(r, used, annotation_words[i]);
		used += set[i] ? 1 : 0;
	}
	if (r->nwords != used)
		return fail(r, "unexpected '%.*s' after 'opaque'",
			    QUOTE(&r->words[used]));
	if (claim_definition(r, id))
		return -1;
	abg_model_annotate(r->m, id, annotation_bits(set));
	if (r->kind == ABG_TEXT_BASELINE)
		r->m->types[id].loc = here(r);
	return 0;
}

/* "size BITS align BITS" at words 2..5 */
static int parse_size_align(struct reader *r, uint64_t *size, uint32_t *align)
{
	uint64_t a = 0;
	if (!word_is(r, 4, "align"))
		return fail(r, "expected 'size BITS align BITS'");
	if (word_number(r, 3, UINT64_MAX, "size", size) ||
	    word_number(r, 5, UINT32_MAX, "alignment", &a))
		return -1;
	if (a == 0 || (a & (a - 1)) != 0)
		return fail(r, "alignment must be a power of two, not %" PRIu64,
			    a);
	*align = (uint32_t)a;
	return 0;
}

/*
 * After the fixed words of a definition line: optional flag words in a
 * fixed order (records: "packed" then "private"; enums: "private"), then in
 * a summary an optional "at FILE:LINE:COLUMN".
 */
static int parse_definition_tail(struct reader *r, size_t fixed,
				 const char *const *flags, bool *set,
				 size_t nflags, struct abg_location *loc)
{
	size_t end = r->nwords;
	if (take_location(r, fixed, &end, loc))
		return -1;
	if (r->kind == ABG_TEXT_BASELINE)
		*loc = here(r);
	size_t used = fixed;
	for (size_t i = 0; i < nflags; i++) {
		set[i] = used < end && word_is(r, used, flags[i]);
		used += set[i] ? 1 : 0;
	}
	if (end > used)
		return fail(r, "unexpected '%.*s'", QUOTE(&r->words[used]));
	return 0;
}

static int parse_record_head(struct reader *r, abg_type_id id)
{
	static const char *const flags[] = {
		"packed", "private", "abiguard:opaque", "abiguard:growable",
		"abiguard:append-only"};
	uint64_t size = 0;
	uint32_t align = 0;
	bool set[5] = {false};
	struct abg_location loc = {0};
	if (parse_size_align(r, &size, &align) ||
	    parse_definition_tail(r, 6, flags, set, 5, &loc) ||
	    claim_definition(r, id))
		return -1;
	abg_model_define_record(r->m, id, size, align, set[0], loc);
	if (set[1])
		abg_model_mark_private(r->m, id);
	abg_model_annotate(r->m, id, annotation_bits(set + 2));
	return 0;
}

/* Fields and enumerators belong to a type defined on an earlier line. */
static int check_defined_above(struct reader *r, abg_type_id id,
			       const char *what)
{
	const struct abg_type *t = abg_model_type(r->m, id);
	if (def_line(r, id) && t->complete)
		return 0;
	spell_type_name(r, id, &r->scratch);
	return fail(r, "%s of '%s', which %s", what, r->scratch.data,
		    def_line(r, id) ? "is opaque" : "is not defined above");
}

/* A member name may appear once per type (a hash, not a scan of the
 * members: a struct may have 100,000 fields). */
static int once_per_type(struct reader *r, enum fact_kind what, abg_type_id id,
			 const char *name, const char *label)
{
	unsigned first = state_fact(r, (struct fact){name, id, what, 0});
	if (!first)
		return 0;
	spell_type_name(r, id, &r->scratch);
	return fail(r, "duplicate %s '%s' in '%s' (first at line %u)", label,
		    name, r->scratch.data, first);
}

/* "OFFSET" or "OFFSET:WIDTH" */
static int parse_field_position(struct reader *r, uint64_t *offset,
				int32_t *width)
{
	const struct word *w = &r->words[3];
	const char *colon = memchr(w->s, ':', w->len);
	size_t n = colon ? (size_t)(colon - w->s) : w->len;
	uint64_t bits = 0;
	*width = -1;
	if (!parse_u64(w->s, n, offset) ||
	    (colon && (!parse_u64(colon + 1,
				  (size_t)(w->s + w->len - colon - 1), &bits) ||
		       bits > INT32_MAX)))
		return fail(r,
			    "expected a bit offset (OFFSET or OFFSET:WIDTH), "
			    "found '%.*s'",
			    QUOTE(w));
	if (colon)
		*width = (int32_t)bits;
	return 0;
}

static int parse_field(struct reader *r, abg_type_id id)
{
	uint64_t offset = 0;
	int32_t width = 0;
	abg_type_id type = 0;
	if (r->nwords < 6)
		return fail(r, "expected 'field OFFSET[:WIDTH] NAME TYPE'");
	if (check_defined_above(r, id, "field") ||
	    parse_field_position(r, &offset, &width))
		return -1;
	const char *name = word_is(r, 4, "-") ? "" : intern_word(r, 4);
	/* ':' is in no C type: the word cannot start a type's spelling */
	bool reserved = word_is(r, 5, "abiguard:reserved");
	if (!name ||
	    (*name && once_per_type(r, FACT_FIELD, id, name, "field")) ||
	    parse_type_words(r, reserved ? 6 : 5, &type, NULL))
		return -1;
	abg_model_add_field(r->m, id, name, offset, width, type);
	if (reserved)
		abg_model_mark_last_field_reserved(r->m, id);
	return 0;
}

static int parse_record_line(struct reader *r)
{
	abg_type_id id = 0;
	if (r->nwords < 3)
		return fail(r, "expected a size, field or opaque line");
	if (line_type(r, &id))
		return -1;
	if (word_is(r, 2, "opaque"))
		return parse_opaque(r, id);
	if (word_is(r, 2, "size"))
		return parse_record_head(r, id);
	if (word_is(r, 2, "field"))
		return parse_field(r, id);
	return fail(r,
		    "expected 'size', 'field' or 'opaque' after the name, "
		    "found '%.*s'",
		    QUOTE(&r->words[2]));
}

static int parse_enum_head(struct reader *r, abg_type_id id)
{
	uint64_t size = 0;
	uint32_t align = 0;
	static const char *const flags[] = {"private", "abiguard:opaque",
					    "abiguard:growable",
					    "abiguard:append-only"};
	bool set[4] = {false};
	bool is_signed = word_is(r, 6, "signed");
	struct abg_location loc = {0};
	if (!is_signed && !word_is(r, 6, "unsigned"))
		return fail(r, "expected 'enum NAME size BITS align BITS "
			       "signed|unsigned'");
	if (parse_size_align(r, &size, &align) ||
	    parse_definition_tail(r, 7, flags, set, 4, &loc) ||
	    claim_definition(r, id))
		return -1;
	abg_model_define_enum(r->m, id, size, align, is_signed, loc);
	if (set[0])
		abg_model_mark_private(r->m, id);
	abg_model_annotate(r->m, id, annotation_bits(set + 1));
	return 0;
}

static int parse_enum_value(struct reader *r, const struct word *w,
			    bool is_signed, int64_t *value)
{
	bool negative = w->len > 1 && w->s[0] == '-';
	uint64_t v = 0;
	size_t skip = negative ? 1 : 0;
	bool ok = parse_u64(w->s + skip, w->len - skip, &v);
	if (ok && is_signed)
		ok = negative ? v <= (uint64_t)INT64_MAX + 1 : v <= INT64_MAX;
	else if (ok)
		ok = !negative;
	if (!ok)
		return fail(r, "expected %s 64-bit value, found '%.*s'",
			    is_signed ? "a signed" : "an unsigned", QUOTE(w));
	/* unsigned enums keep the bit pattern */
	*value = negative ? (int64_t)(0 - v) : (int64_t)v;
	return 0;
}

static int parse_enumerator(struct reader *r, abg_type_id id)
{
	int64_t value = 0;
	if (r->nwords != 5)
		return fail(r, "expected 'value NAME NUMBER'");
	if (check_defined_above(r, id, "value"))
		return -1;
	bool is_signed = abg_model_type(r->m, id)->is_signed;
	if (parse_enum_value(r, &r->words[4], is_signed, &value))
		return -1;
	const char *name = intern_word(r, 3);
	if (!name || once_per_type(r, FACT_ENUMERATOR, id, name, "enumerator"))
		return -1;
	abg_model_add_enumerator(r->m, id, name, value);
	return 0;
}

static int parse_enum_line(struct reader *r)
{
	abg_type_id id = 0;
	if (r->nwords < 3)
		return fail(r, "expected a size, value or opaque line");
	if (line_type(r, &id))
		return -1;
	if (word_is(r, 2, "opaque"))
		return parse_opaque(r, id);
	if (word_is(r, 2, "size"))
		return parse_enum_head(r, id);
	if (word_is(r, 2, "value"))
		return parse_enumerator(r, id);
	return fail(r,
		    "expected 'size', 'value' or 'opaque' after the name, "
		    "found '%.*s'",
		    QUOTE(&r->words[2]));
}

static int parse_typedef(struct reader *r)
{
	abg_type_id id = 0, target = 0;
	struct abg_location loc = {0};
	if (r->nwords < 3)
		return fail(r, "expected 'typedef NAME TYPE'");
	if (line_type(r, &id) || claim_definition(r, id) ||
	    parse_type_words(r, 2, &target, &loc))
		return -1;
	if (r->kind == ABG_TEXT_BASELINE)
		loc = here(r);
	abg_model_define_typedef(r->m, id, target, loc);
	return 0;
}

/* ---- duplicate symbols ------------------------------------------------ */

/* ---- types that contain themselves ------------------------------------- */

/* A struct that contains itself cannot come from a compiler (model.h). */
static int check_containment(struct reader *r)
{
	abg_type_id cycle = abg_model_self_containing(r->m);
	if (!cycle)
		return 0;
	r->line_no = def_line(r, cycle);
	spell_type_name(r, cycle, &r->scratch);
	return fail(r, "'%s' contains itself", r->scratch.data);
}

/* ---- lines ------------------------------------------------------------- */

typedef int (*line_parser)(struct reader *r);

/*
 * `key` says what a baseline line is about, for a reader that reads only
 * the lines a compile needs (baseline_index.c): a symbol's or API entry's
 * name, a named type's, or nothing (ABG_RECORD_EAGER: every compile reads
 * the line). A new kind of line is eager unless it says otherwise.
 */
struct keyword {
	const char *word;
	size_t len; /* strlen(word) */
	line_parser parse;
	bool in_baseline, in_summary;
	enum abg_record_key key;
};

#define K(word) word, sizeof word - 1
static const struct keyword keywords[] = {
	{K("soname"), parse_soname, true, false, ABG_RECORD_EAGER},
	{K("version"), parse_version, true, false, ABG_RECORD_EAGER},
	{K("target"), parse_target, true, true, ABG_RECORD_EAGER},
	{K("node"), parse_node, true, false, ABG_RECORD_EAGER},
	{K("func"), parse_symbol, true, false, ABG_RECORD_SYMBOL},
	{K("var"), parse_symbol, true, false, ABG_RECORD_SYMBOL},
	{K("declared"), parse_api, true, false, ABG_RECORD_API},
	{K("listed"), parse_api, true, false, ABG_RECORD_API},
	{K("decl"), parse_decl, false, true, ABG_RECORD_EAGER},
	{K("symver"), parse_symver, false, true, ABG_RECORD_EAGER},
	{K("tag"), parse_tag, false, true, ABG_RECORD_EAGER},
	{K("tags-unread"), parse_tags_unread, false, true, ABG_RECORD_EAGER},
	{K("struct"), parse_record_line, true, true, ABG_RECORD_TYPE},
	{K("union"), parse_record_line, true, true, ABG_RECORD_TYPE},
	{K("enum"), parse_enum_line, true, true, ABG_RECORD_TYPE},
	{K("typedef"), parse_typedef, true, true, ABG_RECORD_TYPE},
};
#undef K

uint64_t abg_record_keys_signature(void)
{
	uint64_t h = 0xcbf29ce484222325ULL; /* FNV-1a */
	for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++) {
		const struct keyword *k = &keywords[i];
		for (const char *c = k->word; *c; c++)
			h = (h ^ (unsigned char)*c) * 0x100000001b3ULL;
		h = (h ^ (uint64_t)(k->key * 4 + k->in_baseline * 2 +
				    k->in_summary)) *
		    0x100000001b3ULL;
	}
	return h;
}

/* What the model held before a line was read. */
struct before_line {
	size_t nsymbols, napi;
};

/* The name a keyed line is about, as the model holds it after the line
 * was read: the record parsers decide what a line means, nothing else.
 * A line that did not add one symbol, one API entry, or name a type
 * (a kind of line added later under an old keyword) has no key: eager. */
static const char *record_key_name(const struct reader *r,
				   enum abg_record_key key,
				   const struct before_line *b)
{
	const struct abg_model *m = r->m;
	switch (key) {
	case ABG_RECORD_SYMBOL:
		return m->nsymbols == b->nsymbols + 1
			       ? m->symbols[m->nsymbols - 1].name
			       : NULL;
	case ABG_RECORD_API:
		return m->napi == b->napi + 1 ? m->api[m->napi - 1].name : NULL;
	case ABG_RECORD_TYPE:
		return r->line_typed && r->last_line_type
			       ? m->types[r->last_line_type].name
			       : NULL;
	case ABG_RECORD_EAGER:
		break;
	}
	return NULL;
}

/* Tell the observer (if any) about a line that was read. */
static void observe(const struct reader *r, enum abg_record_key key,
		    const struct before_line *b)
{
	const struct abg_record_observer *o = r->observer;
	if (!o)
		return;
	const char *name = b ? record_key_name(r, key, b) : NULL;
	struct abg_record rec = {
		.offset = r->line_offset,
		.len = r->line_len,
		.line_no = r->line_no,
		.key = name ? key : ABG_RECORD_EAGER,
		.name = name,
	};
	o->record(o->ctx, &rec);
}

static bool is_keyword(const struct reader *r, const struct keyword *k)
{
	bool allowed =
		r->kind == ABG_TEXT_BASELINE ? k->in_baseline : k->in_summary;
	return allowed && r->words[0].len == k->len &&
	       memcmp(r->words[0].s, k->word, k->len) == 0;
}

/* The keyword of the current line, or NULL. Lines come in runs of one
 * keyword (a record's fields, a node's symbols): the last one is tried
 * first. */
static const struct keyword *find_keyword(struct reader *r)
{
	if (r->last_keyword && is_keyword(r, r->last_keyword))
		return r->last_keyword;
	for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
		if (is_keyword(r, &keywords[i]))
			return r->last_keyword = &keywords[i];
	return NULL;
}

static int parse_line(struct reader *r)
{
	if (word_is(r, 0, "base")) {
		observe(r, ABG_RECORD_EAGER, NULL);
		return 0; /* read by the first pass */
	}
	const struct keyword *k = find_keyword(r);
	if (!k)
		return fail(r, "unknown keyword '%.*s'", QUOTE(&r->words[0]));
	struct before_line b = {r->m->nsymbols, r->m->napi};
	r->line_typed = false;
	if (k->parse(r))
		return -1;
	observe(r, k->key, &b);
	return 0;
}

static int parse_base_line(struct reader *r)
{
	return word_is(r, 0, "base") ? parse_base(r) : 0;
}

struct cursor {
	const char *text;
	size_t len, pos;
	unsigned line_no;
	const char *only; /* NULL, or split only lines with this first word */
};

/* Does the line's first word differ from c->only? Then a pass that looks
 * for that word alone need not split it. */
static bool skip_line(const struct cursor *c, const char *line, size_t n)
{
	if (!c->only)
		return false;
	size_t i = 0;
	while (i < n && (line[i] == ' ' || line[i] == '\t'))
		i++;
	/* Most lines differ at their first byte. */
	if (i == n || line[i] != c->only[0])
		return true;
	size_t k = strlen(c->only);
	return n - i < k || memcmp(line + i, c->only, k) != 0 ||
	       (n - i > k && line[i + k] != ' ' && line[i + k] != '\t');
}

/* The next line that says something (not blank, not a comment), split
 * into r->words. Returns 1, 0 at the end, -1 on an overlong line. */
static int next_line(struct reader *r, struct cursor *c)
{
	while (c->pos < c->len) {
		const char *line = c->text + c->pos;
		const char *nl = memchr(line, '\n', c->len - c->pos);
		size_t n = nl ? (size_t)(nl - line) : c->len - c->pos;
		c->pos += n + (nl ? 1 : 0);
		r->line_no = ++c->line_no;
		r->line_offset = (size_t)(line - c->text);
		r->line_len = n;
		if (n > MAX_LINE_LENGTH)
			return fail(r, "line longer than %zu bytes",
				    MAX_LINE_LENGTH);
		if (n && line[n - 1] == '\r')
			n--;
		if (skip_line(c, line, n))
			continue;
		split_words(r, line, n);
		if (r->nwords && r->words[0].s[0] != '#')
			return 1;
	}
	return 0;
}

/* Every line after start (only those starting with `only`, if given). */
static int each_line(struct reader *r, struct cursor start, const char *only,
		     line_parser fn)
{
	int more;
	start.only = only;
	while ((more = next_line(r, &start)) > 0)
		if (fn(r))
			return -1;
	return more;
}

static const char *kind_name(enum abg_text_kind kind)
{
	return kind == ABG_TEXT_BASELINE ? "baseline" : "summary";
}

static int check_magic(struct reader *r)
{
	enum abg_text_kind other = r->kind == ABG_TEXT_BASELINE
					   ? ABG_TEXT_SUMMARY
					   : ABG_TEXT_BASELINE;
	char want[32], other_magic[32];
	snprintf(want, sizeof want, "abiguard-%s", kind_name(r->kind));
	snprintf(other_magic, sizeof other_magic, "abiguard-%s",
		 kind_name(other));
	if (word_is(r, 0, other_magic))
		return fail(r, "not an abiguard %s (this is an abiguard %s)",
			    kind_name(r->kind), kind_name(other));
	if (!word_is(r, 0, want) || r->nwords != 2)
		return fail(r, "not an abiguard %s (expected '%s %d')",
			    kind_name(r->kind), want,
			    r->kind == ABG_TEXT_BASELINE
				    ? ABG_FORMAT_VERSION
				    : ABG_SUMMARY_FORMAT_VERSION);
	uint64_t version = 0;
	if (!parse_u64(r->words[1].s, r->words[1].len, &version) || !version)
		return fail(r, "unsupported format version '%.*s'",
			    QUOTE(&r->words[1]));
	unsigned newest = r->kind == ABG_TEXT_BASELINE
				  ? ABG_FORMAT_VERSION
				  : ABG_SUMMARY_FORMAT_VERSION;
	if (version > newest)
		return fail(r, "format %llu is newer than this abiguard (%u)",
			    (unsigned long long)version, newest);
	/* Format 1 did not record the API surface: rules that judge what
	 * changed in it have nothing to compare with. */
	r->m->api_recorded = r->kind == ABG_TEXT_BASELINE && version >= 2;
	return 0;
}

/* A NUL would end the text early for anyone who treats it as a string. */
static int check_no_nul(struct reader *r, const char *text, size_t len)
{
	const char *nul = memchr(text, '\0', len);
	if (!nul)
		return 0;
	r->line_no = 1;
	for (const char *p = text; p < nul; p++)
		r->line_no += *p == '\n';
	return fail(r, "NUL byte in the text");
}

static int read_text(struct reader *r, const char *text, size_t len)
{
	/* Object-file notes are padded with NULs. */
	while (len && text[len - 1] == '\0')
		len--;
	if (len > MAX_TEXT_SIZE)
		return fail(r, "larger than %zu MiB", MAX_TEXT_SIZE >> 20);
	if (check_no_nul(r, text, len))
		return -1;
	struct cursor c = {text, len, 0, 0, NULL};
	int found = next_line(r, &c);
	if (found <= 0)
		return found < 0 ? -1
				 : abg_error_set(r->err, r->path, 0,
						 "not an abiguard %s (it is "
						 "empty)",
						 kind_name(r->kind));
	if (check_magic(r))
		return -1;
	observe(r, ABG_RECORD_EAGER, NULL);
	if (each_line(r, c, "base", parse_base_line) ||
	    each_line(r, c, NULL, parse_line))
		return -1;
	return check_containment(r);
}

static void reader_free(struct reader *r)
{
	free(r->words);
	free(r->tokens);
	free(r->layouts);
	free(r->def_lines);
	abg_strbuf_free(&r->scratch);
	abg_strbuf_free(&r->name);
	abg_strbuf_free(&r->last_line_copy);
	abg_hash_free(&r->bases);
	abg_hash_free(&r->nodes);
	free(r->facts.slots);
	abg_hash_free(&r->spellings);
	abg_arena_free(&r->keys);
}

static void reader_init(struct reader *r, const char *path,
			enum abg_text_kind kind, struct abg_error *err)
{
	memset(r, 0, sizeof *r);
	r->m = abg_model_new();
	r->path = path;
	r->kind = kind;
	r->err = err;
	if (kind == ABG_TEXT_BASELINE)
		r->loc_file = abg_model_intern(r->m, path);
}

static int model_read(const char *path, const char *text, size_t len,
		      enum abg_text_kind kind,
		      const struct abg_record_observer *observer,
		      struct abg_model **out, struct abg_error *err)
{
	struct reader r;
	reader_init(&r, path, kind, err);
	/* Typical texts intern a string per 96 bytes and make a type per
	 * 128 (the benchmark libraries' summaries and baselines): sized
	 * once, the tables are not rehashed as they fill. Only a guess from
	 * the size: a huge text of comments gets no huge tables. */
	size_t guess = (text ? len : 0) / 96;
	guess = guess < MAX_RESERVED ? guess : MAX_RESERVED;
	abg_model_reserve(r.m, guess, guess * 3 / 4);
	/* The same texts state a fact (a member, a version) and cut a new
	 * spelling per 200 bytes or so. */
	if (guess / 2) {
		abg_hash_reserve(&r.spellings, guess / 2);
		facts_reserve(&r.facts, guess / 2);
	}
	r.observer = observer;
	int rc = read_text(&r, text ? text : "", text ? len : 0);
	reader_free(&r);
	if (rc) {
		abg_model_free(r.m);
		r.m = NULL;
	}
	*out = r.m;
	return rc ? -1 : 0;
}

int abg_model_read(const char *path, const char *text, size_t len,
		   enum abg_text_kind kind, struct abg_model **out,
		   struct abg_error *err)
{
	return model_read(path, text, len, kind, NULL, out, err);
}

int abg_baseline_read_observed(const char *path, const char *text, size_t len,
			       const struct abg_record_observer *observer,
			       struct abg_model **out, struct abg_error *err)
{
	return model_read(path, text, len, ABG_TEXT_BASELINE, observer, out,
			  err);
}

/* ---- record by record (abiguard/baseline_records.h) -------------------- */

struct abg_record_reader {
	struct reader r;
	struct abg_record_observer check;
	struct abg_record seen; /* what the last line turned out to be */
};

static void remember(void *ctx, const struct abg_record *rec)
{
	struct abg_record_reader *rr = ctx;
	rr->seen = *rec;
}

struct abg_record_reader *abg_record_reader_new(const char *path,
						struct abg_error *err)
{
	struct abg_record_reader *rr = calloc(1, sizeof *rr);
	if (!rr)
		abort();
	reader_init(&rr->r, path, ABG_TEXT_BASELINE, err);
	rr->check.record = remember;
	rr->check.ctx = rr;
	rr->r.observer = &rr->check;
	return rr;
}

static bool same_record(const struct abg_record *a, const struct abg_record *b)
{
	if (a->key != b->key)
		return false;
	return a->key == ABG_RECORD_EAGER || strcmp(a->name, b->name) == 0;
}

/* One line, as the passes of read_text() treat it: the magic line first,
 * base lines as the first pass reads them, the others as the second. */
static int read_record(struct abg_record_reader *rr, const char *line,
		       size_t len, unsigned line_no)
{
	struct reader *r = &rr->r;
	memset(&rr->seen, 0, sizeof rr->seen);
	r->line_no = line_no;
	if (len > MAX_LINE_LENGTH)
		return fail(r, "line longer than %zu bytes", MAX_LINE_LENGTH);
	if (memchr(line, '\0', len) || memchr(line, '\n', len))
		return fail(r, "not one line of text");
	if (len && line[len - 1] == '\r')
		len--;
	split_words(r, line, len);
	if (!r->nwords || r->words[0].s[0] == '#')
		return 0;
	if (!r->magic_seen) {
		r->magic_seen = true;
		return check_magic(r);
	}
	return word_is(r, 0, "base") ? parse_base(r) : parse_line(r);
}

int abg_record_reader_line(struct abg_record_reader *rr, const char *line,
			   size_t len, unsigned line_no,
			   const struct abg_record *expect)
{
	struct reader *r = &rr->r;
	int rc = read_record(rr, line, len, line_no);
	if (rc || !expect)
		return rc;
	rr->seen.offset = expect->offset;
	rr->seen.len = expect->len;
	rr->seen.line_no = expect->line_no;
	if (!same_record(&rr->seen, expect))
		return fail(r, "this line is not the record the index names");
	return 0;
}

struct abg_model *abg_record_reader_model(struct abg_record_reader *rr)
{
	return rr->r.m;
}

struct abg_model *abg_record_reader_finish(struct abg_record_reader *rr)
{
	struct abg_model *m = rr->r.m;
	int rc = rr->r.magic_seen
			 ? check_containment(&rr->r)
			 : abg_error_set(rr->r.err, rr->r.path, 0,
					 "not an abiguard baseline (it is "
					 "empty)");
	if (rc) {
		abg_model_free(m);
		m = NULL;
	}
	rr->r.m = NULL;
	abg_record_reader_free(rr);
	return m;
}

void abg_record_reader_free(struct abg_record_reader *rr)
{
	if (!rr)
		return;
	reader_free(&rr->r);
	abg_model_free(rr->r.m);
	free(rr);
}

int abg_baseline_load(const char *path, struct abg_model **out,
		      struct abg_error *err)
{
	*out = NULL;
	/* abg_read_file refuses a huge file before reading it (and a FIFO
	 * or a device before opening it for good). */
	size_t len = 0;
	char *text = abg_read_file(path, &len, err);
	if (!text)
		return -1;
	int rc = abg_model_read(path, text, len, ABG_TEXT_BASELINE, out, err);
	free(text);
	return rc;
}
