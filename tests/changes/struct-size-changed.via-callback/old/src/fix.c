/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fix.h"

int fix_register(fix_cb cb)
{
	return cb != 0;
}
