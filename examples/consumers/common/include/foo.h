/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libfoo: the small versioned library every consumer example builds. */
#ifndef FOO_H
#define FOO_H

struct foo_point {
	int x;
	int y;
};

int foo_add(int a, int b);
int foo_manhattan(const struct foo_point *p);
int foo_version(void); /* since FOO_1.1 */

#endif
