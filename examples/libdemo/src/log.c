/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A second translation unit: it sees the same public header, so the
 * plugin checks the header here too and embeds a second summary. */
#include "demo.h"

#include <stdio.h>

/* Internal helper: default visibility, but demo.map's "local: *" keeps it
 * out of the ABI, and no public header declares it. */
void demo_log_default(void *opaque, int level, const char *message)
{
	(void)opaque;
	fprintf(stderr, "demo[%d]: %s\n", level, message);
}
