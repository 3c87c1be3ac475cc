/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "library.h"

#include "abiguard/baseline_cache.h"
#include "abiguard/note.h"

#include <elf.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

void cli_warn_no_summaries(const struct abg_elf_file *elf)
{
	if (elf->nnotes)
		return;
	fprintf(stderr,
		"abiguard: %s: warning: no ABI summaries (" ABG_NOTE_SECTION
		"): built without the plugin, or the note was removed; only "
		"symbols and version nodes are checked\n",
		elf->path);
}

int cli_refuse_non_library(const struct abg_elf_file *elf,
			   struct abg_error *err)
{
	if (elf->elf_type == ET_DYN)
		return 0;
	return abg_error_set(err, elf->path, 0,
			     "not a shared library (ELF type %s): link it "
			     "with -shared first",
			     elf->elf_type == ET_REL ? "ET_REL, a relocatable "
						       "object"
			     : elf->elf_type == ET_EXEC
				     ? "ET_EXEC, an executable"
				     : "other than ET_DYN");
}

int cli_inputs_load(struct cli_inputs *in, const struct cli_args *a,
		    const char *library_path, unsigned flags)
{
	struct abg_error err;
	memset(in, 0, sizeof *in);
	if (abg_elf_read(library_path, &in->elf, &err) ||
	    cli_refuse_non_library(in->elf, &err))
		return cli_fail(&err);
	if ((flags & CLI_SUMMARIES_REQUIRED) && !in->elf->nnotes) {
		abg_error_set(&err, library_path, 0,
			      "no ABI summaries (" ABG_NOTE_SECTION
			      "): build it with -fplugin=abiguard (a "
			      "baseline written from it would lose every "
			      "type)");
		return cli_fail(&err);
	}
	if (flags & CLI_WARN_NO_SUMMARIES)
		cli_warn_no_summaries(in->elf);
	in->library = abg_library_model(in->elf, &err);
	if (!in->library)
		return cli_fail(&err);
	cli_verbose("library %s: soname %s, %zu exported symbols, %zu version "
		    "nodes, %zu unit summaries",
		    library_path, in->elf->soname ? in->elf->soname : "(none)",
		    in->elf->nsymbols, in->elf->nversions, in->elf->nnotes);
	const char *bl = a->options.baseline;
	bool missing =
		bl && (flags & CLI_BASELINE_OPTIONAL) && access(bl, F_OK) != 0;
	if (bl && !missing && cli_load_baseline(bl, &in->baseline, &err))
		return cli_fail(&err);
	if (in->baseline)
		cli_verbose("baseline %s: %zu symbols, %zu version nodes", bl,
			    in->baseline->nsymbols, in->baseline->nnodes);
	else
		cli_verbose("baseline %s",
			    bl ? "missing: a first baseline" : "none given");
	const char *vs = a->options.version_script;
	if (vs && abg_vscript_load(vs, &in->vscript, &err))
		return cli_fail(&err);
	cli_verbose("version script %s", vs ? vs : "none given");
	return 0;
}

int cli_load_baseline(const char *path, struct abg_model **out,
		      struct abg_error *err)
{
	struct abg_strbuf scratch = {0};
	const char *status = NULL;
	int rc = abg_baseline_load_cached(
		path, abg_baseline_cache_dir(&scratch), out, &status, err);
	if (!rc)
		cli_verbose("baseline %s read: %s", path, status);
	abg_strbuf_free(&scratch);
	return rc;
}

void cli_inputs_free(struct cli_inputs *in)
{
	abg_model_free(in->library);
	abg_model_free(in->baseline);
	abg_vscript_free(in->vscript);
	abg_elf_free(in->elf);
	memset(in, 0, sizeof *in);
}
