/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef FIX_H
#define FIX_H
struct fix_state;

extern struct fix_state fix_state;
#endif
