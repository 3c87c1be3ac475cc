/* SPDX-License-Identifier: GPL-3.0-or-later */
/* abiguard explain: the rule texts and the change catalog. docs/rules.md
 * is generated from here (abiguard explain --markdown), so the two cannot
 * drift apart. */
#include "abiguard/changes.h"
#include "abiguard/rule_names.h"
#include "abiguard/rules.h"
#include "abiguard/suggest.h"
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
	"usage: abiguard explain RULE | KIND | --list | --list-rules | "
	"--list-kinds | --markdown\n"
	"Describe a rule (what it checks, why it matters, when it does not "
	"fire, the\naction it requires) or a change kind (its class and "
	"meaning). --list: every\nrule and change kind with its summary; "
	"--list-rules, --list-kinds: one of the\ntwo; --markdown: the rule "
	"reference (docs/rules.md).\n";

static const char *scope_text(unsigned scopes)
{
	if (scopes == (ABG_SCOPE_TU | ABG_SCOPE_LIBRARY))
		return "compile time (plugins, lint) and post-link (check)";
	return scopes & ABG_SCOPE_TU ? "compile time (plugins, lint)"
				     : "post-link (abiguard check)";
}

static const char *class_default(enum abg_change_class cls)
{
	return cls == ABG_CLASS_SOURCE ? "warning" : "error (the rule's)";
}

/* The rules that report each kind: by what they compare. */
static const char *kind_rule(enum abg_change_kind kind)
{
	if (kind <= ABG_CHANGE_CALLBACK)
		return "released-signature-changed (a function), "
		       "compat-symbol-changed (a compat symbol), "
		       "released-type-changed (a typedef of a function "
		       "pointer)";
	if (kind <= ABG_CHANGE_VARIABLE_CONST)
		return "released-variable-changed";
	if (kind >= ABG_CHANGE_ENUMERATOR_VALUE &&
	    kind <= ABG_CHANGE_SENTINEL_MOVED)
		return "enumerator-changed";
	return "released-type-changed";
}

static void explain_rule(const struct abg_rule *r)
{
	printf("%s\n  %s\n\nWhy it matters:\n  %s\n\nDoes not fire for:\n  "
	       "%s\n\nRequired action:\n  %s\n\nDefault severity: %s\n"
	       "Checked at: %s\n",
	       r->id, r->summary, r->why, r->when_not, r->action,
	       abg_severity_name(r->severity), scope_text(r->scopes));
}

static void explain_kind(enum abg_change_kind kind)
{
	const struct abg_change_kind_info *k = abg_change_info(kind);
	printf("%s (change kind)\n  %s\n\nWhy it matters:\n  %s\n\n"
	       "Example:\n  %s\n\nClass: %s (default severity: %s)\n"
	       "Reported by: %s\n"
	       "Severity option: severity=%s=LEVEL, or severity=%s=LEVEL "
	       "for the class\n",
	       k->id, k->summary, k->why, k->example,
	       abg_change_class_name(k->cls), class_default(k->cls),
	       kind_rule(kind), k->id, abg_change_class_name(k->cls));
}

static void list_rules(void)
{
	for (size_t i = 0; i < abg_nrules; i++)
		printf("%-32s %s\n", abg_rules[i]->id, abg_rules[i]->summary);
}

static void list_kinds(void)
{
	for (int k = ABG_CHANGE_NONE + 1; k < ABG_NCHANGE_KINDS; k++) {
		const struct abg_change_kind_info *info = abg_change_info(k);
		printf("%-32s %-12s %s\n", info->id,
		       abg_change_class_name(info->cls), info->summary);
	}
}

