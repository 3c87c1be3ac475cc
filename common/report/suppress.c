/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE /* memmem */
#include "abiguard/suppress.h"

#include <fnmatch.h>
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
	/* memmem: most lines of a header have no directive at all, and a
	 * finding's file is scanned from its first line. */
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

static const char *line_end(const char *p)
{
	const char *nl = strchr(p, '\n');
	return nl ? nl : p + strlen(p);
}

bool abg_suppressed_in_text(const char *text, unsigned line,
			    const char *rule_id)
{
	bool in_block = false;
	const char *p = text;
	for (unsigned no = 1; p && *p && no <= line; no++) {
		const char *end = line_end(p);
		if (directive_covers(p, end, "NOLINTBEGIN", rule_id))
			in_block = true;
		if (no < line && directive_covers(p, end, "NOLINTEND", rule_id))
			in_block = false;
		if (no + 1 == line &&
		    directive_covers(p, end, "NOLINTNEXTLINE", rule_id))
			return true;
		if (no == line)
			return in_block ||
			       directive_covers(p, end, "NOLINT", rule_id);
		p = *end ? end + 1 : NULL;
	}
	return false;
}

/* ---- the filter ---------------------------------------------------------- */

static const char *source_text(struct abg_suppress_filter *f,
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
	abg_hash_put(&f->files, strdup(file), text);
	return text;
}

static bool suppressed(struct abg_suppress_filter *f,
		       const struct abg_finding *finding)
{
	if (!finding->loc.file || !finding->loc.line)
		return false;
	const char *text = source_text(f, finding->loc.file);
	return text && abg_suppressed_in_text(text, finding->loc.line,
					      finding->rule_id);
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
	f->sink.ctx = f;
}

void abg_suppress_free(struct abg_suppress_filter *f)
{
	for (size_t i = 0; i < f->files.cap; i++)
		if (f->files.slots[i].key) {
			free((char *)f->files.slots[i].key);
			free(f->files.slots[i].value);
		}
	abg_hash_free(&f->files);
	free(f->root);
	memset(f, 0, sizeof *f);
}
