/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef FIX_H
#define FIX_H
typedef int fix_id;

int fix_get(fix_id x);
#endif
