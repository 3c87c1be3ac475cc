/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef FIX_H
#define FIX_H
typedef void (*fix_cb)(int code);

int fix_register(fix_cb cb);
#endif
