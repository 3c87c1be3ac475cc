/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef FIX_H
#define FIX_H
#include <stddef.h>
/* libgpg-error: gpg_err_code_t is an enum of non-negative codes,
   gpg_error_t an unsigned int. */
typedef enum {
	FIX_ERR_NO_ERROR = 0,
	FIX_ERR_BAD = 5,
	FIX_ERR_EOF = 16383
} fix_err_code_t;
typedef unsigned int fix_error_t;
fix_error_t fix_decode(void *state, void *buffer, size_t length,
		       size_t *r_nbytes);
#endif
