/* SPDX-License-Identifier: GPL-3.0-or-later */
/* In the shape of glusterfs's api/src/glfs.h: each declaration is tagged
 * with its node by a macro that expands to nothing on ELF systems. */
#ifndef GLFS_H
#define GLFS_H
#define GFAPI_PUBLIC(sym, ver) /**/
#define GFAPI_PRIVATE(sym, ver) /**/
#define __THROW

int glfs_init(int fs) __THROW GFAPI_PUBLIC(glfs_init, 3.4.0);
int glfs_dtrt(const char *volname, void *stuff) __THROW
        GFAPI_PUBLIC(glfs_dtrt, 3.7.0);
#endif
