/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef FIX_H
#define FIX_H
#include "abiguard.h"
struct fix_stat {
	unsigned long size;
	unsigned int mode;
	unsigned int uid;
	unsigned int gid;
	unsigned int spare ABIGUARD_RESERVED;
	unsigned long mtime;
};

int fix_load(const char *path, struct fix_stat *st);
#endif
