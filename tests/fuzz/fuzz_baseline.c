/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the baseline and summary reader (untrusted: baselines
 * arrive in pull requests, summaries in object files). */
#include "abiguard/serialize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum abg_text_kind kinds[] = {ABG_TEXT_BASELINE,
						   ABG_TEXT_SUMMARY};
	for (size_t i = 0; i < 2; i++) {
		struct abg_model *m = NULL;
		struct abg_error err;
		if (abg_model_read("fuzz.abi", (const char *)data, size,
				   kinds[i], &m, &err) == 0) {
			/* What was read must write without trouble. */
			struct abg_strbuf out = {0};
			abg_model_write(m, kinds[i], NULL, &out);
			abg_strbuf_free(&out);
			abg_model_free(m);
		}
	}
	return 0;
}
