/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef FIX_H
#define FIX_H
enum fix_code {
	FIX_OK = 0,
	FIX_BAD = 5
};

enum fix_code fix_run(int x);
#endif
