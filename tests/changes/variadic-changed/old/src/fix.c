/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fix.h"

int fix_get(const char *fmt)
{
	return *fmt;
}
