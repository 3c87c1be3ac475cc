/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * One table of option keys for every front end: the plugins' -fplugin-arg-
 * abiguard-KEY=VALUE, the CLI's --KEY VALUE and ABIGUARD_OPTIONS.
 */
#include "abiguard/options.h"
#include "abiguard/suggest.h"

#include <ctype.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

void abg_options_init(struct abg_options *o)
{
	memset(o, 0, sizeof *o);
	o->max_findings = ABG_DEFAULT_MAX_FINDINGS;
}

void abg_options_free(struct abg_options *o)
{
	free(o->public_paths);
	free(o->private_node_patterns);
	free(o->tag_macros);
	free(o->internal_patterns);
	free(o->growable_patterns);
	free(o->overrides);
	free(o->accepted);
	abg_arena_free(&o->arena);
	memset(o, 0, sizeof *o);
}

typedef int (*option_setter)(struct abg_options *o, const char *value,
			     const char *origin, struct abg_error *err);

static const char *keep(struct abg_options *o, const char *s)
{
	return abg_arena_strdup(&o->arena, s);
}

/* Untrusted text quoted back in a message: at most ECHO_MAX bytes, then
 * "..." (a config file or an argument may hold a 20 MB value). */
#define ECHO_MAX 64
struct echo {
	char text[ECHO_MAX + 4];
};

static const char *echo(struct echo *e, const char *s)
{
	size_t n = strlen(s);
	if (n <= ECHO_MAX)
		snprintf(e->text, sizeof e->text, "%s", s);
	else
		snprintf(e->text, sizeof e->text, "%.*s...", ECHO_MAX, s);
	return e->text;
}

/*
 * Name an option the way the user wrote it: origins that are prefixes
 * ("-fplugin-arg-abiguard-", "--") are glued to the key; others
 * ("ABIGUARD_OPTIONS") are named after it.
 */
static const char *option_name(const char *key, const char *origin, char *buf,
			       size_t size)
{
	size_t n = strlen(origin);
	struct echo k;
	echo(&k, key);
	if (n == 0)
		snprintf(buf, size, "%s", k.text);
	else if (origin[n - 1] == '-')
		snprintf(buf, size, "%s%s", origin, k.text);
	else
		snprintf(buf, size, "%s in %s", k.text, origin);
	return buf;
}

static int need_value(const char *key, const char *value, const char *origin,
		      struct abg_error *err)
{
	char name[160];
	if (value && *value)
		return 0;
	return abg_error_set(err, NULL, 0, "option '%s' needs a value",
			     option_name(key, origin, name, sizeof name));
}

/* Split "a:b:c" and call add for each non-empty part. */
static void split_list(struct abg_options *o, const char *value, char sep,
		       void (*add)(struct abg_options *, const char *))
{
	const char *start = value;
	for (const char *p = value;; p++) {
		if (*p == sep || *p == '\0') {
			if (p > start)
				add(o, abg_arena_strndup(&o->arena, start,
							 (size_t)(p - start)));
			if (!*p)
				break;
			start = p + 1;
		}
	}
}

static void add_public(struct abg_options *o, const char *path)
{
	*ABG_PUSH(o->public_paths, o->npublic, o->public_cap) = path;
}

static void add_private(struct abg_options *o, const char *pattern)
{
	*ABG_PUSH(o->private_node_patterns, o->nprivate, o->private_cap) =
		pattern;
}

static void add_internal(struct abg_options *o, const char *pattern)
{
	*ABG_PUSH(o->internal_patterns, o->ninternal, o->internal_cap) =
		pattern;
}

static void add_growable(struct abg_options *o, const char *pattern)
{
	*ABG_PUSH(o->growable_patterns, o->ngrowable, o->growable_cap) =
		pattern;
}

static int set_baseline(struct abg_options *o, const char *v,
			const char *origin, struct abg_error *err)
{
	if (need_value("baseline", v, origin, err))
		return -1;
	o->baseline = keep(o, v);
	return 0;
}

static int set_version_script(struct abg_options *o, const char *v,
			      const char *origin, struct abg_error *err)
{
	if (need_value("version-script", v, origin, err))
		return -1;
	o->version_script = keep(o, v);
	return 0;
}

