/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * abiguard baseline update: write the baseline from the current build,
 *   refusing what the policy forbids, and print the change as a report.
 * abiguard baseline release: mark open nodes released (run when tagging).
 */
#include "library.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char usage_update[] =
	"usage: abiguard baseline update --baseline FILE [--version-script "
	"MAP]\n"
	"                                [--open-node NODE]... [--report-md "
	"FILE]\n"
	"                                [--exit-code] " CLI_OUTPUT_USAGE
	" LIB.so\n";
#define RELEASE_SYNOPSIS                                                       \
	"abiguard baseline release --baseline FILE [--exit-code] [NODE...]\n"
static const char usage_release[] = "       " RELEASE_SYNOPSIS;
static const char usage_release_only[] = "usage: " RELEASE_SYNOPSIS;
static const char usage_notes[] =
	"update writes the baseline from the library (its parent directory "
	"is created\nwhen missing) and prints the change; --report-md FILE "
	"writes it as Markdown,\nalso when nothing changed or the policy "
	"refused it. release marks "
	"open nodes (or the NODEs) released.\nExit status: 0 written or up "
	"to date, 1 the build breaks the policy (nothing\nwritten), 2 "
	"usage or I/O error; with --exit-code, 0 means up to date and 3\n"
	"means the baseline was changed.\n";

static const char *const update_flags[] = {"open-node", "report-md",
					   "exit-code", NULL};
static const char *const release_flags[] = {"exit-code", NULL};

/* One usage text for both words; `out` is stdout for --help. */
static void print_usage(FILE *out, const char *first)
{
	fputs(first, out);
	if (first == usage_update)
		fputs(usage_release, out);
	fputs(usage_notes, out);
}

/*
 * mkdir -p of the directory part of path: the first baseline of a library
 * goes into abi/, which nobody should have to create by hand.
 */
static int make_parent_dirs(const char *path, struct abg_error *err)
{
	char *dir = strdup(path);
	if (!dir)
		abort();
	char *slash = strrchr(dir, '/');
	int rc = 0;
	if (slash && slash != dir) {
		*slash = '\0';
		for (char *p = dir + 1; rc == 0; p++) {
			bool end = *p == '\0';
			if (*p != '/' && !end)
				continue;
			*p = '\0';
			if (mkdir(dir, 0777) != 0 && errno != EEXIST)
				rc = abg_error_set(err, dir, 0,
						   "cannot create the "
						   "directory: %s",
						   strerror(errno));
			if (end)
				break;
			*p = '/';
		}
	}
	free(dir);
	return rc;
}

/* Only the baseline's directory is made: a --report-md into a directory
 * that is not there is a mistaken path, and an error. */
static int write_file(const char *path, const char *data, size_t len,
		      bool make_dirs)
{
	struct abg_error err;
	if ((make_dirs && make_parent_dirs(path, &err)) ||
	    abg_write_file_atomic(path, data, len, &err))
		return cli_fail(&err);
	return ABG_EXIT_CLEAN;
}

/* The header names how to regenerate; only stable words, so that the file
 * is the same whichever directory the build ran in. */
static char *regenerate_command(const struct abg_model *m)
{
	struct abg_strbuf sb = {0};
	abg_strbuf_append(&sb, "abiguard baseline update --baseline <this "
			       "file> [--version-script MAP]");
	abg_strbuf_printf(&sb, " <path to %s>",
			  m->soname ? m->soname : "the library");
	return sb.data;
}

/* Lines of `text` as a set: a change report is the lines added and
 * removed, which the line-per-fact format makes meaningful. A hash set,
 * because a baseline has a line per symbol and per field. */
static void line_set(const char *text, struct abg_hash *set,
		     struct abg_arena *arena)
{
	for (const char *p = text; p && *p;) {
		const char *end = strchr(p, '\n');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		const char *line = abg_arena_strndup(arena, p, n);
		abg_hash_put(set, line, (void *)line);
		p = end ? end + 1 : NULL;
	}
}

/* The lines of `to` that `from` lacks, each marked, in `to`'s order. */
static size_t diff_lines(const char *from, const char *to, char mark,
			 struct abg_strbuf *out)
{
	struct abg_hash seen = {0};
	struct abg_arena arena = {0};
	struct abg_strbuf line = {0};
	line_set(from, &seen, &arena);
	size_t n = 0;
	for (const char *p = to; p && *p;) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		abg_strbuf_reset(&line);
		abg_strbuf_append_n(&line, p, len);
		if (len && p[0] != '#' &&
		    !abg_hash_contains(&seen, abg_strbuf_cstr(&line))) {
			abg_strbuf_printf(out, "%c %.*s\n", mark, (int)len, p);
			n++;
		}
		p = end ? end + 1 : NULL;
	}
	abg_strbuf_free(&line);
	abg_hash_free(&seen);
	abg_arena_free(&arena);
	return n;
}

