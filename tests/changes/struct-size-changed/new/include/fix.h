/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef FIX_H
#define FIX_H
struct fix_s {
	int a;
	int : 32;
};

int fix_use(struct fix_s *s);
#endif
