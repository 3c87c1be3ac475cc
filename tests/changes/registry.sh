#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The change catalog and its fixtures agree:
# - every kind of `abiguard explain --list-kinds` has a fixture directory
#   tests/changes/<kind>/;
# - every directory is <kind> or <kind>.<variant> of a listed kind, or
#   none.<variant> (a rewrite that must stay silent);
# - a kind's fixture produces that kind and no other: the "[id]" of every
#   note in its expected outputs is that kind's, and there is at least one;
#   a none.* fixture expects no output at all.
#   registry.sh FIXTURES_DIR ABIGUARD
set -euo pipefail
dir=$1 abiguard=$2
kinds=$("$abiguard" explain --list-kinds | cut -d' ' -f1 | sort)
[ -n "$kinds" ] || { echo "FAIL: 'abiguard explain --list-kinds' lists no kind" >&2; exit 1; }
status=0
fail() {
	echo "FAIL: $*" >&2
	status=1
}
for kind in $kinds; do
	[ -d "$dir/$kind" ] || fail "change kind '$kind' has no fixture tests/changes/$kind/"
done
for fixture in $(find "$dir" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort); do
	kind=${fixture%%.*}
	expected=("$dir/$fixture/compile.expected" "$dir/$fixture/check.expected")
	if [ "$kind" = none ]; then
		[ "$fixture" != none ] || fail "tests/changes/none/: name the rewrite (none.<variant>)"
		for f in "${expected[@]}"; do
			[ ! -s "$f" ] || fail "tests/changes/$fixture/: a rewrite that keeps the layout must be silent ($(basename "$f"))"
		done
		continue
	fi
	if ! grep -qx -- "$kind" <<<"$kinds"; then
		fail "tests/changes/$fixture/ names no change kind"
		continue
	fi
	# The kinds its notes name: "note: ... [id]" where id is a kind.
	named=$(cat "${expected[@]}" 2>/dev/null |
		sed -n 's/^[^ ]*: note: .* \[\([a-z0-9-]*\)\]$/\1/p' | sort -u |
		comm -12 - <(echo "$kinds"))
	[ "$named" = "$kind" ] ||
		fail "tests/changes/$fixture/ should produce exactly '$kind', its expected outputs name: $(echo $named)"
done
[ $status = 0 ] && echo "PASS: $(echo "$kinds" | wc -l) change kinds, each with its fixtures"
exit $status
