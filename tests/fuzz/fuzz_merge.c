/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the summary merger (each object file of a library
 * brings one summary; they are merged into the library's model), after
 * the filter of repeated type blocks, as the post-link check runs them.
 * The input is several note payloads separated by lines "---", each the
 * summary text or its compressed frame (abiguard-zstd). */
#include "abiguard/merge.h"
#include "abiguard/note.h"
#include "abiguard/serialize.h"
#include "abiguard/type_blocks.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t conflicts;

static void on_conflict(void *ctx, const char *what, struct abg_location first,
			struct abg_location second)
{
	(void)ctx;
	(void)first;
	(void)second;
	if (!what)
		abort();
	conflicts++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data, *end = text + size;
	struct abg_model *lib = abg_model_new();
	struct abg_merger *merger = abg_merger_new(lib, on_conflict, NULL);
	struct abg_strbuf buf = {0}, kept = {0};
	struct abg_type_blocks blocks;
	abg_type_blocks_init(&blocks);
	while (text <= end) {
		const char *sep = NULL;
		for (const char *p = text; p + 4 <= end; p++)
			if (memcmp(p, "\n---", 4) == 0) {
				sep = p;
				break;
			}
		const char *stop = sep ? sep + 1 : end;
		/* A compressed piece ends at its frame: the newline before
		 * "---" belongs to the separator. */
		size_t magic = strlen(ABG_NOTE_ZSTD_MAGIC);
		if (sep && (size_t)(sep - text) >= magic &&
		    memcmp(text, ABG_NOTE_ZSTD_MAGIC, magic) == 0)
			stop = sep;
		struct abg_model *tu = NULL;
		struct abg_error err;
		const char *summary;
		size_t len;
		if (abg_note_text("fuzz.o", (const unsigned char *)text,
				  (size_t)(stop - text), &buf, &summary, &len,
				  &err) == 0) {
			abg_type_blocks_filter(&blocks, summary, len, &kept);
			if (abg_model_read("fuzz.o", abg_strbuf_cstr(&kept),
					   kept.len, ABG_TEXT_SUMMARY, &tu,
					   &err) == 0)
				abg_merger_add(merger, tu);
		}
		abg_model_free(tu);
		if (!sep)
			break;
		text = sep + 4;
	}
	abg_type_blocks_free(&blocks);
	abg_strbuf_free(&kept);
	abg_strbuf_free(&buf);
	abg_merger_free(merger);
	/* The merged model must canonicalize and write like any other. */
	abg_model_canonicalize(lib);
	struct abg_strbuf out = {0};
	abg_model_write(lib, ABG_TEXT_BASELINE, NULL, &out);
	abg_strbuf_free(&out);
	abg_model_free(lib);
	return 0;
}
