/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Loading what check, baseline update and dump all need. */
#ifndef ABIGUARD_CLI_LIBRARY_H
#define ABIGUARD_CLI_LIBRARY_H

#include "abiguard/engine.h"
#include "abiguard/serialize.h"
#include "cli.h"

struct cli_inputs {
	struct abg_elf_file *elf;
	struct abg_model *library;
	struct abg_model *baseline;  /* NULL when none given / file missing */
	struct abg_vscript *vscript; /* NULL when none given */
};

enum cli_load_flags {
	/* A missing baseline file is not an error (the first update). */
	CLI_BASELINE_OPTIONAL = 1,
	/* A library without summaries gets a warning... */
	CLI_WARN_NO_SUMMARIES = 2,
	/* ...or is an error: its types are unknown, and a baseline written
	 * from it would lose every type the old one recorded. */
	CLI_SUMMARIES_REQUIRED = 4,
};

/*
 * Read the library (and its embedded summaries), the baseline and the
 * version script, as flags (enum cli_load_flags) say. Returns 0 or an exit
 * status.
 */
int cli_inputs_load(struct cli_inputs *in, const struct cli_args *a,
		    const char *library_path, unsigned flags);

/* A relocatable object or an executable given as the library: refused
 * (returns -1 with err set), since only a linked shared library has the
 * exported symbols and version definitions that are checked. */
int cli_refuse_non_library(const struct abg_elf_file *elf,
			   struct abg_error *err);

/* A library built without the plugin, or with its note removed: say that
 * only symbols and version nodes can be checked. */
void cli_warn_no_summaries(const struct abg_elf_file *elf);
void cli_inputs_free(struct cli_inputs *in);
/* A whole baseline, through its image in the cache directory of the
 * environment when there is one (abg_baseline_load_cached()). */
int cli_load_baseline(const char *path, struct abg_model **out,
		      struct abg_error *err);

#endif
