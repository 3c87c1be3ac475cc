/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE /* memmem */
#include "abiguard/suppress.h"
#include "abiguard/suggest.h"

#include <fnmatch.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Does the directive at `p` (just after "NOLINT", "NOLINTNEXTLINE", ...)
 * cover rule_id? No list: every rule. "(a, b*)": the listed ones.
 */
static bool list_covers(const char *p, const char *end, const char *rule_id)
{
	if (p >= end || *p != '(')
		return true;
	const char *close = memchr(p, ')', (size_t)(end - p));
	if (!close)
		return false;
	for (const char *item = p + 1; item < close;) {
		while (item < close && (*item == ' ' || *item == ','))
			item++;
		const char *stop = item;
		while (stop < close && *stop != ',' && *stop != ' ')
			stop++;
		if (stop > item) {
			char pattern[128];
			size_t n = (size_t)(stop - item);
			if (n >= sizeof pattern)
				n = sizeof pattern - 1;
			memcpy(pattern, item, n);
			pattern[n] = '\0';
			if (strcmp(pattern, "*") == 0 ||
			    fnmatch(pattern, rule_id, 0) == 0)
				return true;
			/* The clang-tidy check name, abiguard-RULE, too: a
			 * comment written for clang-tidy silences every front
			 * end alike. */
			char check[160];
			snprintf(check, sizeof check, "abiguard-%s", rule_id);
			if (fnmatch(pattern, check, 0) == 0)
				return true;
		}
		item = stop;
	}
	return false;
}

/* Find `word` as a whole directive in [line, end) (not NOLINTNEXTLINE when
 * looking for NOLINT) and test its rule list. */
static bool directive_covers(const char *line, const char *end,
			     const char *word, const char *rule_id)
{
	size_t n = strlen(word);
	/* memmem: a directive is a few words in a long line. */
	for (const char *p = line; p + n <= end; p++) {
		p = memmem(p, (size_t)(end - p), word, n);
		if (!p)
			return false;
		const char *after = p + n;
		if (after < end && (*after >= 'A' && *after <= 'Z'))
			continue; /* NOLINT is a prefix of NOLINTNEXTLINE */
		if (list_covers(after, end, rule_id))
			return true;
	}
	return false;
}

/*
 * A file is indexed once, however many findings point into it: the lines
 * that carry a directive at all (most lines of a header carry none), each
 * with its number and its text. A query then costs a binary search, not a
 * scan from line 1 (40,000 findings in one version script took seconds).
 */
struct marked_line {
	unsigned no;
	const char *start, *end;
};

/* The NOLINTBEGIN/END state of one rule after each marked line. */
struct block_state {
	bool *after;  /* in a block after marked line i (BEGIN, END applied) */
	bool *begins; /* marked line i opens a block for the rule */
};

struct source_index {
	char *text; /* owned, or NULL */
	struct marked_line *lines;
	size_t nlines, lines_cap;
	unsigned last_line;	/* number of the last line of the text */
	struct abg_hash blocks; /* rule id (owned copy) -> struct block_state */
};

static void index_text(struct source_index *ix, const char *text)
{
	static const char word[] = "NOLINT";
	const char *p = text, *end = text + strlen(text);
	unsigned no = 1;
	while (p < end) {
		/* strstr, not memmem: the text ends at its NUL, and glibc's
		 * strstr is vectorized where its memmem is not (a quarter of
		 * the time on a 10,000-entry version script). */
		const char *hit = strstr(p, word);
		const char *stop = hit ? hit : end;
		for (const char *nl = p;
		     (nl = memchr(nl, '\n', (size_t)(stop - nl))) != NULL; nl++)
			no++;
		if (!hit)
			break;
		const char *start = hit;
		while (start > text && start[-1] != '\n')
			start--;
		const char *line_end = memchr(hit, '\n', (size_t)(end - hit));
		if (!line_end)
			line_end = end;
		*ABG_PUSH(ix->lines, ix->nlines, ix->lines_cap) =
			(struct marked_line){no, start, line_end};
		p = line_end;
	}
	/* A final newline ends the last line; it does not start another. */
	ix->last_line = end > text && end[-1] == '\n' ? no - 1 : no;
	if (end == text)
		ix->last_line = 0;
}

static void index_free(struct source_index *ix)
{
	for (size_t i = 0; i < ix->blocks.cap; i++)
		if (ix->blocks.slots[i].key) {
			struct block_state *b = ix->blocks.slots[i].value;
			free(b->after);
			free(b->begins);
			free(b);
			free((char *)ix->blocks.slots[i].key);
		}
	abg_hash_free(&ix->blocks);
	free(ix->lines);
	free(ix->text);
}

