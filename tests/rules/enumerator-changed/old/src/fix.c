/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fix.h"

int fix_open(enum fix_mode mode)
{
	return mode == FIX_WRITE;
}
