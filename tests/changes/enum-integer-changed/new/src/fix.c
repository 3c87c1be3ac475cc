/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fix.h"

enum fix_code fix_run(int x)
{
	return x ? FIX_BAD : FIX_OK;
}
