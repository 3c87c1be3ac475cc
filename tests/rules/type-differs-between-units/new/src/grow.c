/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Built as if the header said long. */
#define FIX_WIDE 1
#include "fix.h"

int fix_grow(struct fix_rect *r)
{
	r->width++;
	return 0;
}
