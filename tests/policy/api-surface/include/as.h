/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A release that declares and lists a name it never defines. */
#ifndef AS_H
#define AS_H

int as_open(const char *path);
int as_close(int fd);
/* Declared and listed in AS_1.0, but the release never defined it. */
int as_cloze(int fd);

#endif
