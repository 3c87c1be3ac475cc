#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every registered rule has its fixture directory, and every fixture
# directory is a registered rule.
#   registry.sh FIXTURES_DIR ABIGUARD
set -euo pipefail
dir=$1 abiguard=$2
rules=$("$abiguard" explain --list-rules | cut -d' ' -f1 | sort)
[ -n "$rules" ] || { echo "FAIL: 'abiguard explain --list-rules' lists no rule" >&2; exit 1; }
fixtures=$(find "$dir" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort)
status=0
for rule in $(comm -23 <(echo "$rules") <(echo "$fixtures")); do
	echo "FAIL: rule '$rule' has no fixture directory tests/rules/$rule/" >&2
	status=1
done
for fixture in $(comm -13 <(echo "$rules") <(echo "$fixtures")); do
	echo "FAIL: tests/rules/$fixture/ names no registered rule" >&2
	status=1
done
[ $status = 0 ] && echo "PASS: $(echo "$rules" | wc -l) rules, each with its fixtures"
exit $status
