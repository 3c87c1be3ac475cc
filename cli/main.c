/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *help;
} commands[] = {
	{"check", cmd_check, "apply every rule to a linked library"},
	{"baseline", cmd_baseline,
	 "update the baseline from a build, or mark open nodes released"},
	{"diff", cmd_diff,
	 "judge the changes between two baselines or two builds"},
	{"dump", cmd_dump, "show a library's versions and embedded ABI"},
	{"explain", cmd_explain, "describe a rule (or --list, --markdown)"},
	{"lint", cli_run_lint_helper,
	 "check sources or public headers with libclang, for editors"},
};

static void usage(FILE *out)
{
	fputs("usage: abiguard COMMAND [OPTIONS] ...\n\ncommands:\n", out);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(out, "  %-10s %s\n", commands[i].name,
			commands[i].help);
	fputs("\noptions of every command that prints findings:\n"
	      "  --quiet, -q      only findings and errors, no summary lines\n"
	      "  --verbose, -v    also say what was read (config, baseline, "
	      "script, library)\n"
	      "  --color[=WHEN]   colour findings: auto (a terminal, TERM not "
	      "dumb, NO_COLOR\n"
	      "                   unset), always or never\n"
	      "\nExit status: 0 clean, 1 policy violations, 2 usage, "
	      "configuration or I/O error;\n3 baseline changed (baseline "
	      "update/release --exit-code).\n"
	      "See 'abiguard COMMAND --help'.\n",
	      out);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return ABG_EXIT_ERROR;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return ABG_EXIT_CLEAN;
	}
	if (strcmp(argv[1], "--version") == 0) {
		puts("abiguard " ABIGUARD_VERSION);
		return ABG_EXIT_CLEAN;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "abiguard: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return ABG_EXIT_ERROR;
}
