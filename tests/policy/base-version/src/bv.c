/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "bv.h"
#include "internal.h"

int bv_counter;
static enum bv_mode current;

int bv_open(struct bv_opts *opts, int fd)
{
	return opts->flags + opts->level + fd;
}

int bv_set_mode(enum bv_mode mode)
{
	current = mode;
	return current == BV_WRITE;
}

int bv_read(void *buf, unsigned n)
{
	bv_counter++;
	return buf ? (int)n : -1;
}

int _bv_init(int argc)
{
	return argc;
}

int bv_debug_level(int level)
{
	return level;
}
