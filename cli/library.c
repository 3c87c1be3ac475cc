/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "library.h"

#include <string.h>
#include <unistd.h>

int cli_inputs_load(struct cli_inputs *in, const struct cli_args *a,
		    const char *library_path, bool baseline_optional)
{
	struct abg_error err;
	memset(in, 0, sizeof *in);
	if (abg_elf_read(library_path, &in->elf, &err))
		return cli_fail(&err);
	in->library = abg_library_model(in->elf, &err);
	if (!in->library)
		return cli_fail(&err);
	const char *bl = a->options.baseline;
	bool missing = bl && baseline_optional && access(bl, F_OK) != 0;
	if (bl && !missing && abg_baseline_load(bl, &in->baseline, &err))
		return cli_fail(&err);
	const char *vs = a->options.version_script;
	if (vs && abg_vscript_load(vs, &in->vscript, &err))
		return cli_fail(&err);
	return 0;
}

void cli_inputs_free(struct cli_inputs *in)
{
	abg_model_free(in->library);
	abg_model_free(in->baseline);
	abg_vscript_free(in->vscript);
	abg_elf_free(in->elf);
	memset(in, 0, sizeof *in);
}
