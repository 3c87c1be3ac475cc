/* SPDX-License-Identifier: GPL-3.0-or-later */
/* abiguard dump: a human-readable view of a library's versions and of the
 * ABI its translation units embedded, in the baseline's own notation. */
#include "library.h"

#include <stdio.h>
#include <string.h>

int cmd_dump(int argc, char **argv)
{
	if (argc != 2 || strcmp(argv[1], "--help") == 0) {
		bool help = argc == 2;
		fputs("usage: abiguard dump LIB.so\n", help ? stdout : stderr);
		return help ? ABG_EXIT_CLEAN : ABG_EXIT_ERROR;
	}
	struct cli_args a;
	if (cli_parse(&a, argc, argv, NULL)) {
		cli_args_free(&a);
		return ABG_EXIT_ERROR;
	}
	struct abg_sink sink = {0};
	struct cli_reporter *r = cli_reporter_new(ABG_FORMAT_TEXT, &sink);
	struct cli_inputs in;
	int rc = cli_inputs_load(&in, &a, a.positional[0],
				 CLI_BASELINE_OPTIONAL);
	if (rc == 0) {
		printf("# %s: %zu exported symbols, %zu version nodes, %zu "
		       "embedded translation-unit summaries\n",
		       a.positional[0], in.elf->nsymbols, in.elf->nversions,
		       in.elf->nnotes);
		struct abg_strbuf text = {0};
		abg_model_write(in.library, ABG_TEXT_BASELINE,
				"(dump; node states are not known here)", &text);
		fputs(abg_strbuf_cstr(&text), stdout);
		abg_strbuf_free(&text);
	}
	cli_reporter_finish(r);
	cli_inputs_free(&in);
	cli_args_free(&a);
	return rc;
}