static int set_public(struct abg_options *o, const char *v, const char *origin,
		      struct abg_error *err)
{
	if (need_value("public", v, origin, err))
		return -1;
	split_list(o, v, ':', add_public);
	return 0;
}

static int set_root(struct abg_options *o, const char *v, const char *origin,
		    struct abg_error *err)
{
	if (need_value("root", v, origin, err))
		return -1;
	o->root = keep(o, v);
	return 0;
}

static int set_sidecar(struct abg_options *o, const char *v, const char *origin,
		       struct abg_error *err)
{
	if (need_value("sidecar", v, origin, err))
		return -1;
	o->sidecar = keep(o, v);
	return 0;
}

bool abg_library_version_parse(const char *v, unsigned long *major,
			       unsigned long *minor)
{
	unsigned long n[2] = {0};
	size_t count = 0;
	for (const char *p = v; p && *p;) {
		char *end;
		if (!isdigit((unsigned char)*p))
			return false;
		unsigned long x = strtoul(p, &end, 10);
		if (count < 2)
			n[count] = x;
		count++;
		if (*end == '.' && isdigit((unsigned char)end[1]))
			p = end + 1;
		else if (*end)
			return false;
		else
			p = end;
	}
	if (count < 2)
		return false;
	*major = n[0];
	*minor = n[1];
	return true;
}

/*
 * libtool's -version-info CURRENT:REVISION:AGE names the file
 * libfoo.so.(CURRENT-AGE).AGE.REVISION on ELF systems: that is the
 * version the library has. "3:0:1" -> "2.1.0".
 */
static bool libtool_version(const char *v, char *out, size_t size)
{
	unsigned long c, r, a;
	char tail;
	if (sscanf(v, "%lu:%lu:%lu%c", &c, &r, &a, &tail) != 3 || a > c ||
	    !isdigit((unsigned char)*v))
		return false;
	snprintf(out, size, "%lu.%lu.%lu", c - a, a, r);
	return true;
}

static int set_library_version(struct abg_options *o, const char *v,
			       const char *origin, struct abg_error *err)
{
	if (need_value("version", v, origin, err))
		return -1;
	unsigned long major, minor;
	char libtool[96];
	if (libtool_version(v, libtool, sizeof libtool)) {
		o->library_version = keep(o, libtool);
		return 0;
	}
	if (abg_library_version_parse(v, &major, &minor)) {
		o->library_version = keep(o, v);
		return 0;
	}
	char name[160];
	struct echo e;
	return abg_error_set(err, NULL, 0,
			     "option '%s' must be MAJOR.MINOR[.MORE] (as in "
			     "libfoo.so.0.1) or libtool's "
			     "CURRENT:REVISION:AGE, not '%s'",
			     option_name("version", origin, name, sizeof name),
			     echo(&e, v));
}

/* A count: decimal digits only, at most a billion. */
static int set_max_findings(struct abg_options *o, const char *v,
			    const char *origin, struct abg_error *err)
{
	unsigned long n = 0;
	const char *p = v ? v : "";
	for (; *p >= '0' && *p <= '9' && n <= 1000000000ul; p++)
		n = n * 10 + (unsigned long)(*p - '0');
	if (p != v && !*p && n <= 1000000000ul) {
		o->max_findings = (unsigned)n;
		return 0;
	}
	char name[160];
	struct echo e;
	return abg_error_set(
		err, NULL, 0,
		"option '%s' must be a number of findings per "
		"rule (0: no limit), not '%s'",
		option_name("max-findings", origin, name, sizeof name),
		echo(&e, v ? v : ""));
}

static int set_mode(struct abg_options *o, const char *v, const char *origin,
		    struct abg_error *err)
{
	static const char *const names[] = {"check", "record", "off"};
	static const enum abg_mode modes[] = {ABG_MODE_CHECK, ABG_MODE_RECORD,
					      ABG_MODE_OFF};
	for (size_t i = 0; v && i < 3; i++)
		if (strcmp(v, names[i]) == 0) {
			o->mode = modes[i];
			return 0;
		}
	char name[160];
	struct echo e;
	return abg_error_set(err, NULL, 0,
			     "option '%s' must be check, record or off, "
			     "not '%s'",
			     option_name("mode", origin, name, sizeof name),
			     echo(&e, v ? v : ""));
}

