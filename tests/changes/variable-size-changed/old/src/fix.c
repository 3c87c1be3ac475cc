/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fix.h"

struct fix_state {
	int a;
};

struct fix_state fix_state;
