/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Time abg_baseline_load() alone: what every compile in check mode pays
 * before it can compare anything (DESIGN.md section 8: a 100,000-declaration
 * baseline loads in well under 100 ms).
 *
 *   baseline-load FILE [RUNS]
 *   baseline-load --unit OBJECT [--cache DIR] FILE [RUNS]
 *
 * Loads FILE RUNS times (default 21) in one process, freeing the model each
 * time, and prints one line:
 *   symbols N types N bytes N median_ms X min_ms X max_ms X
 * The first load reads the file from disk like any other; the page cache
 * makes the later ones what a build sees after the first unit.
 *
 * With --unit, each run is what a compile in check mode does with its
 * baseline for the unit whose summary OBJECT carries (the names it
 * declares and the types it defines; the plugin's own model of a unit also
 * has the types it only sees): open the baseline (with --cache, through its
 * index in DIR, built by the first run), then read the part of it the unit
 * needs (without --cache, the whole). The line then also says how it was
 * read and how many lines of the text that took:
 *   ... status WORD lines N
 * (symbols and types are then those of the part). RUNS 0 reads only the
 * unit, for instruction counts to subtract. Built and run by
 * bench/postlink-check.sh and bench/baseline-index.sh.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

#include "abiguard/baseline_cache.h"
#include "abiguard/elf_reader.h"
#include "abiguard/model.h"
#include "abiguard/note.h"
#include "abiguard/serialize.h"
#include "abiguard/util.h"

#include <string.h>

/* The process's CPU time: on a shared machine the wall clock measures the
 * other processes too. The load is single-threaded, so the two agree on a
 * quiet machine. */
static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The model of the unit whose summary the object carries. */
static struct abg_model *unit_model(const char *object)
{
	struct abg_elf_file *elf = NULL;
	struct abg_model *m = NULL;
	struct abg_error err = {0};
	struct abg_strbuf raw = {0}, buf = {0};
	const unsigned char *payload;
	const char *text;
	size_t len;
	/* The note may be compressed: read it through its framing. */
	if (abg_elf_read(object, &elf, &err) == 0 && elf->nnotes == 1 &&
	    abg_elf_note_read(elf, 0, &raw, &payload, &err) == 0 &&
	    abg_note_text(object, payload, elf->notes[0].size, &buf, &text,
			  &len, &err) == 0)
		abg_model_read(object, text, len, ABG_TEXT_SUMMARY, &m, &err);
	abg_strbuf_free(&raw);
	abg_strbuf_free(&buf);
	abg_elf_free(elf);
	if (!m)
		fprintf(stderr, "%s: no unit summary (%s)\n", object,
			err.message);
	return m;
}

struct options {
	const char *file, *unit, *cache;
	int runs;
};

static int parse_args(int argc, char **argv, struct options *o)
{
	int i = 1;
	for (; i + 1 < argc && argv[i][0] == '-'; i += 2) {
		if (strcmp(argv[i], "--unit") == 0)
			o->unit = argv[i + 1];
		else if (strcmp(argv[i], "--cache") == 0)
			o->cache = argv[i + 1];
		else
			return -1;
	}
	if (i >= argc || argc - i > 2)
		return -1;
	o->file = argv[i];
	o->runs = i + 1 < argc ? atoi(argv[i + 1]) : 21;
	if (o->runs < 0)
		o->runs = 0;
	return 0;
}

struct outcome {
	size_t nsymbols, ntypes, lines;
	const char *status;
};

/* What one compile does with its baseline; the model is freed. */
static int load_once(const struct options *o, const struct abg_model *unit,
		     struct outcome *out)
{
	struct abg_model *m = NULL;
	struct abg_error err = {0};
	struct abg_baseline_source *src = NULL;
	int rc = 0;
	if (!unit) {
		rc = abg_baseline_load(o->file, &m, &err);
	} else if ((rc = abg_baseline_source_open(o->file, o->cache, &src,
						  &err)) == 0) {
		struct abg_baseline_wants w;
		abg_baseline_wants_of(unit, &w);
		m = abg_baseline_source_part(src, &w);
		abg_baseline_wants_free(&w);
		out->status = abg_baseline_source_status(src);
		out->lines = abg_baseline_source_lines_read(src);
		const struct abg_model *whole =
			m ? NULL : abg_baseline_source_full(src, &err);
		if (!m && !whole)
			rc = -1;
		const struct abg_model *got = m ? m : whole;
		if (got) {
			out->nsymbols = got->nsymbols;
			out->ntypes = got->ntypes ? got->ntypes - 1 : 0;
		}
	}
	if (rc) {
		fprintf(stderr, "%s:%u: error: %s\n", err.file, err.line,
			err.message);
		return -1;
	}
	if (!unit) {
		out->nsymbols = m->nsymbols;
		out->ntypes = m->ntypes ? m->ntypes - 1 : 0; /* 0 is unused */
	}
	abg_model_free(m);
	abg_baseline_source_free(src);
	return 0;
}

int main(int argc, char **argv)
{
	struct options o = {0};
	if (parse_args(argc, argv, &o)) {
		fprintf(stderr,
			"usage: %s [--unit OBJECT [--cache DIR]] FILE [RUNS]\n",
			argv[0]);
		return 2;
	}
	struct abg_model *unit = o.unit ? unit_model(o.unit) : NULL;
	if (o.unit && !unit)
		return 2;
	/* 0 runs: only read the unit (what the tool costs, to count apart) */
	if (!o.runs) {
		abg_model_free(unit);
		return 0;
	}
	double *ms = calloc((size_t)o.runs, sizeof *ms);
	if (!ms)
		return 2;
	struct outcome last = {0};
	for (int i = 0; i < o.runs; i++) {
		struct outcome now = {0};
		double t0 = now_ms();
		if (load_once(&o, unit, &now))
			return 2;
		ms[i] = now_ms() - t0;
		last = now;
	}
	struct stat st;
	long long bytes = stat(o.file, &st) == 0 ? (long long)st.st_size : -1;
	qsort(ms, (size_t)o.runs, sizeof *ms, by_value);
	int runs = o.runs;
	double median =
		runs % 2 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
	printf("symbols %zu types %zu bytes %lld median_ms %.2f min_ms %.2f max_ms %.2f",
	       last.nsymbols, last.ntypes, bytes, median, ms[0], ms[runs - 1]);
	if (unit) {
		/* one word: "index built" -> "index-built" */
		printf(" status ");
		for (const char *c = last.status ? last.status : "-"; *c; c++)
			putchar(*c == ' ' ? '-' : *c);
		printf(" lines %zu", last.lines);
	}
	printf("\n");
	abg_model_free(unit);
	free(ms);
	return 0;
}
