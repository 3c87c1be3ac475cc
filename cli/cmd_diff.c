/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * abiguard diff OLD NEW: what changed between two baselines or two builds
 * (any mix of .abi files and libraries built with the plugin), judged by
 * the same rules as check, with OLD in the role of the baseline.
 */
#include "library.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
	"usage: abiguard diff [--format=text|json|sarif] " CLI_OUTPUT_USAGE
	" OLD NEW\n"
	"  OLD, NEW: baseline files (.abi) or libraries built with the plugin\n"
	"Exit status: 0 no break, 1 findings of severity error, 2 usage or "
	"I/O error.\n";

/* -1 with err set when path cannot be read (a FIFO, a device, a
 * directory: refused before anything waits on them). */
static int is_elf(const char *path, struct abg_error *err)
{
	unsigned char magic[4] = {0};
	int fd = abg_open_regular(path, err);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, magic, 4);
	close(fd);
	return n == 4 && memcmp(magic, "\177ELF", 4) == 0;
}

/* A model with symbols and types from either kind of file. */
static struct abg_model *load(const char *path, struct abg_error *err)
{
	int elf_file = is_elf(path, err);
	if (elf_file < 0)
		return NULL;
	if (!elf_file) {
		struct abg_model *m = NULL;
		return cli_load_baseline(path, &m, err) ? NULL : m;
	}
	struct abg_elf_file *elf = NULL;
	if (abg_elf_read(path, &elf, err))
		return NULL;
	if (cli_refuse_non_library(elf, err)) {
		abg_elf_free(elf);
		return NULL;
	}
	cli_warn_no_summaries(elf);
	struct abg_model *m = abg_library_model(elf, err);
	abg_elf_free(elf);
	return m;
}

int cmd_diff(int argc, char **argv)
{
	struct cli_args a;
	int rc = ABG_EXIT_ERROR;
	struct abg_model *old = NULL, *cur = NULL;
	struct abg_error err;
	int parsed = cli_parse(&a, argc, argv, NULL);
	if (parsed == CLI_HELP) {
		fputs(usage, stdout);
		rc = ABG_EXIT_CLEAN;
	}
	if (parsed)
		goto out;
	if (a.npositional != 2) {
		fputs(usage, stderr);
		goto out;
	}
	if (!(old = load(a.positional[0], &err)) ||
	    !(cur = load(a.positional[1], &err))) {
		rc = cli_fail(&err);
		goto out;
	}
	cli_verbose("old %s: %zu symbols, %zu version nodes", a.positional[0],
		    old->nsymbols, old->nnodes);
	cli_verbose("new %s: %zu symbols, %zu version nodes", a.positional[1],
		    cur->nsymbols, cur->nnodes);
	struct abg_sink sink = {0};
	struct cli_reporter *r = cli_reporter_new(a.format, &sink);
	abg_check_library(cur, old, NULL, &a.options, &sink);
	cli_reporter_finish(r, a.options.max_findings);
	rc = sink.errors ? ABG_EXIT_VIOLATIONS : ABG_EXIT_CLEAN;
out:
	abg_model_free(old);
	abg_model_free(cur);
	cli_args_free(&a);
	return rc;
}
