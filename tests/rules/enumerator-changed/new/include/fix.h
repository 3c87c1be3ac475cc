/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef FIX_H
#define FIX_H
enum fix_mode {
	FIX_READ,
	FIX_APPEND,
	FIX_WRITE,
};

int fix_open(enum fix_mode mode);
#endif
