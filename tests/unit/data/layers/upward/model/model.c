/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fixture: the model reaching up into the rules. */
#include "abiguard/model.h"
#include "abiguard/rules.h"
