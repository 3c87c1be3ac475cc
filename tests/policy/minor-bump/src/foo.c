/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "foo.h"

#include <stdio.h>

static const struct foo_info info = {1, "foo"};

void foo(void)
{
	puts("foo");
}

const struct foo_info *foo_info(void)
{
	return &info;
}
