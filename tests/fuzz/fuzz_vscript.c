/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the GNU ld version-script parser and its matcher. */
#include "abiguard/symbols.h"
#include "abiguard/vscript.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct abg_vscript *vs = NULL;
	struct abg_error err;
	if (abg_vscript_parse("fuzz.map", (const char *)data, size, &vs,
			      &err) == 0) {
		abg_vscript_node_for(vs, "foo_open", NULL);
		abg_vscript_default_node(vs, "foo_open");
		abg_vscript_free(vs);
	}
	return 0;
}
