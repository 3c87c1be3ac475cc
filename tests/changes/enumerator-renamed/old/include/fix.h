/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef FIX_H
#define FIX_H
enum fix_mode {
	FIX_A,
	FIX_B
};

int fix_set(enum fix_mode m);
#endif
