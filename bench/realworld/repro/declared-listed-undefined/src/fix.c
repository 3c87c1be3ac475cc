/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fix.h"
static size_t memlock = 64;
int fix_set_memlock_rlim(size_t memlock_bytes)
{
	memlock = memlock_bytes;
	return 0;
}
int fix_open(const char *path)
{
	return path ? (int)memlock : -1;
}
