/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Findings are data. Rules produce them; a sink renders them: the GCC
 * plugin through error_at/warning_at/inform, the Clang plugin through its
 * DiagnosticsEngine, the CLI as GNU-style text, JSON or SARIF.
 */
#ifndef ABIGUARD_DIAG_H
#define ABIGUARD_DIAG_H

#include "abiguard/model.h"

#ifdef __cplusplus
extern "C" {
#endif

enum abg_severity {
	ABG_SEVERITY_OFF = 0,
	ABG_SEVERITY_NOTE,
	ABG_SEVERITY_WARNING,
	ABG_SEVERITY_ERROR,
};

const char *abg_severity_name(enum abg_severity s); /* "error", ... */
/* "off", "note", "warning"/"warn", "error"; returns -1 when unknown. */
int abg_severity_parse(const char *s, enum abg_severity *out);

/* A note attached to a finding. Without a file in loc it belongs at the
 * finding's own location; its message is complete on its own. */
struct abg_note {
	struct abg_location loc;
	char *message;
	/* The change this note describes: its id in the change catalog
	 * (static storage; also at the end of message as " [id]"), or NULL. */
	const char *kind;
};

struct abg_finding {
	const char *rule_id;
	enum abg_severity severity;
	struct abg_location loc;
	char *message; /* without the " [rule-id]" suffix */
	struct abg_note *notes;
	size_t nnotes, notes_cap;
	/* Ids of the changes its notes describe, each once, in note order
	 * (JSON "changeKinds", SARIF properties.changeKinds). */
	const char **kinds;
	size_t nkinds, kinds_cap;
	/* Past the rule's max-findings: it counts (exit status, totals) and
	 * may still be suppressed, but has no text and is not shown. */
	bool omitted;
};

struct abg_sink {
	void (*emit)(void *ctx, const struct abg_finding *f);
	void *ctx;
	/* A sink that passes findings on to another (a filter, a copy): it
	 * sees omitted findings too; any other sink only counts them. */
	bool forwards;
	/* counts, maintained by abg_sink_emit; omitted ones are also in
	 * errors and warnings */
	size_t errors, warnings, omitted;
};

void abg_sink_emit(struct abg_sink *sink, const struct abg_finding *f);
/* "N more findings not shown (at most M per rule; max-findings=0 shows
 * them all)" for a sink that counted omitted findings; "" otherwise. */
void abg_sink_omitted_message(const struct abg_sink *sink,
			      unsigned max_findings, struct abg_strbuf *out);

/* Build a finding: printf-style message; notes appended one by one. */
struct abg_finding *abg_finding_new(const char *rule_id,
				    enum abg_severity severity,
				    struct abg_location loc, const char *fmt,
				    ...) __attribute__((format(printf, 4, 5)));
void abg_finding_note(struct abg_finding *f, struct abg_location loc,
		      const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A note describing one change: "text [kind]"; kind is a change catalog
 * id in static storage. */
void abg_finding_note_change(struct abg_finding *f, const char *kind,
			     const char *text);
void abg_finding_free(struct abg_finding *f);

/* "file:line:col: error: message [rule-id]" and one line per note
 * (each ending in '\n'). Locations without a file print "<unknown>". */
void abg_finding_format_text(const struct abg_finding *f,
			     struct abg_strbuf *out);

#ifdef __cplusplus
}
#endif
#endif
