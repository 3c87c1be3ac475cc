/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef FIX_H
#define FIX_H
#include <stddef.h>
#include "abiguard.h"
/* The caller sets sz to the size it was built with. */
struct fix_load_opts {
	size_t sz;
	unsigned int flags;
};

int fix_load(const char *path, const struct fix_load_opts *opts);
#endif
