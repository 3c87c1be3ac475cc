#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# scripts/new-rule.sh, into a scratch root (never the source tree): the
# rule file it writes compiles against the core's headers, its fixture
# skeleton passes the harness with a real front end, and it refuses bad
# and existing ids without writing anything.
#   new-rule.sh SOURCE_DIR ABIGUARD [FRONTEND TOOL]
set -euo pipefail
src=$1 abiguard=$2 frontend=${3-} tool=${4-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
	echo "FAIL: $*" >&2
	exit 1
}
script=$src/scripts/new-rule.sh
mkdir -p "$work/root/common/rules" "$work/root/tests/rules"

"$script" --root "$work/root" frobnicate-widgets >"$work/out" ||
	fail "new-rule.sh failed: $(cat "$work/out")"
rule=$work/root/common/rules/frobnicate-widgets.c
fixture=$work/root/tests/rules/frobnicate-widgets
[ -f "$rule" ] || fail "no rule file"
for f in old/include/fix.h old/src/fix.c old/lib.map fixture.conf \
	compile.expected check.expected; do
	[ -e "$fixture/$f" ] || fail "fixture skeleton has no $f"
done
grep -q 'const struct abg_rule abg_rule_frobnicate_widgets = {' "$rule" ||
	fail "the rule's symbol is not the one the registry names"
grep -q '\.id = "frobnicate-widgets",' "$rule" || fail "the rule's id is not its file name"

# The rule file is C the core accepts, with every field the registry needs
# (the core's headers: common/include, or one include folder per layer).
includes=()
for dir in "$src"/common/include "$src"/common/*/include; do
	[ -d "$dir" ] && includes+=(-I"$dir")
done
cc -std=c11 -D_XOPEN_SOURCE=700 -Wall -Wextra -Werror "${includes[@]}" \
	-c "$rule" -o "$work/rule.o" || fail "the rule file does not compile"
nm "$work/rule.o" | grep -Eq ' [DR] abg_rule_frobnicate_widgets$' ||
	fail "the rule file defines no abg_rule_frobnicate_widgets"

# The skeleton is a fixture: new is old, so every step is silent.
if [ -n "$frontend" ]; then
	"$src/tests/rules/run-fixture.sh" "$fixture" "$abiguard" "$frontend" "$tool" ||
		fail "the fixture skeleton does not pass run-fixture.sh"
fi

# Refusals: exit 2, nothing written.
snapshot() { find "$work/root" -type f | sort | xargs md5sum; }
before=$(snapshot)
for bad in Bad_Id 9lives -leading trailing- 'two--dashes' 'sp ace' ../escape; do
	status=0
	"$script" --root "$work/root" "$bad" >/dev/null 2>&1 || status=$?
	[ $status = 2 ] || fail "new-rule.sh accepted the id '$bad' (exit $status)"
done
status=0
"$script" --root "$work/root" frobnicate-widgets >/dev/null 2>"$work/err" || status=$?
[ $status = 2 ] || fail "new-rule.sh accepted an existing rule (exit $status)"
grep -q "exists already" "$work/err" || fail "no word about the existing rule"
[ "$(snapshot)" = "$before" ] || fail "a refused id wrote files"
# An id whose fixture exists but whose rule file does not is taken too.
mkdir "$work/root/tests/rules/half-made"
status=0
"$script" --root "$work/root" half-made >/dev/null 2>&1 || status=$?
[ $status = 2 ] || fail "new-rule.sh accepted an id whose fixtures exist"
[ ! -e "$work/root/common/rules/half-made.c" ] || fail "a refused id wrote its rule file"
echo "PASS: new-rule.sh"
