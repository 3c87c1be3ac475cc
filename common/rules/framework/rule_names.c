/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "abiguard/rule_names.h"
#include "abiguard/changes.h"
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

const char *const *abg_severity_names(void)
{
	/* Built once, like abg_rule_ids(). */
	static const char **names;
	if (names)
		return names;
	size_t n = 0;
	names = calloc(abg_nrules + ABG_NCHANGE_KINDS + 3, sizeof *names);
	if (!names)
		abort();
	for (size_t i = 0; i < abg_nrules; i++)
		names[n++] = abg_rules[i]->id;
	for (int k = ABG_CHANGE_NONE + 1; k < ABG_NCHANGE_KINDS; k++)
		names[n++] = abg_change_info((enum abg_change_kind)k)->id;
	names[n++] = abg_change_class_name(ABG_CLASS_BINARY);
	names[n++] = abg_change_class_name(ABG_CLASS_SOURCE);
	return names;
}

int abg_rules_check_option_names(const struct abg_options *o,
				 struct abg_error *err)
{
	return abg_options_check_rule_names(o, abg_severity_names(),
					    abg_rule_ids(), err);
}
