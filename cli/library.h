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
	struct abg_model *baseline; /* NULL when none given / file missing */
	struct abg_vscript *vscript; /* NULL when none given */
};

/*
 * Read the library (and its embedded summaries), the baseline and the
 * version script. baseline_optional: a missing baseline file is not an
 * error (the first `baseline update`). Returns 0 or an exit status.
 */
int cli_inputs_load(struct cli_inputs *in, const struct cli_args *a,
		    const char *library_path, bool baseline_optional);
void cli_inputs_free(struct cli_inputs *in);

#endif
