/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The abiguard command: shared pieces of the subcommands. Exit codes
 * scripts cannot misread: 0 clean, 1 policy violations, 2 usage,
 * configuration or I/O error.
 */
#ifndef ABIGUARD_CLI_H
#define ABIGUARD_CLI_H

#include "abiguard/diag.h"
#include "abiguard/options.h"

enum {
	ABG_EXIT_CLEAN = 0,
	ABG_EXIT_VIOLATIONS = 1,
	ABG_EXIT_ERROR = 2,
};

enum abg_format {
	ABG_FORMAT_TEXT = 0,
	ABG_FORMAT_JSON,
	ABG_FORMAT_SARIF,
};

/* Options common to check, baseline update, lint: the shared option keys
 * as --KEY VALUE / --KEY=VALUE, --format, and positional arguments. */
struct cli_args {
	struct abg_options options;
	enum abg_format format;
	const char **positional;
	size_t npositional, positional_cap;
	const char **open_nodes; /* baseline update --open-node */
	size_t nopen, open_cap;
	const char *report_md; /* baseline update --report-md FILE */
	const char *build_dir; /* lint -p DIR */
};

/* Parse argv (after the subcommand words). Returns 0, or prints an error
 * and returns -1. `extra` lists the subcommand's own flags
 * ("open-node", "report-md", "p"). */
int cli_parse(struct cli_args *a, int argc, char **argv, const char *const *extra);
void cli_args_free(struct cli_args *a);
/* Print "abiguard: file:line: error: ..." to stderr; returns 2. */
int cli_fail(const struct abg_error *err);
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Collects findings and prints them in the chosen format at the end
 * (text is printed as it comes). */
struct cli_reporter;
struct cli_reporter *cli_reporter_new(enum abg_format format,
				      struct abg_sink *sink);
void cli_reporter_finish(struct cli_reporter *r);

int cmd_check(int argc, char **argv);
int cmd_baseline(int argc, char **argv);
int cmd_dump(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_lint(int argc, char **argv);
/* `abiguard lint`: exec the abiguard-lint helper (which runs cmd_lint). */
int cli_run_lint_helper(int argc, char **argv);

#endif
