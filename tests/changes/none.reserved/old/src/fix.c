/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fix.h"

int fix_load(const char *path, struct fix_stat *st)
{
	return path && st ? (int)st->mode : 0;
}
