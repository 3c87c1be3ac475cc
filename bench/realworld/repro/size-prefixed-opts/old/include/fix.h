/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef FIX_H
#define FIX_H
#include <stddef.h>
/* libbpf's options structs: the caller sets sz = sizeof(struct), the
   library reads only the fields that fit in sz and refuses non-zero bytes
   it does not know (OPTS_VALID), so new fields are appended at the end,
   into the tail padding or growing the struct. */
struct fix_load_opts {
	size_t sz;
	unsigned int flags;
	size_t : 0;
};
struct fix_probe_opts {
	size_t sz;
	unsigned long long cookie;
	_Bool retprobe;
	size_t : 0;
};
int fix_load(const char *path, const struct fix_load_opts *opts);
int fix_probe(const char *name, const struct fix_probe_opts *opts);
#endif
