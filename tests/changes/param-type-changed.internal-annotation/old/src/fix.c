/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fix.h"

int fix_load(const char *path)
{
	return path ? 1 : 0;
}

int fix_debug_dump(int level)
{
	return level;
}
