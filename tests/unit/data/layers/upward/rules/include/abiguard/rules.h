/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fixture: a rules header. */
#include "abiguard/model.h"
