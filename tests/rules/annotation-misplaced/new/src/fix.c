/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fix.h"

int fix_get(int x)
{
	return x + 1;
}

int fix_put(struct fix_pair *p, struct fix_cache *c)
{
	return p && c ? p->key + c->slots : 0;
}
