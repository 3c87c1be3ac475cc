/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "abiguard/rule_names.h"
#include "abiguard/rules.h"

#include <stdlib.h>

const char *const *abg_rule_ids(void)
{
	/* Built once: the registry is fixed at link time. */
	static const char **ids;
	if (!ids) {
		ids = calloc(abg_nrules + 1, sizeof *ids);
		if (!ids)
			abort();
		for (size_t i = 0; i < abg_nrules; i++)
			ids[i] = abg_rules[i]->id;
	}
	return ids;
}

int abg_rules_check_option_names(const struct abg_options *o,
				 struct abg_error *err)
{
	return abg_options_check_rule_names(o, abg_rule_ids(), err);
}
