/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The abiguard command: shared pieces of the subcommands. Exit codes
 * scripts cannot misread: 0 clean, 1 policy violations, 2 usage,
 * configuration or I/O error; with --exit-code, baseline update and
 * release exit 3 when they changed the baseline (as git diff --exit-code
 * tells a difference apart).
 */
#ifndef ABIGUARD_CLI_H
#define ABIGUARD_CLI_H

#include "abiguard/diag.h"
#include "abiguard/options.h"

enum {
	ABG_EXIT_CLEAN = 0,
	ABG_EXIT_VIOLATIONS = 1,
	ABG_EXIT_ERROR = 2,
	ABG_EXIT_CHANGED = 3, /* baseline update/release --exit-code */
};

enum cli_color {
	CLI_COLOR_AUTO = 0, /* a terminal, TERM not "dumb", NO_COLOR unset */
	CLI_COLOR_ALWAYS,
	CLI_COLOR_NEVER,
};

/* How much the command says besides its findings; set once per run. */
struct cli_output {
	bool quiet;   /* findings and errors only */
	bool verbose; /* also what was read */
	bool color;   /* GCC's colours on text findings */
};
extern struct cli_output cli_output;

/* Resolve --color=auto against stdout and the environment. */
void cli_output_setup(bool quiet, bool verbose, enum cli_color color);
/* "abiguard: ..." on stderr under --verbose. */
void cli_verbose(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A line of the command's own summary on stdout, unless --quiet. */
void cli_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Handle a flag every command takes (--quiet, --verbose, --color[=W]);
 * returns 1 when arg was one (*used_next when it took argv[i+1]), 0 when
 * not, -1 on a bad value. */
int cli_output_flag(const char *arg, const char *next, bool *used_next,
		    bool *quiet, bool *verbose, enum cli_color *color);
/* text with GCC's colours on each finding line, into out. */
void cli_color_text(const char *text, struct abg_strbuf *out);
/* The flags every command takes, for usage texts. */
#define CLI_OUTPUT_USAGE "[--quiet] [--verbose] [--color=auto|always|never]"

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
	bool exit_code;	       /* baseline update/release --exit-code */
};

/* cli_parse() found --help or -h: print the usage on stdout, exit 0. */
#define CLI_HELP 1

/* Parse argv (after the subcommand words). Returns 0, CLI_HELP, or prints
 * an error and returns -1. `extra` lists the subcommand's own options
 * ("open-node", "report-md", "p", and the flag "exit-code"). Rule names
 * in --severity, --accept, .abiguard and ABIGUARD_OPTIONS are checked
 * against the registry. */
int cli_parse(struct cli_args *a, int argc, char **argv,
	      const char *const *extra);
void cli_args_free(struct cli_args *a);
/* Print "abiguard: file:line: error: ..." to stderr; returns 2. */
int cli_fail(const struct abg_error *err);
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Collects findings and prints them in the chosen format at the end
 * (text is printed as it comes). */
struct cli_reporter;
struct cli_reporter *cli_reporter_new(enum abg_format format,
				      struct abg_sink *sink);
/* max_findings: the limit that was applied, for the line saying how many
 * findings it left out. */
void cli_reporter_finish(struct cli_reporter *r, unsigned max_findings);

int cmd_check(int argc, char **argv);
int cmd_baseline(int argc, char **argv);
int cmd_dump(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_lint(int argc, char **argv);
/* `abiguard lint`: exec the abiguard-lint helper (which runs cmd_lint). */
int cli_run_lint_helper(int argc, char **argv);

#endif
