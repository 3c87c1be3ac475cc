/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fix.h"

int fix_load(const char *path, const struct fix_load_opts *opts)
{
	return path && opts ? (int)opts->sz : 0;
}
