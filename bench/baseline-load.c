/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Time abg_baseline_load() alone: what every compile in check mode pays
 * before it can compare anything (DESIGN.md section 8: a 100,000-declaration
 * baseline loads in well under 100 ms).
 *
 *   baseline-load FILE [RUNS]
 *
 * Loads FILE RUNS times (default 21) in one process, freeing the model each
 * time, and prints one line:
 *   symbols N types N bytes N median_ms X min_ms X max_ms X
 * The first load reads the file from disk like any other; the page cache
 * makes the later ones what a build sees after the first unit.
 * Built and run by bench/postlink-check.sh.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

#include "abiguard/model.h"
#include "abiguard/serialize.h"
#include "abiguard/util.h"

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

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: %s FILE [RUNS]\n", argv[0]);
		return 2;
	}
	int runs = argc == 3 ? atoi(argv[2]) : 21;
	if (runs < 1)
		runs = 1;
	double *ms = calloc((size_t)runs, sizeof *ms);
	if (!ms)
		return 2;
	size_t nsymbols = 0, ntypes = 0;
	for (int i = 0; i < runs; i++) {
		struct abg_model *m = NULL;
		struct abg_error err = {0};
		double t0 = now_ms();
		if (abg_baseline_load(argv[1], &m, &err)) {
			fprintf(stderr, "%s:%u: error: %s\n", err.file,
				err.line, err.message);
			return 2;
		}
		ms[i] = now_ms() - t0;
		nsymbols = m->nsymbols;
		ntypes = m->ntypes ? m->ntypes - 1 : 0; /* index 0 is unused */
		abg_model_free(m);
	}
	struct stat st;
	long long bytes = stat(argv[1], &st) == 0 ? (long long)st.st_size : -1;
	qsort(ms, (size_t)runs, sizeof *ms, by_value);
	double median =
		runs % 2 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
	printf("symbols %zu types %zu bytes %lld median_ms %.2f min_ms %.2f max_ms %.2f\n",
	       nsymbols, ntypes, bytes, median, ms[0], ms[runs - 1]);
	free(ms);
	return 0;
}
