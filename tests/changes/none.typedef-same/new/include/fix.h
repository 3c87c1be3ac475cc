/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef FIX_H
#define FIX_H
typedef int fix_int;

int fix_get(fix_int x);
#endif
