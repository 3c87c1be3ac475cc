/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fix.h"

int fix_load(const char *path, enum fix_kind kind)
{
	return path && kind < FIX_KIND_LAST ? (int)kind : -1;
}
