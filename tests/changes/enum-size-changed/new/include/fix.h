/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef FIX_H
#define FIX_H
enum __attribute__((packed)) fix_mode {
	FIX_A = 1
};

int fix_set(enum fix_mode m);
#endif
