/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A gfapi-shaped header: every declaration tagged with its node by a
 * macro that expands to nothing (GFAPI_PUBLIC, GFAPI_PRIVATE). */
#ifndef GLFS_H
#define GLFS_H

#define GFAPI_PUBLIC(sym, ver)
#define GFAPI_PRIVATE(sym, ver)

struct glfs;
typedef struct glfs glfs_t;

glfs_t *glfs_new(const char *volname) GFAPI_PUBLIC(glfs_new, 3.4.0);
int glfs_init(glfs_t *fs) GFAPI_PUBLIC(glfs_init, 3.4.0);
int glfs_fini(glfs_t *fs) GFAPI_PUBLIC(glfs_fini, 3.4.0);
/* Seen only by the private node's function. */
struct glfs_upcall_event {
	int reason;
	int flags;
};
enum glfs_upcall_reason { GLFS_UPCALL_NONE, GLFS_UPCALL_INODE_INVALIDATE };

int glfs_process_upcall_event(glfs_t *fs, struct glfs_upcall_event *event, enum glfs_upcall_reason why)
	GFAPI_PRIVATE(glfs_process_upcall_event, 3.4.0);
extern long glfs_upcall_count GFAPI_PRIVATE(glfs_upcall_count, 3.4.0);
int glfs_get_volfile(glfs_t *fs, void *buf, int len)
	GFAPI_PUBLIC(glfs_get_volfile, 3.5.0);
int glfs_ipc(glfs_t *fs, int op) GFAPI_PUBLIC(glfs_ipc, 3.6.0);

#endif
