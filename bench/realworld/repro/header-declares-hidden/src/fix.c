/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fix.h"
int fix_insert_idx(void *list, size_t idx, void *data)
{
	return list && data ? (int)idx : -1;
}
int fix_open(const char *path)
{
	return fix_insert_idx((void *)path, 0, (void *)path);
}
