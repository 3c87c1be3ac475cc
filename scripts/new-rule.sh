#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Start a new rule: its file with the explain text to fill in, and the
# skeleton of its fixture directory.
#   scripts/new-rule.sh [--root DIR] RULE-ID
# RULE-ID is kebab-case (a-z, 0-9, '-'); the rule must not exist yet.
# --root writes into another checkout (default: this one). The registry is
# generated from common/rules/, so nothing else needs an edit; the rule
# reference is regenerated with `abiguard explain --markdown`.
set -euo pipefail

usage() {
	echo "usage: scripts/new-rule.sh [--root DIR] RULE-ID" >&2
	exit 2
}

root=$(cd "$(dirname "$0")/.." && pwd)
if [ "${1-}" = --root ]; then
	[ $# -ge 2 ] || usage
	root=$2
	shift 2
fi
[ $# = 1 ] || usage
id=$1
if ! [[ "$id" =~ ^[a-z][a-z0-9]*(-[a-z0-9]+)*$ ]]; then
	echo "new-rule.sh: '$id' is not a rule id: kebab-case words, like" \
		"'symbol-removed'" >&2
	exit 2
fi
rule=$root/common/rules/$id.c
fixture=$root/tests/rules/$id
for dir in "$root/common/rules" "$root/tests/rules"; do
	[ -d "$dir" ] || { echo "new-rule.sh: no $dir" >&2; exit 2; }
done
for path in "$rule" "$fixture"; do
	if [ -e "$path" ]; then
		echo "new-rule.sh: rule '$id' exists already ($path)" >&2
		exit 2
	fi
done
symbol=abg_rule_${id//-/_}

cat >"$rule" <<RULE
/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * $id: TODO what the rule finds, in one sentence.
 */
#include "abiguard/rules.h"

static void check(struct abg_check_ctx *ctx)
{
	/* TODO: compare ctx->current with ctx->baseline (NULL before the
	 * first one) and report with abg_rule_report() / abg_rule_emit(). */
	(void)ctx;
}

const struct abg_rule $symbol = {
	.id = "$id",
	.summary = "TODO: what the rule finds, in one line.",
	.why = "TODO: why it breaks programs.",
	.when_not = "TODO: what it does not fire for.",
	.action = "TODO: what it requires",
	.severity = ABG_SEVERITY_ERROR,
	.scopes = ABG_SCOPE_TU | ABG_SCOPE_LIBRARY,
	.check = check,
};
RULE

mkdir -p "$fixture/old/include" "$fixture/old/src" "$fixture/new"
cat >"$fixture/old/include/fix.h" <<'HEADER'
/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef FIX_H
#define FIX_H
int fix_get(int x);
#endif
HEADER
cat >"$fixture/old/src/fix.c" <<'SOURCE'
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fix.h"

int fix_get(int x)
{
	return x + 1;
}
SOURCE
cat >"$fixture/old/lib.map" <<'MAP'
FIX_1.0 {
	global:
		fix_get;
	local:
		*;
};
MAP
cat >"$fixture/fixture.conf" <<'CONF'
# Build settings of this fixture: see tests/rules/README.md.
# standalone = yes
CONF
: >"$fixture/compile.expected"
: >"$fixture/check.expected"

cat <<NEXT
Created:
  common/rules/$id.c            the rule and its explain text (TODO)
  tests/rules/$id/              old/ a library as released; put the change in new/
Next:
  1. write the check and the texts in common/rules/$id.c
  2. write new/, then record and review the expected output:
       ABIGUARD_UPDATE_EXPECTED=1 tests/rules/run-fixture.sh tests/rules/$id \\
           build/cli/abiguard gcc build/gcc-plugin/abiguard.so
  3. build, then regenerate the rule reference:
       build/cli/abiguard explain --markdown >docs/rules.md
NEXT
