/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fix.h"

int fix_get(const char *s, int a)
{
	return a + (s != 0);
}
