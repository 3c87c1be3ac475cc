/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef FIX_H
#define FIX_H
#ifdef FIX_WIDE
typedef long fix_len;
#else
typedef int fix_len;
#endif

struct fix_rect {
	fix_len width;
	fix_len height;
};

int fix_area(const struct fix_rect *r);
int fix_grow(struct fix_rect *r);
#endif