static int set_private_nodes(struct abg_options *o, const char *v,
			     const char *origin, struct abg_error *err)
{
	if (need_value("private-nodes", v, origin, err))
		return -1;
	o->nprivate = 0;
	split_list(o, v, ':', add_private);
	return 0;
}

/* "GLOB[:GLOB]"; "none" (or an empty list) turns the default off. */
static int set_internal(struct abg_options *o, const char *v,
			const char *origin, struct abg_error *err)
{
	if (need_value("internal", v, origin, err))
		return -1;
	o->ninternal = 0;
	o->internal_set = true;
	if (strcmp(v, "none") != 0)
		split_list(o, v, ':', add_internal);
	return 0;
}

/* "GLOB[:GLOB]" of struct tags; "none" (or an empty list): no struct. */
static int set_growable(struct abg_options *o, const char *v,
			const char *origin, struct abg_error *err)
{
	if (need_value("growable", v, origin, err))
		return -1;
	o->ngrowable = 0;
	if (strcmp(v, "none") != 0)
		split_list(o, v, ':', add_growable);
	return 0;
}

/* "rule=level" */
static int add_override(struct abg_options *o, const char *item,
			const char *origin, struct abg_error *err)
{
	const char *eq = strchr(item, '=');
	enum abg_severity level;
	char name[160];
	struct echo e;
	if (!eq || eq == item || abg_severity_parse(eq + 1, &level) != 0)
		return abg_error_set(
			err, NULL, 0,
			"option '%s' expects RULE=LEVEL "
			"(off, note, warning, error), not '%s'",
			option_name("severity", origin, name, sizeof name),
			echo(&e, item));
	struct abg_severity_override *ov =
		ABG_PUSH(o->overrides, o->noverrides, o->overrides_cap);
	ov->rule_id = abg_arena_strndup(&o->arena, item, (size_t)(eq - item));
	ov->severity = level;
	ov->source = (struct abg_option_source){keep(o, origin), NULL, 0};
	return 0;
}

static int set_severity(struct abg_options *o, const char *v,
			const char *origin, struct abg_error *err)
{
	if (need_value("severity", v, origin, err))
		return -1;
	char *copy = abg_arena_strdup(&o->arena, v);
	for (char *item = copy, *next; item; item = next) {
		next = strchr(item, ',');
		if (next)
			*next++ = '\0';
		if (*item && add_override(o, item, origin, err))
			return -1;
	}
	return 0;
}

/* "RULE:NAME:JUSTIFICATION": the reason is part of the record, not optional. */
static int set_accept(struct abg_options *o, const char *v, const char *origin,
		      struct abg_error *err)
{
	char name[160];
	struct echo e;
	const char *c1 = v ? strchr(v, ':') : NULL;
	const char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
	const char *why = c2 ? c2 + 1 : NULL;
	while (why && *why == ' ')
		why++;
	if (!c1 || c1 == v || !c2 || c2 == c1 + 1 || !why || !*why)
		return abg_error_set(
			err, NULL, 0,
			"option '%s' expects RULE:NAME:JUSTIFICATION "
			"(an accepted break needs its reason), not "
			"'%s'",
			option_name("accept", origin, name, sizeof name),
			echo(&e, v ? v : ""));
	struct abg_accepted_break *a =
		ABG_PUSH(o->accepted, o->naccepted, o->accepted_cap);
	a->rule_id = abg_arena_strndup(&o->arena, v, (size_t)(c1 - v));
	a->name = abg_arena_strndup(&o->arena, c1 + 1, (size_t)(c2 - c1 - 1));
	a->justification = abg_arena_strdup(&o->arena, why);
	a->source = (struct abg_option_source){keep(o, origin), NULL, 0};
	return 0;
}

/* ---- tag-macro = MACRO:NAME:NODE[,MACRO:NAME:NODE...] ------------------ */

