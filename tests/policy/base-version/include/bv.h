/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A small library that exports only base-version symbols. */
#ifndef BV_H
#define BV_H

struct bv_opts {
	int flags;
	int level;
};

enum bv_mode { BV_READ, BV_WRITE };

extern int bv_counter;

int bv_open(struct bv_opts *opts, int fd);
int bv_set_mode(enum bv_mode mode);
int bv_read(void *buf, unsigned n);

#endif
