/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Options shared by every front end. The same KEY=VALUE pairs are accepted
 * as -fplugin-arg-abiguard-KEY=VALUE (GCC and Clang), as CLI options
 * (--KEY VALUE) and in the ABIGUARD_OPTIONS environment variable
 * ("key=value;key=value", applied after the command-line ones, so CI can
 * switch modes without editing build files). Unknown keys are an error that
 * names the key.
 */
#ifndef ABIGUARD_OPTIONS_H
#define ABIGUARD_OPTIONS_H

#include "abiguard/diag.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ABG_OPTIONS_ENV "ABIGUARD_OPTIONS"
/* Findings a rule shows per run unless max-findings says otherwise: enough
 * for any review, few enough that a version script listing a million names
 * nobody defines is judged in well under a second. */
#define ABG_DEFAULT_MAX_FINDINGS 1000u

enum abg_mode {
	ABG_MODE_DEFAULT = 0, /* check when a baseline is given, else record */
	ABG_MODE_CHECK,
	ABG_MODE_RECORD,
	ABG_MODE_OFF,
};

/* Where a rule name was given, to name it in an error: the config file
 * and line, or the option's origin ("--", "ABIGUARD_OPTIONS", ...). */
struct abg_option_source {
	const char *origin;
	const char *file; /* NULL unless from a config file */
	unsigned line;
};

struct abg_severity_override {
	const char *rule_id;
	enum abg_severity severity;
	struct abg_option_source source;
};

/* A break the maintainers decided to ship, with their reason. */
struct abg_accepted_break {
	const char *rule_id;
	const char *name; /* the symbol, type or node the finding names */
	const char *justification;
	struct abg_option_source source;
};

/*
 * A project's own header version tag, `tag-macro = MACRO:NAME:NODE`: an
 * invocation MACRO(a1, a2, ...) in a public header says that the symbol
 * NAME belongs to version node NODE, both templates in which {N} stands for
 * argument N (from 1). An empty NAME: the declaration the invocation is
 * written on. A NODE without {N} is one node for every invocation.
 * gfapi: "GFAPI_PUBLIC:{1}:GFAPI_{2}".
 */
struct abg_tag_macro {
	const char *macro;
	const char *name; /* "" for the declaration it is written on */
	const char *node;
	unsigned nargs; /* the highest {N} of either template */
	struct abg_option_source source;
};

struct abg_options {
	struct abg_arena arena;
	const char *baseline;	    /* path or NULL */
	const char *version_script; /* path or NULL */
	const char **public_paths;  /* directories or single header files */
	size_t npublic, public_cap;
	const char *root; /* project root for relative paths; NULL: derived */
	enum abg_mode mode;
	const char **private_node_patterns; /* globs; default "*_PRIVATE*" */
	size_t nprivate, private_cap;
	/* Exports that are not public API (globs); default "_*". */
	const char **internal_patterns;
	size_t ninternal, internal_cap;
	bool internal_set; /* the default was replaced */
	/* Tags of size-prefixed or library-allocated structs (globs): growth
	 * at their end is not a break. */
	const char **growable_patterns;
	size_t ngrowable, growable_cap;
	struct abg_severity_override *overrides;
	size_t noverrides, overrides_cap;
	struct abg_accepted_break *accepted;
	size_t naccepted, accepted_cap;
	struct abg_tag_macro *tag_macros;
	size_t ntag_macros, tag_macros_cap;
	const char *sidecar; /* summary output for -fsyntax-only runs */
	/* Findings each rule shows per run; past it they are counted (exit
	 * status, totals) but not shown. 0: no limit. */
	unsigned max_findings;
	/* The library's version (version=), "MAJOR.MINOR[.MORE]"; a
	 * libtool -version-info triple is stored as the file name it makes.
	 * NULL: the file name of the library says it. */
	const char *library_version;
	const char *config; /* the config file applied, or NULL */
};

