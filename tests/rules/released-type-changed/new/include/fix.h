/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef FIX_H
#define FIX_H
struct fix_rect {
	int left;
	int width;
	int height;
};

int fix_area(const struct fix_rect *r);
#endif
