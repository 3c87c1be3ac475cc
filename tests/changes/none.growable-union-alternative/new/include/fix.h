/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef FIX_H
#define FIX_H
#include <stddef.h>
/* The caller sets sz to the size it was built with; flags says which of
 * the per-kind options the union holds. A new kind, bigger than the old
 * ones, makes the union and the struct grow at the end (libbpf's
 * bpf_link_create_opts gaining uprobe_multi). */
struct fix_load_opts {
	size_t sz;
	unsigned int flags;
	union {
		struct {
			long fd;
		} file;
		struct {
			const char *path;
			unsigned long long cookie;
		} uprobe;
	};
	size_t : 0;
};

int fix_load(const char *path, const struct fix_load_opts *opts);
#endif
