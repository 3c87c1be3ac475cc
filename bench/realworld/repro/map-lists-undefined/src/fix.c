/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fix.h"
int fix_open(const char *path)
{
	return path ? 0 : -1;
}
