/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef FIX_H
#define FIX_H
union fix_s {
	int a;
	int b;
};

int fix_use(union fix_s *s);
#endif
