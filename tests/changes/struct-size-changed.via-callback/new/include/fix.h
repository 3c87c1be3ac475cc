/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef FIX_H
#define FIX_H
struct fix_s {
	int a;
	int : 32;
};

typedef void (*fix_cb)(struct fix_s *s);

int fix_register(fix_cb cb);
#endif
