/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The rule registry. A rule is one file in common/rules/ (named after its
 * id, defining abg_rule_<id with '_' for '-'>, which registers it: the
 * registry is generated from the files), one `explain` text, one docs
 * entry (docs/rules.md) and its fixtures in tests/rules/<id>/.
 * Rules read the check context and report findings; they never parse,
 * never print, and never touch a compiler.
 */
#ifndef ABIGUARD_RULES_H
#define ABIGUARD_RULES_H

#include "abiguard/compare.h"
#include "abiguard/diag.h"
#include "abiguard/options.h"
#include "abiguard/reach.h"
#include "abiguard/vscript.h"

#ifdef __cplusplus
extern "C" {
#endif

enum abg_scope {
	ABG_SCOPE_TU = 1u,	/* one translation unit, in the compiler */
	ABG_SCOPE_LIBRARY = 2u, /* the linked library, post-link */
};

struct abg_check_ctx {
	const struct abg_options *options;
	const struct abg_model *baseline;  /* NULL: no baseline yet */
	const struct abg_model *current;   /* symbols resolved, with types */
	const struct abg_vscript *vscript; /* NULL: none given */
	const struct abg_reach *reach;	   /* over baseline */
	enum abg_scope scope;
	struct abg_sink *sink;
	const struct abg_rule *rule; /* the rule being run */
	size_t rule_findings;	     /* ... and the findings it made so far */
	/* The node the last finding was about, and whether it is private
	 * (private_nodes patterns); "" before the first. */
	char last_node[128];
	bool last_node_private;
};

struct abg_rule {
	const char *id;	      /* kebab-case; also the file name */
	const char *summary;  /* one line */
	const char *why;      /* why it breaks programs */
	const char *when_not; /* when it does not fire */
	const char *action;   /* what it requires */
	enum abg_severity severity;
	unsigned scopes; /* ABG_SCOPE_* */
	void (*check)(struct abg_check_ctx *ctx);
};

extern const struct abg_rule *const abg_rules[];
extern const size_t abg_nrules;
const struct abg_rule *abg_rule_find(const char *id);

/* Run every rule registered for `scope`. Returns the number of errors. */
size_t abg_rules_run(struct abg_check_ctx *ctx);

/* ---- helpers for rule implementations -------------------------------- */

/*
 * Start a finding of the running rule at loc. Severity is the rule's, after
 * configured overrides, lowered to a warning when `node` is private (changes
 * there are reported, never fatal). NULL when the rule is switched off.
 */
struct abg_finding *abg_rule_report(struct abg_check_ctx *ctx,
				    struct abg_location loc, const char *node,
				    const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/*
 * As abg_rule_report, for a finding about exported `symbol`: lowered to a
 * warning (with a note that says why) when the symbol is an internal entry
 * point (abg_ctx_symbol_internal).
 */
struct abg_finding *abg_rule_report_symbol(struct abg_check_ctx *ctx,
					   struct abg_location loc,
					   const char *node, const char *symbol,
					   const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/*
 * The severity of one change in the running rule: a binary change has the
 * rule's severity, a source-only change a warning (never more than the
 * rule's); the severity option overrides either by class ("binary",
 * "source-only") and then by the change's own id ("field-renamed").
 */
enum abg_severity abg_ctx_change_severity(const struct abg_check_ctx *ctx,
					  enum abg_change_kind kind);
/* Start a finding about the changes in d (ABG_SEVERITY_OFF ones left out):
 * its severity is the highest of theirs, as abg_rule_report adjusts it,
 * and lowered as abg_rule_report_symbol lowers it when `symbol` (may be
 * NULL) is an internal entry point. NULL when every change is off.
 * abg_ctx_note_changes adds their notes. */
struct abg_finding *
abg_rule_report_changes(struct abg_check_ctx *ctx, struct abg_location loc,
			const char *node, const char *symbol,
			const struct abg_layout_diff *d, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* One note per change that is not off: "text [kind-id]". */
void abg_ctx_note_changes(const struct abg_check_ctx *ctx,
			  struct abg_finding *f,
			  const struct abg_layout_diff *d);
/* Emit and free. */
void abg_rule_emit(struct abg_check_ctx *ctx, struct abg_finding *f);

bool abg_ctx_node_released(const struct abg_check_ctx *ctx, const char *node);
/* The library's soname differs from the baseline's: a new baseline
 * starts, nothing of the old one is frozen. */
bool abg_ctx_soname_changed(const struct abg_check_ctx *ctx);
/*
 * Is the ABI of baseline symbol `b` frozen? Symbols of released nodes are,
 * and so are symbols with only the base version (no node: no version
 * script, an anonymous one, or a name it does not list): the base version
 * is the soname's, released once the baseline records it. Nothing is
 * frozen after a soname bump.
 */
bool abg_ctx_symbol_frozen(const struct abg_check_ctx *ctx,
			   const struct abg_symbol *b);
/*
 * Is `symbol` an internal entry point, not public API? It matches the
 * `internal` patterns (default "_*"), a declaration of it carries
 * ABIGUARD_INTERNAL (this build's, or the baseline's API), or public headers are configured and
 * the declarations seen of it are all outside them (and the baseline's API
 * does not list it). Changes there are reported, never fatal.
 */
bool abg_ctx_symbol_internal(const struct abg_check_ctx *ctx,
			     const char *symbol);
/* Is struct `old` (of the baseline) growable: ABIGUARD_GROWABLE in the
 * release's header, or named by the `growable` option? */
bool abg_ctx_type_growable(const struct abg_check_ctx *ctx,
			   const struct abg_type *old);
/*
 * Did struct `old` (of the baseline), which is growable (above), marked as
 * size-prefixed or library-allocated, only grow at its end into `cur`:
 * fields appended, size and alignment not smaller, every old field at its
 * old offset with its old type (diff has no other change)? Callers built
 * against the old layout only know its prefix, which is unchanged.
 */
bool abg_ctx_growth_only(const struct abg_check_ctx *ctx,
			 const struct abg_type *old, const struct abg_type *cur,
			 const struct abg_layout_diff *diff);
/* "libfoo.so.1" (the baseline's soname) or "the library". */
const char *abg_ctx_base_version_name(const struct abg_check_ctx *ctx);
/* Notes for a change of a base-version symbol: the actions it needs. */
void abg_ctx_note_base_version_fix(struct abg_check_ctx *ctx,
				   struct abg_finding *f, const char *name);
/* Current default node of `name` (build side), or NULL. */
const char *abg_ctx_current_default_node(const struct abg_check_ctx *ctx,
					 const char *name);
/* A node name to propose for a change: the open public node if the
 * baseline has one, else the newest released public node with its last
 * number bumped. */
void abg_ctx_suggest_node(const struct abg_check_ctx *ctx,
			  struct abg_strbuf *out);
/* The same for a change about a symbol of `node`: a symbol of a private
 * node moves to a private node (the open one, or one named after the
 * public node proposed: GFAPI_3.7.1 -> GFAPI_PRIVATE_3.7.1). */
void abg_ctx_suggest_node_for(const struct abg_check_ctx *ctx, const char *node,
			      struct abg_strbuf *out);
/* The library's version: version= when given, else what the file name
 * said (library->version); NULL when neither says one. */
const char *abg_library_version(const struct abg_model *library,
				const struct abg_options *options);
/* The newest released node of the baseline (parent for new nodes). */
const char *abg_ctx_newest_released(const struct abg_check_ctx *ctx);
/* The newest released node that is not private (private-nodes=), or NULL:
 * the release order new nodes follow, seen through private nodes. */
const char *abg_ctx_newest_released_public(const struct abg_check_ctx *ctx);
/* Append "'a@@N', 'b@@N' and 3 more" for a list of baseline symbols. */
void abg_ctx_list_symbols(const struct abg_check_ctx *ctx,
			  const size_t *indices, size_t n,
			  struct abg_strbuf *out);
/* Spelling of a type of model m (caller frees). */
char *abg_ctx_spell(const struct abg_model *m, abg_type_id id);
/* Note pointing at a baseline entry: "the baseline (FILE:LINE) records ..." */
void abg_ctx_note_baseline(struct abg_finding *f, struct abg_location where,
			   const char *what);

#ifdef __cplusplus
}
#endif
#endif