/* A change report on stdout (and in --report-md). The first baseline of a
 * library is all additions: its size says more than its lines. Returns an
 * exit status: a report that CI asked for and did not get is an error. */
static int write_report(const struct cli_args *a, const struct abg_model *m,
			const char *old_text, const char *new_text)
{
	struct abg_strbuf changes = {0};
	int rc = ABG_EXIT_CLEAN;
	size_t removed = diff_lines(new_text, old_text, '-', &changes);
	size_t added = diff_lines(old_text, new_text, '+', &changes);
	if (*old_text) {
		cli_say("baseline %s: %zu line%s added, %zu removed\n",
			a->options.baseline, added, added == 1 ? "" : "s",
			removed);
		cli_say("%s", abg_strbuf_cstr(&changes));
	} else {
		cli_say("baseline %s written: %zu symbol%s in %zu version "
			"node%s, %zu lines\n",
			a->options.baseline, m->nsymbols,
			m->nsymbols == 1 ? "" : "s", m->nnodes,
			m->nnodes == 1 ? "" : "s", added);
	}
	if (a->report_md) {
		struct abg_strbuf md = {0};
		abg_strbuf_printf(&md,
				  "## ABI baseline update\n\n`%s`: %zu added, "
				  "%zu removed.\n\n```diff\n%s```\n",
				  a->options.baseline, added, removed,
				  abg_strbuf_cstr(&changes));
		rc = write_file(a->report_md, md.data, md.len, false);
		abg_strbuf_free(&md);
	}
	abg_strbuf_free(&changes);
	return rc;
}

/* --report-md is written whatever happened: a CI step that attaches the
 * report must not find last night's file, or none. */
static int write_unchanged_report(const struct cli_args *a)
{
	if (!a->report_md)
		return ABG_EXIT_CLEAN;
	struct abg_strbuf md = {0};
	abg_strbuf_printf(&md,
			  "## ABI baseline update\n\n`%s`: up to date, "
			  "nothing changed.\n",
			  a->options.baseline);
	int rc = write_file(a->report_md, md.data, md.len, false);
	abg_strbuf_free(&md);
	return rc;
}

static int save(const struct cli_args *a, const struct abg_model *m,
		const struct abg_model *old)
{
	char *regen = regenerate_command(m);
	struct abg_strbuf text = {0}, old_text = {0};
	abg_model_write(m, ABG_TEXT_BASELINE, regen, &text);
	if (old)
		abg_model_write(old, ABG_TEXT_BASELINE, regen, &old_text);
	free(regen);
	int rc = ABG_EXIT_CLEAN;
	if (old &&
	    strcmp(abg_strbuf_cstr(&text), abg_strbuf_cstr(&old_text)) == 0) {
		cli_say("baseline %s is up to date\n", a->options.baseline);
		rc = write_unchanged_report(a);
	} else {
		rc = write_file(a->options.baseline, text.data, text.len, true);
		if (rc == ABG_EXIT_CLEAN)
			rc = write_report(a, m, abg_strbuf_cstr(&old_text),
					  abg_strbuf_cstr(&text));
		/* A nightly job asks whether to open a pull request. */
		if (rc == ABG_EXIT_CLEAN && a->exit_code)
			rc = ABG_EXIT_CHANGED;
	}
	abg_strbuf_free(&text);
	abg_strbuf_free(&old_text);
	return rc;
}

/* Every --open-node must name a node of the library: a typo would
 * otherwise leave the node it meant released (frozen) without a word. */
static int check_open_nodes(const struct cli_args *a,
			    const struct abg_model *library)
{
	for (size_t i = 0; i < a->nopen; i++) {
		if (abg_model_find_node(library, a->open_nodes[i]))
			continue;
		struct abg_strbuf known = {0};
		for (size_t k = 0; k < library->nnodes && k < 8; k++)
			abg_strbuf_printf(&known, "%s'%s'", k ? ", " : "",
					  library->nodes[k].name);
		if (library->nnodes > 8)
			abg_strbuf_append(&known, ", ...");
		int rc = cli_usage_error(
			"--open-node '%.64s%s': %s has no version node of that "
			"name (it has %s)",
			a->open_nodes[i],
			strlen(a->open_nodes[i]) > 64 ? "..." : "",
			a->positional[0], known.len ? known.data : "none");
		abg_strbuf_free(&known);
		return rc;
	}
	return 0;
}

/* The findings of a refused update, kept as text for --report-md while
 * they go on to the reporter. */
