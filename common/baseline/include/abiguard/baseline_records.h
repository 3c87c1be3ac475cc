/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A baseline read record by record, with the same parsers as the whole
 * text (abiguard/serialize.h): what the baseline index (baseline_index.h)
 * is built from, and how a compile reads only the lines it needs.
 *
 * A full read can report every line it read to an observer, with what the
 * line is about. A record reader then reads chosen lines of the same text,
 * in any order that keeps two rules of the format: the magic line first
 * and the eager lines (nodes, base types) before the rest; a type's lines
 * in their order in the file. Lines are checked as in a full read, so a
 * line that is not what the index said it is fails cleanly.
 */
#ifndef ABIGUARD_BASELINE_RECORDS_H
#define ABIGUARD_BASELINE_RECORDS_H

#include "abiguard/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What a line is about. */
enum abg_record_key {
	ABG_RECORD_EAGER,  /* every compile reads it: magic, soname, target,
			      nodes, base types, and kinds not listed here */
	ABG_RECORD_SYMBOL, /* func / var: the symbol's name */
	ABG_RECORD_API,	   /* declared / listed: the declaration's name */
	ABG_RECORD_TYPE,   /* struct / union / enum / typedef: its name */
};

struct abg_record {
	size_t offset, len; /* the line in the text, without its '\n' */
	unsigned line_no;
	enum abg_record_key key;
	const char *name; /* the key's name (decoded), NULL when eager */
};

struct abg_record_observer {
	void (*record)(void *ctx, const struct abg_record *rec);
	void *ctx;
};

/* A hash of which kinds of line there are and what each is keyed by: an
 * index built by a reader that keyed lines otherwise is not used. */
uint64_t abg_record_keys_signature(void);

/* abg_model_read() of a baseline, telling `observer` about every line
 * that says something (comments and blank lines are not reported). */
int abg_baseline_read_observed(const char *path, const char *text, size_t len,
			       const struct abg_record_observer *observer,
			       struct abg_model **out, struct abg_error *err);

struct abg_record_reader;

/* A reader of single lines of the baseline at `path`. */
struct abg_record_reader *abg_record_reader_new(const char *path,
						struct abg_error *err);
/* Read one line (without its '\n'). With `expect`, the line must be the
 * record it describes (same key and name): an index that does not match
 * its text is caught here. Returns 0 or -1 with err set. */
int abg_record_reader_line(struct abg_record_reader *rr, const char *line,
			   size_t len, unsigned line_no,
			   const struct abg_record *expect);
/* The model read so far (owned by the reader until finished). */
struct abg_model *abg_record_reader_model(struct abg_record_reader *rr);
/* The checks of a whole text that need every line read (types that
 * contain themselves), then the model; NULL with err set. Frees rr. */
struct abg_model *abg_record_reader_finish(struct abg_record_reader *rr);
/* Frees rr and its model. */
void abg_record_reader_free(struct abg_record_reader *rr);

#ifdef __cplusplus
}
#endif
#endif
