/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Do the baseline index and the text reader agree on a baseline?
 *
 *   index-agree FILE...
 *
 * For each baseline FILE: read it whole; build its index; then
 *   - ask the index for everything: the model must write the same bytes
 *     as the whole text's;
 *   - ask it for each symbol name, each API name and each type name alone:
 *     every line of what comes back must be a line of the whole baseline,
 *     the symbols and types asked for must be there with the same lines,
 *     and every type that comes back must be as complete as in the whole
 *     (the types a record reaches come with it).
 * and its image (abiguard/baseline_image.h) must load as the very model
 * the text reads as, field by field (model_same.c).
 * Prints one line per file, exits 1 on the first disagreement.
 */
#include "abiguard/baseline_image.h"
#include "abiguard/baseline_index.h"
#include "abiguard/serialize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_same.h"

struct baseline {
	const char *path;
	char *text;
	size_t len;
	struct abg_model *full;
	struct abg_strbuf written; /* the full model, written */
	struct abg_hash lines;	   /* its lines */
	struct abg_strbuf index;
	struct abg_baseline_index *ix;
};

static int fail(const struct baseline *b, const char *what, const char *name)
{
	fprintf(stderr, "%s: index and text disagree: %s '%s'\n", b->path, what,
		name ? name : "");
	return 1;
}

/* The lines that say something, each NUL-terminated in place. */
static void each_line(char *text, void (*fn)(void *, const char *), void *ctx)
{
	for (char *line = text; line && *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		if (*line && *line != '#')
			fn(ctx, line);
		line = nl ? nl + 1 : NULL;
	}
}

static void remember_line(void *ctx, const char *line)
{
	abg_hash_put(ctx, line, (void *)1);
}

struct subset {
	const struct abg_hash *lines;
	const char *missing;
};

static void check_line(void *ctx, const char *line)
{
	struct subset *s = ctx;
	if (!s->missing && !abg_hash_contains(s->lines, line))
		s->missing = line;
}

static struct abg_model *ask(struct baseline *b, const char *symbol,
			     const char *type)
{
	struct abg_baseline_wants w = {&symbol, symbol ? 1 : 0, &type,
				       type ? 1 : 0};
	struct abg_error err = {0};
	struct abg_model *m = abg_baseline_index_read(b->ix, b->path, &w, &err);
	if (!m)
		fprintf(stderr, "%s: %s\n", b->path, err.message);
	return m;
}

/* Every line of part is a line of the whole; every type as complete. */
static int check_part(struct baseline *b, const struct abg_model *part,
		      const char *name)
{
	struct abg_strbuf sb = {0};
	abg_model_write(part, ABG_TEXT_BASELINE, NULL, &sb);
	struct subset s = {&b->lines, NULL};
	each_line(sb.data, check_line, &s);
	int rc = s.missing
			 ? fail(b, "a line the whole does not have", s.missing)
			 : 0;
	for (abg_type_id id = 1; !rc && id < part->ntypes; id++) {
		const struct abg_type *t = &part->types[id];
		if (!t->name)
			continue;
		abg_type_id whole =
			abg_model_find_named(b->full, t->kind, t->name);
		const struct abg_type *w = abg_model_type(b->full, whole);
		if (w && w->complete != t->complete)
			rc = fail(b, "a type the part does not define",
				  t->name);
	}
	if (rc)
		fprintf(stderr, "  (asked for '%s')\n", name);
	abg_strbuf_free(&sb);
	return rc;
}

static int check_symbol(struct baseline *b, const char *name)
{
	struct abg_model *part = ask(b, name, NULL);
	if (!part)
		return fail(b, "no part for", name);
	int rc = check_part(b, part, name);
	for (size_t i = 0; !rc && i < b->full->nsymbols; i++) {
		const struct abg_symbol *s = &b->full->symbols[i];
		if (strcmp(s->name, name) == 0 &&
		    !abg_model_find_symbol(part, s->name, s->node,
					   s->is_default))
			rc = fail(b, "a symbol the part lacks", name);
	}
	if (!rc && abg_model_find_api(b->full, name) &&
	    !abg_model_find_api(part, name))
		rc = fail(b, "an API entry the part lacks", name);
	abg_model_free(part);
	return rc;
}

static int check_type(struct baseline *b, const struct abg_type *t)
{
	struct abg_model *part = ask(b, NULL, t->name);
	if (!part)
		return fail(b, "no part for", t->name);
	int rc = check_part(b, part, t->name);
	abg_type_id id = abg_model_find_named(part, t->kind, t->name);
	const struct abg_type *got = abg_model_type(part, id);
	if (!rc && (!got || got->complete != t->complete))
		rc = fail(b, "a type the part lacks", t->name);
	abg_model_free(part);
	return rc;
}