static bool is_identifier(const char *s, size_t n)
{
	if (!n || isdigit((unsigned char)s[0]))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_')
			return false;
	return true;
}

/* The highest {N} of a template, 0 for none; -1 when a brace is not a
 * placeholder {1}..{99}. */
static int highest_placeholder(const char *t)
{
	int highest = 0;
	for (const char *p = t; *p; p++) {
		if (*p == '}')
			return -1;
		if (*p != '{')
			continue;
		char *end;
		long n = strtol(p + 1, &end, 10);
		if (end == p + 1 || *end != '}' || n < 1 || n > 99 ||
		    !isdigit((unsigned char)p[1]))
			return -1;
		if (n > highest)
			highest = (int)n;
		p = end;
	}
	return highest;
}

static int tag_macro_error(const char *item, const char *origin,
			   const char *why, struct abg_error *err)
{
	char name[160];
	struct echo e;
	return abg_error_set(
		err, NULL, 0,
		"option '%s' expects MACRO:NAME:NODE (e.g. "
		"GFAPI_PUBLIC:{1}:GFAPI_{2}), not '%s': %s",
		option_name("tag-macro", origin, name, sizeof name),
		echo(&e, item), why);
}

static int add_tag_macro(struct abg_options *o, const char *item,
			 const char *origin, struct abg_error *err)
{
	const char *c1 = strchr(item, ':');
	const char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
	if (!c2)
		return tag_macro_error(item, origin, "three parts", err);
	if (!is_identifier(item, (size_t)(c1 - item)))
		return tag_macro_error(item, origin,
				       "the macro is not an identifier", err);
	char *name =
		abg_arena_strndup(&o->arena, c1 + 1, (size_t)(c2 - c1 - 1));
	const char *node = keep(o, c2 + 1);
	int name_args = highest_placeholder(name);
	int node_args = highest_placeholder(node);
	if (name_args < 0 || node_args < 0)
		return tag_macro_error(item, origin,
				       "a brace that is not {1}..{99}", err);
	if (*name && !name_args)
		return tag_macro_error(
			item, origin,
			"NAME names no argument ({N}); leave it empty for the "
			"declaration the macro is written on",
			err);
	if (!*node)
		return tag_macro_error(item, origin, "NODE is empty", err);
	struct abg_tag_macro *t =
		ABG_PUSH(o->tag_macros, o->ntag_macros, o->tag_macros_cap);
	t->macro = abg_arena_strndup(&o->arena, item, (size_t)(c1 - item));
	t->name = name;
	t->node = node;
	t->nargs = (unsigned)(name_args > node_args ? name_args : node_args);
	t->source = (struct abg_option_source){keep(o, origin), NULL, 0};
	return 0;
}

/* A list that adds up, like severity: several macros, in one value or in
 * several lines. */
static int set_tag_macro(struct abg_options *o, const char *v,
			 const char *origin, struct abg_error *err)
{
	if (need_value("tag-macro", v, origin, err))
		return -1;
	char *copy = abg_arena_strdup(&o->arena, v);
	for (char *item = copy, *next; item; item = next) {
		next = strchr(item, ',');
		if (next)
			*next++ = '\0';
		while (*item == ' ')
			item++;
		if (*item && add_tag_macro(o, item, origin, err))
			return -1;
	}
	return 0;
}

const struct abg_tag_macro *abg_options_tag_macro(const struct abg_options *o,
						  const char *macro)
{
	for (size_t i = 0; i < o->ntag_macros; i++)
		if (strcmp(o->tag_macros[i].macro, macro) == 0)
			return &o->tag_macros[i];
	return NULL;
}

bool abg_tag_macro_expand(const char *pattern, const char *const *args,
			  size_t nargs, struct abg_strbuf *out)
{
	abg_strbuf_reset(out);
	for (const char *p = pattern; *p; p++) {
		if (*p != '{') {
			abg_strbuf_append_n(out, p, 1);
			continue;
		}
		char *end;
		unsigned long n = strtoul(p + 1, &end, 10);
		if (n < 1 || n > nargs || !args[n - 1][0])
			return false;
		abg_strbuf_append(out, args[n - 1]);
		p = end;
	}
	return true;
}

