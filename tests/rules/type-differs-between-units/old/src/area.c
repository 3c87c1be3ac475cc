/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fix.h"

int fix_area(const struct fix_rect *r)
{
	return (int)(r->width * r->height);
}
