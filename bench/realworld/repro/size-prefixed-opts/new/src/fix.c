/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fix.h"
#include <string.h>
#define OPTS_HAS(opts, field)                                                  \
	((opts) && (opts)->sz >= offsetof(__typeof__(*(opts)), field) +        \
					 sizeof((opts)->field))
int fix_load(const char *path, const struct fix_load_opts *opts)
{
	return path && OPTS_HAS(opts, flags) ? (int)opts->flags : 0;
}
int fix_probe(const char *name, const struct fix_probe_opts *opts)
{
	return name && OPTS_HAS(opts, retprobe) ? opts->retprobe : 0;
}