static const struct {
	const char *key;
	option_setter set;
} option_table[] = {
	{"accept", set_accept},
	{"baseline", set_baseline},
	{"version-script", set_version_script},
	{"internal", set_internal},
	{"growable", set_growable},
	{"public", set_public},
	{"root", set_root},
	{"max-findings", set_max_findings},
	{"mode", set_mode},
	{"private-nodes", set_private_nodes},
	{"severity", set_severity},
	{"sidecar", set_sidecar},
	{"version", set_library_version},
	{"tag-macro", set_tag_macro},
};

/* "unknown option 'x' (did you mean 'y'? known: a, b, ...)", the list
 * from the table, so that a new key cannot be left out of it. */
static int unknown_option(const char *key, const char *origin,
			  struct abg_error *err)
{
	enum {
		nkeys = sizeof option_table / sizeof option_table[0]
	};
	const char *keys[nkeys + 1] = {0};
	struct abg_strbuf known = {0};
	for (size_t i = 0; i < nkeys; i++) {
		keys[i] = option_table[i].key;
		abg_strbuf_printf(&known, "%s%s", i ? ", " : "", keys[i]);
	}
	const char *near = abg_suggest(key, keys);
	char hint[96] = "";
	if (near)
		snprintf(hint, sizeof hint, "did you mean '%s'? ", near);
	char name[160];
	int rc =
		abg_error_set(err, NULL, 0, "unknown option '%s' (%sknown: %s)",
			      option_name(key, origin, name, sizeof name), hint,
			      abg_strbuf_cstr(&known));
	abg_strbuf_free(&known);
	return rc;
}

int abg_options_set(struct abg_options *o, const char *key, const char *value,
		    const char *origin, struct abg_error *err)
{
	for (size_t i = 0; i < sizeof option_table / sizeof option_table[0];
	     i++)
		if (strcmp(key, option_table[i].key) == 0)
			return option_table[i].set(o, value, origin, err);
	return unknown_option(key, origin, err);
}

int abg_options_apply_env(struct abg_options *o, struct abg_error *err)
{
	const char *env = getenv(ABG_OPTIONS_ENV);
	if (!env || !*env)
		return 0;
	char *copy = abg_arena_strdup(&o->arena, env);
	for (char *item = copy, *next; item; item = next) {
		next = strchr(item, ';');
		if (next)
			*next++ = '\0';
		while (*item == ' ')
			item++;
		if (!*item)
			continue;
		char *eq = strchr(item, '=');
		if (eq)
			*eq = '\0';
		if (abg_options_set(o, item, eq ? eq + 1 : NULL,
				    ABG_OPTIONS_ENV, err))
			return -1;
	}
	return 0;
}

enum abg_mode abg_options_mode(const struct abg_options *o)
{
	if (o->mode != ABG_MODE_DEFAULT)
		return o->mode;
	return o->baseline ? ABG_MODE_CHECK : ABG_MODE_RECORD;
}

enum abg_severity abg_options_severity(const struct abg_options *o,
				       const char *rule_id,
				       enum abg_severity rule_default)
{
	enum abg_severity s = rule_default;
	for (size_t i = 0; i < o->noverrides; i++)
		if (strcmp(o->overrides[i].rule_id, rule_id) == 0)
			s = o->overrides[i].severity;
	return s;
}

bool abg_options_is_private_node(const struct abg_options *o, const char *node)
{
	if (!node)
		return false;
	if (!o->nprivate)
		return fnmatch("*_PRIVATE*", node, 0) == 0;
	for (size_t i = 0; i < o->nprivate; i++)
		if (fnmatch(o->private_node_patterns[i], node, 0) == 0)
			return true;
	return false;
}

bool abg_options_is_internal(const struct abg_options *o, const char *symbol)
{
	if (!symbol)
		return false;
	if (!o->internal_set)
		return symbol[0] == '_';
	for (size_t i = 0; i < o->ninternal; i++)
		if (fnmatch(o->internal_patterns[i], symbol, 0) == 0)
			return true;
	return false;
}

