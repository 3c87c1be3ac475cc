/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the option parser behind -fplugin-arg-abiguard-KEY=
 * VALUE (both plugins), --KEY VALUE and ABIGUARD_OPTIONS. Each input line
 * is one KEY=VALUE argument, as a compiler hands it to the plugin. */
#include "abiguard/options.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (!text)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	struct abg_options o;
	struct abg_error err;
	abg_options_init(&o);
	for (char *line = text, *next; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		char *eq = strchr(line, '=');
		if (eq)
			*eq = '\0';
		/* GCC passes NULL for a key without '='. */
		if (abg_options_set(&o, line, eq ? eq + 1 : NULL,
				    "-fplugin-arg-abiguard-", &err) != 0 &&
		    strlen(err.message) >= sizeof err.message)
			abort();
	}
	abg_options_mode(&o);
	abg_options_severity(&o, "released-type-changed", ABG_SEVERITY_ERROR);
	abg_options_is_private_node(&o, "LIBFOO_PRIVATE_1.0");
	abg_options_accepted(&o, "released-type-changed",
			     "'struct foo' grew from 16 to 24 bytes");
	abg_options_free(&o);
	free(text);
	return 0;
}
