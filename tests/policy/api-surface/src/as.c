/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "as.h"

int as_open(const char *path)
{
	return path ? 3 : -1;
}

int as_close(int fd)
{
	return fd < 0 ? -1 : 0;
}