void abg_options_init(struct abg_options *o);
void abg_options_free(struct abg_options *o);

/*
 * Apply one KEY=VALUE. Keys: baseline, version-script, public (DIR[:DIR]),
 * root, mode (check|record|off), private-nodes (GLOB[:GLOB]),
 * internal (GLOB[:GLOB], or none), growable (GLOB[:GLOB]),
 * severity (RULE=LEVEL[,RULE=LEVEL]), sidecar, max-findings (N, 0: all),
 * version (MAJOR.MINOR[.MORE], or libtool's CURRENT:REVISION:AGE),
 * accept (RULE:NAME:JUSTIFICATION; repeatable). `origin` names where the
 * pair came from, for the error message ("-fplugin-arg-abiguard-",
 * "ABIGUARD_OPTIONS"). Returns -1 with err set on an unknown key or a bad
 * value.
 */
int abg_options_set(struct abg_options *o, const char *key, const char *value,
		    const char *origin, struct abg_error *err);
/*
 * The project's config file, found like .clang-tidy: the nearest file
 * named ABG_CONFIG_NAME in start_dir or one of its parents. Lines are
 * "KEY = VALUE" with the keys above; '#' starts a comment; relative paths
 * are relative to the file's directory. The file only fills in what the
 * command line did not set. No file found: 0. Errors name file and line.
 */
#define ABG_CONFIG_NAME ".abiguard"
int abg_options_load_config(struct abg_options *o, const char *start_dir,
			    struct abg_error *err);
/*
 * Every name severity sets must be one of severity_names (rules, change
 * kinds and their classes), every rule accept names one of rule_ids (both
 * NULL-terminated; the layers above own the lists and pass them down).
 * Returns -1 with err naming the option or the config line, the name, and
 * the nearest known one when one is close: a misspelt rule would otherwise
 * leave its severity unchanged without a word.
 */
int abg_options_check_rule_names(const struct abg_options *o,
				 const char *const *severity_names,
				 const char *const *rule_ids,
				 struct abg_error *err);
/* Apply ABIGUARD_OPTIONS if set. */
int abg_options_apply_env(struct abg_options *o, struct abg_error *err);
/* The mode after ABG_MODE_DEFAULT is resolved. */
enum abg_mode abg_options_mode(const struct abg_options *o);
/* Severity of a rule after overrides. */
enum abg_severity abg_options_severity(const struct abg_options *o,
				       const char *rule_id,
				       enum abg_severity rule_default);
bool abg_options_is_private_node(const struct abg_options *o, const char *node);
/*
 * A library version "MAJOR.MINOR[.MORE...]" (numbers separated by dots):
 * its first two numbers. false when `v` is not one (no minor, a word).
 */
bool abg_library_version_parse(const char *v, unsigned long *major,
			       unsigned long *minor);
/* Does exported `symbol` match the internal patterns (default: a name
 * starting with '_')? */
bool abg_options_is_internal(const struct abg_options *o, const char *symbol);
/* Does struct tag `tag` match the growable patterns (default: none)? */
bool abg_options_is_growable(const struct abg_options *o, const char *tag);
/* The tag macro named `macro`, or NULL. */
const struct abg_tag_macro *abg_options_tag_macro(const struct abg_options *o,
						  const char *macro);
/*
 * A template of a tag macro with its arguments filled in, into out (reset
 * first). False when the template names an argument the invocation does
 * not have, or an argument is empty.
 */
bool abg_tag_macro_expand(const char *pattern, const char *const *args,
			  size_t nargs, struct abg_strbuf *out);
/* The accepted break covering a finding of rule_id whose message names
 * NAME (quoted, as every message quotes names), or NULL. */
const struct abg_accepted_break *
abg_options_accepted(const struct abg_options *o, const char *rule_id,
		     const char *message);
/* Some accepted break names rule_id. */
bool abg_options_accepts_rule(const struct abg_options *o, const char *rule_id);

#ifdef __cplusplus
}
#endif
#endif
