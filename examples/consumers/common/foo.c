/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "foo.h"

int foo_add(int a, int b)
{
	return a + b;
}

int foo_manhattan(const struct foo_point *p)
{
	return (p->x < 0 ? -p->x : p->x) + (p->y < 0 ? -p->y : p->y);
}

int foo_version(void)
{
	return 11;
}
