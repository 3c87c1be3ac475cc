/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef FIX_H
#define FIX_H
__attribute__((ms_abi)) int fix_get(int x);
#endif
