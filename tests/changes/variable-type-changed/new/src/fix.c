/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fix.h"

long fix_level = 1;
