/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Field-by-field comparison of two models, for tests (model_same.c). */
#ifndef ABIGUARD_TEST_MODEL_SAME_H
#define ABIGUARD_TEST_MODEL_SAME_H

#include "abiguard/model.h"

/* NULL when a and b are the same model; else what differs first. */
const char *abg_test_model_difference(const struct abg_model *a,
				      const struct abg_model *b);

#endif
