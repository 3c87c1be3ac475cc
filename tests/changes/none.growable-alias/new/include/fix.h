/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef FIX_H
#define FIX_H
#include <stddef.h>
/* The caller sets sz to the size it was built with. A field gets a second
 * name (libbpf's replace_prog_fd and replace_fd), and fields are appended. */
struct fix_load_opts {
	size_t sz;
	unsigned int flags;
	union {
		int replace_prog_fd;
		int replace_fd;
	};
	int relative_fd;
	unsigned long long revision;
	size_t : 0;
};

int fix_load(const char *path, const struct fix_load_opts *opts);
#endif
