/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef FIX_H
#define FIX_H
#define FIX_API __attribute__((visibility("default")))
FIX_API int fix_compress(const char *src, char *dst, int size);
/* lz4.h: functions for static linking only, declared for programs that
   define LZ4_STATIC_LINKING_ONLY and link liblz4.a; the shared library,
   built with -fvisibility=hidden, does not export them (their macro
   LZ4LIB_STATIC_API is empty). The library's own units define the macro. */
#ifdef FIX_STATIC_LINKING_ONLY
int fix_compress_fastReset(void *state, const char *src, char *dst, int size);
#endif
#endif
