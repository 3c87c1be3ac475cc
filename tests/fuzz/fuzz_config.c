/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the .abiguard config file (it arrives in pull
 * requests like the baseline), read from a file as the front ends read
 * it, then the options it produced queried as the rules query them. */
#include "abiguard/options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[] = "/tmp/abiguard-fuzz-config-XXXXXX";
static char path[sizeof dir + 16];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!path[0]) {
		if (!mkdtemp(dir))
			abort();
		snprintf(path, sizeof path, "%s/" ABG_CONFIG_NAME, dir);
	}
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	struct abg_options o;
	struct abg_error err;
	abg_options_init(&o);
	if (abg_options_load_config(&o, dir, &err) == 0) {
		abg_options_mode(&o);
		abg_options_severity(&o, "symbol-removed", ABG_SEVERITY_ERROR);
		abg_options_is_private_node(&o, "LIBFOO_PRIVATE_1.0");
		abg_options_accepted(&o, "symbol-removed",
				     "'foo@@LIBFOO_1.0' was removed");
	} else if (!memchr(err.message, '\0', sizeof err.message)) {
		abort(); /* an error message is always terminated */
	}
	abg_options_free(&o);
	return 0;
}
