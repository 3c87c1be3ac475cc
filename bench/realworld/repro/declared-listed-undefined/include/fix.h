/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef FIX_H
#define FIX_H
#include <stddef.h>
#define FIX_API __attribute__((visibility("default")))
FIX_API int fix_open(const char *path);
/* libbpf 1.1.2's btf.h declares btf__new_split, and libbpf.map lists it in
   LIBBPF_0.3.0, but no unit defines it. */
FIX_API void *fix_new_split(const void *data, unsigned int size, void *base);
/* libbpf 1.1.2's bpf.h declares libbpf_set_memlock_rlim without LIBBPF_API:
   bpf.c defines it, the map lists it, -fvisibility=hidden hides it. */
int fix_set_memlock_rlim(size_t memlock_bytes);
#endif
