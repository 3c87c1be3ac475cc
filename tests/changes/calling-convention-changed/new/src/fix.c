/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fix.h"

__attribute__((ms_abi)) int fix_get(int x)
{
	return x;
}