struct findings_copy {
	struct abg_sink sink;
	struct abg_sink *next;
	struct abg_strbuf text;
};

static void copy_emit(void *ctx, const struct abg_finding *f)
{
	struct findings_copy *c = ctx;
	if (!f->omitted)
		abg_finding_format_text(f, &c->text);
	abg_sink_emit(c->next, f);
}

/* A refused update still writes the report CI asked for, saying so. */
static int write_refused_report(const struct cli_args *a,
				struct findings_copy *copy)
{
	if (!a->report_md)
		return ABG_EXIT_VIOLATIONS;
	struct abg_strbuf md = {0};
	abg_strbuf_printf(&md,
			  "## ABI baseline update\n\n`%s`: not updated, the "
			  "build breaks the policy (%zu error%s).\n\n```\n%s"
			  "```\n",
			  a->options.baseline, copy->sink.errors,
			  copy->sink.errors == 1 ? "" : "s",
			  abg_strbuf_cstr(&copy->text));
	int rc = write_file(a->report_md, md.data, md.len, false);
	abg_strbuf_free(&md);
	return rc == ABG_EXIT_CLEAN ? ABG_EXIT_VIOLATIONS : rc;
}

static int update(int argc, char **argv)
{
	struct cli_args a;
	int rc = ABG_EXIT_ERROR;
	int parsed = cli_parse(&a, argc, argv, update_flags);
	if (parsed == CLI_HELP) {
		print_usage(stdout, usage_update);
		rc = ABG_EXIT_CLEAN;
	}
	if (parsed)
		goto out;
	if (a.npositional != 1 || !a.options.baseline) {
		print_usage(stderr, usage_update);
		goto out;
	}
	struct abg_sink sink = {0};
	struct cli_reporter *r = cli_reporter_new(a.format, &sink);
	struct cli_inputs in;
	rc = cli_inputs_load(&in, &a, a.positional[0],
			     CLI_BASELINE_OPTIONAL | CLI_SUMMARIES_REQUIRED);
	if (rc == 0)
		rc = check_open_nodes(&a, in.library);
	struct findings_copy copy = {
		{.emit = copy_emit, .forwards = true}, &sink, {0}};
	copy.sink.ctx = &copy;
	if (rc == 0) {
		struct abg_model *m = abg_baseline_from_library(
			in.library, in.baseline, in.vscript, a.open_nodes,
			a.nopen, &a.options, &copy.sink);
		if (m) {
			rc = save(&a, m, in.baseline);
			abg_model_free(m);
		} else {
			fprintf(stderr,
				"abiguard: baseline %s not updated: the "
				"build breaks the policy (see above)\n",
				a.options.baseline);
			rc = write_refused_report(&a, &copy);
		}
	}
	abg_strbuf_free(&copy.text);
	cli_reporter_finish(r, a.options.max_findings);
	cli_inputs_free(&in);
out:
	cli_args_free(&a);
	return rc;
}

static int release(int argc, char **argv)
{
	struct cli_args a;
	int rc = ABG_EXIT_ERROR;
	struct abg_model *m = NULL;
	struct abg_error err;
	int parsed = cli_parse(&a, argc, argv, release_flags);
	if (parsed == CLI_HELP) {
		print_usage(stdout, usage_release_only);
		rc = ABG_EXIT_CLEAN;
	}
	if (parsed)
		goto out;
	if (!a.options.baseline) {
		print_usage(stderr, usage_release_only);
		goto out;
	}
	if (cli_load_baseline(a.options.baseline, &m, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	for (size_t i = 0; i < a.npositional; i++)
		if (!abg_model_find_node(m, a.positional[i])) {
			rc = cli_usage_error("%s: no version node '%s'",
					     a.options.baseline,
					     a.positional[i]);
			goto out;
		}
	struct abg_model *old = NULL;
	cli_load_baseline(a.options.baseline, &old, &err);
	for (size_t i = 0; i < m->nnodes; i++) {
		bool listed = a.npositional == 0;
		for (size_t k = 0; k < a.npositional; k++)
			listed |=
				strcmp(a.positional[k], m->nodes[i].name) == 0;
		if (listed)
			m->nodes[i].released = true;
	}
	rc = save(&a, m, old);
	abg_model_free(old);
out:
	abg_model_free(m);
	cli_args_free(&a);
	return rc;
}

int cmd_baseline(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "update") == 0)
		return update(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "release") == 0)
		return release(argc - 1, argv + 1);
	bool help = argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
				  strcmp(argv[1], "-h") == 0);
	print_usage(help ? stdout : stderr, usage_update);
	return help ? ABG_EXIT_CLEAN : ABG_EXIT_ERROR;
}