/* One pass over the marked lines, once per rule that is asked about. */
static const struct block_state *block_state(struct source_index *ix,
					     const char *rule_id)
{
	struct block_state *b = abg_hash_get(&ix->blocks, rule_id);
	if (b)
		return b;
	b = calloc(1, sizeof *b);
	size_t n = ix->nlines ? ix->nlines : 1;
	if (!b || !(b->after = calloc(n, 1)) || !(b->begins = calloc(n, 1)))
		abort();
	bool in_block = false;
	for (size_t i = 0; i < ix->nlines; i++) {
		const struct marked_line *l = &ix->lines[i];
		b->begins[i] = directive_covers(l->start, l->end, "NOLINTBEGIN",
						rule_id);
		if (b->begins[i])
			in_block = true;
		if (directive_covers(l->start, l->end, "NOLINTEND", rule_id))
			in_block = false;
		b->after[i] = in_block;
	}
	char *key = strdup(rule_id);
	if (!key)
		abort();
	abg_hash_put(&ix->blocks, key, b);
	return b;
}

/* Index of the last marked line numbered <= no, or SIZE_MAX. */
static size_t marked_at_or_before(const struct source_index *ix, unsigned no)
{
	size_t lo = 0, hi = ix->nlines;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ix->lines[mid].no <= no)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? lo - 1 : SIZE_MAX;
}

static bool index_suppresses(struct source_index *ix, unsigned line,
			     const char *rule_id)
{
	if (line == 0 || line > ix->last_line)
		return false;
	size_t at = marked_at_or_before(ix, line);
	const struct marked_line *here =
		at != SIZE_MAX && ix->lines[at].no == line ? &ix->lines[at]
							   : NULL;
	size_t before = here ? (at ? at - 1 : SIZE_MAX) : at;
	const struct marked_line *prev =
		before != SIZE_MAX && ix->lines[before].no == line - 1
			? &ix->lines[before]
			: NULL;
	if (prev &&
	    directive_covers(prev->start, prev->end, "NOLINTNEXTLINE", rule_id))
		return true;
	if (!here && before == SIZE_MAX)
		return false;
	const struct block_state *b = block_state(ix, rule_id);
	if (before != SIZE_MAX && b->after[before])
		return true;
	if (!here)
		return false;
	return b->begins[at] ||
	       directive_covers(here->start, here->end, "NOLINT", rule_id);
}

bool abg_suppressed_in_text(const char *text, unsigned line,
			    const char *rule_id)
{
	struct source_index ix = {0};
	index_text(&ix, text);
	bool covered = index_suppresses(&ix, line, rule_id);
	index_free(&ix);
	return covered;
}

/* ---- unknown names in NOLINT lists ---------------------------------------- */

static bool is_glob(const char *name)
{
	return strpbrk(name, "*?[") != NULL;
}

/* Does a list item look like one of abiguard's names and match none?
 * *near gets the nearest id, or NULL. */
static bool unknown_abiguard_name(const char *item, const char *const *known,
				  const char **near)
{
	static const char prefix[] = "abiguard-";
	bool prefixed = strncmp(item, prefix, sizeof prefix - 1) == 0;
	const char *rule = prefixed ? item + sizeof prefix - 1 : item;
	if (is_glob(item) || abg_name_known(rule, known))
		return false;
	*near = abg_suggest(rule, known);
	return prefixed || *near;
}

static void warn_unknown(struct abg_suppress_filter *f, const char *file,
			 unsigned line, unsigned column, const char *item,
			 const char *near)
{
	struct abg_location loc = {
		.file = file, .line = line, .column = column};
	struct abg_finding *w =
		abg_finding_new(ABG_NOLINT_UNKNOWN_RULE, ABG_SEVERITY_WARNING,
				loc, "NOLINT names no abiguard rule '%s'%s%s%s",
				item, near ? " (did you mean '" : "",
				near ? near : "", near ? "'?)" : "");
	abg_sink_emit(f->next, w);
	abg_finding_free(w);
}

/* Each name of the list at `p` (just after a NOLINT* word) of a line. */
static void check_list(struct abg_suppress_filter *f, const char *file,
		       const struct marked_line *l, const char *p)
{
	if (p >= l->end || *p != '(')
		return;
	const char *close = memchr(p, ')', (size_t)(l->end - p));
	if (!close)
		return;
	for (const char *item = p + 1; item < close;) {
		while (item < close && (*item == ' ' || *item == ','))
			item++;
		const char *stop = item;
		while (stop < close && *stop != ',' && *stop != ' ')
			stop++;
		char name[128];
		size_t n = (size_t)(stop - item);
		const char *near = NULL;
		if (n && n < sizeof name) {
			memcpy(name, item, n);
			name[n] = '\0';
			if (unknown_abiguard_name(name, f->known_ids, &near))
				warn_unknown(f, file, l->no,
					     (unsigned)(item - l->start) + 1,
					     name, near);
		}
		item = stop;
	}
}

