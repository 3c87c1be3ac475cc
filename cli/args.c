/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cli.h"

#include "abiguard/rule_names.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_fail(const struct abg_error *err)
{
	char buf[1200];
	fprintf(stderr, "abiguard: %s\n",
		abg_error_format(err, buf, sizeof buf));
	return ABG_EXIT_ERROR;
}

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	fputs("abiguard: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return ABG_EXIT_ERROR;
}

static bool is_extra(const char *const *extra, const char *key)
{
	for (size_t i = 0; extra && extra[i]; i++)
		if (strcmp(extra[i], key) == 0)
			return true;
	return false;
}

static int set_format(struct cli_args *a, const char *v)
{
	static const char *const names[] = {"text", "json", "sarif"};
	for (int i = 0; i < 3; i++)
		if (strcmp(v, names[i]) == 0) {
			a->format = (enum abg_format)i;
			return 0;
		}
	cli_usage_error("--format must be text, json or sarif, not '%s'", v);
	return -1;
}

static int set_extra(struct cli_args *a, const char *key, const char *v)
{
	if (strcmp(key, "open-node") == 0)
		*ABG_PUSH(a->open_nodes, a->nopen, a->open_cap) = v;
	else if (strcmp(key, "report-md") == 0)
		a->report_md = v;
	else if (strcmp(key, "p") == 0)
		a->build_dir = v;
	return 0;
}

static int set_key(struct cli_args *a, const char *key, const char *v,
		   const char *const *extra)
{
	if (strcmp(key, "format") == 0)
		return set_format(a, v);
	if (is_extra(extra, key))
		return set_extra(a, key, v);
	struct abg_error err;
	if (abg_options_set(&a->options, key, v, "--", &err)) {
		cli_fail(&err);
		return -1;
	}
	return 0;
}

static bool is_help(const char *arg)
{
	return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

int cli_parse(struct cli_args *a, int argc, char **argv,
	      const char *const *extra)
{
	memset(a, 0, sizeof *a);
	abg_options_init(&a->options);
	bool quiet = false, verbose = false;
	enum cli_color color = CLI_COLOR_AUTO;
	/* --help wins wherever it stands: "update --baseline --help" must
	 * not take it for a file name. */
	for (int i = 1; i < argc; i++)
		if (is_help(argv[i]))
			return CLI_HELP;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		bool used_next = false;
		int flag =
			cli_output_flag(arg, i + 1 < argc ? argv[i + 1] : NULL,
					&used_next, &quiet, &verbose, &color);
		if (flag < 0)
			return -1;
		if (flag) {
			i += used_next;
			continue;
		}
		if (strcmp(arg, "--exit-code") == 0 &&
		    is_extra(extra, "exit-code")) {
			a->exit_code = true;
			continue;
		}
		bool dash_p = strcmp(arg, "-p") == 0 && is_extra(extra, "p");
		if (strncmp(arg, "--", 2) != 0 && !dash_p) {
			*ABG_PUSH(a->positional, a->npositional,
				  a->positional_cap) = arg;
			continue;
		}
		const char *key = dash_p ? "p" : arg + 2;
		const char *eq = strchr(key, '=');
		char name[64];
		const char *value;
		if (eq) {
			snprintf(name, sizeof name, "%.*s", (int)(eq - key),
				 key);
			value = eq + 1;
		} else {
			snprintf(name, sizeof name, "%s", key);
			if (i + 1 >= argc)
				return cli_usage_error("option '%s' needs a "
						       "value",
						       arg),
				       -1;
			value = argv[++i];
		}
		if (set_key(a, name, value, extra))
			return -1;
	}
	cli_output_setup(quiet, verbose, color);
	struct abg_error err;
	if (abg_options_load_config(&a->options, ".", &err) ||
	    abg_options_apply_env(&a->options, &err) ||
	    abg_rules_check_option_names(&a->options, &err)) {
		cli_fail(&err);
		return -1;
	}
	if (a->options.config)
		cli_verbose("config %s", a->options.config);
	return 0;
}

void cli_args_free(struct cli_args *a)
{
	abg_options_free(&a->options);
	free(a->positional);
	free(a->open_nodes);
}
