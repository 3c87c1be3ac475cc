/* SPDX-License-Identifier: GPL-3.0-or-later */
/* NetBSD's example library: no version script, the minor version in the
 * file name (libfoo.so.0.0, soname libfoo.so.0). */
#ifndef FOO_H
#define FOO_H

/* Allocated by the library: callers only read it through the pointer. */
struct foo_info {
	int version;
	const char *name;
};

void foo(void);
const struct foo_info *foo_info(void);

#endif
