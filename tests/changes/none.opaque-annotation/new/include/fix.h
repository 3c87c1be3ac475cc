/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef FIX_H
#define FIX_H
#include "abiguard.h"
/* Defined here for the library's inline helpers; callers only ever hold
 * a pointer. */
struct ABIGUARD_OPAQUE fix_ctx {
	long cache;
	unsigned int flags;
	int refs;
	const char *name;
};

int fix_load(const char *path, struct fix_ctx *ctx);
#endif