static void check_names(struct abg_suppress_filter *f, const char *file,
			const struct source_index *ix)
{
	static const char word[] = "NOLINT";
	for (size_t i = 0; i < ix->nlines; i++) {
		const struct marked_line *l = &ix->lines[i];
		for (const char *p = l->start; p < l->end; p++) {
			p = memmem(p, (size_t)(l->end - p), word,
				   sizeof word - 1);
			if (!p)
				break;
			const char *after = p + sizeof word - 1;
			while (after < l->end && *after >= 'A' && *after <= 'Z')
				after++;
			check_list(f, file, l, after);
		}
	}
}

/* ---- the filter ---------------------------------------------------------- */

/* Only the lines that say NOLINT are kept, in one buffer of their own: a
 * finding about the baseline would otherwise hold all of it (megabytes
 * for a large library) until the end of the run. */
static void keep_marked_lines(struct source_index *ix)
{
	size_t total = 0;
	for (size_t i = 0; i < ix->nlines; i++)
		total += (size_t)(ix->lines[i].end - ix->lines[i].start);
	char *kept = malloc(total + 1);
	if (!kept)
		abort();
	char *p = kept;
	for (size_t i = 0; i < ix->nlines; i++) {
		struct marked_line *l = &ix->lines[i];
		size_t n = (size_t)(l->end - l->start);
		memcpy(p, l->start, n);
		l->start = p;
		l->end = p + n;
		p += n;
	}
	*p = '\0';
	ix->text = kept;
}

/* The index of a finding's file, built on first use; NULL when the file
 * cannot be read (nothing in it can suppress anything then). */
static struct source_index *source_text(struct abg_suppress_filter *f,
					const char *file)
{
	if (abg_hash_contains(&f->files, file))
		return abg_hash_get(&f->files, file);
	struct abg_strbuf path = {0};
	if (file[0] != '/' && f->root)
		abg_strbuf_printf(&path, "%s/", f->root);
	abg_strbuf_append(&path, file);
	char *text = abg_read_file(path.data, NULL, NULL);
	abg_strbuf_free(&path);
	struct source_index *ix = NULL;
	if (text) {
		ix = calloc(1, sizeof *ix);
		if (!ix)
			abort();
		index_text(ix, text);
		keep_marked_lines(ix);
		free(text);
	}
	char *key = strdup(file);
	if (!key)
		abort();
	abg_hash_put(&f->files, key, ix);
	if (ix && f->known_ids)
		check_names(f, key, ix);
	return ix;
}

void abg_suppress_generated(struct abg_suppress_filter *f, const char *file)
{
	if (!file || abg_hash_contains(&f->files, file))
		return;
	char *key = strdup(file);
	if (!key)
		abort();
	abg_hash_put(&f->files, key, NULL); /* as a file that cannot be read */
}

static bool suppressed(struct abg_suppress_filter *f,
		       const struct abg_finding *finding)
{
	if (!finding->loc.file || !finding->loc.line)
		return false;
	struct source_index *ix = source_text(f, finding->loc.file);
	return ix && index_suppresses(ix, finding->loc.line, finding->rule_id);
}

static void filter_emit(void *ctx, const struct abg_finding *finding)
{
	struct abg_suppress_filter *f = ctx;
	if (suppressed(f, finding)) {
		f->suppressed++;
		return;
	}
	abg_sink_emit(f->next, finding);
}

void abg_suppress_init(struct abg_suppress_filter *f, struct abg_sink *next,
		       const char *root)
{
	memset(f, 0, sizeof *f);
	f->next = next;
	f->root = root ? strdup(root) : NULL;
	f->sink.emit = filter_emit;
	f->sink.forwards = true;
	f->sink.ctx = f;
}

void abg_suppress_know_rules(struct abg_suppress_filter *f,
			     const char *const *known_ids)
{
	f->known_ids = known_ids;
}

void abg_suppress_free(struct abg_suppress_filter *f)
{
	for (size_t i = 0; i < f->files.cap; i++)
		if (f->files.slots[i].key) {
			struct source_index *ix = f->files.slots[i].value;
			free((char *)f->files.slots[i].key);
			if (ix)
				index_free(ix);
			free(ix);
		}
	abg_hash_free(&f->files);
	free(f->root);
	memset(f, 0, sizeof *f);
}
