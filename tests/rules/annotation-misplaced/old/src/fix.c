/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fix.h"

int fix_get(int x)
{
	return x + 1;
}
