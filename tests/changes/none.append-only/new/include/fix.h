/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef FIX_H
#define FIX_H
#include "abiguard.h"
enum ABIGUARD_APPEND_ONLY fix_kind {
	FIX_KIND_FILE,
	FIX_KIND_PIPE,
	FIX_KIND_SOCKET,
	FIX_KIND_LAST
};

int fix_load(const char *path, enum fix_kind kind);
#endif
