/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fix.h"

int fix_submit(struct fix_req *r)
{
	return r && r->mode == FIX_READ ? r->fd : -1;
}
