/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fix.h"

int fix_use(struct fix_s *s)
{
	return s != 0;
}
