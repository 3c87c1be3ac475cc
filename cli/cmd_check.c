/* SPDX-License-Identifier: GPL-3.0-or-later */
/* abiguard check: every rule, applied to the linked library. */
#include "library.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
	"usage: abiguard check --baseline FILE [--version-script MAP]\n"
	"                      [--format=text|json|sarif] [--severity "
	"RULE=LEVEL]\n"
	"                      " CLI_OUTPUT_USAGE " LIB.so\n"
	"Apply every rule to a linked library. Exit status: 0 clean, 1 "
	"findings of\nseverity error, 2 usage, configuration or I/O error.\n";

int cmd_check(int argc, char **argv)
{
	struct cli_args a;
	int parsed = cli_parse(&a, argc, argv, NULL);
	if (parsed) {
		cli_args_free(&a);
		if (parsed == CLI_HELP)
			fputs(usage, stdout);
		return parsed == CLI_HELP ? ABG_EXIT_CLEAN : ABG_EXIT_ERROR;
	}
	if (a.npositional != 1) {
		cli_args_free(&a);
		fputs(usage, stderr);
		return ABG_EXIT_ERROR;
	}
	/* Without a baseline most rules have nothing to compare with: exit
	 * 0 would claim a check that did not happen. */
	if (!a.options.baseline) {
		cli_args_free(&a);
		return cli_usage_error(
			"check needs --baseline FILE (or 'baseline = FILE' in " ABG_CONFIG_NAME
			"); the first baseline is written by "
			"'abiguard baseline update'");
	}
	struct abg_sink sink = {0};
	struct cli_reporter *r = cli_reporter_new(a.format, &sink);
	struct cli_inputs in;
	int rc = cli_inputs_load(&in, &a, a.positional[0],
				 CLI_WARN_NO_SUMMARIES);
	if (rc == 0) {
		abg_check_library(in.library, in.baseline, in.vscript,
				  &a.options, &sink);
		rc = sink.errors ? ABG_EXIT_VIOLATIONS : ABG_EXIT_CLEAN;
	}
	cli_reporter_finish(r, a.options.max_findings);
	cli_inputs_free(&in);
	cli_args_free(&a);
	return rc;
}
