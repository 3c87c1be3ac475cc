/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libdemo: a small library shaped like GlusterFS's libgfapi, used to show
 * abiguard at work. Its ABI is versioned with demo.map:
 *   DEMO_1.0  the first release
 *   DEMO_1.1  demo_open() gained a mode; demo_set_log() was added
 */
#ifndef DEMO_H
#define DEMO_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Opaque: callers only hold pointers, so its layout is private. */
struct demo;

enum demo_mode {
	DEMO_MODE_READ,
	DEMO_MODE_WRITE,
	DEMO_MODE_APPEND
};

/* Filled by demo_get_info(); callers allocate it. */
struct demo_info {
	uint32_t version;
	uint32_t flags;
	uint64_t size;
	const char *name;
};

typedef void (*demo_log_fn)(void *opaque, int level, const char *message);

extern const unsigned int demo_abi_version;

struct demo *demo_open(const char *path, enum demo_mode mode);
int demo_close(struct demo *d);
ssize_t demo_read(struct demo *d, void *buf, size_t len);
int demo_get_info(struct demo *d, struct demo_info *info);
int demo_set_log(struct demo *d, demo_log_fn fn, void *opaque);

#endif
