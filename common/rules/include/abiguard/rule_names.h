/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The registered rule ids as a NULL-terminated list: what the layers below
 * (config's option parser, report's NOLINT filter) check rule names
 * against, without knowing the registry.
 */
#ifndef ABIGUARD_RULE_NAMES_H
#define ABIGUARD_RULE_NAMES_H

#include "abiguard/options.h"

#ifdef __cplusplus
extern "C" {
#endif

const char *const *abg_rule_ids(void);
/* What the severity option may name: the rule ids, the change kinds and
 * the classes of change kinds ("binary", "source-only"). */
const char *const *abg_severity_names(void);

/* abg_options_check_rule_names() against the registry. */
int abg_rules_check_option_names(const struct abg_options *o,
				 struct abg_error *err);

#ifdef __cplusplus
}
#endif
#endif
