/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef FIX_H
#define FIX_H
int fix_get(int x);
/* Declared by the release, never defined (it never linked). */
int fix_old(int x);
#endif
