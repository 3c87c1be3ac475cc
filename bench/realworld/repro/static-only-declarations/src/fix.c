/* SPDX-License-Identifier: GPL-3.0-or-later */
#define FIX_STATIC_LINKING_ONLY
#include "fix.h"
int fix_compress_fastReset(void *state, const char *src, char *dst, int size)
{
	(void)state;
	for (int i = 0; i < size; i++)
		dst[i] = src[i];
	return size;
}
int fix_compress(const char *src, char *dst, int size)
{
	return fix_compress_fastReset((void *)0, src, dst, size);
}
