#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The rule reference is generated from the rules themselves; a rule that
# changed its text without regenerating docs/rules.md fails here.
#   regenerate: abiguard explain --markdown > docs/rules.md
source "$(dirname "$0")/lib.bash"
docs=$(dirname "$0")/../../../docs/rules.md
"$abiguard" explain --markdown >"$work/rules.md"
diff -u "$docs" "$work/rules.md" || fail "docs/rules.md is out of date"
for rule in $("$abiguard" explain --list | cut -d' ' -f1); do
	grep -q "^## $rule\$" "$docs" || fail "no docs entry for $rule"
done
echo PASS
