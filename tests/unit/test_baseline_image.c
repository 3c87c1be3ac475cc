/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Baseline images (abiguard/baseline_image.h) and the cached whole load
 * (abg_baseline_load_cached): an image loads as its text's model, moves
 * with the baseline's path, belongs to one text, and any damage or forgery
 * is refused without harm; the tools fall back to the text.
 * That every committed and fixture baseline rebuilds field by field is
 * tests/unit/index_agree.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "abiguard/baseline_cache.h"
#include "abiguard/baseline_image.h"
#include "abiguard/serialize.h"

#define OUT_DIR ABG_TEST_BINARY_DIR "/baseline-image-out"
#define DEMO ABG_TEST_SOURCE_DIR "/unit/data/serialize/demo.abi"
#define ALL ABG_TEST_SOURCE_DIR "/unit/data/serialize/all.abi"
/* The header's size and where its checksum of the body is: a forger
 * who knows the layout reseals what it changed. */
#define HEADER_SIZE 48
#define BODY_HASH_AT 40

struct text {
	char *bytes;
	size_t len;
	uint64_t hash;
	struct abg_model *model;
};

static void read_text(const char *path, struct text *t)
{
	struct abg_error err = {0};
	t->bytes = abg_read_file(path, &t->len, &err);
	assert_non_null(t->bytes);
	t->hash = abg_content_hash(t->bytes, t->len);
	assert_int_equal(abg_model_read(path, t->bytes, t->len,
					ABG_TEXT_BASELINE, &t->model, &err),
			 0);
}

static void free_text(struct text *t)
{
	free(t->bytes);
	abg_model_free(t->model);
}

static void written(const struct abg_model *m, struct abg_strbuf *out)
{
	abg_strbuf_reset(out);
	abg_model_write(m, ABG_TEXT_BASELINE, NULL, out);
}

static void test_image_reads_as_its_text(void **state)
{
	(void)state;
	struct text t;
	read_text(ALL, &t);
	struct abg_strbuf image = {0}, a = {0}, b = {0};
	abg_baseline_image_write(t.model, ALL, t.hash, &image);
	struct abg_model *m = NULL;
	assert_int_equal(
		abg_baseline_image_read(image.data, image.len, ALL, t.hash, &m),
		0);
	written(t.model, &a);
	written(m, &b);
	assert_string_equal(a.data, b.data);
	abg_model_free(m);
	abg_strbuf_free(&image);
	abg_strbuf_free(&a);
	abg_strbuf_free(&b);
	free_text(&t);
}

/* A baseline's symbols and types are located in the baseline: in the
 * file the tool was given this time, whatever path made the image. */
static void test_locations_follow_the_path(void **state)
{
	(void)state;
	struct text t;
	read_text(DEMO, &t);
	struct abg_strbuf image = {0};
	abg_baseline_image_write(t.model, DEMO, t.hash, &image);
	struct abg_model *m = NULL;
	assert_int_equal(abg_baseline_image_read(image.data, image.len,
						 "elsewhere/demo.abi", t.hash,
						 &m),
			 0);
	assert_true(m->nsymbols > 0);
	for (size_t i = 0; i < m->nsymbols; i++) {
		assert_string_equal(m->symbols[i].loc.file,
				    "elsewhere/demo.abi");
		assert_int_equal(m->symbols[i].loc.line,
				 t.model->symbols[i].loc.line);
	}
	abg_model_free(m);
	abg_strbuf_free(&image);
	free_text(&t);
}

static void test_image_of_another_text_is_refused(void **state)
{
	(void)state;
	struct text t;
	read_text(DEMO, &t);
	struct abg_strbuf image = {0};
	abg_baseline_image_write(t.model, DEMO, t.hash, &image);
	struct abg_model *m = NULL;
	assert_int_equal(abg_baseline_image_read(image.data, image.len, DEMO,
						 t.hash + 1, &m),
			 -1);
	assert_null(m);
	abg_strbuf_free(&image);
	free_text(&t);
}

static void test_every_truncation_is_refused(void **state)
{
	(void)state;
	struct text t;
	read_text(DEMO, &t);
	struct abg_strbuf image = {0};
	abg_baseline_image_write(t.model, DEMO, t.hash, &image);
	for (size_t len = 0; len < image.len; len++) {
		struct abg_model *m = NULL;
		char *copy =
			malloc(len + 1); /* exactly len: ASan sees overreads */
		memcpy(copy, image.data, len);
		assert_int_equal(
			abg_baseline_image_read(copy, len, DEMO, t.hash, &m),
			-1);
		free(copy);
	}
	abg_strbuf_free(&image);
	free_text(&t);
}

static void reseal(char *image, size_t len)
{
	uint64_t h = abg_content_hash(image + HEADER_SIZE, len - HEADER_SIZE);
	memcpy(image + BODY_HASH_AT, &h, sizeof h);
}

/* Any byte of the body changed, the checksum made to match: refused or
 * loaded, never a crash, an overread or a runaway allocation. */
