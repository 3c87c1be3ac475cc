/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fix.h"

/* FIX_2.0: fix_get takes and returns a long. */
long fix_get_2_0(long x);
__asm__(".symver fix_get_2_0, fix_get@@FIX_2.0");

long fix_get_2_0(long x)
{
	return x + 1;
}

/* FIX_1.0, for programs linked before: but with the new signature, not
 * the one FIX_1.0 shipped. */
long fix_get_1_0(long x);
__asm__(".symver fix_get_1_0, fix_get@FIX_1.0");

long fix_get_1_0(long x)
{
	return fix_get_2_0(x);
}

int fix_put(int x)
{
	return x - 1;
}
