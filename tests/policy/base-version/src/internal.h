/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Not installed: what the library's own programs call. */
int _bv_init(int argc);
int bv_debug_level(int level);
