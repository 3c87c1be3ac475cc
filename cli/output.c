/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What a command prints besides its findings (--quiet, --verbose), and
 * GCC's colours on text findings (--color): bold location, red error,
 * magenta warning, cyan note, the rule id in the colour of its severity.
 */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct cli_output cli_output;

static bool color_wanted(enum cli_color color)
{
	if (color != CLI_COLOR_AUTO)
		return color == CLI_COLOR_ALWAYS;
	/* The conventions of GCC and of https://no-color.org. */
	const char *term = getenv("TERM");
	const char *no_color = getenv("NO_COLOR");
	return isatty(STDOUT_FILENO) && !(term && strcmp(term, "dumb") == 0) &&
	       !(no_color && *no_color);
}

void cli_output_setup(bool quiet, bool verbose, enum cli_color color)
{
	cli_output.quiet = quiet;
	cli_output.verbose = verbose && !quiet;
	cli_output.color = color_wanted(color);
}

void cli_verbose(const char *fmt, ...)
{
	if (!cli_output.verbose)
		return;
	va_list ap;
	fputs("abiguard: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_say(const char *fmt, ...)
{
	if (cli_output.quiet)
		return;
	va_list ap;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

static int parse_color(const char *v, enum cli_color *color)
{
	static const char *const words[] = {"auto", "always", "never"};
	for (int i = 0; i < 3; i++)
		if (strcmp(v, words[i]) == 0) {
			*color = (enum cli_color)i;
			return 1;
		}
	cli_usage_error("--color must be auto, always or never, not '%s'", v);
	return -1;
}

int cli_output_flag(const char *arg, const char *next, bool *used_next,
		    bool *quiet, bool *verbose, enum cli_color *color)
{
	*used_next = false;
	if (strcmp(arg, "--quiet") == 0 || strcmp(arg, "-q") == 0)
		return *quiet = true, 1;
	if (strcmp(arg, "--verbose") == 0 || strcmp(arg, "-v") == 0)
		return *verbose = true, 1;
	if (strncmp(arg, "--color=", 8) == 0)
		return parse_color(arg + 8, color);
	if (strcmp(arg, "--color") != 0)
		return 0;
	/* "--color" alone means always, as for ls and grep; "--color WHEN"
	 * only takes the next word when it is one. */
	if (next && (strcmp(next, "auto") == 0 || strcmp(next, "always") == 0 ||
		     strcmp(next, "never") == 0)) {
		*used_next = true;
		return parse_color(next, color);
	}
	*color = CLI_COLOR_ALWAYS;
	return 1;
}

/* ---- colours ---------------------------------------------------------------
 */

#define SGR_BOLD "\033[01m\033[K"
#define SGR_RESET "\033[m\033[K"

static const struct {
	const char *word; /* ": error: " as it follows the location */
	const char *sgr;
} severities[] = {
	{": error: ", "\033[01;31m\033[K"},
	{": warning: ", "\033[01;35m\033[K"},
	{": note: ", "\033[01;36m\033[K"},
};

/* One line "LOC: SEVERITY: message [rule]" coloured; other lines as
 * they are. */
static void color_line(const char *line, size_t len, struct abg_strbuf *out)
{
	for (size_t i = 0; i < sizeof severities / sizeof severities[0]; i++) {
		const char *w = severities[i].word;
		const char *hit = strstr(line, w);
		if (!hit || hit >= line + len)
			continue;
		size_t loc = (size_t)(hit - line);
		const char *msg = hit + strlen(w);
		size_t msg_len = len - (size_t)(msg - line);
		const char *rule = NULL;
		if (msg_len && msg[msg_len - 1] == ']') {
			for (const char *p = msg + msg_len - 1; p > msg; p--)
				if (*p == '[' && p[-1] == ' ') {
					rule = p;
					break;
				}
		}
		size_t text_len = rule ? (size_t)(rule - msg) : msg_len;
		abg_strbuf_printf(
			out,
			SGR_BOLD "%.*s:" SGR_RESET " %s%.*s" SGR_RESET " %.*s",
			(int)loc, line, severities[i].sgr, (int)(strlen(w) - 3),
			w + 2, (int)text_len, msg);
		if (rule)
			abg_strbuf_printf(out, "%s%.*s" SGR_RESET,
					  severities[i].sgr,
					  (int)(msg_len - text_len), rule);
		return;
	}
	abg_strbuf_append_n(out, line, len);
}

void cli_color_text(const char *text, struct abg_strbuf *out)
{
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		color_line(p, len, out);
		if (nl)
			abg_strbuf_append(out, "\n");
		p += len + (nl ? 1 : 0);
	}
}