bool abg_options_is_growable(const struct abg_options *o, const char *tag)
{
	for (size_t i = 0; tag && i < o->ngrowable; i++)
		if (fnmatch(o->growable_patterns[i], tag, 0) == 0)
			return true;
	return false;
}

/* Does the message quote `name` ('name' or 'name@...')? */
static bool names(const char *message, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = strchr(message, '\''); p; p = strchr(p + 1, '\''))
		if (strncmp(p + 1, name, n) == 0 &&
		    (p[n + 1] == '\'' || p[n + 1] == '@'))
			return true;
	return false;
}

const struct abg_accepted_break *
abg_options_accepted(const struct abg_options *o, const char *rule_id,
		     const char *message)
{
	for (size_t i = 0; i < o->naccepted; i++)
		if (strcmp(o->accepted[i].rule_id, rule_id) == 0 &&
		    names(message, o->accepted[i].name))
			return &o->accepted[i];
	return NULL;
}

bool abg_options_accepts_rule(const struct abg_options *o, const char *rule_id)
{
	for (size_t i = 0; i < o->naccepted; i++)
		if (strcmp(o->accepted[i].rule_id, rule_id) == 0)
			return true;
	return false;
}

/* ---- config file ------------------------------------------------------- */

#define CONFIG_MAX_SIZE (1u << 20)

static const char *const path_keys[] = {"baseline", "version-script", "public",
					"root", "sidecar"};

static bool is_path_key(const char *key)
{
	for (size_t i = 0; i < sizeof path_keys / sizeof path_keys[0]; i++)
		if (strcmp(key, path_keys[i]) == 0)
			return true;
	return false;
}

/* Did the command line already say something for this key? */
static bool already_set(const struct abg_options *o, const char *key)
{
	if (strcmp(key, "baseline") == 0)
		return o->baseline;
	if (strcmp(key, "version-script") == 0)
		return o->version_script;
	if (strcmp(key, "public") == 0)
		return o->npublic;
	if (strcmp(key, "root") == 0)
		return o->root;
	if (strcmp(key, "mode") == 0)
		return o->mode != ABG_MODE_DEFAULT;
	if (strcmp(key, "private-nodes") == 0)
		return o->nprivate;
	if (strcmp(key, "internal") == 0)
		return o->internal_set;
	if (strcmp(key, "growable") == 0)
		return o->ngrowable;
	if (strcmp(key, "sidecar") == 0)
		return o->sidecar;
	if (strcmp(key, "version") == 0)
		return o->library_version;
	return false; /* severity, accept: lists that add up */
}

