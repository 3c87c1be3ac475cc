/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fix.h"

const int fix_level = 1;
