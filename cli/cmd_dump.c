/* SPDX-License-Identifier: GPL-3.0-or-later */
/* abiguard dump: a human-readable view of a library's versions and of the
 * ABI its translation units embedded, in the baseline's own notation. */
#include "library.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
	"usage: abiguard dump [--verbose] LIB.so\n"
	"Print a library's version nodes, exports and embedded ABI in the "
	"baseline's\nnotation. Exit status: 0, or 2 on a usage or I/O "
	"error.\n";

int cmd_dump(int argc, char **argv)
{
	struct cli_args a;
	int parsed = cli_parse(&a, argc, argv, NULL);
	if (parsed || a.npositional != 1) {
		cli_args_free(&a);
		fputs(usage, parsed == CLI_HELP ? stdout : stderr);
		return parsed == CLI_HELP ? ABG_EXIT_CLEAN : ABG_EXIT_ERROR;
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
				"(dump; node states are not known here)",
				&text);
		fputs(abg_strbuf_cstr(&text), stdout);
		abg_strbuf_free(&text);
	}
	cli_reporter_finish(r, ABG_DEFAULT_MAX_FINDINGS);
	cli_inputs_free(&in);
	cli_args_free(&a);
	return rc;
}