/* Asked for everything, the index gives the whole. */
static int check_all(struct baseline *b)
{
	const struct abg_model *m = b->full;
	struct abg_baseline_wants w = {0};
	size_t cap = 0, tcap = 0;
	for (size_t i = 0; i < m->nsymbols; i++)
		*ABG_PUSH(w.symbols, w.nsymbols, cap) = m->symbols[i].name;
	for (size_t i = 0; i < m->napi; i++)
		*ABG_PUSH(w.symbols, w.nsymbols, cap) = m->api[i].name;
	for (abg_type_id id = 1; id < m->ntypes; id++)
		if (m->types[id].name)
			*ABG_PUSH(w.types, w.ntypes, tcap) = m->types[id].name;
	struct abg_error err = {0};
	struct abg_model *all =
		abg_baseline_index_read(b->ix, b->path, &w, &err);
	struct abg_strbuf sb = {0};
	if (all)
		abg_model_write(all, ABG_TEXT_BASELINE, NULL, &sb);
	int rc = !all ? fail(b, "no model for everything", err.message)
		 : strcmp(abg_strbuf_cstr(&sb), abg_strbuf_cstr(&b->written))
			 ? fail(b, "everything asked, another text", NULL)
			 : 0;
	abg_model_free(all);
	abg_strbuf_free(&sb);
	free(w.symbols);
	free(w.types);
	return rc;
}

static int check_each(struct baseline *b)
{
	const struct abg_model *m = b->full;
	int rc = check_all(b);
	for (size_t i = 0; !rc && i < m->nsymbols; i++)
		rc = check_symbol(b, m->symbols[i].name);
	for (size_t i = 0; !rc && i < m->napi; i++)
		rc = check_symbol(b, m->api[i].name);
	for (abg_type_id id = 1; !rc && id < m->ntypes; id++)
		if (m->types[id].name && m->types[id].kind != ABG_TYPE_BASE)
			rc = check_type(b, &m->types[id]);
	return rc;
}

/* The text's model, through its image, is the text's model. */
static int check_image(const struct baseline *b)
{
	struct abg_model *text = NULL, *image = NULL;
	struct abg_error err = {0};
	if (abg_model_read(b->path, b->text, b->len, ABG_TEXT_BASELINE, &text,
			   &err))
		return fail(b, "the text does not read", err.message);
	uint64_t hash = abg_content_hash(b->text, b->len);
	struct abg_strbuf bytes = {0};
	abg_baseline_image_write(text, b->path, hash, &bytes);
	int rc = 0;
	if (abg_baseline_image_read(bytes.data, bytes.len, b->path, hash,
				    &image))
		rc = fail(b, "the image does not load", NULL);
	const char *d = rc ? NULL : abg_test_model_difference(text, image);
	if (d)
		rc = fail(b, "the image and the text differ in", d);
	abg_strbuf_free(&bytes);
	abg_model_free(text);
	abg_model_free(image);
	return rc;
}

static int check_file(const char *path)
{
	struct baseline b = {.path = path};
	struct abg_error err = {0};
	int rc = 1;
	b.text = abg_read_file(path, &b.len, &err);
	if (!b.text || abg_baseline_index_build(path, b.text, b.len, NULL,
						&b.full, &b.index, &err)) {
		fprintf(stderr, "%s:%u: error: %s\n", err.file, err.line,
			err.message);
		goto out;
	}
	const char *why = NULL;
	struct abg_bytes index = {-1, b.index.data, b.index.len};
	struct abg_bytes text = {-1, b.text, b.len};
	b.ix = abg_baseline_index_open(index, text, NULL, &why);
	if (!b.ix) {
		fail(&b, "the index does not open", why);
		goto out;
	}
	abg_model_write(b.full, ABG_TEXT_BASELINE, NULL, &b.written);
	char *copy = strdup(abg_strbuf_cstr(&b.written));
	each_line(copy, remember_line, &b.lines);
	rc = check_each(&b);
	if (!rc)
		rc = check_image(&b);
	if (!rc)
		printf("%s: agree, index and image (%zu symbols, %u types)\n",
		       path, b.full->nsymbols, b.full->ntypes - 1);
	abg_hash_free(&b.lines);
	free(copy);
out:
	abg_baseline_index_free(b.ix);
	abg_model_free(b.full);
	abg_strbuf_free(&b.written);
	abg_strbuf_free(&b.index);
	free(b.text);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s BASELINE...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++)
		if (check_file(argv[i]))
			return 1;
	return 0;
}
