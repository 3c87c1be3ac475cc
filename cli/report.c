/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Rendering findings: GNU-style text as they arrive; JSON and SARIF 2.1.0
 * (built with jansson) at the end, since both are one document.
 */
#include "abiguard/rules.h"
#include "cli.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

struct cli_reporter {
	enum abg_format format;
	json_t *results;
	struct abg_sink *sink;
};

static json_t *location_json(const struct abg_location *loc)
{
	json_t *region = json_object();
	if (loc->line)
		json_object_set_new(region, "startLine",
				    json_integer(loc->line));
	if (loc->line && loc->column)
		json_object_set_new(region, "startColumn",
				    json_integer(loc->column));
	return json_pack("{s:{s:{s:s},s:o}}", "physicalLocation",
			 "artifactLocation", "uri", loc->file ? loc->file : "",
			 "region", region);
}

static const char *sarif_level(enum abg_severity s)
{
	return s == ABG_SEVERITY_ERROR	   ? "error"
	       : s == ABG_SEVERITY_WARNING ? "warning"
					   : "note";
}

/* The change kinds of a finding, by id; NULL when it names none. */
static json_t *change_kinds(const struct abg_finding *f)
{
	if (!f->nkinds)
		return NULL;
	json_t *kinds = json_array();
	for (size_t i = 0; i < f->nkinds; i++)
		json_array_append_new(kinds, json_string(f->kinds[i]));
	return kinds;
}

/* Their classes ("binary", "source-only"), each once. */
static json_t *change_classes(const struct abg_finding *f)
{
	json_t *classes = json_array();
	for (int cls = ABG_CLASS_BINARY; cls <= ABG_CLASS_SOURCE; cls++)
		for (size_t i = 0; i < f->nkinds; i++) {
			const struct abg_change_kind_info *info =
				abg_change_info(abg_change_find(f->kinds[i]));
			if (info && (int)info->cls == cls) {
				json_array_append_new(
					classes,
					json_string(abg_change_class_name(
						info->cls)));
				break;
			}
		}
	return classes;
}

static json_t *sarif_result(const struct abg_finding *f)
{
	json_t *related = json_array();
	for (size_t i = 0; i < f->nnotes; i++) {
		const struct abg_note *n = &f->notes[i];
		json_t *loc = location_json(n->loc.file ? &n->loc : &f->loc);
		json_object_set_new(loc, "message",
				    json_pack("{s:s}", "text", n->message));
		json_array_append_new(related, loc);
	}
	json_t *result =
		json_pack("{s:s,s:s,s:{s:s},s:[o],s:o}", "ruleId", f->rule_id,
			  "level", sarif_level(f->severity), "message", "text",
			  f->message, "locations", location_json(&f->loc),
			  "relatedLocations", related);
	json_t *kinds = change_kinds(f);
	if (kinds)
		json_object_set_new(result, "properties",
				    json_pack("{s:o,s:o}", "changeKinds", kinds,
					      "changeClasses",
					      change_classes(f)));
	return result;
}

static json_t *plain_result(const struct abg_finding *f)
{
	json_t *notes = json_array();
	for (size_t i = 0; i < f->nnotes; i++) {
		const struct abg_location *l =
			f->notes[i].loc.file ? &f->notes[i].loc : &f->loc;
		json_t *note = json_pack("{s:s?,s:i,s:s}", "file", l->file,
					 "line", (json_int_t)l->line, "message",
					 f->notes[i].message);
		if (f->notes[i].kind)
			json_object_set_new(note, "changeKind",
					    json_string(f->notes[i].kind));
		json_array_append_new(notes, note);
	}
	json_t *result =
		json_pack("{s:s,s:s,s:s?,s:i,s:i,s:s,s:o}", "rule", f->rule_id,
			  "severity", abg_severity_name(f->severity), "file",
			  f->loc.file, "line", (json_int_t)f->loc.line,
			  "column", (json_int_t)f->loc.column, "message",
			  f->message, "notes", notes);
	json_t *kinds = change_kinds(f);
	if (kinds) {
		json_object_set_new(result, "changeKinds", kinds);
		json_object_set_new(result, "changeClasses", change_classes(f));
	}
	return result;
}

