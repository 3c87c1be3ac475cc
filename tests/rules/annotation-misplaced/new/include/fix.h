/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef FIX_H
#define FIX_H
#include "abiguard.h"
struct ABIGUARD_APPEND_ONLY fix_pair {
	int key;
	int value ABIGUARD_INTERNAL;
};
/* a copied header with a typo in it */
struct ABIGUARD_ATTRIBUTE_("opaqe") fix_cache {
	int slots;
};
int fix_get(int x) ABIGUARD_RESERVED;
int fix_put(struct fix_pair *p, struct fix_cache *c);
#endif