/* "a:b" relative to dir, for path keys; other values unchanged. */
static char *resolve_paths(const char *dir, const char *key, const char *v)
{
	struct abg_strbuf sb = {0};
	if (!is_path_key(key)) {
		abg_strbuf_append(&sb, v);
		return sb.data;
	}
	for (const char *p = v; *p;) {
		const char *end = strchr(p, ':');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (sb.len)
			abg_strbuf_append(&sb, ":");
		if (*p != '/')
			abg_strbuf_printf(&sb, "%s/", dir);
		abg_strbuf_append_n(&sb, p, n);
		p += n + (end ? 1 : 0);
	}
	if (!sb.data)
		abg_strbuf_append(&sb, "");
	return sb.data;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	char *end = s + strlen(s);
	while (end > s &&
	       (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		*--end = '\0';
	return s;
}

/* The rule names a config line added remember that line. */
static void stamp_config_line(struct abg_options *o, size_t noverrides,
			      size_t naccepted, const char *path,
			      unsigned line_no)
{
	const char *file = keep(o, path);
	for (size_t i = noverrides; i < o->noverrides; i++) {
		o->overrides[i].source.file = file;
		o->overrides[i].source.line = line_no;
	}
	for (size_t i = naccepted; i < o->naccepted; i++) {
		o->accepted[i].source.file = file;
		o->accepted[i].source.line = line_no;
	}
}

static int apply_config_line(struct abg_options *o, const char *path,
			     const char *dir, unsigned line_no, char *line,
			     struct abg_error *err)
{
	char *hash = strchr(line, '#');
	if (hash)
		*hash = '\0';
	line = trim(line);
	if (!*line)
		return 0;
	char *eq = strchr(line, '=');
	struct echo e;
	if (!eq)
		return abg_error_set(err, path, line_no,
				     "expected 'KEY = VALUE', found '%s'",
				     echo(&e, line));
	*eq = '\0';
	char *key = trim(line), *value = trim(eq + 1);
	if (already_set(o, key))
		return 0;
	char *resolved = resolve_paths(dir, key, value);
	struct abg_error inner;
	size_t noverrides = o->noverrides, naccepted = o->naccepted;
	int rc = abg_options_set(o, key, resolved, "", &inner);
	free(resolved);
	if (rc)
		return abg_error_set(err, path, line_no, "%s", inner.message);
	stamp_config_line(o, noverrides, naccepted, path, line_no);
	return 0;
}

static int apply_config(struct abg_options *o, const char *path,
			const char *dir, struct abg_error *err)
{
	size_t len = 0;
	char *text = abg_read_file(path, &len, err);
	if (!text)
		return -1;
	/* A config file is a few lines; a huge one is a mistake or worse,
	 * and would cost its size several times over. */
	if (len > CONFIG_MAX_SIZE) {
		free(text);
		return abg_error_set(err, path, 0,
				     "larger than %u KiB: not a config file",
				     CONFIG_MAX_SIZE >> 10);
	}
	unsigned line_no = 0;
	int rc = 0;
	for (char *line = text, *next; line && rc == 0; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		rc = apply_config_line(o, path, dir, ++line_no, line, err);
	}
	free(text);
	if (rc == 0)
		o->config = abg_arena_strdup(&o->arena, path);
	return rc;
}

int abg_options_load_config(struct abg_options *o, const char *start_dir,
			    struct abg_error *err)
{
	char *dir = realpath(start_dir ? start_dir : ".", NULL);
	if (!dir)
		return 0;
	struct abg_strbuf path = {0};
	int rc = 0;
	for (;;) {
		abg_strbuf_reset(&path);
		abg_strbuf_printf(&path, "%s/%s", strcmp(dir, "/") ? dir : "",
				  ABG_CONFIG_NAME);
		if (access(path.data, F_OK) == 0) {
			rc = apply_config(o, path.data, dir, err);
			break;
		}
		char *slash = strrchr(dir, '/');
		if (!slash || slash == dir)
			break;
		*slash = '\0';
	}
	abg_strbuf_free(&path);
	free(dir);
	return rc;
}

/* ---- rule names ------------------------------------------------------------
 */

static int unknown_rule(const struct abg_option_source *src, const char *key,
			const char *rule, const char *const *known_ids,
			struct abg_error *err)
{
	char name[160];
	char hint[200] = "";
	struct echo e;
	const char *near = abg_suggest(rule, known_ids);
	if (near)
		snprintf(hint, sizeof hint, "did you mean '%s'? ", near);
	return abg_error_set(err, src->file, src->line,
			     "option '%s': no %s '%s' (%ssee 'abiguard "
			     "explain --list')",
			     option_name(key, src->file ? "" : src->origin,
					 name, sizeof name),
			     strcmp(key, "severity") == 0
				     ? "rule, change kind or class"
				     : "rule",
			     echo(&e, rule), hint);
}

int abg_options_check_rule_names(const struct abg_options *o,
				 const char *const *severity_names,
				 const char *const *rule_ids,
				 struct abg_error *err)
{
	for (size_t i = 0; i < o->noverrides; i++) {
		const struct abg_severity_override *ov = &o->overrides[i];
		if (!abg_name_known(ov->rule_id, severity_names))
			return unknown_rule(&ov->source, "severity",
					    ov->rule_id, severity_names, err);
	}
	for (size_t i = 0; i < o->naccepted; i++) {
		const struct abg_accepted_break *a = &o->accepted[i];
		if (!abg_name_known(a->rule_id, rule_ids))
			return unknown_rule(&a->source, "accept", a->rule_id,
					    rule_ids, err);
	}
	return 0;
}
