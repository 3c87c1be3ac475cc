/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the version script's lookup structures (the name
 * index with its chains, node lookups, depths), asked about every name
 * and node the script mentions, as the rules ask. */
#include "abiguard/symbols.h"
#include "abiguard/vscript.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void ask_about(const struct abg_vscript *vs, const char *name)
{
	size_t listed = 0;
	for (const struct abg_vs_listing *l =
		     abg_vscript_exact_listings(vs, name);
	     l; l = l->next) {
		/* Chains hold exact listings of this name only. */
		if (l->pattern->is_glob || strcmp(l->pattern->text, name) != 0)
			abort();
		if (++listed > vs->nnodes * 1000 + 1000)
			abort(); /* a cycle in a chain */
	}
	abg_vscript_node_for(vs, name, NULL);
	abg_vscript_default_node(vs, name);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct abg_vscript *vs = NULL;
	struct abg_error err;
	if (abg_vscript_parse("fuzz.map", (const char *)data, size, &vs,
			      &err) != 0)
		return 0;
	for (size_t i = 0; i < vs->nnodes; i++) {
		const struct abg_vs_node *n = &vs->nodes[i];
		if (abg_vscript_find_node(vs, n->name) != n)
			abort();
		for (size_t k = 0; k < n->nparents; k++) {
			const struct abg_vs_node *p =
				abg_vscript_find_node(vs, n->parents[k]);
			/* Parents exist, and are strictly shallower. */
			if (!p || p->depth >= n->depth)
				abort();
		}
		for (size_t k = 0; k < n->npatterns; k++)
			ask_about(vs, n->patterns[k].text);
	}
	abg_vscript_free(vs);
	return 0;
}
