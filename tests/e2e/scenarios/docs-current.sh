#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The rule reference is generated from the rules and the change catalog;
# a rule or kind that changed its text without regenerating docs/rules.md
# fails here, and so does a kind that explain does not cover.
#   regenerate: abiguard explain --markdown > docs/rules.md
source "$(dirname "$0")/lib.bash"
docs=$(dirname "$0")/../../../docs/rules.md
"$abiguard" explain --markdown >"$work/rules.md"
diff -u "$docs" "$work/rules.md" || fail "docs/rules.md is out of date"
for rule in $("$abiguard" explain --list-rules | cut -d' ' -f1); do
	grep -q "^## $rule\$" "$docs" || fail "no docs entry for $rule"
done
kinds=$("$abiguard" explain --list-kinds | cut -d' ' -f1)
[ -n "$kinds" ] || fail "'abiguard explain --list-kinds' lists no change kind"
"$abiguard" explain --list >"$work/list.txt"
for kind in $kinds; do
	grep -q "^## $kind\$" "$docs" || fail "no docs entry for change kind $kind"
	"$abiguard" explain "$kind" >"$work/kind.txt" ||
		fail "abiguard explain $kind failed"
	grep -q "^Class: " "$work/kind.txt" || fail "explain $kind: no class"
	grep -q "^$kind " "$work/list.txt" ||
		fail "abiguard explain --list does not list $kind"
done
echo PASS
