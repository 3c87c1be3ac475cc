/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef FIX_H
#define FIX_H
#include <stddef.h>
int fix_open(const char *path);
/* json-c 0.18's arraylist.h declares array_list_insert_idx, which its
   json-c.sym leaves out on purpose ("intentionally not exported"). */
int fix_insert_idx(void *list, size_t idx, void *data);
#endif