static void emit(void *ctx, const struct abg_finding *f)
{
	struct cli_reporter *r = ctx;
	if (r->format == ABG_FORMAT_TEXT) {
		struct abg_strbuf sb = {0}, colored = {0};
		abg_finding_format_text(f, &sb);
		if (cli_output.color)
			cli_color_text(abg_strbuf_cstr(&sb), &colored);
		fputs(abg_strbuf_cstr(cli_output.color ? &colored : &sb),
		      stdout);
		abg_strbuf_free(&sb);
		abg_strbuf_free(&colored);
		return;
	}
	json_array_append_new(r->results, r->format == ABG_FORMAT_SARIF
						  ? sarif_result(f)
						  : plain_result(f));
}

struct cli_reporter *cli_reporter_new(enum abg_format format,
				      struct abg_sink *sink)
{
	struct cli_reporter *r = calloc(1, sizeof *r);
	if (!r)
		abort();
	r->format = format;
	r->results = json_array();
	r->sink = sink;
	sink->emit = emit;
	sink->ctx = r;
	return r;
}

static json_t *sarif_rules(void)
{
	json_t *rules = json_array();
	for (size_t i = 0; i < abg_nrules; i++) {
		const struct abg_rule *rule = abg_rules[i];
		json_array_append_new(
			rules,
			json_pack("{s:s,s:{s:s},s:{s:s},s:{s:s},s:{s:s}}", "id",
				  rule->id, "shortDescription", "text",
				  rule->summary, "fullDescription", "text",
				  rule->why, "help", "text", rule->action,
				  "defaultConfiguration", "level",
				  sarif_level(rule->severity)));
	}
	return rules;
}

static json_t *sarif_document(json_t *results)
{
	return json_pack("{s:s,s:s,s:[{s:{s:{s:s,s:s,s:o}},s:o}]}", "$schema",
			 "https://json.schemastore.org/sarif-2.1.0.json",
			 "version", "2.1.0", "runs", "tool", "driver", "name",
			 "abiguard", "version", ABIGUARD_VERSION, "rules",
			 sarif_rules(), "results", results);
}

/* Findings past max-findings were counted, not shown: say how many. */
static void report_omitted(const struct cli_reporter *r, unsigned max_findings,
			   json_t *doc)
{
	if (!r->sink->omitted)
		return;
	if (r->format == ABG_FORMAT_TEXT) {
		struct abg_strbuf sb = {0};
		abg_sink_omitted_message(r->sink, max_findings, &sb);
		printf("abiguard: note: %s\n", abg_strbuf_cstr(&sb));
		abg_strbuf_free(&sb);
		return;
	}
	json_t *omitted = json_integer((json_int_t)r->sink->omitted);
	if (r->format == ABG_FORMAT_JSON)
		json_object_set_new(doc, "omitted", omitted);
	else
		json_object_set_new(
			json_array_get(json_object_get(doc, "runs"), 0),
			"properties",
			json_pack("{s:o}", "omittedFindings", omitted));
}

void cli_reporter_finish(struct cli_reporter *r, unsigned max_findings)
{
	json_t *doc = NULL;
	if (r->format == ABG_FORMAT_SARIF)
		doc = sarif_document(json_incref(r->results));
	else if (r->format == ABG_FORMAT_JSON)
		doc = json_pack("{s:O,s:i,s:i}", "findings", r->results,
				"errors", (json_int_t)r->sink->errors,
				"warnings", (json_int_t)r->sink->warnings);
	report_omitted(r, max_findings, doc);
	if (doc) {
		json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_SORT_KEYS);
		fputc('\n', stdout);
		json_decref(doc);
	}
	json_decref(r->results);
	free(r);
}