static void markdown_kinds(void)
{
	puts("\n# Change kinds\n\nThe changes the rules above name, each "
	     "with a stable id: shown at the end of the note that describes "
	     "it (`note: field 'offset' was inserted at byte 16 "
	     "[field-inserted]`), in JSON as `changeKinds` (and `changeKind` "
	     "on the note), in SARIF as `properties.changeKinds`. A "
	     "*binary* change breaks programs already built: it has the "
	     "severity of the rule that reports it (error by default). A "
	     "*source-only* change breaks code only when it is compiled "
	     "again: a warning by default. A finding has the highest "
	     "severity of its changes. The `severity` option takes a class "
	     "or a kind as well as a rule: "
	     "`-fplugin-arg-abiguard-severity=source-only=error`, "
	     "`severity=field-renamed=off`, in `.abiguard` or "
	     "`ABIGUARD_OPTIONS` alike (a kind's setting wins over its "
	     "class's).\n\nNot changes: top-level qualifiers of by-value "
	     "parameters, parameter names, a typedef of the same type, "
	     "fields wrapped in an anonymous union or struct with their "
	     "offsets and sizes kept.\n\n| kind | class | summary |\n"
	     "|---|---|---|");
	for (int k = ABG_CHANGE_NONE + 1; k < ABG_NCHANGE_KINDS; k++) {
		const struct abg_change_kind_info *i = abg_change_info(k);
		printf("| [`%s`](#%s) | %s | %s |\n", i->id, i->id,
		       abg_change_class_name(i->cls), i->summary);
	}
	for (int k = ABG_CHANGE_NONE + 1; k < ABG_NCHANGE_KINDS; k++) {
		const struct abg_change_kind_info *i = abg_change_info(k);
		printf("\n## %s\n\n%s\n\n**Why it matters.** %s\n\n"
		       "**Example.** `%s`\n\n**Class:** %s (default severity: "
		       "%s). **Reported by:** %s.\n",
		       i->id, i->summary, i->why, i->example,
		       abg_change_class_name(i->cls), class_default(i->cls),
		       kind_rule((enum abg_change_kind)k));
	}
}

static void explain_markdown(void)
{
	puts("# Rule reference\n\n<!-- Generated by `abiguard explain "
	     "--markdown`; do not edit. -->\n\n| rule | summary | default |\n"
	     "|---|---|---|");
	for (size_t i = 0; i < abg_nrules; i++)
		printf("| [`%s`](#%s) | %s | %s |\n", abg_rules[i]->id,
		       abg_rules[i]->id, abg_rules[i]->summary,
		       abg_severity_name(abg_rules[i]->severity));
	for (size_t i = 0; i < abg_nrules; i++) {
		const struct abg_rule *r = abg_rules[i];
		printf("\n## %s\n\n%s\n\n**Why it matters.** %s\n\n**Does not "
		       "fire for.** %s\n\n**Required action.** %s\n\n**Default "
		       "severity:** %s. **Checked at:** %s.\n",
		       r->id, r->summary, r->why, r->when_not, r->action,
		       abg_severity_name(r->severity), scope_text(r->scopes));
	}
	markdown_kinds();
}

static int no_rule(const char *name)
{
	const char *near = abg_suggest(name, abg_severity_names());
	if (near && strcmp(near, name) == 0) /* "binary", "source-only" */
		return cli_usage_error("'%s' is a class of change kinds (see "
				       "'abiguard explain --list-kinds')",
				       name);
	if (near)
		return cli_usage_error(
			"no rule or change kind '%.64s' (did you "
			"mean '%s'? see 'abiguard explain "
			"--list')",
			name, near);
	return cli_usage_error("no rule or change kind '%.64s' (see "
			       "'abiguard explain --list')",
			       name);
}

int cmd_explain(int argc, char **argv)
{
	if (argc == 2 &&
	    (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		fputs(usage, stdout);
		return ABG_EXIT_CLEAN;
	}
	if (argc != 2) {
		fputs(usage, stderr);
		return ABG_EXIT_ERROR;
	}
	const char *what = argv[1];
	if (strcmp(what, "--list") == 0) {
		puts("Rules (findings end in [rule]):");
		list_rules();
		puts("\nChange kinds (notes end in [kind]; class binary: "
		     "error, source-only: warning):");
		list_kinds();
	} else if (strcmp(what, "--list-rules") == 0) {
		list_rules();
	} else if (strcmp(what, "--list-kinds") == 0) {
		list_kinds();
	} else if (strcmp(what, "--markdown") == 0) {
		explain_markdown();
	} else if (abg_rule_find(what)) {
		explain_rule(abg_rule_find(what));
	} else if (abg_change_find(what) != ABG_CHANGE_NONE) {
		explain_kind(abg_change_find(what));
	} else if (strncmp(what, "abiguard-", 9) == 0 &&
		   abg_rule_find(what + 9)) {
		/* The clang-tidy check name names the rule too. */
		explain_rule(abg_rule_find(what + 9));
	} else {
		return no_rule(what);
	}
	return ABG_EXIT_CLEAN;
}
