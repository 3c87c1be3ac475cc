/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "abiguard/diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const severity_names[] = {
	[ABG_SEVERITY_OFF] = "off",
	[ABG_SEVERITY_NOTE] = "note",
	[ABG_SEVERITY_WARNING] = "warning",
	[ABG_SEVERITY_ERROR] = "error",
};

const char *abg_severity_name(enum abg_severity s)
{
	return s <= ABG_SEVERITY_ERROR ? severity_names[s] : "error";
}

int abg_severity_parse(const char *s, enum abg_severity *out)
{
	for (int i = ABG_SEVERITY_OFF; i <= ABG_SEVERITY_ERROR; i++)
		if (strcmp(s, severity_names[i]) == 0) {
			*out = (enum abg_severity)i;
			return 0;
		}
	if (strcmp(s, "warn") == 0) {
		*out = ABG_SEVERITY_WARNING;
		return 0;
	}
	return -1;
}

void abg_sink_emit(struct abg_sink *sink, const struct abg_finding *f)
{
	if (f->severity == ABG_SEVERITY_OFF)
		return;
	if (f->severity == ABG_SEVERITY_ERROR)
		sink->errors++;
	else if (f->severity == ABG_SEVERITY_WARNING)
		sink->warnings++;
	if (f->omitted && !sink->forwards) {
		sink->omitted++;
		return;
	}
	if (sink->emit)
		sink->emit(sink->ctx, f);
}

void abg_sink_omitted_message(const struct abg_sink *sink,
			      unsigned max_findings, struct abg_strbuf *out)
{
	if (!sink->omitted)
		return;
	abg_strbuf_printf(out,
			  "%zu more finding%s not shown (at most %u per rule; "
			  "max-findings=0 shows them all)",
			  sink->omitted, sink->omitted == 1 ? "" : "s",
			  max_findings);
}

static char *vformat(const char *fmt, va_list ap)
{
	struct abg_strbuf sb = {0};
	abg_strbuf_vprintf(&sb, fmt, ap);
	if (!sb.data)
		abg_strbuf_append(&sb, "");
	return sb.data;
}

struct abg_finding *abg_finding_new(const char *rule_id,
				    enum abg_severity severity,
				    struct abg_location loc, const char *fmt,
				    ...)
{
	struct abg_finding *f = calloc(1, sizeof *f);
	if (!f)
		abort();
	f->rule_id = rule_id;
	f->severity = severity;
	f->loc = loc;
	va_list ap;
	va_start(ap, fmt);
	f->message = vformat(fmt, ap);
	va_end(ap);
	return f;
}

void abg_finding_note(struct abg_finding *f, struct abg_location loc,
		      const char *fmt, ...)
{
	if (!f) /* a rule's finding that is not made: off, or omitted */
		return;
	struct abg_note *n = ABG_PUSH(f->notes, f->nnotes, f->notes_cap);
	n->loc = loc;
	n->kind = NULL;
	va_list ap;
	va_start(ap, fmt);
	n->message = vformat(fmt, ap);
	va_end(ap);
}

void abg_finding_note_change(struct abg_finding *f, const char *kind,
			     const char *text)
{
	if (!f)
		return;
	abg_finding_note(f, (struct abg_location){0}, "%s [%s]", text, kind);
	f->notes[f->nnotes - 1].kind = kind;
	for (size_t i = 0; i < f->nkinds; i++)
		if (strcmp(f->kinds[i], kind) == 0)
			return;
	*ABG_PUSH(f->kinds, f->nkinds, f->kinds_cap) = kind;
}

void abg_finding_free(struct abg_finding *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->nnotes; i++)
		free(f->notes[i].message);
	free(f->notes);
	free(f->kinds);
	free(f->message);
	free(f);
}

static void format_location(const struct abg_location *loc,
			    struct abg_strbuf *out)
{
	if (!loc->file) {
		abg_strbuf_append(out, "<unknown>");
		return;
	}
	abg_strbuf_append(out, loc->file);
	if (loc->line)
		abg_strbuf_printf(out, ":%u", loc->line);
	if (loc->line && loc->column)
		abg_strbuf_printf(out, ":%u", loc->column);
}

void abg_finding_format_text(const struct abg_finding *f,
			     struct abg_strbuf *out)
{
	format_location(&f->loc, out);
	abg_strbuf_printf(out, ": %s: %s [%s]\n",
			  abg_severity_name(f->severity), f->message,
			  f->rule_id);
	for (size_t i = 0; i < f->nnotes; i++) {
		const struct abg_note *n = &f->notes[i];
		format_location(n->loc.file ? &n->loc : &f->loc, out);
		abg_strbuf_printf(out, ": note: %s\n", n->message);
	}
}
