/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * One table of option keys for every front end: the plugins' -fplugin-arg-
 * abiguard-KEY=VALUE, the CLI's --KEY VALUE and ABIGUARD_OPTIONS.
 */
#include "abiguard/options.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void abg_options_init(struct abg_options *o)
{
	memset(o, 0, sizeof *o);
}

void abg_options_free(struct abg_options *o)
{
	free(o->public_paths);
	free(o->private_node_patterns);
	free(o->overrides);
	abg_arena_free(&o->arena);
	memset(o, 0, sizeof *o);
}

typedef int (*option_setter)(struct abg_options *o, const char *value,
			     const char *origin, struct abg_error *err);

static const char *keep(struct abg_options *o, const char *s)
{
	return abg_arena_strdup(&o->arena, s);
}

/*
 * Name an option the way the user wrote it: origins that are prefixes
 * ("-fplugin-arg-abiguard-", "--") are glued to the key; others
 * ("ABIGUARD_OPTIONS") are named after it.
 */
static const char *option_name(const char *key, const char *origin,
			       char *buf, size_t size)
{
	size_t n = strlen(origin);
	if (n && origin[n - 1] == '-')
		snprintf(buf, size, "%s%s", origin, key);
	else
		snprintf(buf, size, "%s in %s", key, origin);
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

static int set_baseline(struct abg_options *o, const char *v, const char *origin,
			struct abg_error *err)
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

static int set_sidecar(struct abg_options *o, const char *v,
		       const char *origin, struct abg_error *err)
{
	if (need_value("sidecar", v, origin, err))
		return -1;
	o->sidecar = keep(o, v);
	return 0;
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
	return abg_error_set(err, NULL, 0,
			     "option '%s' must be check, record or off, "
			     "not '%s'",
			     option_name("mode", origin, name, sizeof name),
			     v ? v : "");
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

/* "rule=level" */
static int add_override(struct abg_options *o, const char *item,
			const char *origin, struct abg_error *err)
{
	const char *eq = strchr(item, '=');
	enum abg_severity level;
	char name[160];
	if (!eq || eq == item || abg_severity_parse(eq + 1, &level) != 0)
		return abg_error_set(err, NULL, 0,
				     "option '%s' expects RULE=LEVEL "
				     "(off, note, warning, error), not '%s'",
				     option_name("severity", origin, name,
						 sizeof name),
				     item);
	struct abg_severity_override *ov =
		ABG_PUSH(o->overrides, o->noverrides, o->overrides_cap);
	ov->rule_id = abg_arena_strndup(&o->arena, item, (size_t)(eq - item));
	ov->severity = level;
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

static const struct {
	const char *key;
	option_setter set;
} option_table[] = {
	{"baseline", set_baseline},
	{"version-script", set_version_script},
	{"public", set_public},
	{"root", set_root},
	{"mode", set_mode},
	{"private-nodes", set_private_nodes},
	{"severity", set_severity},
	{"sidecar", set_sidecar},
};

int abg_options_set(struct abg_options *o, const char *key, const char *value,
		    const char *origin, struct abg_error *err)
{
	for (size_t i = 0; i < sizeof option_table / sizeof option_table[0];
	     i++)
		if (strcmp(key, option_table[i].key) == 0)
			return option_table[i].set(o, value, origin, err);
	char name[160];
	return abg_error_set(err, NULL, 0,
			     "unknown option '%s' (known: baseline, "
			     "version-script, public, root, mode, "
			     "private-nodes, severity, sidecar)",
			     option_name(key, origin, name, sizeof name));
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

bool abg_options_is_private_node(const struct abg_options *o,
				 const char *node)
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
