/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "demo.h"

#include <stdlib.h>
#include <string.h>

struct demo {
	char *path;
	enum demo_mode mode;
	size_t offset;
	demo_log_fn log;
	void *log_opaque;
};

const unsigned int demo_abi_version = 0x0101;

/* DEMO_1.1: the current demo_open() takes a mode. */
struct demo *demo_open_1_1(const char *path, enum demo_mode mode);
__asm__(".symver demo_open_1_1, demo_open@@DEMO_1.1");

struct demo *demo_open_1_1(const char *path, enum demo_mode mode)
{
	struct demo *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	d->path = strdup(path);
	d->mode = mode;
	return d;
}

/* DEMO_1.0: programs linked against the first release call this one. */
struct demo *demo_open_1_0(const char *path);
__asm__(".symver demo_open_1_0, demo_open@DEMO_1.0");

struct demo *demo_open_1_0(const char *path)
{
	return demo_open_1_1(path, DEMO_MODE_READ);
}

int demo_close(struct demo *d)
{
	if (!d)
		return -1;
	free(d->path);
	free(d);
	return 0;
}

ssize_t demo_read(struct demo *d, void *buf, size_t len)
{
	if (!d || (!buf && len))
		return -1;
	memset(buf, 0, len);
	d->offset += len;
	return (ssize_t)len;
}

int demo_get_info(struct demo *d, struct demo_info *info)
{
	if (!d || !info)
		return -1;
	info->version = demo_abi_version;
	info->flags = (uint32_t)d->mode;
	info->size = d->offset;
	info->name = d->path;
	return 0;
}

int demo_set_log(struct demo *d, demo_log_fn fn, void *opaque)
{
	if (!d)
		return -1;
	d->log = fn;
	d->log_opaque = opaque;
	return 0;
}
