/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef FIX_H
#define FIX_H
#include <stddef.h>
struct fix_s {
	void *ctx;
};

int fix_use(struct fix_s *s);
#endif
