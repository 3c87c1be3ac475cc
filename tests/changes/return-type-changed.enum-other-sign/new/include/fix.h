/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef FIX_H
#define FIX_H
/* A negative enumerator: the underlying type is int, no longer unsigned. */
enum fix_code {
	FIX_ERR = -1,
	FIX_OK = 0,
	FIX_BAD = 5
};

enum fix_code fix_run(int x);
#endif