static void test_forged_bytes_do_no_harm(void **state)
{
	(void)state;
	static const unsigned char forgeries[] = {0x00, 0x01, 0x7f, 0xff};
	struct text t;
	read_text(DEMO, &t);
	struct abg_strbuf image = {0};
	abg_baseline_image_write(t.model, DEMO, t.hash, &image);
	char *copy = malloc(image.len);
	size_t refused = 0, loaded = 0;
	for (size_t at = HEADER_SIZE; at < image.len; at++)
		for (size_t f = 0; f < sizeof forgeries; f++) {
			memcpy(copy, image.data, image.len);
			if ((unsigned char)copy[at] == forgeries[f])
				continue;
			copy[at] = (char)forgeries[f];
			reseal(copy, image.len);
			struct abg_model *m = NULL;
			if (abg_baseline_image_read(copy, image.len, DEMO,
						    t.hash, &m))
				refused++;
			else
				loaded++;
			abg_model_free(m);
		}
	/* Most single-byte forgeries break a reference or a count. */
	assert_true(refused > loaded);
	free(copy);
	abg_strbuf_free(&image);
	free_text(&t);
}

/* The unforged checksum catches what a damaged disk changes. */
static void test_damage_is_refused(void **state)
{
	(void)state;
	struct text t;
	read_text(DEMO, &t);
	struct abg_strbuf image = {0};
	abg_baseline_image_write(t.model, DEMO, t.hash, &image);
	for (size_t at = 0; at < image.len; at += 7) {
		struct abg_model *m = NULL;
		image.data[at] ^= 0x10;
		assert_int_equal(abg_baseline_image_read(image.data, image.len,
							 DEMO, t.hash, &m),
				 -1);
		image.data[at] ^= 0x10;
	}
	abg_strbuf_free(&image);
	free_text(&t);
}

static struct abg_model *load(const char *path, const char *cache,
			      const char **status)
{
	struct abg_model *m = NULL;
	struct abg_error err = {0};
	assert_int_equal(
		abg_baseline_load_cached(path, cache, &m, status, &err), 0);
	return m;
}

static void assert_same_text(const struct abg_model *a,
			     const struct abg_model *b)
{
	struct abg_strbuf x = {0}, y = {0};
	written(a, &x);
	written(b, &y);
	assert_string_equal(x.data, y.data);
	abg_strbuf_free(&x);
	abg_strbuf_free(&y);
}

static void damage_images(const char *dir)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd,
		 "for f in %s/*.abgimg; do printf garbage > \"$f\"; done", dir);
	assert_int_equal(system(cmd), 0);
}

static void test_cache_builds_then_loads(void **state)
{
	(void)state;
	const char *cache = OUT_DIR "/cache";
	assert_int_equal(system("rm -rf '" OUT_DIR "'"), 0);
	const char *status = NULL;
	struct abg_model *cold = load(ALL, cache, &status);
	assert_string_equal(status, "image built");
	/* The cold load stored the text's index too: the warm one finds
	 * the image through it, without reading the text. */
	assert_int_equal(system("ls '" OUT_DIR "'/cache/*.abgidx >/dev/null"),
			 0);
	struct abg_model *warm = load(ALL, cache, &status);
	assert_string_equal(status, "image");
	assert_same_text(cold, warm);
	/* A damaged index is not used: the text's hash finds the image. */
	assert_int_equal(system("for f in '" OUT_DIR "'/cache/*.abgidx; do "
				"printf garbage > \"$f\"; done"),
			 0);
	struct abg_model *by_text = load(ALL, cache, &status);
	assert_string_equal(status, "image");
	assert_same_text(cold, by_text);
	abg_model_free(by_text);
	damage_images(cache);
	struct abg_model *again = load(ALL, cache, &status);
	assert_string_equal(status, "image built");
	assert_same_text(cold, again);
	struct abg_model *none = load(ALL, NULL, &status);
	assert_string_equal(status, "no cache");
	assert_same_text(cold, none);
	abg_model_free(cold);
	abg_model_free(warm);
	abg_model_free(again);
	abg_model_free(none);
}

/* The text decides: an invalid baseline gives its error whatever the
 * cache holds, and no image. */
static void test_invalid_text_is_an_error_and_no_image(void **state)
{
	(void)state;
	const char *cache = OUT_DIR "/cache-bad";
	const char *bad = OUT_DIR "/bad.abi";
	assert_int_equal(
		system("rm -rf '" OUT_DIR "' && mkdir -p '" OUT_DIR
		       "' && printf 'abiguard-baseline 3\\nnode\\n' > '" OUT_DIR
		       "/bad.abi'"),
		0);
	struct abg_model *m = NULL;
	struct abg_error err = {0};
	const char *status = NULL;
	assert_int_equal(
		abg_baseline_load_cached(bad, cache, &m, &status, &err), -1);
	assert_null(m);
	assert_string_equal(err.file, bad);
	assert_int_equal(err.line, 2);
	struct stat st;
	assert_int_not_equal(stat(cache, &st), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_image_reads_as_its_text),
		cmocka_unit_test(test_locations_follow_the_path),
		cmocka_unit_test(test_image_of_another_text_is_refused),
		cmocka_unit_test(test_every_truncation_is_refused),
		cmocka_unit_test(test_forged_bytes_do_no_harm),
		cmocka_unit_test(test_damage_is_refused),
		cmocka_unit_test(test_cache_builds_then_loads),
		cmocka_unit_test(test_invalid_text_is_an_error_and_no_image),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
