/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fix.h"
static fix_err_code_t decode(void *state, size_t length, size_t *r_nbytes)
{
	*r_nbytes = state ? length : 0;
	return state ? FIX_ERR_NO_ERROR : FIX_ERR_BAD;
}
fix_err_code_t fix_decode(void *state, void *buffer, size_t length,
			  size_t *r_nbytes)
{
	(void)buffer;
	return decode(state, length, r_nbytes);
}
