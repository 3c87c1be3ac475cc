/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fix.h"

int fix_get(int x)
{
	return x + 1;
}

int fix_put(int x)
{
	return x - 1;
}

/* Bound to FIX_1.1 by hand, but FIX_1.1 does not list it. */
int fix_reset_1_1(void);
__asm__(".symver fix_reset_1_1, fix_reset@@FIX_1.1");

int fix_reset_1_1(void)
{
	return 0;
}
