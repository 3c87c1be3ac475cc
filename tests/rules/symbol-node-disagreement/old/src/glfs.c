/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "glfs.h"

/* glusterfs's api/src/glfs-internal.h, before GCC 10. */
#define STR(str) #str
#define GFAPI_SYMVER_PUBLIC_DEFAULT(fn, ver)                                   \
	asm(".symver pub_" STR(fn) ", " STR(fn) "@@GFAPI_" STR(ver));
#define GFAPI_SYMVER_PRIVATE_DEFAULT(fn, ver)                                  \
	asm(".symver pub_" STR(fn) ", " STR(fn) "@@GFAPI_PRIVATE_" STR(ver));

int pub_glfs_init(int fs)
{
	return fs;
}
GFAPI_SYMVER_PUBLIC_DEFAULT(glfs_init, 3.4.0)

int pub_glfs_dtrt(const char *volname, void *stuff)
{
	return volname && stuff;
}
GFAPI_SYMVER_PUBLIC_DEFAULT(glfs_dtrt, 3.7.0)
