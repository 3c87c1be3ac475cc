/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef FIX_H
#define FIX_H
#include "abiguard.h"
int fix_load(const char *path);
/* Exported for the library's own tools, not API. */
ABIGUARD_INTERNAL int fix_debug_dump(long level);
#endif
