/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the baseline index (untrusted: a cache file anyone
 * with access to the cache directory, or a bad disk, may have changed).
 * The input is used twice against a real baseline text: as index bytes
 * of their own, and as patches to the true index of that text (pairs of
 * offset and byte, a last odd byte cutting it short), which reach deeper
 * than random bytes do. Whatever the index says, reading through it must
 * end in a model or a clean error. */
#include "abiguard/baseline_index.h"
#include "abiguard/serialize.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char text[] =
	"abiguard-baseline 2\n"
	"soname libf.so.1\n"
	"target x86_64-lp64\n"
	"node F_1.0 released\n"
	"node F_2.0 open parents F_1.0\n"
	"func f_open@F_1.0 struct f *(const char *)\n"
	"func f_open@@F_2.0 struct f *(const char *, enum f_mode)\n"
	"func f_read@@F_1.0 int (struct f *, struct f_buf *)\n"
	"var f_version@@F_1.0 4 const int\n"
	"base char size 8 align 8 signed\n"
	"base int size 32 align 32 signed\n"
	"enum f_mode size 32 align 32 unsigned\n"
	"enum f_mode value F_READ 0\n"
	"enum f_mode value F_WRITE 1\n"
	"struct f opaque\n"
	"struct f_buf size 128 align 64\n"
	"struct f_buf field 0 data char *\n"
	"struct f_buf field 64 len int\n"
	"typedef f_cb int (*)(struct f_buf *)\n"
	"declared func f_open\n"
	"declared func f_read\n"
	"declared func f_gone unexported\n"
	"listed f_gone@F_1.0\n";

static const char *const symbols[] = {"f_open", "f_read", "f_version", "f_gone",
				      "f_none"};
static const char *const types[] = {"f", "f_buf", "f_mode", "f_cb", "g"};

static void read_through(const char *index, size_t size)
{
	const char *why = NULL;
	struct abg_bytes ib = {-1, index, size};
	struct abg_bytes tb = {-1, text, sizeof text - 1};
	struct abg_baseline_index *ix =
		abg_baseline_index_open(ib, tb, NULL, &why);
	if (!ix)
		return;
	struct abg_baseline_wants w = {(const char **)symbols, 5,
				       (const char **)types, 5};
	struct abg_error err;
	struct abg_model *m = abg_baseline_index_read(ix, "f.abi", &w, &err);
	if (m) {
		struct abg_strbuf out = {0};
		abg_model_write(m, ABG_TEXT_BASELINE, NULL, &out);
		abg_strbuf_free(&out);
		abg_model_free(m);
	}
	abg_baseline_index_free(ix);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct abg_strbuf good;
	if (!good.len) {
		struct abg_model *m = NULL;
		struct abg_error err;
		if (abg_baseline_index_build("f.abi", text, sizeof text - 1,
					     NULL, &m, &good, &err))
			abort(); /* the text above is a valid baseline */
		abg_model_free(m);
	}
	read_through((const char *)data, size);
	char *patched = malloc(good.len);
	if (!patched)
		abort();
	memcpy(patched, good.data, good.len);
	size_t len = good.len;
	for (size_t i = 0; i + 2 < size; i += 3) {
		size_t at = ((size_t)data[i] << 8 | data[i + 1]) % good.len;
		patched[at] = (char)data[i + 2];
	}
	if (size % 3)
		len = data[size - 1] % 2 ? len - (size_t)data[size - 1] % len
					 : len;
	read_through(patched, len);
	free(patched);
	return 0;
}
