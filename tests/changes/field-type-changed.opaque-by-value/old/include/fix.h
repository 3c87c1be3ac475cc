/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef FIX_H
#define FIX_H
#include "abiguard.h"
/* Called opaque, yet returned by value: callers copy it. */
struct ABIGUARD_OPAQUE fix_id {
	unsigned int hi;
	unsigned int lo;
};

struct fix_id fix_load(const char *path);
#endif
