/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef FIX_H
#define FIX_H
enum fix_mode {
	FIX_READ = 1,
	FIX_WRITE = 2
};

struct fix_req {
	int fd;
	unsigned int mode;
};

int fix_submit(struct fix_req *r);
#endif
